"""Patterns for the values given in `petitioners[]`, in every written form the contract lists.

A value is reduced to its compact key (NFKC, no whitespace, no separators, lower case) and
matched with any run of separators or whitespace allowed between its characters: that covers
138-1234-5678, 138 1234 5678, a number split across a line, 粤B·D12345, 张 伟 ... The view the
patterns run on is already NFKC-normalised and free of zero-width characters."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from . import names as n
from .addresses import DASHED, DOOR, HOUSE_NUMBER, ROAD_NUMBER
from .types import Petitioner

# Separators the leak check ignores, plus whitespace (line breaks) and a few dash look-alikes.
_SEP_CHARS = r"\s\-\.\(\)\[\]·•/_—–‐‑‒―－．・+（）【】"
_SEP = "[" + _SEP_CHARS + "]*"
_SEP_STRIP = re.compile("[" + _SEP_CHARS + "]")


def compact(value: str) -> str:
    return _SEP_STRIP.sub("", unicodedata.normalize("NFKC", value)).lower()


def _flexible(key: str) -> str:
    return _SEP.join(re.escape(c) for c in key)


@dataclass(frozen=True)
class ValuePattern:
    regex: re.Pattern[str]
    kind: str
    person: str  # petitioner's name key ("" when the value is not a name)


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
    """Digit-only keys of a number: as given, without a country code, the local part of a landline."""
    d = _digits(value)
    keys = [d] if len(d) >= 5 else []
    for prefix in ("0086", "86"):
        if d.startswith(prefix) and len(d) - len(prefix) in (11, 10, 11, 12):
            keys.append(d[len(prefix) :])
    if kind == "phone" and d.startswith("0") and len(d) >= 10:
        area = 3 if d[1] in "12" else 4
        if len(d) - area >= 7:
            keys.append(d[area:])
    return keys


def _value_patterns(value: str, kind: str) -> list[str]:
    out: list[str] = []
    key = compact(value)
    if len(key) >= 2:
        out.append(_flexible(key))
    if kind in ("phone", "qq", "id_number", "other"):
        d = _digits(value)
        # a number with letters (ID with X) still leaks through its digits
        for k in _number_keys(value, kind):
            if k != key:
                out.append(_flexible(k))
        if kind == "id_number" and len(d) == 17:
            out.append(_flexible(d) + _SEP + "[xX]?")
    return out


def _name_patterns(person: PersonName) -> list[tuple[str, str]]:
    """(pattern, kind) for a name and its given-name forms of address."""
    pats = [(_flexible(person.full), "name")]
    given = person.given
    if len(given) >= 2:
        pats.append((_flexible(given), "given_name"))
        # 小珍 / 阿珍: the last given character with a diminutive
        pats.append(("(?:小|阿)" + re.escape(given[-1]), "given_name"))
    else:
        # a one-character given name alone is an ordinary word; only its forms of address go
        g = re.escape(given)
        pats.append(("(?:小|阿)" + g, "given_name"))
        # 伟先生, 伟哥: only the given character goes, the form of address may stay
        titles = "|".join(re.escape(h) for h in n.HONORIFICS if len(h) >= 2)
        pats.append((g + "(?=" + titles + "|哥|姐|妹|弟|仔|叔|婶)", "given_name"))
    return pats


def petitioner_patterns(petitioners: list[Petitioner]) -> tuple[list[ValuePattern], list[PersonName]]:
    patterns: list[ValuePattern] = []
    persons: list[PersonName] = []
    for pet in petitioners:
        if pet.name and re.search(r"[·•.\s]", pet.name.strip()):
            # 买买提·艾力: each part of a transcribed name is a name too
            for part in re.split(r"[·•.\s]+", unicodedata.normalize("NFKC", pet.name)):
                if len(compact(part)) >= 2:
                    patterns.append(ValuePattern(re.compile(_flexible(compact(part)), re.IGNORECASE), "name", ""))
        if pet.name:
            person = split_name(pet.name)
            if person:
                persons.append(person)
                for pat, kind in _name_patterns(person):
                    patterns.append(ValuePattern(re.compile(pat, re.IGNORECASE), kind, person.full))
            else:
                # a non-Chinese name: the whole and each longer part
                for part in [pet.name, *re.split(r"[\s·•.\-]+", pet.name)]:
                    key = compact(part)
                    if len(key) >= 3 or (part == pet.name and len(key) >= 2):
                        patterns.append(ValuePattern(re.compile(_flexible(key), re.IGNORECASE), "name", ""))
        fields = (
            (pet.phone, "phone"), (pet.id_number, "id_number"), (pet.email, "email"),
            (pet.wechat, "wechat"), (pet.qq, "qq"),
        )
        values = [*fields, *((v, "other") for v in pet.other_identifiers)]
        for value, kind in values:
            if not value:
                continue
            for pat in _value_patterns(value, kind):
                patterns.append(ValuePattern(re.compile(pat, re.IGNORECASE), _kind_for(value, kind), ""))
        if pet.address:
            patterns.extend(_address_patterns(pet.address))
    return patterns, persons


def _kind_for(value: str, kind: str) -> str:
    if kind != "other":
        return kind
    from .identifiers import identifier_hits  # late: identifiers imports nothing of ours

    hits = identifier_hits(unicodedata.normalize("NFKC", value))
    return max(hits, key=lambda h: h[1] - h[0])[2] if hits else "identifier"


def _address_patterns(address: str) -> list[ValuePattern]:
    """The door-level part of the address (the rest names a public place); the whole address
    when it has no door-level part, because every given value must go."""
    norm = unicodedata.normalize("NFKC", address)
    doors = [m.group(0) for rx in (DOOR, HOUSE_NUMBER, DASHED) for m in rx.finditer(norm)]
    if not doors:  # a home on a road: its house number is its door
        doors = [m.group(0) for m in ROAD_NUMBER.finditer(norm)]
    out = [ValuePattern(re.compile(_flexible(compact(d)), re.IGNORECASE), "door_address", "") for d in doors if len(compact(d)) >= 2]
    if not doors and len(compact(address)) >= 2:
        out.append(ValuePattern(re.compile(_flexible(compact(address)), re.IGNORECASE), "address", ""))
    return out
