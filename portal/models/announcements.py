"""通知公告: dated announcements under one index, newest first, with a feed."""

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.blocks import BaseStreamBlock


class AnnouncementIndexPage(RoutablePageMixin, Page):
    intro = models.TextField("导语", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["portal.AnnouncementPage"]
    parent_page_types = ["portal.HomePage"]

    class Meta:
        verbose_name = "通知公告栏目"

    def announcements(self):
        return AnnouncementPage.objects.live().public().descendant_of(self).order_by("-date", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["announcements"] = Paginator(self.announcements(), 20).get_page(request.GET.get("page"))
        return context

    @path("")
    def index_route(self, request):
        return self.render(request)

    @path("feed/", name="feed")
    def feed(self, request):
        from portal.feeds import AnnouncementFeed

        return AnnouncementFeed(self)(request)


class AnnouncementPage(Page):
    date = models.DateField("发布日期", default=timezone.localdate)
    issuing_body = models.CharField("发布单位", max_length=100, blank=True)
    summary = models.TextField("摘要", blank=True, max_length=300)
    body = StreamField(BaseStreamBlock(), verbose_name="正文")

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("issuing_body"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["portal.AnnouncementIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "通知公告"
        verbose_name_plural = "通知公告"


def latest_announcements(limit=5):
    return AnnouncementPage.objects.live().public().order_by("-date", "-pk")[:limit]
