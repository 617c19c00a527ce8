"""Data types of the anonymiser's public API and the internal span record."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

_FIELDS = ("name", "phone", "id_number", "address", "email", "wechat", "qq")


def _as_text(value: Any) -> str | None:
    """A value from a loosely typed payload as a string, or None when it carries nothing."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        value = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    if not isinstance(value, str):
        return None
    return value if value.strip() else None


def _as_texts(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (str, int, float)):
        one = _as_text(value)
        return (one,) if one else ()
    if isinstance(value, Mapping):
        value = value.values()
    out: list[str] = []
    if isinstance(value, Iterable):
        for item in value:
            text = _as_text(item)
            if text:
                out.append(text)
    return tuple(out)


@dataclass(frozen=True)
class Petitioner:
    """One petitioner as the sending system gave it; every field optional."""

    name: str | None = None
    phone: str | None = None
    id_number: str | None = None
    address: str | None = None
    email: str | None = None
    wechat: str | None = None
    qq: str | None = None
    other_identifiers: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, d: Mapping[str, Any] | None) -> Petitioner:
        """Tolerant of missing keys, None, numbers and lists (a list under `phone` keeps its first
        value here; the others go to other_identifiers so that they are still removed)."""
        if not isinstance(d, Mapping):
            return cls()
        values: dict[str, str | None] = {}
        extra: list[str] = []
        for key in _FIELDS:
            texts = _as_texts(d.get(key))
            values[key] = texts[0] if texts else None
            extra.extend(texts[1:])
        extra.extend(_as_texts(d.get("other_identifiers")))
        return cls(other_identifiers=tuple(extra), **values)


@dataclass(frozen=True)
class Replacement:
    """One replacement in the output text of `field`; never carries the removed value."""

    field: str
    kind: str
    start: int
    end: int
    placeholder: str


@dataclass(frozen=True)
class AnonymisedCase:
    texts: dict[str, str | None]
    replacements: list[Replacement]


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Span:
    """A stretch of a text to replace (or, with kind "keep", to protect).

    start/end index the ORIGINAL text. `rank` decides between overlapping spans: petitioner values
    beat patterns, patterns beat guessed names. `person` keys a name to its placeholder."""

    start: int
    end: int
    kind: str
    rank: int
    placeholder: str = ""
    person: str = ""
