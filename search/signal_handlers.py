"""Keep the index in step with what is public: enqueue, once the transaction commits.

Wagtail sends `published` / `unpublished` for snippets and for pages (after `page_published` /
`page_unpublished`), so two receivers cover reports and every page type. Retraction calls
`unpublish()`; a change of the other visibility fields (withheld, disclose, retracted on a
report that is not live) and deletions are caught from `post_save` / `post_delete`.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import published, unpublished

from cases_public.models import CompletionReport

VISIBILITY_FIELDS = {"live", "disclose", "withheld_at", "retracted_at"}


def _enqueue(task, pk: int) -> None:
    transaction.on_commit(lambda: task.enqueue(pk))


def on_published(sender, instance, **kwargs):
    from search import tasks

    if isinstance(instance, CompletionReport):
        _enqueue(tasks.index_report, instance.pk)
    elif isinstance(instance, Page):
        _enqueue(tasks.index_page, instance.pk)


def on_unpublished(sender, instance, **kwargs):
    from search import tasks

    if isinstance(instance, CompletionReport):
        _enqueue(tasks.remove_report, instance.pk)
    elif isinstance(instance, Page):
        _enqueue(tasks.remove_page, instance.pk)


def on_report_saved(sender, instance, created, update_fields=None, **kwargs):
    from search import tasks

    if created:
        return
    if update_fields is not None:
        if VISIBILITY_FIELDS & set(update_fields):
            _enqueue(tasks.remove_report if not instance.is_public else tasks.index_report, instance.pk)
    elif instance.last_published_at and not instance.is_public:
        # Once public, now hidden by a full save (e.g. withheld): make sure it leaves the index.
        _enqueue(tasks.remove_report, instance.pk)


def on_deleted(sender, instance, **kwargs):
    from search import tasks

    if isinstance(instance, CompletionReport):
        _enqueue(tasks.remove_report, instance.pk)
    elif isinstance(instance, Page):
        _enqueue(tasks.remove_page, instance.pk)


def register_signal_handlers() -> None:
    published.connect(on_published, dispatch_uid="search_published")
    unpublished.connect(on_unpublished, dispatch_uid="search_unpublished")
    post_save.connect(on_report_saved, sender=CompletionReport, dispatch_uid="search_report_saved")
    post_delete.connect(on_deleted, dispatch_uid="search_deleted")
