"""Keep the precomputed statistics in step with the cases.

Statistics count every accepted case that is not retracted, so a new case (post_save on
creation), a change of dates, a retraction (`save(update_fields=[...])`), a withholding and
Wagtail's publish/unpublish (each saves the object first) all refresh the months the case falls into (its old and new
received and closed months). The months are marked (StatRefreshRequest) in the same
transaction, and after commit a task is enqueued unless one is already waiting; a task
recounts every marked month, so bursts collapse.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_init, post_save
from django.utils import timezone
from wagtail.signals import unpublished

from cases_public.aggregates import months_of
from cases_public.models import CompletionReport
from cases_public.rows import upsert_rows


def _remember_dates(sender, instance, **kwargs):
    instance._stat_dates = (instance.__dict__.get("received_at"), instance.__dict__.get("closed_at"))


def _enqueue_refresh():
    from cases_public.tasks import refresh_statistics
    from config.task_queue import enqueue_unless_waiting

    enqueue_unless_waiting(refresh_statistics)


def schedule_refresh_many(instances) -> None:
    """Mark the months of `instances` for recounting, in the caller's transaction (so a mark is
    never lost once the case is stored), and have a task run after commit."""
    from cases_public.models import StatRefreshRequest

    months = set()
    for instance in instances:
        months |= months_of(instance.received_at, instance.closed_at, *getattr(instance, "_stat_dates", ()))
        instance._stat_dates = (instance.received_at, instance.closed_at)
    if not months:
        return
    # One statement marks every month (an existing mark only gets a new time); months in order,
    # so that concurrent transactions lock the rows in the same order.
    upsert_rows(
        StatRefreshRequest,
        [StatRefreshRequest(month=month) for month in sorted(months)],
        unique="month",
        update=["requested_at"],
    )
    transaction.on_commit(_enqueue_refresh)


def schedule_refresh(instance) -> None:
    schedule_refresh_many([instance])


def _report_saved(sender, instance, **kwargs):
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
