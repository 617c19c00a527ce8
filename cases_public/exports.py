"""Open-data exports of published reports: JSON and CSV, streamed from a database iterator.

Memory stays constant whatever the number of cases: rows are read CHUNK at a time from one
database cursor and written out CHUNK rows per piece (one csv.writer.writerows / one JSON
encoder call per piece), so the per-row Python work is a tuple and, for JSON, a dict.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from decimal import Context, Decimal
from json.encoder import encode_basestring

from django.db import connections, transaction
from django.db.models import Case, F, Value, When
from django.urls import reverse
from django.utils import timezone

from cases_public.choices import Category
from cases_public.localtimes import UTCText, localizer, parse_utc
from cases_public.models import CATEGORY_FIELDS, CompletionReport

# Public fields, in order; the CSV header uses the same names as the JSON keys.
EXPORT_FIELDS = [
    "reference",
    "url",
    "channel",
    "received_at",
    "accepted_at",
    "closed_at",
    "region_code",
    "region_name",
    "categories",
    "priority",
    "subject_name",
    "subject_credit_code",
    "subject_address",
    "summary",
    "investigation",
    "finding",
    "handling",
    "penalty_case_filed",
    "penalty_fine_yuan",
    "penalty_orders",
    "accountability",
    "satisfaction",
    "duration_days",
]
# Columns read for each row, in this order; `_row` turns them into EXPORT_FIELDS order.
_TEXT_BEFORE = ["reference", "channel"]
_DATES = ["received_at", "accepted_at", "closed_at"]
_TEXT_MIDDLE = ["region_code", "region_name"]
_TEXT_AFTER = [
    "priority",
    "subject_name",
    "subject_credit_code",
    "subject_address",
    "summary",
    "investigation",
    "finding",
    "handling",
    "penalty_case_filed",
    "penalty_fine_yuan",
    "penalty_orders",
    "accountability",
    "satisfaction",
]
CHUNK = 2000  # rows per database fetch and per yielded piece of the response
_CATEGORY_CODES = list(CATEGORY_FIELDS)
# Every combination of the 8 category flags, as the bit mask computed in SQL -> its codes.
_MASK_CODES = [
    tuple(code for bit, code in enumerate(_CATEGORY_CODES) if mask >> bit & 1)
    for mask in range(1 << len(_CATEGORY_CODES))
]


def _iso(value, tz=None):
    return value.astimezone(tz or timezone.get_current_timezone()).isoformat() if value else None


def _category_mask():
    """The category flags folded into one integer by the database: one column to read and one
    list lookup per row instead of eight converted booleans."""
    terms = [
        Case(When(**{field: True}, then=Value(1 << bit)), default=Value(0))
        for bit, field in enumerate(CATEGORY_FIELDS.values())
    ]
    return sum(terms[1:], terms[0])


def _fine_reader(vendor: str):
    """Penalty amounts as the ORM would give them, as text ("12.50"): SQLite stores a float or
    an integer, which Django's converter rounds to 15 digits and quantizes to the field's
    places; psycopg returns a Decimal already."""
    if vendor != "sqlite":
        return lambda value: None if value is None else str(value)
    field = CompletionReport._meta.get_field("penalty_fine_yuan")
    create = Context(prec=15).create_decimal_from_float
    places = Decimal(1).scaleb(-field.decimal_places)
    context = field.context

    def read(value):
        if value is None:
            return None
        if isinstance(value, str):
            return str(Decimal(value).quantize(places, context=context))
        return str(create(value).quantize(places, context=context))

    return read


def _batches(queryset, with_published_at: bool) -> Iterator[list[tuple]]:
    """Raw rows of the SELECT, CHUNK at a time, from one database cursor (server-side on
    PostgreSQL), without Django's per-value converters: datetimes come as UTC text (see
    localtimes), categories as one bit mask, and export_tuples does the rest."""
    connection = connections[queryset.db]
    vendor = connection.vendor
    dates = [UTCText(name) for name in _DATES]
    columns = [
        *map(F, _TEXT_BEFORE),
        *dates,
        *map(F, _TEXT_MIDDLE),
        _category_mask(),
        *map(F, _TEXT_AFTER),
    ]
    if with_published_at:
        columns += [
            UTCText("last_published_at"),
            F("id"),
        ]
    sql, params = queryset.values_list(*columns).query.get_compiler(using=queryset.db).as_sql()
    if vendor == "postgresql" and not connection.settings_dict.get("DISABLE_SERVER_SIDE_CURSORS"):
        # A named cursor inside a transaction is not WITH HOLD: rows come as they are read,
        # instead of the whole result being copied server-side before the first one (what a
        # holdable cursor, i.e. Django's .iterator() in autocommit, does).
        with transaction.atomic(using=queryset.db), connection.chunked_cursor() as cursor:
            cursor.execute(sql, params)
            while rows := cursor.fetchmany(CHUNK):
                yield rows
    else:
        # SQLite reads lazily anyway; no transaction here (this project's SQLite transactions are
        # IMMEDIATE, i.e. would take the write lock for the whole download).
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            while rows := cursor.fetchmany(CHUNK):
                yield rows


def export_tuples(
    queryset=None,
    base_url: str = "",
    order_by=("-closed_at", "-id"),
    with_published_at: bool = False,
    categories_as: str = "codes",
) -> Iterator[list[tuple]]:
    """Public records as tuples in EXPORT_FIELDS order, in lists of up to CHUNK, newest closed
    first unless told otherwise. Categories are a tuple of codes (`categories_as="codes"`), one
    `;`-joined string ("joined", the CSV form) or a JSON array as text ("json"). With `with_published_at`, each tuple ends with
    last_published_at (aware) and id. Pass a queryset derived from `published()` only."""
    queryset = CompletionReport.objects.published() if queryset is None else queryset
    if order_by is not None:  # None: the queryset is already ordered (and maybe sliced)
        queryset = queryset.order_by(*order_by)
    vendor = connections[queryset.db].vendor
    # Everything per row is plain Python on local names: resolving the active time zone and
    # reversing a URL per row used to cost more than the database read. References are
    # URL-safe by construction.
    tz = timezone.get_current_timezone()
    marker = "REFERENCE"
    url_head, url_tail = (base_url + reverse("cases_public:detail", kwargs={"reference": marker})).split(
        marker
    )
    localize = localizer(tz)
    read_fine = _fine_reader(vendor)
    categories = {
        "codes": _MASK_CODES,
        "joined": [";".join(codes) for codes in _MASK_CODES],
        "json": [json.dumps(list(codes)) for codes in _MASK_CODES],
    }[categories_as]
    for rows in _batches(queryset, with_published_at):
        out = []
        append = out.append
        for row in rows:
            received, received_suffix = localize(row[2])
            closed, closed_suffix = localize(row[4])
            if row[3] is None:
                accepted = None
            else:
                accepted, accepted_suffix = localize(row[3])
                accepted = accepted.isoformat() + accepted_suffix
            fine = row[17]
            ref = row[0]
            record = (
                ref,
                url_head + ref + url_tail,
                row[1],
                received.isoformat() + received_suffix,
                accepted,
                closed.isoformat() + closed_suffix,
                row[5],
                row[6],
                categories[row[7]],
                *row[8:16],  # priority ... handling
                bool(row[16]),
                None if fine is None else read_fine(fine),
                row[18],
                row[19],
                row[20],
                closed.toordinal() - received.toordinal(),
            )
            if with_published_at:
                record += (parse_utc(row[21]), row[22])
            append(record)
        yield out


def export_rows(
    queryset=None, base_url: str = "", order_by=("-closed_at", "-id"), with_published_at: bool = False
) -> Iterator[dict]:
    """Public records as plain dicts (the xlsx and the paged JSON); see export_tuples."""
    fields = EXPORT_FIELDS
    for batch in export_tuples(queryset, base_url, order_by, with_published_at):
        for record in batch:
            row = dict(zip(fields, record, strict=False))
            row["categories"] = list(row["categories"])
            if with_published_at:
                published_at, pk = record[-2:]
                row["published_at"] = _iso(published_at)
                row["_cursor"] = (published_at, pk)
            yield row


def json_batches(batches: Iterable[list[tuple]]) -> Iterator[str]:
    """`{"cases": [...]}` from export_tuples(categories_as="json"), written by a template: a
    dict per row for the encoder costs more, and at a million rows the garbage collector keeps
    rescanning those dicts. Byte for byte what `json.JSONEncoder(ensure_ascii=False)` writes
    for the same dict (test_open_data_pages checks it); strings go through the encoder's own
    C string escaper. Only accepted_at and penalty_fine_yuan can be null (the other text
    columns are NOT NULL)."""
    text = encode_basestring
    yield '{"cases": ['
    separator = ""
    for batch in batches:
        if not batch:
            continue
        pieces = []
        append = pieces.append
        for (ref, url, channel, received, accepted, closed, code, name, categories, priority, s_name,
             s_code, s_address, summary, investigation, finding, handling, filed, fine, orders,
             accountability, satisfaction, days, *_) in batch:  # fmt: skip
            append(
                f'{{"reference": {text(ref)}, "url": {text(url)}, "channel": {text(channel)}, '
                f'"received_at": {text(received)}, '
                f'"accepted_at": {"null" if accepted is None else text(accepted)}, '
                f'"closed_at": {text(closed)}, "region_code": {text(code)}, '
                f'"region_name": {text(name)}, "categories": {categories}, '
                f'"priority": {text(priority)}, "subject_name": {text(s_name)}, '
                f'"subject_credit_code": {text(s_code)}, "subject_address": {text(s_address)}, '
                f'"summary": {text(summary)}, "investigation": {text(investigation)}, '
                f'"finding": {text(finding)}, "handling": {text(handling)}, '
                f'"penalty_case_filed": {"true" if filed else "false"}, '
                f'"penalty_fine_yuan": {"null" if fine is None else text(fine)}, '
                f'"penalty_orders": {text(orders)}, "accountability": {text(accountability)}, '
                f'"satisfaction": {text(satisfaction)}, "duration_days": {days}}}'
            )
        yield separator + ",".join(pieces)
        separator = ","
    yield "]}"


def json_chunks(rows: Iterable[dict]) -> Iterator[str]:
    """`{"cases": [...]}` from any dicts, 500 per encoder call."""
    encode = json.JSONEncoder(ensure_ascii=False).encode
    yield '{"cases": ['
    separator = ""
    for batch in _grouped(rows, 500):
        yield separator + ",".join(map(encode, batch))
        separator = ","
    yield "]}"


def _grouped(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def csv_batches(batches: Iterable[list[tuple]]) -> Iterator[str]:
    """UTF-8 with a BOM so that Excel opens it; lists joined with `;` (pass export_tuples with
    joined_categories). One writerows per batch on a reused buffer: the csv module writes None
    as an empty field and booleans as True/False, as the JSON's values read."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(EXPORT_FIELDS)
    for batch in batches:
        writer.writerows(batch)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


CATEGORY_LABELS = dict(Category.choices)
