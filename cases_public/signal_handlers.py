from django.utils import timezone
from wagtail.signals import unpublished

from cases_public.models import CompletionReport


def mark_unpublished_report_retracted(sender, instance, **kwargs):
    """A report taken offline by any other route (bulk action, expiry) counts as retracted, so the
    API status, the public notice and the statistics agree with what the public sees."""
    if instance.retracted_at is None and instance.withheld_at is None:
        CompletionReport.objects.filter(pk=instance.pk, retracted_at__isnull=True).update(
            retracted_at=timezone.now(), retraction_reason="在管理后台下线（未填写理由）"
        )


def register_signal_handlers():
    unpublished.connect(mark_unpublished_report_retracted, sender=CompletionReport)
