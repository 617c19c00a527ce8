"""The State Council's holiday arrangement for a year, entered by editors for the years the
`chinese_calendar` library does not cover yet."""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, HelpPanel

from cases_public.workdays import library_covers, parse_date_lines

LINES_HELP = "每行一个日期（2027-10-01）或一个日期区间（2027-10-01~2027-10-07），其后可加说明，如“国庆节”。"


class HolidayArrangement(models.Model):
    year = models.PositiveSmallIntegerField("年份", unique=True)
    holidays = models.TextField("放假日期", help_text="法定节假日及与之连休的日期。" + LINES_HELP)
    makeup_workdays = models.TextField(
        "调休上班日期", blank=True, help_text="因调休需要上班的周六、周日。" + LINES_HELP
    )
    source = models.CharField(
        "依据",
        max_length=200,
        help_text="国务院办公厅关于该年部分节假日安排的通知，写明文号，如“国办发明电〔2026〕X号”。",
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    panels = [
        HelpPanel(
            content=(
                "系统已内置 2004 年至当前日历库所覆盖年份的节假日安排；对于尚未覆盖的年份，请依据国务院办公厅通知录入。"
                "未录入前，涉及该年份的期限与工作日计算均标注为“估算”。"
            )
        ),
        FieldPanel("year"),
        FieldPanel("holidays"),
        FieldPanel("makeup_workdays"),
        FieldPanel("source"),
    ]

    class Meta:
        verbose_name = "节假日安排"
        verbose_name_plural = "节假日安排"
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year}年节假日安排"

    def holiday_dates(self):
        return parse_date_lines(self.holidays)

    def makeup_dates(self):
        return parse_date_lines(self.makeup_workdays)

    def clean(self):
        super().clean()
        errors = {}
        if self.year and library_covers(self.year):
            errors["year"] = f"{self.year}年的节假日安排已内置于日历库，无需录入。"
        for name, loader in (("holidays", self.holiday_dates), ("makeup_workdays", self.makeup_dates)):
            try:
                days = loader()
            except ValueError as exc:
                errors[name] = f"无法识别的日期：“{exc}”。" + LINES_HELP
                continue
            if self.year and any(day.year != self.year for day in days):
                errors[name] = f"所有日期都应在{self.year}年内。"
        if errors:
            raise ValidationError(errors)
        overlap = set(self.holiday_dates()) & set(self.makeup_dates())
        if overlap:
            listed = "、".join(day.isoformat() for day in sorted(overlap))
            raise ValidationError({"makeup_workdays": f"以下日期同时列为放假和上班：{listed}。"})
