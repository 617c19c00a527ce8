from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cases_public.models import HolidayArrangement


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
