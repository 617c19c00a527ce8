"""Guess the full names of private persons who are not in `petitioners` (neighbours, relatives,
grid workers, officials named in pushed texts) from the words around them.

Chinese has no spaces, so a name is read as surname + one or two given characters at a place
where a name is expected: after a role word (邻居, 执法人员, 举报人), before a form of address
(先生, 同志, 局长), or after a weak cue (与, 联系) when what follows confirms it. Guesses are
only ever removed, never kept, so a wrong guess costs a word of readability, not a leak."""
from __future__ import annotations

import re

from . import names as n

_CJK = re.compile(r"[\u4e00-\u9fff]")


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _alternation(words: tuple[str, ...] | frozenset[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_STRONG = re.compile(r"(?:" + _alternation(n.ROLE_CUES) + r")(?:是|为|叫|：|:|\s|，|,){0,2}")
_WEAK = re.compile(r"(?:" + _alternation(n.WEAK_CUES) + r")\s?")
_POST = re.compile(r"副?(?:" + _alternation(tuple(h for h in n.HONORIFICS if len(h) >= 2)) + r")")
# A place right before a name must not be eaten: 向阳村王建国 -> skip 向阳村, read 王建国.
_PLACE_PREFIX = re.compile(
    r"[\u4e00-\u9fff]{1,10}?(?:街道|社区|小区|花园|家园|新村|省|市|区|县|镇|乡|村|组|屯|庄|厂|公司|单位)"
)
_HONORIFIC_STARTS = tuple(n.HONORIFICS)
_AFTER_STARTS = tuple(n.AFTER_NAME)
_G1_STOP = frozenset("说称也的了着过是在和与及等们某甲乙丙丁讲表反")

Found = tuple[int, int, str]


def _surname_len(text: str, pos: int) -> int:
    if text[pos : pos + 2] in n.COMPOUND_SURNAMES:
        return 2
    if pos < len(text) and text[pos] in n.SURNAMES:
        return 1
    return 0


def _not_a_name(candidate: str) -> bool:
    return candidate in n.NOT_NAMES or candidate[:2] in n.NOT_NAMES or candidate[:3] in n.NOT_NAMES


def read_forward(text: str, pos: int) -> int:
    """End of a name starting at pos, or 0."""
    sl = _surname_len(text, pos)
    if not sl:
        return 0
    g = pos + sl
    if g >= len(text):
        return 0
    g1 = text[g]
    if not _is_cjk(g1) or g1 in n.NOT_IN_GIVEN or g1 in _G1_STOP or text.startswith(_HONORIFIC_STARTS, g):
        return 0
    end = g + 1
    if end < len(text):
        g2 = text[end]
        if (
            _is_cjk(g2)
            and g2 not in n.NOT_IN_GIVEN
            and g2 not in n.GIVEN_STOP_CHARS
            and not text.startswith(_HONORIFIC_STARTS, end)
            and not text.startswith(_AFTER_STARTS, end)
        ):
            end += 1
    if _not_a_name(text[pos:end]):
        return 0
    return end


def read_backward(text: str, cue_start: int) -> int:
    """Start of a full name (surname + given) that ends at cue_start, or -1."""
    best = -1
    for length in (4, 3, 2):
        start = cue_start - length
        if start < 0:
            continue
        window = text[start:cue_start]
        sl = 2 if window[:2] in n.COMPOUND_SURNAMES else (1 if window[0] in n.SURNAMES else 0)
        given = window[sl:]
        if not sl or not given or len(given) > 2:
            continue
        if any(not _is_cjk(c) or c in n.NOT_IN_GIVEN for c in given):
            continue
        if window in n.COMPOUND_SURNAMES or _not_a_name(window):
            continue
        if length == 3 and sl == 1 and window[0] not in n.COMMON_SURNAMES and window[1] in n.COMMON_SURNAMES:
            continue  # 向张伟先生: prefer 张伟 over 向张伟 ... handled by the 2-window next
        if length == 2 and sl == 1 and window[1] in n.COMMON_SURNAMES and window[0] not in n.COMMON_SURNAMES:
            continue  # 向张先生 is 张先生 (allowed), not a name 向张
        best = start
        break
    return best


def _weak_confirmed(text: str, end: int) -> bool:
    if end >= len(text):
        return True
    ch = text[end]
    if not _is_cjk(ch) and not ch.isalnum():
        return True
    return text.startswith(_AFTER_STARTS, end)


def _read_after_cue(text: str, pos: int) -> tuple[int, int]:
    end = read_forward(text, pos)
    if end:
        return pos, end
    m = _PLACE_PREFIX.match(text, pos)
    if m:
        end = read_forward(text, m.end())
        if end:
            return m.end(), end
    return 0, 0


def find_names(text: str) -> list[Found]:
    """(start, end, full name) of guessed person names in a normalised text."""
    found: dict[int, int] = {}
    for m in _STRONG.finditer(text):
        s, e = _read_after_cue(text, m.end())
        if e:
            found[s] = max(found.get(s, 0), e)
    for m in _POST.finditer(text):
        s = read_backward(text, m.start())
        if s >= 0:
            found[s] = max(found.get(s, 0), m.start())
    for m in _WEAK.finditer(text):
        pos = m.end()
        end = read_forward(text, pos)
        if end and _weak_confirmed(text, end):
            found[pos] = max(found.get(pos, 0), end)
    # lists: 王建国、李秀英和赵强 -> every member after a found one
    queue = sorted(found.items())
    while queue:
        _s, e = queue.pop()
        if e < len(text) and text[e] in "、和与及,，":
            nxt = e + 1
            end = read_forward(text, nxt)
            if end and nxt not in found and _weak_confirmed(text, end):
                found[nxt] = end
                queue.append((nxt, end))
    return [(s, e, text[s:e]) for s, e in sorted(found.items())]
