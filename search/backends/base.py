"""The small interface every search backend implements.

The portal calls only these methods: the tasks write through `index`, `delete`, `rebuild` and
read `versions` for reconciliation; the search page calls `search`. A backend never decides
what is public (the callers pass only documents built from `published()` and check hits
against `published()` again), so a PostgreSQL full-text or an OpenSearch backend is just
another subclass selected with the `SEARCH_BACKEND` setting (see README, "全文检索").
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from search.documents import SearchDocument


@dataclass(frozen=True)
class SearchFilters:
    """The public list page's filters. Empty values mean "no filter"."""

    region: str = ""  # 2, 4 or 6 digits: province, city, district
    categories: tuple[str, ...] = ()  # any of them
    channel: str = ""
    finding: str = ""
    priority: str = ""
    satisfaction: str = ""
    penalty: bool | None = None
    closed_from: date | None = None
    closed_to: date | None = None
    kind: str = ""  # "case" / "page"

    @property
    def cases_only(self) -> bool:
        """Any report filter excludes pages (they have no region, no category...)."""
        return bool(
            self.region
            or self.categories
            or self.channel
            or self.finding
            or self.priority
            or self.satisfaction
            or self.penalty is not None
            or self.closed_from
            or self.closed_to
        )


@dataclass(frozen=True)
class ParsedQuery:
    """What the user asked for: `words` are matched as whole strings (exact phrases), all of
    them required. Backends translate this, not the raw string."""

    raw: str
    words: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.words)


@dataclass
class Hit:
    id: str  # "case:<pk>" / "page:<pk>"
    score: float = 0.0


@dataclass
class SearchResults:
    total: int
    hits: list[Hit] = field(default_factory=list)


class BaseSearchBackend(ABC):
    """One index of public documents. Implementations must be safe for many reading processes
    and one writing process at a time (the task worker)."""

    def __init__(self, options: dict | None = None):
        self.options = options or {}

    # --- writing (task worker only) --------------------------------------------------------

    @abstractmethod
    def index(self, docs: Iterable[SearchDocument]) -> int:
        """Add or replace documents (by `id`). Returns the number written."""

    @abstractmethod
    def delete(self, ids: Iterable[str]) -> int:
        """Remove documents by id; unknown ids are ignored."""

    @abstractmethod
    def rebuild(self, docs: Iterable[SearchDocument], *, words: Iterable[str] = ()) -> int:
        """Replace the whole index with `docs`; readers keep the old index until the new one is
        complete. `words` is the segmentation vocabulary (for backends that segment)."""

    @abstractmethod
    def versions(self) -> dict[str, str]:
        """{id: version} of every indexed document, for reconciliation with `published()`."""

    def exists(self) -> bool:
        """Whether an index has been built (a first write then builds the whole index)."""
        return True

    def recover(self) -> None:  # noqa: B027 - optional hook
        """Clean up after a writer that died (called by the worker at start)."""

    # --- reading (web processes) -----------------------------------------------------------

    @abstractmethod
    def search(
        self, query: ParsedQuery, filters: SearchFilters, *, offset: int = 0, limit: int = 10
    ) -> SearchResults:
        """Hits `offset` to `offset + limit` of the ranking, best first, and the total number
        of matches (all of them, not only those returned)."""

    def parse(self, raw: str) -> ParsedQuery:
        """Split the user's input into words (backends may override, e.g. to segment)."""
        from search.query import split_words

        return ParsedQuery(raw=raw, words=tuple(split_words(raw)))
