from django.db import models
from django.db.models import F


class ReferenceCounter(models.Model):
    """The last public case number issued per year (HJXF-2026-000123)."""

    year = models.PositiveIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "受理编号计数器"


def next_reference(year: int) -> str:
    """Issue the next reference for `year`. Call inside the transaction that stores the report:
    the row update takes the write lock, so two pushes never get the same number."""
    ReferenceCounter.objects.get_or_create(year=year)
    ReferenceCounter.objects.filter(year=year).update(last=F("last") + 1)
    last = ReferenceCounter.objects.values_list("last", flat=True).get(year=year)
    return f"HJXF-{year}-{last:06d}"
