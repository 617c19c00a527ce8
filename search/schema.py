"""The whoosh schema of the public search index and its jieba analyzer."""

from __future__ import annotations

from whoosh.analysis import Token, Tokenizer
from whoosh.columns import NumericColumn
from whoosh.fields import COLUMN, DATETIME, ID, KEYWORD, STORED, TEXT, Schema

from search.segment import Segmenter, get_segmenter, normalise


class JiebaTokenizer(Tokenizer):
    """A whoosh tokenizer over our own jieba instance (see `search.segment`).

    `pos` is the character offset of the token, so tokens of one word can be matched at exact
    offsets from each other; `startchar`/`endchar` are offsets in the original text (the
    normalisation keeps the length)."""

    def __init__(self, segmenter: Segmenter | None = None):
        self._segmenter = segmenter

    @property
    def segmenter(self) -> Segmenter:
        return self._segmenter or get_segmenter()

    def __eq__(self, other):
        return type(other) is type(self)

    def __getstate__(self):
        return {"_segmenter": None}

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            token.original = token.text = value
            token.boost = 1.0
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar = start_char
                token.endchar = start_char + len(value)
            yield token
            return
        for word, start, end in self.segmenter.tokens(normalise(value)):
            token.text = word
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = word
            if positions:
                token.pos = start_pos + start
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token


def chinese_analyzer() -> JiebaTokenizer:
    return JiebaTokenizer()


# Bumped whenever the schema or what goes into it changes: a generation written with another
# version is rebuilt by the worker (`WhooshBackend.exists()` reports it missing).
# 2: `rank` column (ranking by closing date, see `search.backends.whoosh_search`).
SCHEMA_VERSION = 2
# Rank of pages: above every report (a handful of site pages, listed first when they match).
PAGE_RANK = 2**62


def build_schema() -> Schema:
    """One document per public report or page. Text is indexed, not stored: snippets are built
    from the current public record at query time (see `search.results`)."""
    return Schema(
        id=ID(stored=True, unique=True),  # "case:<pk>" / "page:<pk>"
        kind=ID(stored=True),  # "case" / "page"
        version=STORED(),  # live revision + publish time, for reconciliation
        text=TEXT(analyzer=chinese_analyzer(), phrase=True),
        # Every exact-match filter in one field (fewer fields index faster): "region:34
        # region:3407 region:340705 category:air channel:letter finding:... penalty:yes".
        facets=KEYWORD(commas=False, scorable=False),
        closed=DATETIME(),
        # Ranking key, a per-document column (not indexed): closing time in seconds for reports,
        # PAGE_RANK for pages. Newest first.
        rank=COLUMN(NumericColumn("q", default=0)),
    )
