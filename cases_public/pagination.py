"""Keyset pagination on (closed_at, id), newest first.

Every page, the first, the last or one in the middle, is one indexed range scan of
`page_size + 1` rows: no OFFSET and no COUNT(*) over the filtered set. A cursor is the
(closed_at, id) of a row on the edge of the current page; `after` goes to older rows,
`before` to newer ones, and `last` reads the oldest rows in ascending order and flips them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db.models import Q, QuerySet

CURSOR = re.compile(r"^(\d{1,17})\.(\d{1,19})$")


def encode_cursor(closed_at: datetime, pk: int) -> str:
    """`<microseconds since the epoch, UTC>.<id>`: opaque to users, stable in URLs."""
    micros = int(closed_at.timestamp()) * 1_000_000 + closed_at.microsecond
    return f"{micros}.{pk}"


def decode_cursor(value: str) -> tuple[datetime, int] | None:
    match = CURSOR.match(value or "")
    if not match:
        return None
    micros, pk = int(match.group(1)), int(match.group(2))
    try:
        when = datetime.fromtimestamp(micros // 1_000_000, tz=UTC).replace(microsecond=micros % 1_000_000)
    except (OverflowError, OSError, ValueError):
        return None
    return when, pk


@dataclass(frozen=True)
class Page:
    rows: list
    next_cursor: str | None  # pass as `after=` to get the next (older) page
    prev_cursor: str | None  # pass as `before=` to get the previous (newer) page
    is_first: bool
    is_last: bool


def _older_than(when: datetime, pk: int) -> Q:
    # `closed_at <= when` is redundant but gives both planners an index bound to seek to.
    return Q(closed_at__lte=when) & (Q(closed_at__lt=when) | Q(id__lt=pk))


def _newer_than(when: datetime, pk: int) -> Q:
    return Q(closed_at__gte=when) & (Q(closed_at__gt=when) | Q(id__gt=pk))


def keyset_page(
    queryset: QuerySet, *, page_size: int, after: str = "", before: str = "", last: bool = False
) -> Page:
    """One page of `queryset` (already filtered), newest closed first."""
    desc = ("-closed_at", "-id")
    asc = ("closed_at", "id")
    after_key = decode_cursor(after) if after else None
    before_key = decode_cursor(before) if before else None

    if last:
        rows = list(queryset.order_by(*asc)[: page_size + 1])
        has_more = len(rows) > page_size
        rows = rows[:page_size][::-1]
        is_first, is_last = not has_more, True
    elif before_key:
        rows = list(queryset.filter(_newer_than(*before_key)).order_by(*asc)[: page_size + 1])
        has_more = len(rows) > page_size
        rows = rows[:page_size][::-1]
        is_first, is_last = not has_more, False
    else:
        if after_key:
            queryset = queryset.filter(_older_than(*after_key))
        rows = list(queryset.order_by(*desc)[: page_size + 1])
        has_more = len(rows) > page_size
        rows = rows[:page_size]
        is_first, is_last = after_key is None, not has_more

    if not rows:
        return Page(rows=[], next_cursor=None, prev_cursor=None, is_first=True, is_last=True)
    return Page(
        rows=rows,
        next_cursor=None if is_last else encode_cursor(rows[-1].closed_at, rows[-1].pk),
        prev_cursor=None if is_first else encode_cursor(rows[0].closed_at, rows[0].pk),
        is_first=is_first,
        is_last=is_last,
    )
