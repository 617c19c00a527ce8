"""Leader reception notices (领导接访日预告) and their index.

Product rule: a notice goes live at least seven calendar days (7×24 h) before the reception starts.
It is checked in three places so that no path can make a notice live later than that:
- `clean()`: the admin form (draft, publish and schedule), `save_revision()` and every save of a
  live page (the publish action saves the page with `live=True`);
- `publish()`: `revision.publish()`, bulk publish, workflow approval and the scheduler;
- the `publish_scheduled` command (portal/management/commands) refuses a late scheduled
  publication without stopping the others.
A notice already live for the same reception time is exempt (fixing a typo in an archived notice).
"""

from __future__ import annotations

import contextvars
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.blocks import BaseStreamBlock

LEAD_TIME = timedelta(days=7)
# The scheduler (cron running `publish_scheduled`) may start a little after the scheduled time:
# within this grace the scheduled moment, which was checked when it was set, still counts.
SCHEDULER_GRACE = timedelta(minutes=getattr(settings, "PORTAL_SCHEDULER_GRACE_MINUTES", 60))
WEEKDAYS = "一二三四五六日"

# Set by `ReceptionNoticePage.publish()` while a due scheduled revision is being published.
_scheduled_moment: contextvars.ContextVar[datetime | None] = contextvars.ContextVar(
    "reception_scheduled_moment", default=None
)


def lead_time_message(starts_at: datetime, moment: datetime) -> str | None:
    """The refusal message if a notice going live at `moment` is less than 7 days ahead, else None."""
    if starts_at - moment >= LEAD_TIME:
        return None
    tz = timezone.get_current_timezone()
    latest = timezone.localtime(starts_at - LEAD_TIME, tz)
    return (
        "领导接访日预告须至少提前7日（7×24小时）在网站公开。"
        f"本次接访于{timezone.localtime(starts_at, tz):%Y年%m月%d日 %H:%M}开始，"
        f"最迟应于{latest:%Y年%m月%d日 %H:%M}前发布；"
        "请调整接访日期，或将发布时间设在该时点之前。"
    )


class ReceptionMode(models.TextChoices):
    ONSITE = "onsite", "现场接访"
    VIDEO = "video", "视频接访"
    PHONE = "phone", "电话接访"


DEFAULT_SCOPE = "反映生态环境污染、生态破坏以及其他属于生态环境部门职责范围的信访事项。"
DEFAULT_EXCLUSIONS = "依法应当通过诉讼、仲裁、行政复议等法定途径解决的投诉请求，不属接待范围。"


