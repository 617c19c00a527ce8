"""What of a report or a page goes into the index: public fields only.

A report's document is built from the fields the public detail page shows. Never from
`reply`, `replacements`, `withheld_reason` or `retraction_reason`: those are not public.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone
from modelsearch import index as modelsearch_index
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from cases_public.models import CompletionReport

# Public text fields of a report, in the order of the detail page.
REPORT_TEXT_FIELDS = (
    "reference",
    "region_name",
    "subject_name",
    "subject_address",
    "summary",
    "investigation",
    "handling",
    "penalty_orders",
    "accountability",
)
# Columns read for indexing and snippets; nothing private.
REPORT_COLUMNS = (
    "pk",
    "reference",
    "region_code",
    "region_name",
    "subject_name",
    "subject_address",
    "summary",
    "investigation",
    "handling",
    "penalty_orders",
    "accountability",
    "channel",
    "finding",
    "priority",
    "satisfaction",
    "penalty_case_filed",
    "closed_at",
    "live_revision_id",
    "last_published_at",
    "category_air",
    "category_water",
    "category_noise",
    "category_solid_waste",
    "category_soil",
    "category_ecology",
    "category_radiation",
    "category_other",
)

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"[ \t\r\f\v]+")


@dataclass
class SearchDocument:
    """A backend-neutral document: what every backend indexes."""

    id: str  # "case:<pk>" / "page:<pk>"
    kind: str  # "case" / "page"
    pk: int
    title: str
    text: str  # the public text, searched and used for snippets
    version: str = ""
    reference: str | None = None
    region_code: str = ""
    categories: list[str] = field(default_factory=list)
    channel: str = ""
    finding: str = ""
    priority: str = ""
    satisfaction: str = ""
    penalty: bool | None = None
    closed_at: datetime | None = None


def case_id(pk: int) -> str:
    return f"case:{pk}"


def page_id(pk: int) -> str:
    return f"page:{pk}"


def parse_id(doc_id: str) -> tuple[str, int]:
    kind, _, pk = doc_id.partition(":")
    return kind, int(pk)


def version_of(live_revision_id, last_published_at) -> str:
    """Changes whenever the public version changes (a new publish, a re-publish)."""
    stamp = last_published_at.timestamp() if last_published_at else ""
    return f"{live_revision_id or ''}|{stamp}"


def report_title(report) -> str:
    subject = _get(report, "subject_name")
    region = _get(report, "region_name")
    return " · ".join(part for part in (region, subject) if part) or _get(report, "reference")


def report_text(report) -> str:
    return "\n".join(str(_get(report, name) or "") for name in REPORT_TEXT_FIELDS if _get(report, name))


def report_document(report) -> SearchDocument:
    """`report`: a CompletionReport or a `.values(*REPORT_COLUMNS)` dict of a published one."""
    from cases_public.models import CATEGORY_FIELDS

    pk = _get(report, "pk")
    return SearchDocument(
        id=case_id(pk),
        kind="case",
        pk=pk,
        title=report_title(report),
        text=report_text(report),
        version=version_of(_get(report, "live_revision_id"), _get(report, "last_published_at")),
        reference=_get(report, "reference"),
        region_code=_get(report, "region_code") or "",
        categories=[code for code, name in CATEGORY_FIELDS.items() if _get(report, name)],
        channel=_get(report, "channel") or "",
        finding=_get(report, "finding") or "",
        priority=_get(report, "priority") or "",
        satisfaction=_get(report, "satisfaction") or "",
        penalty=bool(_get(report, "penalty_case_filed")),
        closed_at=_get(report, "closed_at"),
    )


def published_report_rows(pks: Iterable[int] | None = None, chunk_size: int = 2000) -> Iterator[dict]:
    queryset = CompletionReport.objects.published()
    if pks is not None:
        queryset = queryset.filter(pk__in=list(pks))
    return queryset.order_by("pk").values(*REPORT_COLUMNS).iterator(chunk_size=chunk_size)


def _get(obj, name):
    return obj[name] if isinstance(obj, dict) else getattr(obj, name)


# --- pages ---------------------------------------------------------------------------------


def public_pages():
    """Live pages no view restriction hides: the only pages that are indexed."""
    return Page.objects.live().public().filter(depth__gt=1)


def page_text(page: Page) -> str:
    """The page's own `search_fields` (what Wagtail's search would index) plus its rich-text
    and StreamField bodies, as plain text.

    Generic over page types: rich text and StreamField bodies give their searchable content
    (HTML stripped), other fields their string value."""
    parts: list[str] = []
    seen: set[str] = set()
    fields = [f for f in page.get_search_fields() if isinstance(f, modelsearch_index.SearchField)]
    fields += [
        modelsearch_index.SearchField(f.name)
        for f in page._meta.get_fields()
        if isinstance(f, RichTextField | StreamField)
    ]
    for search_field in fields:
        if search_field.field_name in seen:
            continue
        seen.add(search_field.field_name)
        try:
            value = search_field.get_value(page)
        except Exception:  # noqa: BLE001 - a custom field must not stop indexing of the page
            continue
        parts.extend(_flatten(value))
    if page.search_description:
        parts.append(page.search_description)
    text = "\n".join(part for part in (_plain(p) for p in parts) if part)
    return text


def page_document(page: Page) -> SearchDocument:
    page = page.specific
    return SearchDocument(
        id=page_id(page.pk),
        kind="page",
        pk=page.pk,
        title=page.title,
        text=page_text(page),
        version=version_of(page.live_revision_id, page.last_published_at),
    )


def _flatten(value) -> Iterator[str]:
    if value is None:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _flatten(item)
    elif isinstance(value, datetime):
        yield timezone.localtime(value).strftime("%Y-%m-%d") if timezone.is_aware(value) else str(value)
    else:
        yield str(value)


def _plain(text: str) -> str:
    text = html.unescape(_TAG.sub(" ", text))
    return "\n".join(_SPACE.sub(" ", line).strip() for line in text.splitlines() if line.strip())
