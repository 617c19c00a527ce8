"""StreamField blocks shared by every page body. Each StructBlock renders with its own template in
templates/blocks/. The reward-policy blocks are ordinary members of BaseStreamBlock, so an
announcement or a content page can carry, say, the reporting channels or the reward tiers too."""

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]

TABLE_OPTIONS = {"startRows": 3, "startCols": 3, "colHeaders": False, "rowHeaders": False, "language": "zh"}


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="标题", max_length=120)
    level = blocks.ChoiceBlock(
        label="级别", choices=[("h2", "二级标题"), ("h3", "三级标题")], default="h2", required=True
    )

    class Meta:
        template = "blocks/heading_block.html"
        icon = "title"
        label = "小标题"
        preview_value = {"text": "举报渠道", "level": "h2"}


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="文件")
    title = blocks.CharBlock(label="显示名称", required=False, help_text="留空则使用文件标题")
    note = blocks.CharBlock(label="说明", required=False)

    class Meta:
        template = "blocks/document_block.html"
        icon = "doc-full"
        label = "附件下载"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="图片")
    alt = blocks.CharBlock(label="替代文字", help_text="为视障读者描述图片内容", max_length=200)
    caption = blocks.CharBlock(label="图注", required=False)

    class Meta:
        template = "blocks/image_block.html"
        icon = "image"
        label = "图片"


class ContactCardBlock(blocks.StructBlock):
    name = blocks.CharBlock(label="单位或部门", max_length=100)
    phone = blocks.CharBlock(label="电话", required=False, max_length=60)
    address = blocks.CharBlock(label="地址", required=False, max_length=200)
    email = blocks.EmailBlock(label="邮箱", required=False)
    hours = blocks.CharBlock(label="办公时间", required=False, max_length=120)

    class Meta:
        template = "blocks/contact_card_block.html"
        icon = "user"
        label = "联系卡片"
        preview_value = {
            "name": "示例市生态环境局信访办公室",
            "phone": "0000-12369000",
            "address": "示例市人民路100号",
            "hours": "工作日 9:00—17:30",
        }


class TableWithCaptionBlock(TableBlock):
    class Meta:
        template = "blocks/table_block.html"
        icon = "table"
        label = "表格"


class LegalBasisBlock(blocks.StructBlock):
    items = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("title", blocks.CharBlock(label="文件名称", max_length=200)),
                ("number", blocks.CharBlock(label="文号", required=False, max_length=100)),
                ("url", blocks.URLBlock(label="链接", required=False)),
            ],
            label="依据",
        ),
        label="依据文件",
    )

    class Meta:
        template = "blocks/legal_basis_block.html"
        icon = "doc-full-inverse"
        label = "法律政策依据"
        preview_value = {
            "items": [
                {"title": "关于实施生态环境违法行为举报奖励制度的指导意见", "number": "环办执法〔2020〕8号"}
            ]
        }


class ListItemsBlock(blocks.StructBlock):
    """A titled list: covered violations, reward conditions, exclusions."""

    heading = blocks.CharBlock(label="标题", max_length=120)
    intro = blocks.TextBlock(label="说明", required=False)
    items = blocks.ListBlock(blocks.TextBlock(label="条目"), label="条目")
    ordered = blocks.BooleanBlock(label="编号列表", required=False, default=True)

    class Meta:
        template = "blocks/list_items_block.html"
        icon = "list-ol"
        label = "条目列表"
        preview_value = {
            "heading": "奖励条件",
            "items": ["实名举报", "首次举报", "经查证属实", "生态环境部门此前未掌握"],
            "ordered": True,
        }


class RewardTierBlock(blocks.StructBlock):
    level = blocks.CharBlock(label="奖励等级", max_length=40)
    min_amount = blocks.IntegerBlock(label="最低金额（元）", min_value=0)
    max_amount = blocks.IntegerBlock(label="最高金额（元）", min_value=0)
    criteria = blocks.TextBlock(label="适用情形")

    def clean(self, value):
        value = super().clean(value)
        if value.get("max_amount") is not None and value["max_amount"] < value.get("min_amount", 0):
            from django.core.exceptions import ValidationError
            from wagtail.blocks import StructBlockValidationError

            raise StructBlockValidationError(
                block_errors={"max_amount": ValidationError("最高金额不能低于最低金额")}
            )
        return value


