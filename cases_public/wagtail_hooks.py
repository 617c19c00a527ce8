from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cases_public.models import CompletionReport


class CompletionReportViewSet(SnippetViewSet):
    model = CompletionReport
    icon = "doc-full"
    menu_label = "办结报告"
    menu_name = "completion_reports"
    menu_order = 100
    add_to_admin_menu = True
    list_display = ["reference", "region_name", "subject_name", "closed_at", "finding"]
    list_per_page = 50
    ordering = ["received_by_portal_at", "id"]
    search_fields = ["reference", "subject_name"]
    search_backend_name = None


register_snippet(CompletionReportViewSet)
