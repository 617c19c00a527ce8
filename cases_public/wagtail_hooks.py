"""The editors' side of the completion report: review queue, decisions, dashboard, history."""

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import ListingButton
from wagtail.log_actions import LogFormatter
from wagtail.models import WorkflowState
from wagtail.snippets.action_menu import ActionMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cases_public import admin_views
from cases_public.admin_filters import CompletionReportFilterSet
from cases_public.choices import CaseState
from cases_public.models import CompletionReport, HolidayArrangement

STATE_LABELS = dict(CaseState.choices)


class StateColumn(Column):
    cell_template_name = "cases_public/admin/state_cell.html"

    def get_value(self, instance):
        return STATE_LABELS[instance.case_state]


class CompletionReportViewSet(SnippetViewSet):
    model = CompletionReport
    icon = "doc-full"
    menu_label = "办结报告审核"
    menu_name = "completion_reports"
    menu_order = 100
    add_to_admin_menu = True
    list_display = [
        "reference",
        StateColumn("state", label="状态"),
        "region_name",
        "subject_name",
        Column("category_labels", label="污染类型", accessor=lambda r: "、".join(r.category_labels)),
        "received_at",
        "closed_at",
        "finding",
    ]
    filterset_class = CompletionReportFilterSet
    list_per_page = 50
    # The queue is worked oldest first.
    ordering = ["received_by_portal_at", "id"]
    search_fields = ["reference", "subject_name"]
    search_backend_name = None
    list_export = [
        "reference",
        "region_name",
        "subject_name",
        "received_at",
        "closed_at",
        "finding",
        "channel",
    ]
    export_filename = "completion-reports"

    def get_queryset(self, request):
        # The state column reads the active workflow state: fetch them all in one query.
        return CompletionReport.objects.prefetch_related(
            Prefetch(
                "workflow_states",
                queryset=WorkflowState.objects.active().select_related("current_task_state__task"),
                to_attr="_current_workflow_states",
            )
        )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("withhold/<str:pk>/", admin_views.withhold_view, name="withhold"),
            path("retract/<str:pk>/", admin_views.retract_view, name="retract"),
        ]


register_snippet(CompletionReportViewSet)


class HolidayArrangementViewSet(SnippetViewSet):
    model = HolidayArrangement
    icon = "date"
    menu_label = "节假日安排"
    menu_name = "holiday_arrangements"
    add_to_admin_menu = True
    menu_order = 800
    list_display = ["year", "source", "updated_at"]
    search_fields = None


register_snippet(HolidayArrangementViewSet)


def _decision_url(report, name):
    return reverse(CompletionReport.snippet_viewset.get_url_name(name), args=[report.pk])


class WithholdMenuItem(ActionMenuItem):
    name = "action-withhold"
    label = "不予公开…"
    icon_name = "cross"
    order = 70

    def is_shown(self, context):
        report = context.get("instance")
        return (
            context.get("view") == "edit"
            and isinstance(report, CompletionReport)
            and not report.withheld_at
            and not report.retracted_at
            and not report.live
            and admin_views.user_can_decide(context["request"].user)
        )

    def get_url(self, parent_context):
        return _decision_url(parent_context["instance"], "withhold")


class RetractMenuItem(ActionMenuItem):
    name = "action-retract"
    label = "撤下公开…"
    icon_name = "warning"
    order = 80

    def is_shown(self, context):
        report = context.get("instance")
        return (
            context.get("view") == "edit"
            and isinstance(report, CompletionReport)
            and report.live
            and not report.retracted_at
            and admin_views.user_can_decide(context["request"].user)
        )

    def get_url(self, parent_context):
        return _decision_url(parent_context["instance"], "retract")


@hooks.register("register_snippet_action_menu_item")
def register_withhold_menu_item(model):
    return WithholdMenuItem() if model is CompletionReport else None


@hooks.register("register_snippet_action_menu_item")
def register_retract_menu_item(model):
    return RetractMenuItem() if model is CompletionReport else None


@hooks.register("construct_snippet_action_menu")
def replace_plain_unpublish(menu_items, request, context):
    # Unpublishing a report always needs a reason: our 撤下公开 replaces Wagtail's plain unpublish.
    if context.get("model") is CompletionReport:
        menu_items[:] = [item for item in menu_items if item.name != "action-unpublish"]


@hooks.register("register_snippet_listing_buttons")
def report_listing_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, CompletionReport) or not admin_views.user_can_decide(user):
        return []
    buttons = []
    if not (snippet.withheld_at or snippet.retracted_at or snippet.live):
        buttons.append(
            ListingButton("不予公开", _decision_url(snippet, "withhold"), icon_name="cross", priority=70)
        )
    if snippet.live and not snippet.retracted_at:
        buttons.append(
            ListingButton("撤下公开", _decision_url(snippet, "retract"), icon_name="warning", priority=80)
        )
    return buttons


@hooks.register("register_log_actions")
def register_report_log_actions(actions):
    @actions.register_action("cases.withhold")
    class WithholdFormatter(LogFormatter):
        label = "不予公开"

        def format_message(self, log_entry):
            return f"决定不予公开：{log_entry.data.get('reason', '')}"

    @actions.register_action("cases.retract")
    class RetractFormatter(LogFormatter):
        label = "撤下公开"

        def format_message(self, log_entry):
            return f"撤下公开：{log_entry.data.get('reason', '')}"


class ReviewQueuePanel(Component):
    name = "review_queue"
    order = 50

    def render_html(self, parent_context):
        request = parent_context["request"]
        if not request.user.has_perm("cases_public.change_completionreport"):
            return ""
        counts = CompletionReport.objects.state_counts()
        list_url = reverse(CompletionReport.snippet_viewset.get_url_name("list"))
        rows = [
            {"label": STATE_LABELS[state], "count": counts[state], "url": f"{list_url}?status={state}"}
            for state in CaseState.values
        ]
        return render_to_string(
            "cases_public/admin/review_queue_panel.html",
            {"rows": rows, "list_url": list_url, "waiting": counts["queued"] + counts["in_review"]},
            request=request,
        )


@hooks.register("construct_homepage_panels")
def add_review_queue_panel(request, panels):
    panels.insert(0, ReviewQueuePanel())
