"""The embedded backend: a whoosh index on local disk, segmented with jieba.

Layout of `SEARCH_INDEX_DIR`:

    CURRENT          name of the live generation (replaced atomically)
    gen-<stamp>/     a whoosh index plus `words.txt`, the segmentation vocabulary it was built with
    build.lock       held (flock) while a rebuild runs

Writers: the task worker only. Incremental writes go to the live generation under whoosh's own
write lock (an flock on `WRITELOCK`: the kernel releases it when the holder dies, so a file left
behind by a killed worker is not a held lock). A rebuild writes a new generation beside the live
one and switches `CURRENT` when it is complete: readers never see a half-built index, and a
rebuild killed midway leaves the old generation live; `recover()` deletes the leftovers.

Readers (web processes) keep one searcher per thread and reopen it when `CURRENT` or the
index's generation changes; per-segment state (ranks, cached filter sets) is shared by the
threads of a process (see `whoosh_search`). Rebuilds write with `whoosh_bulk`.

`SCHEMA` in a generation holds the schema version it was written with; another version makes
`exists()` false, so the worker rebuilds (readers keep using the old generation until then).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import threading
import time
import uuid
from collections.abc import Iterable
from contextlib import contextmanager
from datetime import UTC, date, datetime
from datetime import time as dtime
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from whoosh import index as windex
from whoosh.reading import ReaderClosed
from whoosh.writing import SegmentWriter

from search.backends.base import BaseSearchBackend, Hit, ParsedQuery, SearchFilters, SearchResults
from search.backends.whoosh_search import SegmentState, search_segments
from search.documents import SearchDocument
from search.schema import PAGE_RANK, SCHEMA_VERSION, build_schema
from search.segment import domain_words, get_segmenter

CURRENT = "CURRENT"
WORDS = "words.txt"
VERSION = "SCHEMA"  # the SCHEMA_VERSION a generation was written with (none: version 1)
BUILD_LOCK = "build.lock"
WRITE_TIMEOUT = 120.0
# Documents per segment in a rebuild: the bulk writer holds a segment's postings in memory
# (about 30 bytes a posting, some 150 postings a report: 25,000 reports ~ 110 MB).
SEGMENT_DOCS = 25_000
FACETS = (
    "channel",
    "finding",
    "priority",
    "satisfaction",
)  # seconds to wait for another writer (e.g. a second worker process)


def day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, dtime.min)).astimezone(UTC).replace(tzinfo=None)


def day_end(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, dtime.max)).astimezone(UTC).replace(tzinfo=None)


def _utc_naive(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    if timezone.is_aware(value):
        value = value.astimezone(UTC)
    return value.replace(tzinfo=None)


def whoosh_fields(doc: SearchDocument) -> dict:
    fields = {"id": doc.id, "kind": doc.kind, "version": doc.version, "text": f"{doc.title}\n{doc.text}"}
    fields["rank"] = PAGE_RANK if doc.kind == "page" else 0
    if doc.kind == "case":
        code = doc.region_code or ""
        facets = [f"region:{p}" for p in (code[:2], code[:4], code[:6]) if len(p) in (2, 4, 6)]
        facets += [f"category:{c}" for c in doc.categories]
        facets += [f"{name}:{getattr(doc, name)}" for name in FACETS if getattr(doc, name)]
        if doc.penalty is not None:
            facets.append("penalty:yes" if doc.penalty else "penalty:no")
        fields["facets"] = " ".join(facets)
        if doc.closed_at:
            fields["closed"] = _utc_naive(doc.closed_at)
            fields["rank"] = int(doc.closed_at.timestamp())
    return fields


def _open_searcher(gen_dir: Path, attempts: int = 5):
    """A searcher of the index's latest commit. The table of contents names segment files that a
    commit of the worker may delete before they are opened (a merge): read it again then."""
    for attempt in range(attempts):
        try:
            return windex.open_dir(str(gen_dir)).searcher()
        except FileNotFoundError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.01 * (attempt + 1))


class WhooshBackend(BaseSearchBackend):
    def __init__(self, options: dict | None = None):
        super().__init__(options)
        self.path = Path(self.options.get("PATH") or getattr(settings, "SEARCH_INDEX_DIR", None) or "")
        self.segment_docs = int(self.options.get("SEGMENT_DOCS", SEGMENT_DOCS))
        self._local = threading.local()
        self._segments: dict[tuple, SegmentState] = {}
        self._segments_lock = threading.Lock()

    # --- generations -----------------------------------------------------------------------

    def current_name(self) -> str | None:
        try:
            name = (self.path / CURRENT).read_text(encoding="ascii").strip()
        except FileNotFoundError:
            return None
        return name if name and (self.path / name).is_dir() else None

    def exists(self) -> bool:
        """A live generation written with this code's schema version. An older one still serves
        searches, but counts as missing for the writer: the worker's start-up reconciliation
        (or the next index task) then rebuilds the index."""
        name = self.current_name()
        return bool(name) and self._usable(self.path / name)

    @staticmethod
    def generation_version(gen_dir: Path) -> int:
        try:
            return int((gen_dir / VERSION).read_text(encoding="ascii").strip())
        except (FileNotFoundError, ValueError):
            return 1

    def _usable(self, gen_dir: Path) -> bool:
        return windex.exists_in(str(gen_dir)) and self.generation_version(gen_dir) == SCHEMA_VERSION

    def _set_current(self, name: str) -> None:
        tmp = self.path / f".{CURRENT}.{uuid.uuid4().hex}"
        with open(tmp, "w", encoding="ascii") as handle:
            handle.write(name)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.path / CURRENT)
        dir_fd = os.open(self.path, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)

    def _use_words(self, gen_dir: Path) -> None:
        segmenter = get_segmenter()
        if segmenter.words_key != str(gen_dir):
            words_file = gen_dir / WORDS
            words = words_file.read_text(encoding="utf-8").split("\n") if words_file.exists() else []
            segmenter.set_words(words, key=str(gen_dir))

    def _new_generation(self, words: Iterable[str]) -> Path:
        self.path.mkdir(parents=True, exist_ok=True)
        name = f"gen-{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
        gen_dir = self.path / name
        gen_dir.mkdir()
        (gen_dir / WORDS).write_text("\n".join(sorted(set(words))), encoding="utf-8")
        (gen_dir / VERSION).write_text(str(SCHEMA_VERSION), encoding="ascii")
        windex.create_in(str(gen_dir), build_schema())
        return gen_dir

    def _writable_index(self):
        """The live generation, created empty (domain words only) the first time."""
        name = self.current_name()
        if name is None or not self._usable(self.path / name):
            with self._build_lock():
                name = self.current_name()
                if name is None or not self._usable(self.path / name):
                    gen_dir = self._new_generation(domain_words())
                    self._set_current(gen_dir.name)
                    name = gen_dir.name
        gen_dir = self.path / name
        self._use_words(gen_dir)
        return windex.open_dir(str(gen_dir))

    @contextmanager
    def _build_lock(self, blocking: bool = True):
        self.path.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path / BUILD_LOCK, os.O_CREAT | os.O_RDWR, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
            except BlockingIOError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    # --- writing -----------------------------------------------------------------------------

    def index(self, docs: Iterable[SearchDocument]) -> int:
        docs = list(docs)
        if not docs:
            return 0
        ix = self._writable_index()
        writer = SegmentWriter(ix, timeout=WRITE_TIMEOUT, delay=0.05)
        try:
            for doc in docs:
                writer.update_document(**whoosh_fields(doc))
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        return len(docs)

    def delete(self, ids: Iterable[str]) -> int:
        ids = list(ids)
        if not ids or not self.exists():
            return 0
        ix = self._writable_index()
        writer = SegmentWriter(ix, timeout=WRITE_TIMEOUT, delay=0.05)
        try:
            for doc_id in ids:
                writer.delete_by_term("id", doc_id)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        return len(ids)

    def rebuild(self, docs: Iterable[SearchDocument], *, words: Iterable[str] = ()) -> int:
        with self._build_lock():
            previous = self.current_name()
            gen_dir = self._new_generation([*domain_words(), *words])
            self._use_words(gen_dir)
            ix = windex.open_dir(str(gen_dir))
            count = 0
            try:
                count = self._bulk_write(ix, docs)
            except BaseException:
                shutil.rmtree(gen_dir, ignore_errors=True)
                if previous:
                    self._use_words(self.path / previous)
                raise
            self._set_current(gen_dir.name)
            self._remove_generations(keep={gen_dir.name, previous})
        return count

    def _bulk_write(self, ix, docs: Iterable[SearchDocument]) -> int:
        """Write `docs` into the empty generation `ix`, one segment per `SEGMENT_DOCS` documents
        (bounds the writer's memory; see `whoosh_bulk`)."""
        from search.backends.whoosh_bulk import BulkSegmentWriter

        count = 0
        writer = None
        try:
            for doc in docs:
                if writer is None:
                    writer = BulkSegmentWriter(ix, timeout=WRITE_TIMEOUT)
                writer.add_document(**whoosh_fields(doc))
                count += 1
                if count % self.segment_docs == 0:
                    full, writer = writer, None
                    full.commit(merge=False)
            if writer is not None:
                last, writer = writer, None
                last.commit(merge=False)
        finally:
            if writer is not None:  # an error: release the generation's write lock
                writer.cancel()
        return count

    def optimize(self) -> None:
        ix = self._writable_index()
        ix.optimize()

    def recover(self) -> None:
        """Delete generations left by a rebuild that died (never one a rebuild is writing)."""
        with self._build_lock(blocking=False) as acquired:
            if acquired:
                name = self.current_name()
                self._remove_generations(keep={name} if name else set())

    def _remove_generations(self, keep: set) -> None:
        if not self.path.is_dir():
            return
        for child in self.path.iterdir():
            if child.is_dir() and child.name.startswith("gen-") and child.name not in keep:
                shutil.rmtree(child, ignore_errors=True)

    def versions(self) -> dict[str, str]:
        if not self.exists():
            return {}
        ix = self._writable_index()
        with ix.reader() as reader:
            return {fields["id"]: fields.get("version", "") for fields in reader.all_stored_fields()}

    # --- reading -----------------------------------------------------------------------------

    def _searcher(self):
        name = self.current_name()
        state = getattr(self._local, "state", None)
        if name is None:
            return None
        if state is None or state[0] != name:
            if state is not None:
                state[1].close()
            gen_dir = self.path / name
            if not windex.exists_in(str(gen_dir)):
                return None
            self._use_words(gen_dir)
            searcher = _open_searcher(gen_dir)
            self._local.state = (name, searcher)
            return searcher
        searcher = state[1]
        try:
            fresh = searcher.refresh()
        except (ReaderClosed, FileNotFoundError):
            # whoosh's refresh() re-uses the old segment readers; when the worker commits while
            # it reads the table of contents it retries with readers it has already closed, or
            # finds a segment the commit just merged away (both seen under load as 500s). A
            # fresh searcher of the same generation is correct.
            fresh = _open_searcher(self.path / name)
        if fresh is not searcher:
            self._local.state = (name, fresh)
        self._use_words(self.path / name)
        return fresh

    def search(
        self, query: ParsedQuery, filters: SearchFilters, *, offset: int = 0, limit: int = 10
    ) -> SearchResults:
        from search.query import filter_query, text_query

        if not query:
            return SearchResults(total=0)
        searcher = self._searcher()
        if searcher is None:
            return SearchResults(total=0)
        q = text_query(query.words, get_segmenter())
        filter_q = filter_query(filters)
        total, best = search_segments(
            searcher.leaf_searchers(),
            lambda reader: self._segment_state(searcher, reader),
            q,
            filter_q,
            filters,
            offset + limit,
        )
        hits = [
            Hit(id=searcher.stored_fields(docnum)["id"], score=float(rank))
            for rank, docnum in best[offset : offset + limit]
        ]
        return SearchResults(total=total, hits=hits)

    def _segment_state(self, searcher, reader) -> SegmentState:
        """One `SegmentState` per segment of the live generation, shared by the threads of the
        process; states of segments no longer live are dropped when a new one is made."""
        segment = reader.segment() if reader.is_atomic() else None
        key = (self.current_name(), segment.segment_id() if segment is not None else id(reader))
        state = self._segments.get(key)
        if state is None:
            state = SegmentState(reader)
            with self._segments_lock:
                live = {key}
                for sub, _offset in searcher.leaf_searchers():
                    seg = sub.reader().segment() if sub.reader().is_atomic() else None
                    live.add((key[0], seg.segment_id() if seg is not None else id(sub.reader())))
                self._segments = {k: v for k, v in self._segments.items() if k in live}
                self._segments[key] = state
        return state

    def close(self) -> None:
        state = getattr(self._local, "state", None)
        if state is not None:
            state[1].close()
            self._local.state = None
