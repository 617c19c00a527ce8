"""Keeping the index equal to what is public: the write side, run by the task worker.

Every operation re-reads the database and converges: `sync_reports([pk])` indexes the report
if `published()` has it and removes it otherwise, so tasks may run late, twice or out of order
and the index still ends up right. `reconcile()` diffs the whole index against `published()`
(ids and versions only) and repairs the difference: the worker runs it at start, which is what
makes a crash (SIGKILL mid-task, mid-rebuild) harmless.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from cases_public.models import CompletionReport
from search.backends import get_backend
from search.documents import (
    SearchDocument,
    case_id,
    page_document,
    page_id,
    parse_id,
    public_pages,
    published_report_rows,
    report_document,
    version_of,
)
from search.segment import domain_words, subject_name_words

logger = logging.getLogger(__name__)

CHUNK = 500


def _ensure_index() -> bool:
    """A first write builds the whole index (with the subject-name vocabulary)."""
    if get_backend().exists():
        return True
    rebuild()
    return False


def sync_reports(pks: Iterable[int]) -> None:
    pks = list(dict.fromkeys(int(pk) for pk in pks))
    if not pks or not _ensure_index():
        return
    backend = get_backend()
    for start in range(0, len(pks), CHUNK):
        chunk = pks[start : start + CHUNK]
        rows = {row["pk"]: row for row in published_report_rows(chunk)}
        backend.index(report_document(rows[pk]) for pk in chunk if pk in rows)
        backend.delete(case_id(pk) for pk in chunk if pk not in rows)


def sync_pages(pks: Iterable[int]) -> None:
    pks = list(dict.fromkeys(int(pk) for pk in pks))
    if not pks or not _ensure_index():
        return
    backend = get_backend()
    for start in range(0, len(pks), CHUNK):
        chunk = pks[start : start + CHUNK]
        pages = {page.pk: page for page in public_pages().filter(pk__in=chunk).specific()}
        backend.index(page_document(pages[pk]) for pk in chunk if pk in pages)
        backend.delete(page_id(pk) for pk in chunk if pk not in pages)


def vocabulary() -> list[str]:
    """Segmentation words from the subject names of published reports (refreshed at rebuild)."""
    known = domain_words()
    names = (
        CompletionReport.objects.published()
        .exclude(subject_name="")
        .values_list("subject_name", flat=True)
        .distinct()
        .iterator(chunk_size=5000)
    )
    words: set[str] = set()
    for name in names:
        words.update(subject_name_words(name, known))
    return sorted(words)


def all_documents() -> Iterator[SearchDocument]:
    for row in published_report_rows():
        yield report_document(row)
    for page in public_pages().specific().iterator(chunk_size=200):
        yield page_document(page)


def rebuild() -> int:
    """Build a fresh index from `published()` and the public pages, switch to it, then repair
    whatever changed while it was being built."""
    count = get_backend().rebuild(all_documents(), words=vocabulary())
    reconcile()
    return count


def wanted_versions() -> dict[str, str]:
    wanted = {
        case_id(pk): version_of(revision, published_at)
        for pk, revision, published_at in CompletionReport.objects.published()
        .values_list("pk", "live_revision_id", "last_published_at")
        .iterator(chunk_size=5000)
    }
    for pk, revision, published_at in public_pages().values_list(
        "pk", "live_revision_id", "last_published_at"
    ):
        wanted[page_id(pk)] = version_of(revision, published_at)
    return wanted


def reconcile() -> dict[str, int]:
    """Make the index hold exactly the public documents, in their current version."""
    backend = get_backend()
    backend.recover()
    if not backend.exists():
        count = rebuild()
        return {"rebuilt": count, "indexed": 0, "removed": 0}
    indexed = backend.versions()
    wanted = wanted_versions()
    extra = [doc_id for doc_id in indexed if doc_id not in wanted]
    changed = [doc_id for doc_id, version in wanted.items() if indexed.get(doc_id) != version]
    backend.delete(extra)
    cases = [parse_id(doc_id)[1] for doc_id in changed if doc_id.startswith("case:")]
    pages = [parse_id(doc_id)[1] for doc_id in changed if doc_id.startswith("page:")]
    sync_reports(cases)
    sync_pages(pages)
    if extra or changed:
        logger.info("Search index reconciled: %d indexed, %d removed", len(changed), len(extra))
    return {"rebuilt": 0, "indexed": len(changed), "removed": len(extra)}
