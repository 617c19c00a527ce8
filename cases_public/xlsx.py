"""The open-data workbook: published reports in the column order of the 督察 disclosure tables
(群众信访举报转办和边督边改公开情况一览表) with Chinese headers.

openpyxl's write-only mode keeps one row in memory at a time (it spools rows to a temporary
file and zips at the end), so memory stays flat whatever the number of cases. The file is
built under VAR_DIR keyed by a fingerprint of the published set; a publish, retraction or
unpublish changes the fingerprint, so a stale file is never served.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from django.conf import settings
from django.db.models import Count, Max
from openpyxl import Workbook

from cases_public.choices import Category, Channel, Finding, Priority, Satisfaction
from cases_public.exports import export_rows
from cases_public.models import CompletionReport

# (header, export field or callable): the 督察 table columns first, then the portal's own.
COLUMNS = [
    ("序号", None),
    ("受理编号", "reference"),
    ("交办问题基本情况", "summary"),
    ("行政区域", "region_name"),
    ("污染类型", lambda r: "、".join(Category(c).label for c in r["categories"])),
    ("调查核实情况", "investigation"),
    ("是否属实", lambda r: Finding(r["finding"]).label),
    ("处理和整改情况", "handling"),
    ("是否办结", lambda r: "已办结"),
    ("责任人被处理情况", "accountability"),
    ("行政区划代码", "region_code"),
    ("登记时间", lambda r: (r["received_at"] or "")[:10]),
    ("办结时间", lambda r: (r["closed_at"] or "")[:10]),
    ("办结用时（天）", "duration_days"),
    ("信访方式", lambda r: Channel(r["channel"]).label),
    ("信访件类别", lambda r: Priority(r["priority"]).label),
    ("被投诉对象", "subject_name"),
    ("统一社会信用代码", "subject_credit_code"),
    ("立案处罚", lambda r: "是" if r["penalty_case_filed"] else "否"),
    ("罚款金额（元）", lambda r: float(r["penalty_fine_yuan"]) if r["penalty_fine_yuan"] else None),
    ("处罚及责令整改", "penalty_orders"),
    ("满意度", lambda r: Satisfaction(r["satisfaction"]).label),
    ("网址", "url"),
]
NOTES = [
    "本表为已公开的生态环境信访件办结报告（已匿名化），列顺序参照中央生态环境保护督察群众信访举报转办和边督边改公开情况一览表。",
    "合计数和污染类型数量不一致原因为部分投诉举报件涉及多个污染类型。",
    "信访人个人信息依法不予公开；文中“某”“[电话]”等标记为匿名化处理后的内容。",
]


def fingerprint() -> str:
    """Changes whenever the published set changes (publish, edit, retract, unpublish)."""
    facts = CompletionReport.objects.published().aggregate(
        n=Count("id"), last=Max("last_published_at"), top=Max("id")
    )
    raw = f"{facts['n']}|{facts['last']}|{facts['top']}"
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def export_dir() -> Path:
    path = Path(settings.VAR_DIR) / "open-data"
    path.mkdir(parents=True, exist_ok=True)
    return path


def path_for(key: str) -> Path:
    return export_dir() / f"cases-{key}.xlsx"


def _cell(row: dict, source, index: int):
    if source is None:
        return index
    value = source(row) if callable(source) else row[source]
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value  # never let a text become a formula
    return value


def write_workbook(target: Path, base_url: str = "") -> int:
    """Write every published report to `target` (atomically); returns the row count."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("办结报告")
    sheet.append([header for header, _ in COLUMNS])
    count = 0
    for count, row in enumerate(export_rows(base_url=base_url), start=1):
        sheet.append([_cell(row, source, count) for _, source in COLUMNS])
    notes = workbook.create_sheet("说明")
    for line in NOTES:
        notes.append([line])
    temporary = target.with_suffix(f".{os.getpid()}.tmp")
    workbook.save(temporary)
    os.replace(temporary, target)
    for old in export_dir().glob("cases-*.xlsx"):
        if old != target:
            old.unlink(missing_ok=True)
    return count
