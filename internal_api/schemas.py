"""Request and response schemas of the ingest API. Field names are the contract's."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

from ninja import Schema
from pydantic import AfterValidator, ConfigDict, Field, ValidationInfo, field_validator

from cases_public.choices import CaseState, Category, Channel, Finding, Priority, Satisfaction

SHANGHAI = ZoneInfo("Asia/Shanghai")
MAX_TEXT = 20_000
EXTERNAL_ID_PATTERN = r"^[A-Za-z0-9._:/-]{1,64}$"
# First two digits of GB/T 2260 codes: provinces, autonomous regions, municipalities, SARs, Taiwan.
PROVINCE_PREFIXES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82".split()
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _storable(value: str) -> str:
    """Text must survive both databases: no NUL or other control bytes, no lone surrogates."""
    if _CONTROL.search(value):
        raise ValueError("含有不允许的控制字符")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("含有无效的 Unicode 字符") from None
    return value


Text = Annotated[str, AfterValidator(_storable)]


def _enum(choices) -> Any:
    return Literal[tuple(choices.values)]  # type: ignore[valid-type]


ChannelValue = _enum(Channel)
CategoryValue = _enum(Category)
PriorityValue = _enum(Priority)
FindingValue = _enum(Finding)
SatisfactionValue = _enum(Satisfaction)
StateValue = _enum(CaseState)


def _as_shanghai(value: datetime | None) -> datetime | None:
    """Naive times are Shanghai time; aware ones are converted to it (the same instant). ISO 8601
    allows offsets PostgreSQL cannot store (beyond ±15:59, e.g. +16:00): converted, they store."""
    if value is None:
        return value
    if value.tzinfo is None:
        return value.replace(tzinfo=SHANGHAI)
    try:
        return value.astimezone(SHANGHAI)
    except OverflowError:
        raise ValueError("时间超出可表示的范围") from None


class Subject(Schema):
    model_config = ConfigDict(extra="ignore")

    name: Text = Field(min_length=1, max_length=200)
    credit_code: Text | None = Field(default=None, max_length=32)
    address: Text | None = Field(default=None, max_length=300)


class Penalty(Schema):
    model_config = ConfigDict(extra="ignore")

    case_filed: bool = False
    fine_yuan: Decimal | None = Field(default=None, ge=0, max_digits=14, decimal_places=2)
    orders: Text | None = Field(default=None, max_length=MAX_TEXT)


class Petitioner(Schema):
    """Every value here is stripped from the texts and never stored."""

    model_config = ConfigDict(extra="ignore")

    name: Text | None = Field(default=None, max_length=100)
    phone: Text | None = Field(default=None, max_length=100)
    id_number: Text | None = Field(default=None, max_length=100)
    address: Text | None = Field(default=None, max_length=500)
    email: Text | None = Field(default=None, max_length=200)
    wechat: Text | None = Field(default=None, max_length=100)
    qq: Text | None = Field(default=None, max_length=100)
    other_identifiers: list[Annotated[Text, Field(max_length=200)]] = Field(
        default_factory=list, max_length=50
    )


class CaseIn(Schema):
    model_config = ConfigDict(extra="ignore")

    external_id: str = Field(pattern=EXTERNAL_ID_PATTERN, description="发送系统的案件编号（按客户端唯一）")
    channel: ChannelValue
    received_at: datetime = Field(description="登记时间；无时区时按 Asia/Shanghai 理解")
    accepted_at: datetime | None = None
    closed_at: datetime
    region_code: str = Field(pattern=r"^\d{6}$", description="GB/T 2260 六位行政区划代码")
    region_name: Text = Field(min_length=1, max_length=100)
    categories: list[CategoryValue] = Field(min_length=1, max_length=8)
    priority: PriorityValue
    subject: Subject | None = None
    petitioners: list[Petitioner] = Field(max_length=50)
    summary: Text = Field(min_length=1, max_length=MAX_TEXT)
    investigation: Text | None = Field(default=None, max_length=MAX_TEXT)
    finding: FindingValue
    handling: Text = Field(max_length=MAX_TEXT)
    penalty: Penalty | None = None
    accountability: Text | None = Field(default=None, max_length=MAX_TEXT)
    reply: Text | None = Field(default=None, max_length=MAX_TEXT)
    satisfaction: SatisfactionValue
    disclose: bool = True

    _tz = field_validator("received_at", "accepted_at", "closed_at")(_as_shanghai)

    @field_validator("region_code")
    @classmethod
    def _known_province(cls, value: str) -> str:
        if value[:2] not in PROVINCE_PREFIXES or value == "000000":
            raise ValueError("不是有效的 GB/T 2260 行政区划代码")
        return value

    @field_validator("closed_at")
    @classmethod
    def _closed_after_received(cls, value: datetime, info: ValidationInfo) -> datetime:
        received = info.data.get("received_at")
        if received is not None and value < received:
            raise ValueError("办结时间（closed_at）不能早于登记时间（received_at）")
        return value


class CaseStatus(Schema):
    external_id: str
    reference: str
    status: StateValue
    public_url: str | None
    received: datetime


class BatchIn(Schema):
    # Items are validated one by one so that a bad item never blocks the good ones.
    cases: list[Any] = Field(min_length=1, max_length=500)


class ItemError(Schema):
    status: int
    title: str
    errors: list[dict[str, Any]] = Field(default_factory=list)


class BatchItemError(Schema):
    external_id: str | None
    error: ItemError


class BatchOut(Schema):
    results: list[CaseStatus | BatchItemError]


class RetractIn(Schema):
    reason: Text = Field(min_length=1, max_length=2000)
