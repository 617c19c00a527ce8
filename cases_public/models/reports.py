"""The public record of a closed petition case: the completion report (办结报告).

Everything stored here is already anonymised: the ingest service builds instances from the
anonymiser's output only, so neither the row nor any of its Wagtail revisions ever holds a
petitioner's identity or a pre-anonymisation text.
"""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import CharField, Count, Exists, OuterRef, Q
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PublishingPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
    WorkflowState,
)

from cases_public.admin_panels import ReplacementsPanel
from cases_public.choices import CaseState, Category, Channel, Finding, Priority, Satisfaction
from cases_public.redactions import kind_label
from internal_api.anonymise import detect_identifiers

CATEGORY_FIELDS = {code: f"category_{code}" for code in Category.values}

# The condition of `ReportQuerySet.published()`, repeated as the predicate of the partial
# indexes that serve the public list (both PostgreSQL and SQLite use a partial index when the
# query's WHERE implies its predicate).
PUBLISHED = Q(live=True, disclose=True, withheld_at__isnull=True, retracted_at__isnull=True)


def _list_indexes():
    """One index per list filter, each ending in the list's order (closed_at, id), so a filtered
    page, first or last, is one range scan. Boolean filters become index predicates."""
    indexes = [models.Index(fields=["-closed_at", "-id"], name="report_pub_closed", condition=PUBLISHED)]
    for column, short in [
        ("province_code", "prov"),
        ("city_code", "city"),
        ("region_code", "region"),
        ("channel", "channel"),
        ("finding", "finding"),
        ("priority", "priority"),
        ("satisfaction", "satisf"),
    ]:
        indexes.append(
            models.Index(
                fields=[column, "-closed_at", "-id"], name=f"report_pub_{short}", condition=PUBLISHED
            )
        )
    # A boolean in WHERE is rendered as the bare column, which SQLite cannot match against an
    # index column: boolean filters are index predicates instead (penalty=no is most cases and
    # reads the plain list index).
    indexes.append(
        models.Index(
            fields=["-closed_at", "-id"],
            name="report_pub_penalty",
            condition=PUBLISHED & Q(penalty_case_filed=True),
        )
    )
    for code, column in CATEGORY_FIELDS.items():
        indexes.append(
            models.Index(
                fields=["-closed_at", "-id"],
                name=f"report_pub_cat_{code}"[:30],
                condition=PUBLISHED & Q(**{column: True}),
            )
        )
    # Feeds and incremental harvesting: newest published first / everything since a moment.
    indexes.append(
        models.Index(fields=["last_published_at", "id"], name="report_pub_lastpub", condition=PUBLISHED)
    )
    return indexes


class ReportQuerySet(models.QuerySet):
    def published(self):
        """The one definition of "public": every page, feed, export and index uses it."""
        return self.filter(PUBLISHED)

    def counted(self):
        """What statistics count: every accepted case that was not retracted."""
        return self.filter(retracted_at__isnull=True)

    def with_needs_changes(self):
        """Annotate whether a reviewer sent the report back (Wagtail's 'request changes')."""
        content_type = ContentType.objects.get_for_model(self.model, for_concrete_model=False)
        return self.annotate(
            needs_changes=Exists(
                WorkflowState.objects.filter(
                    base_content_type=content_type,
                    object_id=Cast(OuterRef("pk"), CharField()),
                    status=WorkflowState.STATUS_NEEDS_CHANGES,
                )
            )
        )

    def state_q(self, state: str) -> Q:
        """The contract's status as a filter (needs `with_needs_changes()` for the two review states)."""
        undecided = Q(withheld_at__isnull=True, retracted_at__isnull=True)
        return {
            CaseState.RETRACTED: Q(retracted_at__isnull=False),
            CaseState.WITHHELD: Q(withheld_at__isnull=False, retracted_at__isnull=True),
            CaseState.PUBLISHED: undecided & Q(live=True),
            CaseState.IN_REVIEW: undecided & Q(live=False) & (Q(locked=True) | Q(needs_changes=True)),
            CaseState.QUEUED: undecided & Q(live=False, locked=False, needs_changes=False),
        }[state]

    def in_state(self, state: str):
        return self.with_needs_changes().filter(self.state_q(state))

    def state_counts(self) -> dict[str, int]:
        """How many reports are in each state, in one query."""
        annotated = self.with_needs_changes()
        return annotated.aggregate(
            **{state: Count("pk", filter=annotated.state_q(state)) for state in CaseState.values}
        )

    def with_categories(self, codes):
        """Reports with any of the given pollution types."""
        query = Q()
        for code in codes:
            if code in CATEGORY_FIELDS:
                query |= Q(**{CATEGORY_FIELDS[code]: True})
        return self.filter(query) if query else self


