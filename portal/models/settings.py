from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class BureauSettings(BaseSiteSetting):
    """The bureau that runs this site: shown in the header, footer and admin branding."""

    bureau_name = models.CharField("机关名称", max_length=100, default="示例市生态环境局")
    address = models.CharField("办公地址", max_length=200, blank=True, default="")
    postcode = models.CharField("邮政编码", max_length=6, blank=True, default="")
    hotline = models.CharField(
        "举报热线",
        max_length=40,
        default="12369",
        help_text="生态环境举报热线，默认 12369",
    )
    service_hotline = models.CharField("政务服务热线", max_length=40, blank=True, default="12345")
    petition_phone = models.CharField("信访接待电话", max_length=40, blank=True, default="")
    email = models.EmailField("信访邮箱", blank=True, default="")
    office_hours = models.CharField(
        "接待时间",
        max_length=200,
        blank=True,
        default="工作日 上午9:00—12:00，下午14:00—17:30（法定节假日除外）",
    )
    icp_record = models.CharField("备案号", max_length=60, blank=True, default="")

    panels = [
        MultiFieldPanel(
            [FieldPanel("bureau_name"), FieldPanel("address"), FieldPanel("postcode")],
            heading="机关信息",
        ),
        MultiFieldPanel(
            [
                FieldPanel("hotline"),
                FieldPanel("service_hotline"),
                FieldPanel("petition_phone"),
                FieldPanel("email"),
                FieldPanel("office_hours"),
            ],
            heading="联系方式",
        ),
        FieldPanel("icp_record"),
    ]

    class Meta:
        verbose_name = "机关与热线设置"
