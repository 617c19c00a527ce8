"""生态环境违法行为举报奖励: the scheme, its channels and procedure, as structured blocks."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.blocks import BaseStreamBlock


class RewardPolicyPage(Page):
    is_sample = models.BooleanField(
        "示例内容", default=False, help_text="勾选后页面顶部显示“示例”提示，正式发布前请取消"
    )
    document_number = models.CharField("文号", max_length=100, blank=True)
    issuing_body = models.CharField("制定机关", max_length=100, blank=True)
    effective_date = models.DateField("施行日期", null=True, blank=True)
    summary = models.TextField("概述", blank=True)
    body = StreamField(
        BaseStreamBlock(),
        verbose_name="正文",
        help_text="依次使用“法律政策依据”“条目列表”（奖励范围、奖励条件）“奖励标准表”“办理程序”“举报渠道”“保密承诺”“联系卡片”等模块",
    )

    content_panels = Page.content_panels + [
        FieldPanel("is_sample"),
        MultiFieldPanel(
            [FieldPanel("document_number"), FieldPanel("issuing_body"), FieldPanel("effective_date")],
            heading="文件信息",
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["portal.HomePage", "portal.ContentPage"]
    subpage_types = ["portal.ContentPage"]

    class Meta:
        verbose_name = "举报奖励制度"
        verbose_name_plural = "举报奖励制度"
