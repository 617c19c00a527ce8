"""`/search/` (the public search page) and `/open-data/search.json` (the same results as JSON)."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cases_public.choices import Category, Channel, Finding, Priority, Satisfaction
from search.backends import SearchFilters
from search.results import MAX_PAGES, search_public

MAX_QUERY_CHARS = 100
_REGION = re.compile(r"^\d{2}(?:\d{2}(?:\d{2})?)?$")
PENALTY_CHOICES = (("yes", "已立案处罚"), ("no", "未立案处罚"))
KIND_CHOICES = (("case", "办结报告"), ("page", "页面"))


def _date(value: str) -> date | None:
    try:
        parsed = date.fromisoformat((value or "").strip())
    except ValueError:
        return None
    return parsed if 1990 <= parsed.year <= 2100 else None


def parse_filters(params) -> SearchFilters:
    """The public list page's GET filters (same names); unknown values are ignored."""

    def choice(name, choices):
        value = (params.get(name) or "").strip()
        return value if value in choices.values else ""

    region = (params.get("region") or "").strip()
    categories = tuple(c for c in Category.values if c in params.getlist("category"))
    closed_from = _date(params.get("from") or params.get("closed_from") or "")
    closed_to = _date(params.get("to") or params.get("closed_to") or "")
    if closed_from and closed_to and closed_from > closed_to:
        closed_from, closed_to = closed_to, closed_from
    kind = (params.get("type") or "").strip()
    return SearchFilters(
        region=region if _REGION.match(region) and region != "000000" else "",
        categories=categories,
        channel=choice("channel", Channel),
        finding=choice("finding", Finding),
        priority=choice("priority", Priority),
        satisfaction=choice("satisfaction", Satisfaction),
        penalty={"yes": True, "no": False}.get((params.get("penalty") or "").strip()),
        closed_from=closed_from,
        closed_to=closed_to,
        kind=kind if kind in ("case", "page") else "",
    )


def filter_params(filters: SearchFilters) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if filters.kind:
        out.append(("type", filters.kind))
    if filters.region:
        out.append(("region", filters.region))
    out.extend(("category", code) for code in filters.categories)
    for name in ("channel", "finding", "priority", "satisfaction"):
        if getattr(filters, name):
            out.append((name, getattr(filters, name)))
    if filters.penalty is not None:
        out.append(("penalty", "yes" if filters.penalty else "no"))
    if filters.closed_from:
        out.append(("from", filters.closed_from.isoformat()))
    if filters.closed_to:
        out.append(("to", filters.closed_to.isoformat()))
    return out


def _page_number(params) -> int:
    try:
        return min(max(1, int(params.get("page", "1"))), MAX_PAGES)
    except (TypeError, ValueError):
        return 1


def _query(params) -> str:
    return " ".join((params.get("q") or "").split())[:MAX_QUERY_CHARS]


@require_GET
def search(request):
    q = _query(request.GET)
    filters = parse_filters(request.GET)
    results = search_public(q, filters, page=_page_number(request.GET)) if q else None
    base = filter_params(filters)
    querystring = urlencode([("q", q), *base])
    context = {
        "q": q,
        "filters": filters,
        "results": results,
        "querystring": querystring,
        "choices": {
            "category": Category.choices,
            "channel": Channel.choices,
            "finding": Finding.choices,
            "priority": Priority.choices,
            "satisfaction": Satisfaction.choices,
            "penalty": PENALTY_CHOICES,
            "type": KIND_CHOICES,
        },
        "filters_active": bool(base),
        "submitted": "q" in request.GET,
    }
    if results is not None:
        context["page_links"] = _page_links(results, querystring)
    return render(request, "search/search.html", context)


def _page_links(results, querystring: str) -> list[dict]:
    """Numbered links around the current page (first, last and two either side)."""
    last = results.num_pages
    wanted = sorted({1, last, *range(max(1, results.page - 2), min(last, results.page + 2) + 1)})
    links: list[dict] = []
    previous = 0
    for number in wanted:
        if number - previous > 1:
            links.append({"gap": True})
        links.append(
            {"number": number, "url": f"?{querystring}&page={number}", "current": number == results.page}
        )
        previous = number
    return links


@require_GET
def search_json(request):
    q = _query(request.GET)
    filters = parse_filters(request.GET)
    page = _page_number(request.GET)
    results = search_public(q, filters, page=page) if q else None
    base = request.build_absolute_uri("/").rstrip("/")
    body = {
        "total": results.total if results else 0,
        "page": results.page if results else 1,
        "num_pages": results.num_pages if results else 0,
        "results": [
            {
                "reference": item.reference if item.kind == "case" else None,
                "url": base + item.url if item.url.startswith("/") else item.url,
                "type": item.kind,
                "title": item.title,
                "highlight": str(item.highlight),
            }
            for item in (results.items if results else [])
        ],
    }
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})
