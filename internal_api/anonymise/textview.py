"""A normalised view of a text for matching, with a map back to the original positions.

Matching runs on the view so that full-width digits and letters (NFKC) and zero-width characters
inside a value do not hide it; replacements are cut from the original text via `origin`."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Invisible characters a sender (or an attacker) may put inside a number or a name.
ZERO_WIDTH = frozenset(
    "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2061\u2062\u2063\u2064"
)


@lru_cache(maxsize=8192)
def _norm_char(ch: str) -> str:
    try:
        out = unicodedata.normalize("NFKC", ch)
    except Exception:  # noqa: BLE001 - never let an odd code point stop the anonymiser
        return ch
    # NFKC maps ideographic space etc.; keep one char per char where it says nothing new
    return out if out else " "


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


@dataclass(frozen=True)
class TextView:
    text: str  # normalised
    origin: tuple[int, ...]  # origin[i] = index in the original text of view char i
    length: int  # length of the original text
    joined: bool = False  # a space between two ideographs was dropped

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) covering view [start, end)."""
        if start >= len(self.origin):
            return self.length, self.length
        o_start = self.origin[start]
        o_end = self.origin[end - 1] + 1 if end > start else o_start
        return o_start, o_end


def build_view(text: str, join_spaces: bool = True) -> TextView:
    """join_spaces=False keeps a space between ideographs: 薛怡 毕鹏鑫 任文凯 are three names a
    space separates (a table column, a list), where 王 建 国 is one name spaced out."""
    if text.isascii():
        return TextView(text, tuple(range(len(text))), len(text))
    chars: list[str] = []
    origin: list[int] = []
    joined = False
    for i, ch in enumerate(text):
        if ch in ZERO_WIDTH:
            continue
        if ch in " \u3000" and chars and _is_cjk(chars[-1]) and i + 1 < len(text) and _is_cjk(text[i + 1]):
            if join_spaces:
                joined = True
                continue  # 王 建 国: a space between two ideographs only hides a word
        if ord(ch) < 0x2000 and not (0x80 <= ord(ch) < 0x100):
            chars.append(ch)
            origin.append(i)
            continue
        n = _norm_char(ch)
        for c in n:
            chars.append(c)
            origin.append(i)
    return TextView("".join(chars), tuple(origin), len(text), joined)


# What the leak check strips before it compares: separators and whitespace.
COMPACT_DROP = frozenset("-.()[]·•/_—–‐‑‒―－．・+（）【】")


@dataclass(frozen=True)
class CompactView:
    """The view without separators and whitespace, ASCII lower-cased: a value is looked up here
    as a plain string, the way the leak check finds it (138-1234 5678, 粤B·D12345, 张 伟)."""

    text: str
    to_view: tuple[int, ...]

    def view_span(self, start: int, end: int) -> tuple[int, int]:
        return self.to_view[start], self.to_view[end - 1] + 1


def build_compact(view: TextView) -> CompactView:
    chars: list[str] = []
    to_view: list[int] = []
    for i, ch in enumerate(view.text):
        if ch in COMPACT_DROP or ch.isspace():
            continue
        chars.append(ch.lower() if ch.isascii() else ch)
        to_view.append(i)
    return CompactView("".join(chars), tuple(to_view))
