from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.blocks import BaseStreamBlock


class HomePage(Page):
    """The site root: introduction plus what the public looks for first."""

    intro = models.CharField(
        "导语",
        max_length=300,
        blank=True,
        default="公开生态环境信访投诉的办理结果（办结报告），接受社会监督。信访人信息一律不予公开。",
    )
    body = RichTextField("正文", blank=True, features=["bold", "italic", "link", "ol", "ul", "h2", "h3"])

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = "首页"

    def get_context(self, request, *args, **kwargs):
        from cases_public.models import CompletionReport
        from portal.models.announcements import latest_announcements
        from portal.models.reception import ReceptionIndexPage, next_reception

        context = super().get_context(request, *args, **kwargs)
        context["next_reception"] = next_reception(self)
        context["reception_index"] = ReceptionIndexPage.objects.live().descendant_of(self).first()
        context["latest_announcements"] = latest_announcements(5)
        context["latest_reports"] = list(
            CompletionReport.objects.published().order_by("-last_published_at", "-id")[:6]
        )
        return context


class ContentPage(Page):
    """A generic page: guides, explanations, contact pages."""

    intro = models.TextField("导语", blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name="正文", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = "内容页"
        verbose_name_plural = "内容页"
