"""Precomputed statistics: case counts per month and per dimension.

The statistics page reads only this table, so it costs the same at 1,000,000 cases as at 100.
Rows for one month are rebuilt from `CompletionReport.objects.counted()` by
`cases_public.tasks.refresh_statistics` whenever a case of that month is stored, retracted or
(un)published, and all months by `manage.py rebuild_statistics`.
"""

from django.db import models


class StatBasis(models.TextChoices):
    RECEIVED = "received", "按登记时间"
    CLOSED = "closed", "按办结时间"


class StatDimension(models.TextChoices):
    TOTAL = "total", "合计"
    CHANNEL = "channel", "信访方式"
    CATEGORY = "category", "污染类型"
    REGION = "region", "行政区域"  # key: district code; label: its name
    FINDING = "finding", "是否属实"
    DURATION = "duration", "办结用时（天）"  # key: calendar days, zero-padded
    DEADLINE = "deadline", "办理期限"  # key: within / over (stats.closed_within_deadline)


class CaseStatBucket(models.Model):
    """How many counted cases fell into (basis, month, dimension, key)."""

    month = models.DateField("月份")  # first day of the month, Asia/Shanghai
    basis = models.CharField("口径", max_length=16, choices=StatBasis.choices)
    dimension = models.CharField("维度", max_length=16, choices=StatDimension.choices)
    key = models.CharField("取值", max_length=32)
    label = models.CharField("名称", max_length=100, blank=True, default="")
    count = models.PositiveIntegerField("件数", default=0)

    class Meta:
        verbose_name = "统计汇总"
        verbose_name_plural = "统计汇总"
        constraints = [
            models.UniqueConstraint(fields=["month", "basis", "dimension", "key"], name="stat_bucket_unique")
        ]
        indexes = [models.Index(fields=["dimension", "key"], name="stat_bucket_dim_key")]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.basis} {self.dimension}={self.key}: {self.count}"


class StatRefreshRequest(models.Model):
    """A month whose statistics must be recounted. Saves mark months here and enqueue a task;
    a task recounts every month marked when it runs, so a burst of pushes (a batch of 500)
    costs a few recounts, not 500: later tasks find nothing left and return at once."""

    month = models.DateField("月份", unique=True)
    requested_at = models.DateTimeField("请求时间", auto_now=True)

    class Meta:
        verbose_name = "统计刷新请求"
        verbose_name_plural = "统计刷新请求"

    def __str__(self):
        return f"{self.month:%Y-%m}"
