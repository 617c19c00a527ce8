"""Search keys for the values given in `petitioners[]`, in every written form the contract lists.

A value is reduced to its compact key (NFKC, no whitespace, no separators, lower case) and looked
up as a plain string in the compact view of a text (textview.build_compact): that covers
138-1234-5678, 138 1234 5678, a number split across a line, 粤B·D12345, 张 伟, full-width digits,
zero-width characters. Numbers are also looked up by their digits alone, without a country code,
landlines without the area code. No regex is compiled per value: this runs for every case."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from . import names as n
from .addresses import DASHED, DOOR, HOUSE_NUMBER, ROAD_NUMBER
from .textview import COMPACT_DROP
from .types import Petitioner


def compact(value: str) -> str:
    norm = unicodedata.normalize("NFKC", value)
    return "".join(
        (c.lower() if c.isascii() else c) for c in norm if c not in COMPACT_DROP and not c.isspace()
    )


@dataclass(frozen=True)
class ValuePattern:
    kind: str
    person: str = ""  # the petitioner's full name, for name kinds
    key: str = ""  # looked up in the compact view
    regex: re.Pattern[str] | None = None  # run on the normalised view (forms of address)
    optional_x: bool = False  # 17 digits of an ID number: a following x goes too


@dataclass(frozen=True)
class PersonName:
    full: str
    surname: str
    given: str


def split_name(name: str) -> PersonName | None:
    """Surname and given name of a Chinese name (compound surnames first)."""
    full = "".join(ch for ch in unicodedata.normalize("NFKC", name) if not ch.isspace() and ch not in "·•")
    if len(full) < 2 or not all("\u4e00" <= c <= "\u9fff" for c in full):
        return None
    if len(full) >= 3 and full[:2] in n.COMPOUND_SURNAMES:
        return PersonName(full, full[:2], full[2:])
    return PersonName(full, full[0], full[1:])


def _digits(value: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", value) if c.isdigit())


def _number_keys(value: str, kind: str) -> list[str]:
    """Digit-only keys: as given, without a country code, the local part of a landline."""
    d = _digits(value)
    keys = [d] if len(d) >= 5 else []
    for prefix in ("0086", "86"):
        if d.startswith(prefix) and len(d) - len(prefix) in (10, 11, 12):
            keys.append(d[len(prefix) :])
    core = keys[-1] if keys else ""
    if kind in ("phone", "other") and core.startswith("0") and len(core) >= 10:
        area = 3 if core[1] in "12" else 4
        if len(core) - area >= 7:
            keys.append(core[area:])
    return keys


_TITLES = "|".join(re.escape(h) for h in n.HONORIFICS if len(h) >= 2)


@lru_cache(maxsize=4096)
def _given_char_forms(g: str) -> re.Pattern[str]:
    """A one-character given name used as a form of address: 小伟, 阿伟, 伟先生, 伟哥 (only the
    character itself goes in the last two, the form of address may stay)."""
    e = re.escape(g)
    return re.compile(
        "(?:小|阿)"
        + e
        + "|"
        + e
        + e  # 伟伟
        + "|"
        + e
        + "(?="
        + _TITLES
        + "|哥|姐|妹|弟|仔|叔|婶)"
        # 伟：您好 / 伟，你好: the character alone, addressed at the start of a line or sentence
        + r"|(?<![^\n\s，。；！:：,])"
        + e
        + r"(?=\s?(?:[:：]|[,，]?\s?(?:您好|你好)))"
    )


@lru_cache(maxsize=4096)
def _diminutive(g: str) -> re.Pattern[str]:
    return re.compile("(?:小|阿)" + re.escape(g))


def _name_patterns(person: PersonName) -> list[ValuePattern]:
    out = [ValuePattern("name", person.full, key=person.full)]
    given = person.given
    if len(given) >= 2:
        out.append(ValuePattern("given_name", person.full, key=given))
        out.append(ValuePattern("given_name", person.full, regex=_diminutive(given[-1])))  # 小珍, 阿珍
    else:
        # a one-character given name alone is an ordinary word; only its forms of address go
        out.append(ValuePattern("given_name", person.full, regex=_given_char_forms(given)))
    return out


def _kind_for(value: str, kind: str) -> str:
    if kind != "other":
        return kind
    from .identifiers import identifier_hits

    hits = identifier_hits(unicodedata.normalize("NFKC", value))
    return max(hits, key=lambda h: h[1] - h[0])[2] if hits else "identifier"


def _value_patterns(value: str, kind: str) -> list[ValuePattern]:
    out: list[ValuePattern] = []
    key = compact(value)
    final_kind = _kind_for(value, kind)
    if len(key) >= 2:
        out.append(ValuePattern(final_kind, key=key))
    if kind in ("phone", "qq", "id_number", "other"):
        for k in _number_keys(value, kind):
            if k != key:
                out.append(ValuePattern(final_kind, key=k, optional_x=len(k) == 17))
    return out


def _address_patterns(address: str) -> list[ValuePattern]:
    """The door-level part of the address (the rest names a public place); the whole address
    when it has no door-level part, because every given value must go."""
    norm = unicodedata.normalize("NFKC", address)
    doors = [m.group(0) for rx in (DOOR, HOUSE_NUMBER, DASHED) for m in rx.finditer(norm)]
    if not doors:  # a home on a road: its house number is its door
        doors = [m.group(0) for m in ROAD_NUMBER.finditer(norm)]
    out = [ValuePattern("door_address", key=compact(d)) for d in doors if len(compact(d)) >= 2]
    if not out and len(compact(address)) >= 2:
        out.append(ValuePattern("address", key=compact(address)))
    return out


def petitioner_patterns(petitioners: list[Petitioner]) -> tuple[list[ValuePattern], list[PersonName]]:
    patterns: list[ValuePattern] = []
    persons: list[PersonName] = []
    for pet in petitioners:
        if pet.name:
            person = split_name(pet.name)
            if person:
                persons.append(person)
                patterns.extend(_name_patterns(person))
            else:
                patterns.append(ValuePattern("name", key=compact(pet.name)))
            if person is None or re.search(r"[·•.\s]", pet.name.strip()):
                # 买买提·艾力, John Smith: each longer part of a transcribed name is a name too
                for part in re.split(r"[·•.\s\-]+", unicodedata.normalize("NFKC", pet.name)):
                    if len(compact(part)) >= 2 and (person is not None or len(compact(part)) >= 3):
                        patterns.append(ValuePattern("name", key=compact(part)))
        fields = (
            (pet.phone, "phone"),
            (pet.id_number, "id_number"),
            (pet.email, "email"),
            (pet.wechat, "wechat"),
            (pet.qq, "qq"),
        )
        for value, kind in (*fields, *((v, "other") for v in pet.other_identifiers)):
            if value:
                patterns.extend(_value_patterns(value, kind))
        if pet.address:
            patterns.extend(_address_patterns(pet.address))
    return [p for p in patterns if p.key or p.regex], persons
