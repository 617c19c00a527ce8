"""From what the user typed to a whoosh query.

Words are the parts of the input between spaces and punctuation. Each word must occur in the
document as written: a word that the segmenter keeps whole (or any two Chinese characters) is
one term; a longer word is cut into its tokens (`Segmenter.query_tiles`), which must stand at
exactly the character offsets they have in the word (a phrase, not an AND of sub-tokens). So `福临石料厂` does not match a document that only mentions
`福临` in one place and `石料厂` in another.
"""

from __future__ import annotations

import re
import unicodedata

from whoosh import query as wq
from whoosh.query.spans import SpanNear2

from search.backends.base import SearchFilters
from search.segment import Segmenter, normalise

MAX_WORDS = 8
MAX_WORD_CHARS = 40
# Kept inside a word: "18596-2001", "3.5", "mg/l", "90%".
_INNER = set("-./%_+#&")


def split_words(raw: str) -> list[str]:
    """Normalised words of the user's input, in order, without duplicates."""
    text = normalise(raw or "")
    words: list[str] = []
    current: list[str] = []
    for char in text:
        category = unicodedata.category(char)
        if char in _INNER or category[0] not in "PSZC":
            current.append(char)
        else:
            words.append("".join(current))
            current = []
    words.append("".join(current))
    cleaned = []
    for word in words:
        word = word.strip("".join(_INNER))[:MAX_WORD_CHARS]
        if word and any(c.isalnum() for c in word) and word not in cleaned:
            cleaned.append(word)
    return cleaned[:MAX_WORDS]


def word_query(word: str, segmenter: Segmenter, fieldname: str = "text") -> wq.Query:
    """Exact occurrence of one word: a term, or its tokens at their offsets within the word."""
    tiles = segmenter.query_tiles(word)
    if not tiles:
        return wq.NullQuery()
    if len(tiles) == 1 and tiles[0][0] == word:
        if len(word) == 1 and "\u4e00" <= word <= "\u9fd5":
            # A lone character is indexed inside its pairs: any token starting with it. Pairs
            # ending with it are not looked at, so this finds most, not all, occurrences.
            return wq.Or([wq.Term(fieldname, word), wq.Prefix(fieldname, word)])
        return wq.Term(fieldname, word)
    combined: wq.Query = wq.Term(fieldname, tiles[0][0])
    previous_start = tiles[0][1]
    for text, start, _end in tiles[1:]:
        distance = start - previous_start
        combined = SpanNear2(
            [combined, wq.Term(fieldname, text)], slop=distance, mindist=distance, ordered=True
        )
        previous_start = start
    # For `search.backends.whoosh_search`, which checks the offsets itself (much faster than
    # whoosh's span matcher); only when every token starts after the previous one, the case in
    # which the nested spans above mean exactly "token i at p + its offset in the word".
    starts = [start for _text, start, _end in tiles]
    if all(b > a for a, b in zip(starts, starts[1:], strict=False)):
        combined.tiles = [(fieldname, text, start - starts[0]) for text, start, _end in tiles]
    return combined


def text_query(words, segmenter: Segmenter, fieldname: str = "text") -> wq.Query:
    parts = [word_query(word, segmenter, fieldname) for word in words]
    if not parts:
        return wq.NullQuery()
    return parts[0] if len(parts) == 1 else wq.And(parts)


_REGION = re.compile(r"^\d{2}(?:\d{2}(?:\d{2})?)?$")


def region_term(region: str) -> str:
    """`34`, `3407`, `340705`; a padded code (`340700`, `340000`) means its prefix."""
    region = (region or "").strip()
    while len(region) in (4, 6) and region.endswith("00"):
        region = region[:-2]
    return region if _REGION.match(region) else ""


def filter_query(filters: SearchFilters) -> wq.Query | None:
    parts: list[wq.Query] = []
    if filters.kind in ("case", "page"):
        parts.append(wq.Term("kind", filters.kind))
    if filters.cases_only:
        parts.append(wq.Term("kind", "case"))
    region = region_term(filters.region)
    if filters.region:
        parts.append(wq.Term("facets", f"region:{region or '-'}"))
    if filters.categories:
        parts.append(wq.Or([wq.Term("facets", f"category:{c}") for c in filters.categories]))
    for name in ("channel", "finding", "priority", "satisfaction"):
        value = getattr(filters, name)
        if value:
            parts.append(wq.Term("facets", f"{name}:{value}"))
    if filters.penalty is not None:
        parts.append(wq.Term("facets", "penalty:yes" if filters.penalty else "penalty:no"))
    if filters.closed_from or filters.closed_to:
        from search.backends.whoosh import day_end, day_start

        parts.append(
            wq.DateRange(
                "closed",
                day_start(filters.closed_from) if filters.closed_from else None,
                day_end(filters.closed_to) if filters.closed_to else None,
            )
        )
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else wq.And(parts)
