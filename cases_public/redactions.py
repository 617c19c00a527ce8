"""Show editors where the anonymiser cut text: placeholders marked with their kind.

Works from the replacement list (field, kind, start, end, placeholder) while the text still
has the placeholder at that position; after an edit moved things, it falls back to finding
placeholders by their shape. Never shows (or could show) a removed value: it has none.
"""

from __future__ import annotations

import re

from django.utils.html import escape

KIND_LABELS = {
    "phone": "电话",
    "landline": "固定电话",
    "id_number": "身份证号",
    "passport": "护照号",
    "bank_card": "银行卡号",
    "email": "邮箱",
    "qq": "QQ号",
    "wechat": "微信号",
    "plate": "车牌号",
    "ip": "IP地址",
    "name": "姓名",
    "given_name": "名字",
    "other_name": "他人姓名",
    "official_name": "人员姓名",
    "door_address": "门牌地址",
    "address": "地址",
    "identifier": "证件号",
}
# A bracketed placeholder, or surname + 某 (+ 甲乙丙…), as the anonymiser writes them.
PLACEHOLDER = re.compile(r"\[[^\[\]\s]{1,8}\]|[\u4e00-\u9fff]{1,2}某[甲乙丙丁戊己庚辛壬癸]?")


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


def _mark(text: str, label: str) -> str:
    return f'<mark class="redaction" title="已匿名化：{escape(label)}">{escape(text)}<span class="visually-hidden">（{escape(label)}）</span></mark>'


def spans_for(text: str, field: str, replacements: list[dict]) -> list[tuple[int, int, str]]:
    spans = []
    for item in replacements or []:
        if item.get("field") != field:
            continue
        start, end = item.get("start", -1), item.get("end", -1)
        if 0 <= start < end <= len(text) and text[start:end] == item.get("placeholder"):
            spans.append((start, end, kind_label(item.get("kind", ""))))
    if spans:
        return sorted(spans)
    return [(m.start(), m.end(), "匿名化") for m in PLACEHOLDER.finditer(text)]


def highlight(text: str, field: str, replacements: list[dict]) -> str:
    """HTML of `text` with every replacement wrapped in <mark>; everything else escaped."""
    text = text or ""
    out, cursor = [], 0
    for start, end, label in spans_for(text, field, replacements):
        if start < cursor:
            continue
        out.append(escape(text[cursor:start]))
        out.append(_mark(text[start:end], label))
        cursor = end
    out.append(escape(text[cursor:]))
    return "".join(out).replace("\n", "<br>")