class ReceptionIndexPage(RoutablePageMixin, Page):
    intro = models.TextField("导语", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["portal.ReceptionNoticePage"]
    parent_page_types = ["portal.HomePage"]
    max_count = 1

    class Meta:
        verbose_name = "接访预告栏目"

    def notices(self):
        return ReceptionNoticePage.objects.live().public().descendant_of(self)

    def upcoming(self):
        return ReceptionNoticePage.upcoming_in(self.notices())

    def past(self):
        return ReceptionNoticePage.past_in(self.notices())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from django.core.paginator import Paginator

        context["upcoming"] = self.upcoming()
        context["past_page"] = Paginator(self.past(), 20).get_page(request.GET.get("page"))
        return context

    @path("")
    def index_route(self, request):
        return self.render(request)

    # Wagtail serves only slash-terminated paths without dots, hence "calendar/" not "*.ics";
    # the response names the file reception-upcoming.ics.
    @path("calendar/", name="upcoming_ics")
    def upcoming_ics(self, request):
        from portal.ics import ics_response, reception_calendar

        cal = reception_calendar(self.upcoming(), request=request, name=self.title)
        return ics_response(cal, "reception-upcoming.ics")

    @path("feed/", name="feed")
    def feed(self, request):
        from portal.feeds import ReceptionFeed

        return ReceptionFeed(self)(request)


class ReceptionNoticePage(RoutablePageMixin, Page):
    reception_date = models.DateField("接访日期")
    start_time = models.TimeField("开始时间")
    end_time = models.TimeField("结束时间")
    mode = models.CharField(
        "接访方式", max_length=10, choices=ReceptionMode.choices, default=ReceptionMode.ONSITE
    )
    venue = models.CharField("接访地点", max_length=200, help_text="如：市环境监控指挥中心一楼接访中心")
    address = models.CharField("详细地址", max_length=200, blank=True, help_text="街道门牌及参照地标")
    leader_name = models.CharField("接访领导", max_length=40)
    leader_post = models.CharField("职务", max_length=120)
    leader_duties = models.TextField("分管工作", blank=True, help_text="分管、联系的工作领域与分局")
    scope = models.TextField("接待范围", default=DEFAULT_SCOPE)
    exclusions = models.TextField("不予接待事项", blank=True, default=DEFAULT_EXCLUSIONS)
    booking_phone = models.CharField("预约电话", max_length=60, blank=True)
    booking_lead_workdays = models.PositiveSmallIntegerField(
        "提前预约（工作日）", default=1, help_text="来访人至少提前几个工作日预约；0 表示无需预约"
    )
    id_required = models.BooleanField("须携带身份证件", default=True)
    issuing_body = models.CharField("发布单位", max_length=100, blank=True, help_text="留空则使用机关名称")
    body = StreamField(BaseStreamBlock(), verbose_name="补充说明", blank=True)

    content_panels = Page.content_panels + [
        HelpPanel(
            content="接访预告须至少提前7日（7×24小时）公开：发布或定时发布时间晚于接访开始前7日的，系统将拒绝发布。"
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("reception_date"), FieldPanel("start_time"), FieldPanel("end_time")])],
            heading="接访时间",
        ),
        MultiFieldPanel([FieldPanel("mode"), FieldPanel("venue"), FieldPanel("address")], heading="接访地点"),
        MultiFieldPanel(
            [FieldPanel("leader_name"), FieldPanel("leader_post"), FieldPanel("leader_duties")],
            heading="接访领导",
        ),
        MultiFieldPanel(
            [
                FieldPanel("scope"),
                FieldPanel("exclusions"),
                FieldPanel("booking_phone"),
                FieldPanel("booking_lead_workdays"),
                FieldPanel("id_required"),
            ],
            heading="注意事项",
        ),
        FieldPanel("issuing_body"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("leader_name"),
        index.SearchField("venue"),
        index.FilterField("reception_date"),
    ]
    parent_page_types = ["portal.ReceptionIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "领导接访日预告"
        verbose_name_plural = "领导接访日预告"
        ordering = ["reception_date", "start_time"]

    # -- derived values -------------------------------------------------------------------------
    def _aware(self, time):
        return timezone.make_aware(
            datetime.combine(self.reception_date, time), timezone.get_default_timezone()
        )

    @property
    def starts_at(self):
        return self._aware(self.start_time)

    @property
    def ends_at(self):
        return self._aware(self.end_time)

    @property
    def weekday_label(self):
        return f"星期{WEEKDAYS[self.reception_date.weekday()]}"

    @property
    def time_text(self):
        """2024年8月23日（星期五）上午9:15～11:30, as bureaus write it."""
        day = date_format(self.reception_date, "Y年n月j日")
        half = "上午" if self.start_time.hour < 12 else "下午"
        start, end = self.start_time, self.end_time
        return (
            f"{day}（{self.weekday_label}）{half}{start.hour}:{start.minute:02d}～{end.hour}:{end.minute:02d}"
        )

    @property
    def location_text(self):
        return f"{self.venue}（{self.address}）" if self.address else self.venue

    @property
    def is_upcoming(self):
        return self.ends_at > timezone.now()

    def ics_description(self):
        lines = [f"接访领导：{self.leader_name}（{self.leader_post}）"]
        if self.leader_duties:
            lines.append(f"分管工作：{self.leader_duties}")
        lines.append(f"接访方式：{self.get_mode_display()}")
        if self.booking_phone:
            lines.append(f"预约电话：{self.booking_phone}")
        return "\n".join(lines)

    @classmethod
    def upcoming_in(cls, queryset, now=None):
        now = timezone.localtime(now or timezone.now())
        today = now.date()
        return queryset.filter(
            Q(reception_date__gt=today) | Q(reception_date=today, end_time__gt=now.time())
        ).order_by("reception_date", "start_time")

    @classmethod
    def past_in(cls, queryset, now=None):
        now = timezone.localtime(now or timezone.now())
        today = now.date()
        return queryset.filter(
            Q(reception_date__lt=today) | Q(reception_date=today, end_time__lte=now.time())
        ).order_by("-reception_date", "-start_time")

    # -- the 7-day rule -------------------------------------------------------------------------
    def publication_moment(self, now):
        """When this version would become public: the scheduled time, or now."""
        if self.go_live_at and self.go_live_at > now:
            return self.go_live_at
        scheduled = _scheduled_moment.get()
        if scheduled is not None and scheduled <= now <= scheduled + SCHEDULER_GRACE:
            return scheduled
        return now

    def _already_public_for_this_time(self):
        if not self.pk or self.reception_date is None or self.start_time is None:
            return False
        return (
            type(self)
            .objects.filter(
                pk=self.pk, live=True, reception_date=self.reception_date, start_time=self.start_time
            )
            .exists()
        )

    def lead_time_problem(self, now=None):
        if self.reception_date is None or self.start_time is None:
            return None
        if self._already_public_for_this_time():
            return None
        now = now or timezone.now()
        return lead_time_message(self.starts_at, self.publication_moment(now))

    def clean(self):
        super().clean()
        errors = {}
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = "结束时间应晚于开始时间。"
        problem = self.lead_time_problem()
        if problem:
            errors["reception_date"] = problem
            if self.go_live_at:
                errors["go_live_at"] = problem
        if errors:
            raise ValidationError(errors)

    def check_publishable(self, revision, now=None):
        """Raise ValidationError if publishing (or scheduling) `revision` now breaks the 7-day rule."""
        now = now or timezone.now()
        due = revision.approved_go_live_at
        token = _scheduled_moment.set(due if due is not None and due <= now else None)
        try:
            problem = revision.as_object().lead_time_problem(now)
        finally:
            _scheduled_moment.reset(token)
        if problem:
            raise ValidationError(problem)

    def publish(self, revision, *args, **kwargs):
        now = timezone.now()
        self.check_publishable(revision, now)
        due = revision.approved_go_live_at
        token = _scheduled_moment.set(due if due is not None and due <= now else None)
        try:
            with transaction.atomic():
                return super().publish(revision, *args, **kwargs)
        finally:
            _scheduled_moment.reset(token)

    # -- routes ---------------------------------------------------------------------------------
    @path("")
    def notice_route(self, request):
        return self.render(request)

    @path("calendar/", name="ics")
    def ics(self, request):
        from portal.ics import ics_response, reception_calendar

        cal = reception_calendar([self], request=request, name=self.title)
        return ics_response(cal, f"reception-{self.reception_date:%Y%m%d}.ics")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if not self.issuing_body:
            from portal.models.settings import BureauSettings

            context["issuer"] = BureauSettings.for_request(request).bureau_name
        else:
            context["issuer"] = self.issuing_body
        return context


def next_reception(root=None):
    """The next live public reception notice (under `root` if given), or None."""
    notices = ReceptionNoticePage.objects.live().public()
    if root is not None:
        notices = notices.descendant_of(root)
    return ReceptionNoticePage.upcoming_in(notices).first()


__all__ = [
    "LEAD_TIME",
    "ReceptionIndexPage",
    "ReceptionMode",
    "ReceptionNoticePage",
    "lead_time_message",
    "next_reception",
]
