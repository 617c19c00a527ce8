from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


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
