"""Find identifiers of anyone in a normalised text, and the public numbers that must stay."""

from __future__ import annotations

import re

from . import patterns as p

PLACEHOLDERS: dict[str, str] = {
    "phone": "[电话]",
    "landline": "[电话]",
    "id_number": "[身份证号]",
    "passport": "[护照号]",
    "bank_card": "[银行卡号]",
    "email": "[邮箱]",
    "qq": "[QQ号]",
    "wechat": "[微信号]",
    "plate": "[车牌号]",
    "ip": "[IP地址]",
    "door_address": "[地址]",
    "address": "[地址]",
    "identifier": "[证件号]",
    "account": "[账号]",
    "number": "[号码]",
}

_WXID = re.compile(r"(?<![A-Za-z0-9])wxid_[A-Za-z0-9_\-]{4,}", re.IGNORECASE)
_ACCOUNT_CUES = ("卡号", "账号", "帐号", "账户", "户号", "银行卡", "社保卡", "医保卡")

Hit = tuple[int, int, str]

# A date at the start of a line: a number before the line break does not run on into it
# (手机：138 1234 5678\n2025年4月6日, the 落款 of a letter).
_DATE_AHEAD = re.compile(
    r"[ \t\u3000]*(?:\d{2,4}\s?年|\d{4}[/.\-]\d{1,2}[/.\-]\d{1,2}|\d{1,2}\s?月\d{1,2}\s?日)"
)


def _stop_at_dates(text: str, hits: list[Hit]) -> list[Hit]:
    out: list[Hit] = []
    for s, e, kind in hits:
        nl = text.find("\n", s, e)
        while nl != -1:
            if _DATE_AHEAD.match(text, nl + 1):
                e = nl
                break
            nl = text.find("\n", nl + 1, e)
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e, kind))
    return out


def _inside_plate(text: str, start: int) -> bool:
    """豫GB22772, 皖BDB4526: the 'standard' starts inside a plate (or any longer code)."""
    if not start:
        return False
    before = text[start - 1]
    return before in p.PROVINCES or (before.isascii() and before.isalnum())


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Public facts shaped like identifiers: portal references, standard numbers, credit codes."""
    out = [m.span() for m in p.PORTAL_REF.finditer(text)]
    # a standard number, unless a province character makes it a plate (豫GB22772)
    out += [m.span() for m in p.STANDARD.finditer(text) if not _inside_plate(text, m.start())]
    out += [m.span() for m in p.USCC.finditer(text) if p.looks_like_credit_code(m.group(0))]
    return out


def _kind_of_long_number(raw: str) -> str:
    d = p.digits_of(raw)
    if len(d) == 18 or (len(d) == 17 and raw.rstrip()[-1:] in "xX"):
        return "id_number" if p.id_date_plausible(d if len(d) == 18 else d + "0") else "bank_card"
    if len(d) == 15:
        return "id_number" if p.id_date_plausible(d) else "number"
    if 16 <= len(d) <= 19:
        return "bank_card"
    return "number"


def _is_public_number(d: str) -> bool:
    """Hotlines and company service numbers (400/800) are not personal data."""
    if d in p.HOTLINES:
        return True
    return len(d) == 10 and d[:3] in ("400", "800")


def identifier_hits(text: str) -> list[Hit]:
    hits: list[Hit] = []
    add = hits.append
    for m in p.EMAIL.finditer(text):
        add((m.start(), m.end(), "email"))
    for m in p.IPV4.finditer(text):
        add((m.start(), m.end(), "ip"))
    for s, e in p.find_ipv6(text):
        add((s, e, "ip"))
    has_digits = any(c.isdigit() for c in text)
    if has_digits:
        for m in p.ID18.finditer(text):
            raw = m.group(0)
            compact = "".join(c for c in raw if c.isalnum())
            if p.looks_like_credit_code(compact):
                continue
            add((m.start(), m.end(), _kind_of_long_number(raw)))
        for m in p.ID15.finditer(text):
            add((m.start(), m.end(), _kind_of_long_number(m.group(0))))
        for m in p.BANK_CARD.finditer(text):
            add((m.start(), m.end(), _kind_of_long_number(m.group(0))))
        for m in p.MOBILE.finditer(text):
            add((m.start(), m.end(), "phone"))
        for m in p.LANDLINE.finditer(text):
            if not _is_public_number(p.digits_of(m.group(0))):
                add((m.start(), m.end(), "landline"))
        for m in p.PASSPORT.finditer(text):
            add((m.start(), m.end(), "passport"))
        for m in p.QQ_CUE.finditer(text):
            add((m.start(1), m.end(1), "qq"))
        for m in p.PHONE_CUE.finditer(text):
            n = p.LONG_DIGITS.match(text, m.end())
            if n and not _is_public_number(p.digits_of(n.group(0))):
                add((n.start(), n.end(), "phone"))
        for m in p.LONG_RUN.finditer(text):
            if not _is_public_number(m.group(0)):
                add((m.start(), m.end(), _kind_of_long_number(m.group(0))))
        for rx in (p.HK_ID, p.TW_ID):
            for m in rx.finditer(text):
                add((m.start(), m.end(), "identifier"))
    for m in p.CN_MOBILE.finditer(text):
        add((m.start(), m.end(), "phone"))
    for m in p.EMAIL_OBFUSCATED.finditer(text):
        add((m.start(), m.end(), "email"))
    for m in p.PLATE.finditer(text):
        add((m.start(), m.end(), "plate"))
    for m in p.WECHAT_CUE.finditer(text):
        start = m.start()
        if start and text[start - 1].isascii() and text[start - 1].isalpha():
            continue
        add((m.start(1), m.end(1), "wechat"))
    for m in _WXID.finditer(text):
        add((m.start(), m.end(), "wechat"))
    for m in p.DOC_CUE.finditer(text):
        token = m.group(1)
        if not any(c.isdigit() for c in token):
            continue
        cue = m.group(0)
        if p.looks_like_credit_code(token) and "身份证" not in cue:
            continue
        if "护照" in cue:
            kind = "passport"
        elif any(c in cue for c in _ACCOUNT_CUES):
            kind = "account"
        elif "身份证" in cue:
            kind = "id_number"
        else:
            kind = "identifier"
        add((m.start(1), m.end(1), kind))
    return _stop_at_dates(text, hits) if "\n" in text else hits
