"""Editorial decisions on a report beyond Wagtail's own (publish, approve, request changes).

Both are recorded on the report and in Wagtail's log, so the history shows who decided, when
and why. They use Wagtail's own operations (cancel the workflow, unpublish) underneath.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from cases_public.models import CompletionReport

WITHHOLD_REASONS = [
    ("privacy", "涉及个人隐私，无法充分匿名化"),
    ("state_secret", "涉及国家秘密或工作秘密"),
    ("ongoing", "案件仍在调查、诉讼或复议中"),
    ("third_party", "涉及商业秘密或第三方合法权益"),
    ("inaccurate", "内容不准确，需发送系统更正后重新推送"),
    ("duplicate", "重复件"),
    ("other", "其他"),
]
RETRACT_REASONS = [
    ("sender", "发送系统撤回"),
    ("privacy", "发现未去除的个人信息"),
    ("inaccurate", "内容有误"),
    ("legal", "依法不宜继续公开"),
    ("other", "其他"),
]


def reason_text(choices, code: str, detail: str) -> str:
    label = dict(choices).get(code, "其他")
    detail = (detail or "").strip()
    return f"{label}：{detail}" if detail else label


@transaction.atomic
def withhold_report(report: CompletionReport, *, user, reason: str) -> CompletionReport:
    """The case never goes public; it still counts in statistics."""
    report = CompletionReport.objects.select_for_update().get(pk=report.pk)
    if report.withheld_at is not None:
        return report
    report.withheld_at = timezone.now()
    report.withheld_reason = reason
    report.save(update_fields=["withheld_at", "withheld_reason"])
    state = report.current_workflow_state
    if state is not None:
        state.cancel(user=user)
    if report.live:
        report.unpublish(user=user)
    log(instance=report, action="cases.withhold", user=user, data={"reason": reason})
    return report


@transaction.atomic
def retract_report(
    report: CompletionReport, *, user, reason: str, by_sender: bool = False
) -> CompletionReport:
    """Off every public surface at once: page (410 notice), open data, feeds, search results."""
    report = CompletionReport.objects.select_for_update().get(pk=report.pk)
    if report.retracted_at is not None:
        return report
    report.retracted_at = timezone.now()
    report.retraction_reason = reason
    report.save(update_fields=["retracted_at", "retraction_reason"])
    state = report.current_workflow_state
    if state is not None:
        state.cancel(user=user)
    if report.live:
        report.unpublish(user=user)
    log(
        instance=report,
        action="cases.retract",
        user=user,
        data={"reason": reason, "by_sender": by_sender},
    )
    return CompletionReport.objects.get(pk=report.pk)
