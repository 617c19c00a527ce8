"""The anonymiser: collect spans to remove in every field, resolve overlaps, name people
consistently across the fields of one case, and cut the output."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from . import name_finder
from .addresses import door_hits
from .identifiers import PLACEHOLDERS, identifier_hits, protected_spans
from .lexicon import word_freq
from .names import COMPOUND_SURNAMES
from .petitioners import ValuePattern, petitioner_patterns, split_name
from .textview import TextView, build_compact, build_view
from .types import AnonymisedCase, Finding, Petitioner, Replacement, Span

# Who wins where spans overlap: a petitioner's value, then a pattern, then a guessed name.
RANK_PETITIONER = 3
RANK_PATTERN = 2
RANK_GUESS = 1

_SUFFIXES = "甲乙丙丁戊己庚辛壬癸"
# Internal kinds reported under the public kind names of the API.
_PUBLIC_KIND = {"account": "identifier", "number": "identifier"}
_PLACEHOLDER_RE = re.compile(r"\[[^\[\]]{1,6}\]")


def _overlaps(s: int, e: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s < re_ and rs < e for rs, re_ in ranges)


def _placeholder_ranges(text: str) -> list[tuple[int, int]]:
    """Placeholders already in a text are never touched again (idempotence)."""
    return [m.span() for m in _PLACEHOLDER_RE.finditer(text) if m.group(0) in _KNOWN_PLACEHOLDERS]


_KNOWN_PLACEHOLDERS = frozenset(PLACEHOLDERS.values()) | {"[姓名]"}


def _keep_ranges(text: str) -> list[tuple[int, int]]:
    return protected_spans(text) + _placeholder_ranges(text)


@lru_cache(maxsize=1024)
def _addressed(given: str) -> re.Pattern[str]:
    """A given name that is also a word, used as a form of address: 天明哥, @天明, 天明：, 天明啊,"""
    g = re.escape(given)
    return re.compile(
        r"(?:(?<=[@＠])|(?<![^\n\s，。；！？,.;!?:：]))(" + g + r")(?=哥|姐|叔|婶|妹|弟|啊|呀|[，,:：\s])"
    )


def _field_spans(view: TextView, values: list[ValuePattern], original: str) -> list[Span]:
    """Spans (original coordinates) of one field, unresolved."""
    text = view.text
    spans: list[Span] = []
    keep = _keep_ranges(text)

    def add(s: int, e: int, kind: str, rank: int, person: str = "") -> None:
        os_, oe = view.orig_span(s, e)
        if oe > os_:
            spans.append(Span(os_, oe, kind, rank, "", person))

    if values:
        cv = build_compact(view)
        ctext = cv.text
        for vp in values:
            if vp.regex is not None:
                for m in vp.regex.finditer(text):
                    if m.end() > m.start():
                        add(m.start(), m.end(), vp.kind, RANK_PETITIONER, vp.person)
                continue
            key = vp.key
            i = ctext.find(key)
            while i != -1:
                j = i + len(key)
                if vp.optional_x and j < len(ctext) and ctext[j] == "x":
                    j += 1
                add(*cv.view_span(i, j), vp.kind, RANK_PETITIONER, vp.person)
                i = ctext.find(key, i + 1)
    for s, e, kind in identifier_hits(text) + door_hits(text):
        if not _overlaps(s, e, keep):
            add(s, e, kind, RANK_PATTERN)
    split_guesses: list[tuple[int, int]] = []
    if view.joined:
        # Spaces between ideographs were dropped (王 建 国); they may also separate names
        # (薛怡 毕鹏鑫, a table column): read names in the text with its spaces too. A reading
        # across a space that overlaps one of these gives way; any other reading stays.
        split = build_view(original, join_spaces=False)
        skeep = _keep_ranges(split.text)
        for s, e, full in name_finder.find_names(split.text, segment=False):
            if not _overlaps(s, e, skeep):
                os_, oe = split.orig_span(s, e)
                split_guesses.append((os_, oe))
                spans.append(Span(os_, oe, "other_name", RANK_GUESS, "", full))
    for s, e, full in name_finder.find_names(text):
        if not _overlaps(s, e, keep):
            os_, oe = view.orig_span(s, e)
            if (
                split_guesses
                and _overlaps(os_, oe, split_guesses)
                and any(c.isspace() for c in original[os_:oe])
            ):
                continue
            add(s, e, "other_name", RANK_GUESS, full)
    return spans


def _resolve(spans: list[Span]) -> list[Span]:
    """Merge overlapping spans into one; the strongest (then longest) decides kind and person."""
    out: list[Span] = []
    for sp in sorted(spans, key=lambda x: (x.start, -x.end)):
        if out and sp.start < out[-1].end:
            cur = out[-1]
            best = max(
                (cur, sp), key=lambda x: (x.rank, x.end - x.start, x.kind not in ("number", "identifier"))
            )
            out[-1] = Span(cur.start, max(cur.end, sp.end), best.kind, best.rank, "", best.person)
        else:
            out.append(sp)
    return out


def _surname(full: str) -> str:
    return full[:2] if len(full) >= 3 and full[:2] in COMPOUND_SURNAMES else full[:1]


def _person_placeholders(people: list[str]) -> dict[str, str]:
    """张某, or 张某甲/张某乙 where different people of one case share a surname."""
    by_surname: dict[str, list[str]] = {}
    for full in people:
        group = by_surname.setdefault(_surname(full), [])
        if full not in group:
            group.append(full)
    out: dict[str, str] = {}
    for surname, group in by_surname.items():
        if len(group) == 1:
            out[group[0]] = surname + "某"
            continue
        for i, full in enumerate(group):
            tag = _SUFFIXES[i] if i < len(_SUFFIXES) else str(i + 1)
            out[full] = surname + "某" + tag
    return out


def anonymise(texts: Mapping[str, str | None], petitioners: Sequence[Petitioner]) -> AnonymisedCase:
    """Anonymise the text fields of one case (same keys out; None stays None, and a value that is
    no string becomes None rather than pass unread). People are named consistently across all
    fields: 张某, or 张某甲/张某乙 where different people share a surname. Deterministic, and
    idempotent: placeholders are never touched again. Logs nothing."""
    pets = [p if isinstance(p, Petitioner) else Petitioner.from_dict(p) for p in (petitioners or ())]
    values, persons = petitioner_patterns(pets)
    field_spans: dict[str, list[Span]] = {}
    people: list[str] = [p.full for p in persons]
    views = {f: build_view(t) for f, t in texts.items() if isinstance(t, str) and t}
    raw = {f: _field_spans(v, values, texts[f]) for f, v in views.items()}  # type: ignore[arg-type]
    # A name guessed once (邻居王建国) goes wherever it appears in the case, cue or not.
    guessed: list[str] = []
    for spans in raw.values():
        for sp in spans:
            if sp.rank == RANK_GUESS and sp.person and sp.person not in guessed:
                guessed.append(sp.person)
    # ... and so does its given name alone (雪梅说) unless that is an ordinary word (建国, 春秋).
    searches = [(name, name) for name in guessed]
    addressed: list[tuple[str, str]] = []
    for name in guessed:
        given = name[len(_surname(name)) :]
        if len(given) >= 2 and word_freq(given) < 30 and split_name(name):
            searches.append((given, name))
        elif len(given) >= 2 and split_name(name):
            addressed.append((given, name))  # 天明 is a word, but 天明哥, @天明 is the person
    for f, view in views.items() if guessed else ():
        keep = _keep_ranges(view.text)
        hits: dict[int, int] = {}
        for needle, name in searches:
            i = view.text.find(needle)
            while i != -1:
                if not _overlaps(i, i + len(needle), keep):
                    o_s, o_e = view.orig_span(i, i + len(needle))
                    raw[f].append(Span(o_s, o_e, "other_name", RANK_GUESS, "", name))
                    if needle == name:
                        hits[i] = i + len(needle)
                i = view.text.find(needle, i + 1)
        # a name found elsewhere in the case starts a list here too (于洋，班子，禚志强三家)
        known = dict(hits)
        name_finder.extend_lists(view.text, known)
        for s, e in known.items():
            if s not in hits and not _overlaps(s, e, keep):
                o_s, o_e = view.orig_span(s, e)
                raw[f].append(Span(o_s, o_e, "other_name", RANK_GUESS, "", view.text[s:e]))
        for needle, name in addressed:
            for m in _addressed(needle).finditer(view.text):
                if not _overlaps(m.start(1), m.end(1), keep):
                    o_s, o_e = view.orig_span(m.start(1), m.end(1))
                    raw[f].append(Span(o_s, o_e, "other_name", RANK_GUESS, "", name))
    for f, spans in raw.items():
        field_spans[f] = _resolve(spans)
    # guessed people in order of first appearance, after the petitioners
    for field in field_spans:
        for sp in field_spans[field]:
            if sp.person and sp.person not in people and split_name(sp.person):
                people.append(sp.person)
    names = _person_placeholders([p for p in people if split_name(p)])

    out_texts: dict[str, str | None] = {}
    replacements: list[Replacement] = []
    for field, text in texts.items():
        if field not in field_spans:
            out_texts[field] = text if isinstance(text, str) or text is None else None
            continue
        parts: list[str] = []
        pos = 0
        length = 0
        for sp in field_spans[field]:
            parts.append(text[pos : sp.start])
            length += sp.start - pos
            if sp.person and sp.person in names:
                placeholder = names[sp.person]
            elif sp.kind in ("name", "given_name", "other_name"):
                placeholder = "[姓名]"
            else:
                placeholder = PLACEHOLDERS.get(sp.kind, "[证件号]")
            parts.append(placeholder)
            kind = _PUBLIC_KIND.get(sp.kind, sp.kind)
            replacements.append(Replacement(field, kind, length, length + len(placeholder), placeholder))
            length += len(placeholder)
            pos = sp.end
        parts.append(text[pos:])
        out_texts[field] = "".join(parts)
    return AnonymisedCase(out_texts, replacements)


def detect_identifiers(text: str) -> list[Finding]:
    """Pattern-only check for an editor's edit: identifiers and door-level addresses, never the
    public numbers (hotlines, credit codes, standards, portal references, dates, amounts)."""
    if not isinstance(text, str) or not text:
        return []
    view = build_view(text)
    keep = protected_spans(view.text) + _placeholder_ranges(view.text)
    spans = [
        Span(*view.orig_span(s, e), kind, RANK_PATTERN)
        for s, e, kind in identifier_hits(view.text) + door_hits(view.text)
        if not _overlaps(s, e, keep)
    ]
    return [Finding(_PUBLIC_KIND.get(sp.kind, sp.kind), sp.start, sp.end) for sp in _resolve(spans)]
