"""The public search: backend hits, checked against `published()`, with highlighted snippets.

The index may lag the database by the time the worker needs to run a task, so every hit is
checked against the one definition of public before it is shown: one `pk__in` query for reports
and one for pages, covering the hits up to the requested page. A report retracted a moment ago
is therefore never shown, even if its removal task has not run.

Counting: the total is the backend's count minus the stale hits found among the hits checked.
A stale document ranked beyond the checked hits can still be counted (never shown) until the
worker removes it; pages are computed over the checked hits, so page contents are exact.

Snippets are built from the current public text of the record (the same text that is indexed,
from `search.documents`), escaped, with exact occurrences of the query words in `<mark>`.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.safestring import SafeString, mark_safe
from whoosh.analysis import Token
from whoosh.highlight import BasicFragmentScorer, ContextFragmenter, HtmlFormatter

from cases_public.choices import Category, Finding
from cases_public.models import CompletionReport
from search.backends import SearchFilters, get_backend
from search.backends.base import ParsedQuery
from search.documents import page_text as build_page_text
from search.documents import public_pages, report_text, report_title
from search.segment import get_segmenter, normalise

PER_PAGE = 10
MAX_PAGES = 50  # deeper pages are not useful and cost a longer ranking
OVERFETCH = 10  # extra hits checked so a page stays full when some hits are stale
SNIPPET_CHARS = 160


@dataclass
class ResultItem:
    kind: str  # "case" / "page"
    title: str
    url: str
    highlight: SafeString
    reference: str | None = None
    closed_at: datetime | None = None
    region_name: str = ""
    categories: list[str] = field(default_factory=list)
    finding: str = ""

    @property
    def kind_label(self) -> str:
        return "办结报告" if self.kind == "case" else "页面"


@dataclass
class SearchPage:
    query: str
    words: tuple[str, ...]
    total: int
    items: list[ResultItem]
    page: int
    per_page: int
    relaxed: bool = False  # no exact match: each word's parts were searched instead

    @property
    def num_pages(self) -> int:
        return min(MAX_PAGES, max(1, math.ceil(self.total / self.per_page)))

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def start_index(self) -> int:
        return (self.page - 1) * self.per_page + 1


def search_public(
    raw: str, filters: SearchFilters | None = None, page: int = 1, per_page: int = PER_PAGE
) -> SearchPage:
    filters = filters or SearchFilters()
    page = min(max(1, page), MAX_PAGES)
    backend = get_backend()
    parsed = backend.parse(raw)
    if not parsed:
        return SearchPage(query=raw, words=(), total=0, items=[], page=1, per_page=per_page)
    result = _run(backend, parsed, filters, page, per_page)
    if result.total == 0:
        relaxed = _relaxed(parsed)
        if relaxed is not None:
            result = _run(backend, relaxed, filters, page, per_page)
            result.relaxed = result.total > 0
            result.words = parsed.words if not result.relaxed else relaxed.words
    result.query = raw
    return result


def _relaxed(parsed: ParsedQuery) -> ParsedQuery | None:
    """`石料厂噪声` typed without a space: search its words (of two or more characters) apart."""
    segmenter = get_segmenter()
    words: list[str] = []
    for word in parsed.words:
        parts = [text for text, _s, _e in segmenter.cut(word) if len(text) >= 2]
        words.extend(parts if len(parts) >= 2 else [word])
    words = list(dict.fromkeys(words))
    if tuple(words) == parsed.words:
        return None
    return ParsedQuery(raw=parsed.raw, words=tuple(words))


def _run(backend, parsed: ParsedQuery, filters: SearchFilters, page: int, per_page: int) -> SearchPage:
    end = page * per_page
    found = backend.search(parsed, filters, offset=0, limit=end + OVERFETCH)
    case_pks = [int(h.id.split(":")[1]) for h in found.hits if h.id.startswith("case:")]
    page_pks = [int(h.id.split(":")[1]) for h in found.hits if h.id.startswith("page:")]
    reports = (
        {r.pk: r for r in CompletionReport.objects.published().filter(pk__in=case_pks)} if case_pks else {}
    )
    pages = {p.pk: p for p in public_pages().filter(pk__in=page_pks).specific()} if page_pks else {}
    visible = []
    stale = 0
    for hit in found.hits:
        kind, pk = hit.id.split(":")
        obj = (reports if kind == "case" else pages).get(int(pk))
        if obj is None:
            stale += 1
        else:
            visible.append((kind, obj))
    total = max(found.total - stale, len(visible))
    window = visible[(page - 1) * per_page : end]
    items = [_item(kind, obj, parsed.words) for kind, obj in window]
    return SearchPage(
        query=parsed.raw, words=parsed.words, total=total, items=items, page=page, per_page=per_page
    )


def _item(kind: str, obj, words) -> ResultItem:
    if kind == "case":
        return ResultItem(
            kind="case",
            title=report_title(obj),
            url=obj.get_url(),
            highlight=highlight(report_text(obj), words),
            reference=obj.reference,
            closed_at=obj.closed_at,
            region_name=obj.region_name,
            categories=[Category(code).label for code in obj.categories],
            finding=Finding(obj.finding).label if obj.finding in Finding.values else "",
        )
    return ResultItem(
        kind="page", title=obj.title, url=obj.url or "", highlight=highlight(build_page_text(obj), words)
    )


# --- snippets --------------------------------------------------------------------------------


def _match_tokens(text: str, words) -> list[Token]:
    """A token per character, except exact occurrences of the words (leftmost, longest first),
    which are single matched tokens; offsets are those of the original text."""
    norm = normalise(text)
    spans: list[tuple[int, int]] = []
    for word in sorted({w for w in words if w}, key=len, reverse=True):
        start = norm.find(word)
        while start != -1:
            end = start + len(word)
            if all(end <= s or start >= e for s, e in spans):
                spans.append((start, end))
            start = norm.find(word, start + 1)
    spans.sort()
    tokens: list[Token] = []
    queue = deque(spans)
    i = 0
    while i < len(text):
        if queue and queue[0][0] == i:
            start, end = queue.popleft()
            tokens.append(Token(text=text[start:end], startchar=start, endchar=end, matched=True, chars=True))
            i = end
        else:
            tokens.append(Token(text=text[i], startchar=i, endchar=i + 1, matched=False, chars=True))
            i += 1
    return tokens


class _MarkFormatter(HtmlFormatter):
    """`<mark>` around matches, no term classes; text escaped by whoosh's `htmlescape`."""

    template = "<%(tag)s>%(t)s</%(tag)s>"

    def __init__(self):
        super().__init__(tagname="mark", between=" … ")


def highlight(text: str, words, max_chars: int = SNIPPET_CHARS) -> SafeString:
    """An escaped excerpt of `text` around the words, matches in `<mark>`."""
    text = " ".join(text.split())
    tokens = _match_tokens(text, words)
    if any(t.matched for t in tokens):
        fragmenter = ContextFragmenter(maxchars=max_chars, surround=max_chars // 4, charlimit=None)
        scorer = BasicFragmentScorer()
        # Best two fragments (whoosh's top_fragments cannot break ties), shown in text order.
        ranked = sorted(fragmenter.fragment_tokens(text, tokens), key=lambda f: (-scorer(f), f.startchar))
        fragments = sorted(ranked[:2], key=lambda f: f.startchar)
        if fragments:
            return mark_safe(_MarkFormatter().format(fragments))  # noqa: S308 - escaped by the formatter
    formatter = _MarkFormatter()
    excerpt = text[:max_chars] + ("…" if len(text) > max_chars else "")
    return mark_safe(formatter._text(excerpt))  # noqa: S308 - escaped by the formatter