class RewardTiersBlock(blocks.StructBlock):
    caption = blocks.CharBlock(label="表格标题", max_length=120, default="奖励标准")
    tiers = blocks.ListBlock(RewardTierBlock(label="等级"), label="奖励等级", min_num=1)
    note = blocks.TextBlock(label="备注", required=False)

    class Meta:
        template = "blocks/reward_tiers_block.html"
        icon = "table"
        label = "奖励标准表"
        preview_value = {
            "caption": "奖励标准",
            "tiers": [
                {
                    "level": "一级",
                    "min_amount": 500,
                    "max_amount": 2000,
                    "criteria": "一般违法行为，线索清楚",
                },
                {"level": "二级", "min_amount": 2001, "max_amount": 10000, "criteria": "较大违法行为"},
            ],
        }


class ProcedureBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="标题", max_length=120, default="办理程序和时限")
    steps = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("title", blocks.CharBlock(label="环节", max_length=80)),
                ("description", blocks.TextBlock(label="说明")),
                ("days", blocks.IntegerBlock(label="时限", required=False, min_value=0)),
                (
                    "unit",
                    blocks.ChoiceBlock(
                        label="时限单位",
                        choices=[("calendar_day", "日"), ("working_day", "个工作日")],
                        default="working_day",
                    ),
                ),
            ],
            label="环节",
        ),
        label="环节",
    )

    class Meta:
        template = "blocks/procedure_block.html"
        icon = "list-ol"
        label = "办理程序"
        preview_value = {
            "heading": "办理程序和时限",
            "steps": [
                {"title": "受理", "description": "收到举报后登记受理", "days": 15, "unit": "calendar_day"},
                {"title": "领取奖励", "description": "凭身份证件领取", "days": 15, "unit": "working_day"},
            ],
        }


CHANNEL_CHOICES = [
    ("phone", "电话"),
    ("wechat", "微信"),
    ("web", "网上"),
    ("mail", "信函"),
    ("visit", "来访"),
    ("other", "其他"),
]


class ReportingChannelsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="标题", max_length=120, default="举报渠道")
    channels = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("kind", blocks.ChoiceBlock(label="类型", choices=CHANNEL_CHOICES)),
                ("name", blocks.CharBlock(label="名称", max_length=80)),
                ("value", blocks.CharBlock(label="号码或地址", max_length=200)),
                ("url", blocks.URLBlock(label="链接", required=False)),
                ("note", blocks.CharBlock(label="说明", required=False, max_length=200)),
            ],
            label="渠道",
        ),
        label="渠道",
    )

    class Meta:
        template = "blocks/reporting_channels_block.html"
        icon = "mail"
        label = "举报渠道"
        preview_value = {
            "heading": "举报渠道",
            "channels": [
                {"kind": "phone", "name": "生态环境举报热线", "value": "12369", "note": "24小时"},
                {"kind": "wechat", "name": "微信公众号", "value": "“12369环保举报”"},
            ],
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        labels = dict(CHANNEL_CHOICES)
        context["channels"] = [{**dict(c), "label": labels.get(c["kind"], "")} for c in value["channels"]]
        return context


class ConfidentialityBlock(blocks.StructBlock):
    promise = blocks.TextBlock(label="保密承诺")
    liability = blocks.TextBlock(label="泄密责任", help_text="泄露举报人信息的责任主体及追责方式")

    class Meta:
        template = "blocks/confidentiality_block.html"
        icon = "lock"
        label = "保密承诺"
        preview_value = {
            "promise": "对举报人的姓名、联系方式及举报内容严格保密。",
            "liability": "工作人员泄露举报人信息的，依法依纪追究责任。",
        }


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(label="正文", features=RICH_FEATURES, icon="pilcrow")
    table = TableWithCaptionBlock(table_options=TABLE_OPTIONS)
    document = DocumentBlock()
    image = ImageBlock()
    contact = ContactCardBlock()
    legal_basis = LegalBasisBlock()
    list_items = ListItemsBlock()
    reward_tiers = RewardTiersBlock()
    procedure = ProcedureBlock()
    channels = ReportingChannelsBlock()
    confidentiality = ConfidentialityBlock()