class CompletionReport(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, PreviewableMixin, models.Model
):
    reference = models.CharField("受理编号", max_length=24, unique=True, editable=False)
    received_by_portal_at = models.DateTimeField("平台接收时间", default=timezone.now, editable=False)
    updated_by_sender_at = models.DateTimeField("最近推送时间", default=timezone.now, editable=False)

    channel = models.CharField("信访方式", max_length=32, choices=Channel.choices, db_index=True)
    received_at = models.DateTimeField("登记时间", db_index=True)
    accepted_at = models.DateTimeField("受理时间", null=True, blank=True)
    closed_at = models.DateTimeField("办结时间", db_index=True)

    region_code = models.CharField("行政区划代码", max_length=6, db_index=True)
    province_code = models.CharField("省级代码", max_length=6, db_index=True, editable=False)
    city_code = models.CharField("市级代码", max_length=6, db_index=True, editable=False)
    region_name = models.CharField("行政区域", max_length=100)

    category_air = models.BooleanField("大气", default=False)
    category_water = models.BooleanField("水", default=False)
    category_noise = models.BooleanField("噪声", default=False)
    category_solid_waste = models.BooleanField("固废", default=False)
    category_soil = models.BooleanField("土壤", default=False)
    category_ecology = models.BooleanField("生态", default=False)
    category_radiation = models.BooleanField("辐射", default=False)
    category_other = models.BooleanField("其他", default=False)

    priority = models.CharField("信访件类别", max_length=16, choices=Priority.choices, db_index=True)

    subject_name = models.CharField("被投诉对象", max_length=200, blank=True, default="")
    subject_credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True, default="")
    subject_address = models.CharField("被投诉对象地址", max_length=300, blank=True, default="")

    summary = models.TextField("反映问题")
    investigation = models.TextField("调查核实情况", blank=True, default="")
    finding = models.CharField("是否属实", max_length=32, choices=Finding.choices, db_index=True)
    handling = models.TextField("处理和整改情况", blank=True, default="")
    penalty_case_filed = models.BooleanField("立案处罚", default=False)
    penalty_fine_yuan = models.DecimalField(
        "罚款金额（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    penalty_orders = models.TextField("处罚及责令整改", blank=True, default="")
    accountability = models.TextField("问责情况", blank=True, default="")
    reply = models.TextField("答复意见（不公开）", blank=True, default="")
    satisfaction = models.CharField("满意度", max_length=32, choices=Satisfaction.choices, db_index=True)
    disclose = models.BooleanField("宜公开", default=True)

    # What the anonymiser replaced: field, kind, position and placeholder, never a removed value.
    replacements = models.JSONField("匿名化替换记录", default=list, blank=True, editable=False)

    withheld_at = models.DateTimeField("不予公开时间", null=True, blank=True, editable=False)
    withheld_reason = models.TextField("不予公开理由", blank=True, default="", editable=False)
    retracted_at = models.DateTimeField("撤回时间", null=True, blank=True, editable=False)
    retraction_reason = models.TextField("撤回理由", blank=True, default="", editable=False)

    is_synthetic = models.BooleanField("合成数据（测试用）", default=False, editable=False)

    revisions = GenericRelation("wagtailcore.Revision", related_query_name="completion_report")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="completion_report",
        for_concrete_model=False,
    )

    objects = ReportQuerySet.as_manager()

    panels = [
        ReplacementsPanel(heading="匿名化替换记录"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("channel"), FieldPanel("priority")]),
                FieldRowPanel(
                    [FieldPanel("received_at"), FieldPanel("accepted_at"), FieldPanel("closed_at")]
                ),
                FieldRowPanel([FieldPanel("region_code"), FieldPanel("region_name")]),
                FieldRowPanel([FieldPanel(field) for field in CATEGORY_FIELDS.values()], heading="污染类型"),
            ],
            heading="基本信息",
        ),
        MultiFieldPanel(
            [FieldPanel("subject_name"), FieldPanel("subject_credit_code"), FieldPanel("subject_address")],
            heading="被投诉对象",
        ),
        MultiFieldPanel(
            [
                FieldPanel("summary"),
                FieldPanel("investigation"),
                FieldPanel("finding"),
                FieldPanel("handling"),
                FieldRowPanel([FieldPanel("penalty_case_filed"), FieldPanel("penalty_fine_yuan")]),
                FieldPanel("penalty_orders"),
                FieldPanel("accountability"),
                FieldPanel("satisfaction"),
                FieldPanel("reply"),
            ],
            heading="办结报告（已匿名化）",
        ),
        FieldPanel("disclose"),
        PublishingPanel(),
    ]

    class Meta:
        verbose_name = "办结报告"
        verbose_name_plural = "办结报告"
        ordering = ["-closed_at", "-id"]
        indexes = [
            models.Index(fields=["-closed_at", "-id"], name="report_closed_desc"),
            models.Index(fields=["live", "-closed_at", "-id"], name="report_live_closed"),
            *_list_indexes(),
        ]

    def __str__(self):
        # Wagtail logs and stores str(obj) with each revision: the reference only.
        return self.reference

    def derive_region_prefixes(self) -> None:
        """The province and city codes the region filters use (GB/T 2260 prefixes)."""
        if self.region_code and len(self.region_code) == 6:
            self.province_code = self.region_code[:2] + "0000"
            self.city_code = self.region_code[:4] + "00"

    def save(self, *args, **kwargs):
        self.derive_region_prefixes()
        super().save(*args, **kwargs)

    # Text an editor may change; each is checked again for identifiers on save.
    EDITABLE_TEXT_FIELDS = (
        "summary",
        "investigation",
        "handling",
        "penalty_orders",
        "accountability",
        "reply",
    )

    def clean(self):
        """An editor's edit never brings back removed data (the anonymiser's pattern checks)."""
        errors = {}
        for field in self.EDITABLE_TEXT_FIELDS:
            findings = detect_identifiers(getattr(self, field) or "")
            if findings:
                kinds = "、".join(dict.fromkeys(kind_label(f.kind) for f in findings))
                errors[field] = ValidationError(
                    f"此处含有{kinds}等个人信息，不能公开。请删除或改为“[电话]”“[身份证号]”等标记后再保存。",
                    code="identifier",
                )
        if errors:
            raise ValidationError(errors)

    # --- derived values -------------------------------------------------------------------

    @property
    def categories(self) -> list[str]:
        return [code for code, field in CATEGORY_FIELDS.items() if getattr(self, field)]

    @categories.setter
    def categories(self, codes) -> None:
        for code, field in CATEGORY_FIELDS.items():
            setattr(self, field, code in codes)

    @property
    def category_labels(self) -> list[str]:
        return [Category(code).label for code in self.categories]

    @property
    def duration_days(self) -> int | None:
        """办结用时: calendar days from registration to closing."""
        if not (self.received_at and self.closed_at):
            return None
        tz = timezone.get_current_timezone()
        return (
            timezone.localtime(self.closed_at, tz).date() - timezone.localtime(self.received_at, tz).date()
        ).days

    @property
    def accepted_on(self):
        """The day the 60-day limit starts: acceptance (受理), or registration when not given."""
        moment = self.accepted_at or self.received_at
        return timezone.localtime(moment).date() if moment else None

    @property
    def closed_on(self):
        return timezone.localtime(self.closed_at).date() if self.closed_at else None

    @property
    def is_public(self) -> bool:
        return self.live and self.disclose and not self.withheld_at and not self.retracted_at

    def get_url(self) -> str:
        return reverse("cases_public:detail", kwargs={"reference": self.reference})

    def get_absolute_url(self) -> str:
        return self.get_url()

    @property
    def public_url(self) -> str | None:
        return self.get_url() if self.is_public else None

    @property
    def case_state(self) -> str:
        """The contract's status, read off Wagtail's own state (no state machine of ours)."""
        if self.retracted_at:
            return CaseState.RETRACTED
        if self.withheld_at:
            return CaseState.WITHHELD
        if self.live:
            # A newer push may wait for review; the published version stays public meanwhile.
            return CaseState.PUBLISHED
        state = self.current_workflow_state
        if self.locked or (state is not None and state.status == state.STATUS_NEEDS_CHANGES):
            return CaseState.IN_REVIEW
        return CaseState.QUEUED

    # --- preview: the public template -----------------------------------------------------

    def get_preview_template(self, request, mode_name):
        return "cases_public/report_detail.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context["report"] = self
        context["is_preview"] = True
        return context
