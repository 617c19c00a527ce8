"""Enumerations shared by the public record and the ingest schema (contract names as values)."""

from django.db import models


class Channel(models.TextChoices):
    HOTLINE_12369 = "hotline_12369", "12369热线"
    HOTLINE_12345 = "hotline_12345", "12345热线"
    LETTER = "letter", "来信"
    VISIT = "visit", "来访"
    ONLINE = "online", "网络"
    WECHAT = "wechat", "微信"
    WEIBO = "weibo", "微博"
    EMAIL = "email", "电子邮件"
    LEADER_INSTRUCTION = "leader_instruction", "领导批示"
    SUPERIOR_TRANSFER = "superior_transfer", "上级转办"
    INSPECTION_TRANSFER = "inspection_transfer", "督察转办"
    OTHER = "other", "其他"


class Category(models.TextChoices):
    AIR = "air", "大气"
    WATER = "water", "水"
    NOISE = "noise", "噪声"
    SOLID_WASTE = "solid_waste", "固废"
    SOIL = "soil", "土壤"
    ECOLOGY = "ecology", "生态"
    RADIATION = "radiation", "辐射"
    OTHER = "other", "其他"


class Priority(models.TextChoices):
    KEY = "key", "重点信访件"
    GENERAL = "general", "一般信访件"


class Finding(models.TextChoices):
    SUBSTANTIATED = "substantiated", "属实"
    PARTLY_SUBSTANTIATED = "partly_substantiated", "部分属实"
    UNSUBSTANTIATED = "unsubstantiated", "不属实"


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASICALLY_SATISFIED = "basically_satisfied", "基本满意"
    DISSATISFIED = "dissatisfied", "不满意"
    NOT_EVALUATED = "not_evaluated", "未评价"


class CaseState(models.TextChoices):
    """The status the API reports (contract `CaseStatus.status`), derived from Wagtail's state."""

    QUEUED = "queued", "待审核"
    IN_REVIEW = "in_review", "审核中"
    PUBLISHED = "published", "已公开"
    WITHHELD = "withheld", "不予公开"
    RETRACTED = "retracted", "已撤回"


# Fixed order of the eight category flags; a report stores them as a bit set (see models).
CATEGORY_BITS = {code: 1 << index for index, code in enumerate(Category.values)}
