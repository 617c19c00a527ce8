"""RSS feeds served from page routes (RoutablePageMixin), as plain syndication Feed classes."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed


class _PageFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "zh-CN"

    def __init__(self, page):
        super().__init__()
        self.page = page

    def title(self):
        return self.page.title

    def link(self):
        return self.page.url or "/"

    def item_link(self, item):
        return item.url or "/"

    def item_title(self, item):
        return item.title


class ReceptionFeed(_PageFeed):
    def description(self):
        return self.page.intro or "领导干部接访日预告"

    def items(self):
        return list(self.page.upcoming()[:50]) + list(self.page.past()[:20])

    def item_description(self, item):
        return f"{item.time_text}，{item.location_text}。接访领导：{item.leader_name}（{item.leader_post}）。"

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


class AnnouncementFeed(_PageFeed):
    def description(self):
        return self.page.intro or "通知公告"

    def items(self):
        return self.page.announcements()[:50]

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.combine(item.date, time(9)), timezone.get_default_timezone())
