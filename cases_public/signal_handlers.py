"""Keep the precomputed statistics in step with the cases.

Statistics count every accepted case that is not retracted, so a new case (post_save on
creation), a change of dates, a retraction (`save(update_fields=[...])`), a withholding and
Wagtail's publish/unpublish all refresh the months the case falls into (its old and new
received and closed months). After commit, the months are marked (StatRefreshRequest) and a
task is enqueued; a task recounts every marked month, so bursts collapse.
"""

from __future__ import annotations

import threading

from django.db import transaction
from django.db.models.signals import post_init, post_save
from django.utils import timezone
from wagtail.signals import published, unpublished

from cases_public.aggregates import months_of
from cases_public.models import CompletionReport

_pending = threading.local()


def _remember_dates(sender, instance, **kwargs):
    instance._stat_dates = (instance.__dict__.get("received_at"), instance.__dict__.get("closed_at"))


def _enqueue_pending():
    months = getattr(_pending, "months", set())
    _pending.months = set()
    if months:
        from cases_public.models import StatRefreshRequest
        from cases_public.tasks import refresh_statistics

        for month in sorted(months):
            StatRefreshRequest.objects.update_or_create(month=month)
        refresh_statistics.enqueue()


def schedule_refresh(instance) -> None:
    months = months_of(instance.received_at, instance.closed_at, *getattr(instance, "_stat_dates", ()))
    instance._stat_dates = (instance.received_at, instance.closed_at)
    if not months:
        return
    pending = getattr(_pending, "months", None)
    if pending is None:
        pending = _pending.months = set()
    pending.update(months)
    # One callback per save: the first to run after commit takes every pending month, the
    # others find nothing left. Months of a rolled-back save go with the next commit.
    transaction.on_commit(_enqueue_pending)


def _report_saved(sender, instance, **kwargs):
    schedule_refresh(instance)


def _report_published(sender, instance, **kwargs):
    if isinstance(instance, CompletionReport):
        schedule_refresh(instance)


def mark_unpublished_report_retracted(sender, instance, **kwargs):
    """A report taken offline by any other route (bulk action, expiry) counts as retracted, so the
    API status, the public notice and the statistics agree with what the public sees."""
    if (
        isinstance(instance, CompletionReport)
        and instance.retracted_at is None
        and instance.withheld_at is None
    ):
        CompletionReport.objects.filter(pk=instance.pk, retracted_at__isnull=True).update(
            retracted_at=timezone.now(), retraction_reason="在管理后台下线（未填写理由）"
        )
        schedule_refresh(instance)


def register_signal_handlers():
    unpublished.connect(
        mark_unpublished_report_retracted, sender=CompletionReport, dispatch_uid="cases_public_retract"
    )
    post_init.connect(_remember_dates, sender=CompletionReport, dispatch_uid="cases_public_stat_dates")
    post_save.connect(_report_saved, sender=CompletionReport, dispatch_uid="cases_public_stat_saved")
    published.connect(_report_published, dispatch_uid="cases_public_stat_published")
    unpublished.connect(_report_published, dispatch_uid="cases_public_stat_unpublished")
