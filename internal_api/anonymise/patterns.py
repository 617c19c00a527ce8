"""Identifier patterns (anyone's, not only the petitioners'), run on the normalised view.

Numbers are matched with separators allowed between digits (spaces, line breaks, dashes, dots),
because senders write 138 1234 5678, 0571-8888 8888 or split a number across a line."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator

# Between two digits of one number: up to two separator characters (a line break counts).
S = r"[ \t\r\n\u3000\-\.·•‐‑‒–—―_~]{0,3}"
D = r"\d"


def _digits(n: int) -> str:
    return D + (S + D) * (n - 1)


_NOT_DIGIT_BEFORE = r"(?<![0-9])"
_NOT_DIGIT_AFTER = r"(?![0-9])"
_CC = r"(?:\(?\s?(?:\+|00)?\s?86\s?\)?" + S + r")"  # country code forms: +86 86 0086 (+86)

# A mobile number is also written 138/1234/5678 or (138)12345678 (as read out on a hotline).
SM = r"[ \t\r\n\u3000\-\.·•‐‑‒–—―_~/()]{0,3}"
MOBILE = re.compile(_NOT_DIGIT_BEFORE + _CC + r"?" + r"1" + SM + r"[3-9]" + (SM + D) * 9 + _NOT_DIGIT_AFTER)
# 0 + area code (2-3 digits) + local 7-8 digits, area code optionally in brackets, optional extension.
LANDLINE = re.compile(
    _NOT_DIGIT_BEFORE
    + r"(?:\(?\s?(?:\+|00)?\s?86\s?\)?"
    + S
    + r")?"
    + r"(?:\(\s?0\d{2,3}\s?\)|0"
    + S
    + r"\d"
    + S
    + r"\d(?:"
    + S
    + r"\d)?)"
    + S
    + r"[2-9]"
    + (S + D) * 5
    + r"(?:"
    + S
    + D
    + r"){1,2}"
    + r"(?:\s?(?:转|分机|-|ext\.?|x)\s?\d{1,5})?"
    + _NOT_DIGIT_AFTER,
    re.IGNORECASE,
)
ID18 = re.compile(_NOT_DIGIT_BEFORE + _digits(17) + S + r"[0-9xX]" + r"(?![0-9A-Za-z])")
ID15 = re.compile(_NOT_DIGIT_BEFORE + _digits(15) + _NOT_DIGIT_AFTER)
BANK_CARD = re.compile(
    _NOT_DIGIT_BEFORE + r"[1-9]" + (S + D) * 15 + r"(?:" + S + D + r"){0,3}" + _NOT_DIGIT_AFTER
)
# Any other long run of digits next to a contact cue word is treated as a number of a person.
LONG_DIGITS = re.compile(_NOT_DIGIT_BEFORE + _digits(5) + r"(?:" + S + D + r"){0,20}" + _NOT_DIGIT_AFTER)

EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]*\s?@\s?[A-Za-z0-9\-]+(?:\s?\.\s?[A-Za-z0-9\-]+)*\s?\.\s?[A-Za-z]{2,10}(?![A-Za-z])"
)
PROVINCES = _PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PS = r"[ \-\.·•]?"
PLATE = re.compile(
    r"["
    + _PROVINCES
    + r"]"
    + _PS
    + r"[A-HJ-NP-Za-hj-np-z]"
    + _PS
    + r"(?=(?:[^0-9\n]{0,3}\d){2})"  # at least two digits in the number part
    + r"[A-HJ-NP-Za-hj-np-z0-9]"
    + (_PS + r"[A-HJ-NP-Za-hj-np-z0-9]") * 3
    + r"(?:"
    + _PS
    + r"[A-HJ-NP-Za-hj-np-z0-9])?"
    + _PS
    + r"[A-HJ-NP-Za-hj-np-z0-9挂学警港澳]"
    + r"(?![A-Za-z0-9])"
)
PASSPORT = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{1,2}" + S + r"\d{7,8}(?![A-Za-z0-9])")
IPV4 = re.compile(r"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?![\d])")
IPV6_CANDIDATE = re.compile(r"(?<![0-9A-Fa-f])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,8}(?![0-9A-Fa-f:])")

# A mobile number written in Chinese numerals (一三八一二三四五六七八).
CN_MOBILE = re.compile(r"[一幺][三四五六七八九](?:[\s\-]?[〇零一二三四五六七八九幺洞]){9}")
# Hong Kong / Macau identity cards (A123456(7)) and Taiwan IDs (A123456789).
HK_ID = re.compile(r"(?<![A-Za-z0-9])[A-Z]{1,2}\d{6}\s?[\(（][0-9A][\)）]")
TW_ID = re.compile(r"(?<![A-Za-z0-9])[A-Z][12]\d{8}(?![A-Za-z0-9])")
# Any other run of nine or more digits that is no quantity: a number of someone, removed.
LONG_RUN = re.compile(
    r"(?<![\d.])\d{9,}(?![\d.]|\s?(?:元|万|亿|吨|千克|公斤|kg|t\b|米|m|平方|立方|个|次|人|户|台|辆|株|头|只|份|件|%))"
)
# e-mail addresses written to dodge harvesters: zhang(at)163.com, zhang#163.com,
# zhang at 163 dot com, zhang[at]163[dot]com, zhang艾特163点com
_AT = r"(?:\s?(?:\(at\)|\[at\]|（at）|\{at\}|#|艾特|圈a)\s?|\s+at\s+)"
_DOT = r"(?:\s?\.\s?|\s?(?:\(dot\)|\[dot\]|（dot）|\{dot\}|点)\s?|\s+dot\s+)"
EMAIL_OBFUSCATED = re.compile(
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]*"
    + _AT
    + r"[A-Za-z0-9\-]+(?:"
    + _DOT
    + r"[A-Za-z0-9\-]+)*?"
    + _DOT
    + r"(?:com|cn|net|org|edu|gov)(?:"
    + _DOT
    + r"cn)?(?![A-Za-z])",
    re.IGNORECASE,
)

# Cue words that turn the next token into an identifier of a given kind.
_GAP = r"[\s:：是为号码账户ID#（(]{0,6}"
QQ_CUE = re.compile(
    r"(?:QQ|扣扣|Q号|企鹅号|qq)(?:号码|号|账号)?"
    + _GAP
    + r"("
    + _digits(5)
    + r"(?:"
    + S
    + D
    + r"){0,7})(?![0-9])",
    re.IGNORECASE,
)
WECHAT_CUE = re.compile(
    r"(?:微信|威信|薇信|V信|VX|WX|weixin|wechat|vx|wx)(?:号码|号|账号|ID)?"
    + _GAP
    + r"([A-Za-z0-9][A-Za-z0-9_\-]{3,29})(?![A-Za-z0-9_\-])",
    re.IGNORECASE,
)
PHONE_CUE = re.compile(
    r"(?:电话|手机|号码|联系方式|联系电话|座机|固话|tel|mobile|phone|热线|来电|致电|拨打|传真)"
    + r"[\s:：是为号码（(]{0,4}"
)
DOC_CUE = re.compile(
    r"(?:护照|通行证|证件|驾驶证|驾照|身份证|社保卡|医保卡|银行卡|卡号|账号|帐号|账户|户号|工号|学号|车架号|房产证|不动产权证|居住证|军官证|台胞证|回乡证|执法证|工作证|证号|支付宝|会员号|用户名|用户ID)"
    + r"(?:号码|号|编号)?[\s:：是为（(]{0,4}"
    + r"([A-Za-z0-9][A-Za-z0-9\-]{4,29})(?![A-Za-z0-9])",
    re.IGNORECASE,
)

# Public facts that look like identifiers and must stay.
PORTAL_REF = re.compile(r"HJXF-\d{4}-\d{6}", re.IGNORECASE)
STANDARD = re.compile(
    r"(?:GB|HJ|GB/T|GBT|HJ/T|CJ|CJJ|DB\d{2}(?:/T)?|JGJ|ISO|GBZ|SL|DL/T|NY/T|QB/T|T/[A-Z]+)\s?\d+(?:[\.\-]\d+)*(?:\s?[\-—–]\s?\d{2,4})?",
    re.IGNORECASE,
)
USCC = re.compile(
    r"(?<![0-9A-Za-z])[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{2}\d{6}[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{10}(?![0-9A-Za-z])"
)
HOTLINES = frozenset(
    {
        "12369",
        "12345",
        "110",
        "119",
        "120",
        "122",
        "12315",
        "12348",
        "12320",
        "12333",
        "12358",
        "12366",
        "12310",
        "12319",
        "12350",
        "12351",
        "12355",
        "12356",
        "12365",
        "12389",
        "12388",
        "12308",
        "12306",
        "95598",
        "96110",
    }
)

_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def uscc_valid(code: str) -> bool:
    code = code.upper()
    if len(code) != 18 or any(c not in _USCC_ALPHABET for c in code):
        return False
    total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(code[:17], _USCC_WEIGHTS, strict=True))
    return _USCC_ALPHABET[(31 - total % 31) % 31] == code[17]


def id_checksum_valid(code: str) -> bool:
    code = code.upper()
    if len(code) != 18 or not code[:17].isdigit():
        return False
    total = sum(int(c) * w for c, w in zip(code[:17], _ID_WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == code[17]


def id_date_plausible(code: str) -> bool:
    """YYYYMMDD (18-digit) at 6..14, or YYMMDD (15-digit) at 6..12."""
    if len(code) == 18:
        y, m, d = code[6:10], code[10:12], code[12:14]
        if not (y.startswith("19") or y.startswith("20")):
            return False
    else:
        m, d = code[8:10], code[10:12]
    return m.isdigit() and d.isdigit() and 1 <= int(m) <= 12 and 1 <= int(d) <= 31


def digits_of(s: str) -> str:
    return "".join(c for c in s if c.isdigit())


def looks_like_credit_code(token: str) -> bool:
    """A unified social credit code, not an ID number: letters inside, or a valid USCC check
    character where the ID check fails. Shape alone decides for lettered codes: a typo'd code
    with letters inside can never be an ID number (those are digits with an optional final X)."""
    t = token.upper()
    if len(t) != 18 or ("XX" in t and set(t) <= set("0123456789X")):
        return False  # 3401041990XXXX1234 is a masked ID number, not a code
    if any(c.isalpha() for c in t[:17]):
        return all(c in _USCC_ALPHABET for c in t)
    if id_checksum_valid(t) and id_date_plausible(t):
        return False
    return uscc_valid(t)


def find_ipv6(text: str) -> Iterator[tuple[int, int]]:
    for m in IPV6_CANDIDATE.finditer(text):
        cand = m.group(0)
        start = m.start()
        if cand.startswith(":") and not cand.startswith("::"):
            cand, start = cand[1:], start + 1  # "IP地址：2001:db8::1" (the full-width colon became ":")
        if cand.count(":") < 2 or ("::" not in cand and cand.count(":") < 7):
            continue
        if not any(c.isalpha() for c in cand) and "::" not in cand:
            continue
        try:
            ipaddress.IPv6Address(cand)
        except ValueError:
            continue
        yield start, m.end()
