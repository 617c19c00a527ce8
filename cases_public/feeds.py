"""RSS 2.0 and Atom feeds of published reports, for the whole list or any list filter (the same
GET parameters as /cases/). A feed is the first page of its list: the same order (newest closed
first), so every filter is served by the same index as the list. An item's date is its first
publication, so a reader shows a newly published report as new."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from cases_public.filters import apply_filter, describe, parse_filter
from cases_public.models import CompletionReport

FEED_SIZE = 50


class ReportFeed(Feed):
    feed_type = Rss201rev2Feed
    description_template = "cases_public/feed_item.html"

    def get_object(self, request, *args, **kwargs):
        return parse_filter(request.GET)

    def title(self, flt):
        parts = describe(flt)
        return "办结公开" + (f"：{'，'.join(parts)}" if parts else "")

    def link(self, flt):
        query = flt.querystring()
        return reverse("cases_public:list") + (f"?{query}" if query else "")

    def description(self, flt):
        return "新公开的生态环境信访件办结报告（已匿名化）。"

    def items(self, flt):
        queryset = apply_filter(CompletionReport.objects.published(), flt)
        # Ordering by publication time instead would need a second index per filter: with the
        # list's indexes, SQLite sorted a whole province to find 50 rows (1 s at 1 M cases).
        return list(queryset.order_by("-closed_at", "-id")[:FEED_SIZE])

    def item_title(self, item):
        categories = "、".join(item.category_labels)
        return f"{item.region_name} {item.subject_name or ''}（{categories}，{item.get_finding_display()}）".replace(
            "  ", " "
        )

    def item_link(self, item):
        return item.get_url()

    def item_guid(self, item):
        return item.reference

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return item.category_labels


class ReportAtomFeed(ReportFeed):
    feed_type = Atom1Feed
    subtitle = ReportFeed.description
