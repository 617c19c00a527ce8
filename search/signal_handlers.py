"""Keep the index in step with what is public: enqueue, once the transaction commits.

Wagtail sends `published` / `unpublished` for snippets and for pages (after `page_published` /
`page_unpublished`), so two receivers cover reports and every page type. Retraction calls
`unpublish()`; a change of the other visibility fields (withheld, disclose, retracted on a
report that is not live) and deletions are caught from `post_save` / `post_delete`.
"""

from __future__ import annotations

import threading
from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import published, unpublished

from cases_public.models import CompletionReport

VISIBILITY_FIELDS = {"live", "disclose", "withheld_at", "retracted_at"}


# Objects to re-sync once the transaction commits, per thread: a batch of 500 published reports
# becomes one task. Syncing re-reads the database, so adding or removing is the same operation,
# and a pk left over from a rolled-back savepoint only costs a check.
_pending = threading.local()


def _enqueue(kind: str, pk: int) -> None:
    pending = getattr(_pending, kind, None)
    if pending is None:
        pending = set()
        setattr(_pending, kind, pending)
    pending.add(pk)
    transaction.on_commit(partial(_flush, kind))


def _flush(kind: str) -> None:
    from search import tasks

    pks = getattr(_pending, kind, None)
    setattr(_pending, kind, set())
    if pks:
        (tasks.sync_reports if kind == "reports" else tasks.sync_pages).enqueue(sorted(pks))


def _kind(instance) -> str | None:
    if isinstance(instance, CompletionReport):
        return "reports"
    if isinstance(instance, Page):
        return "pages"
    return None


def on_published(sender, instance, **kwargs):
    if kind := _kind(instance):
        _enqueue(kind, instance.pk)


on_unpublished = on_published


def on_report_saved(sender, instance, created, update_fields=None, **kwargs):
    if created:
        return
    if update_fields is not None:
        if VISIBILITY_FIELDS & set(update_fields):
            _enqueue("reports", instance.pk)
    elif instance.last_published_at and not instance.is_public:
        # Once public, now hidden by a full save (e.g. withheld): make sure it leaves the index.
        _enqueue("reports", instance.pk)


on_deleted = on_published


def register_signal_handlers() -> None:
    published.connect(on_published, dispatch_uid="search_published")
    unpublished.connect(on_unpublished, dispatch_uid="search_unpublished")
    post_save.connect(on_report_saved, sender=CompletionReport, dispatch_uid="search_report_saved")
    post_delete.connect(on_deleted, dispatch_uid="search_deleted")
