from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cases_public.aggregates import known_regions
from cases_public.choices import Category, Channel, Finding, Priority, Satisfaction
from cases_public.exports import csv_chunks, export_rows, json_chunks
from cases_public.filters import PENALTY_CHOICES, apply_filter, describe, parse_filter
from cases_public.models import CompletionReport
from cases_public.pagination import keyset_page
from cases_public.regions import region_options

PAGE_SIZE = 20
# Above this many matches the list says "more than N" instead of counting them all.
COUNT_LIMIT = 10_000
LIST_FIELDS = [
    "id",
    "reference",
    "received_at",
    "closed_at",
    "region_name",
    "channel",
    "priority",
    "finding",
    "satisfaction",
    "penalty_case_filed",
    "subject_name",
    "summary",
    "live",
    "disclose",
    *[f"category_{code}" for code in Category.values],
]


@require_GET
def report_list(request):
    """办结公开: published reports, newest closed first, filtered by GET parameters."""
    flt = parse_filter(request.GET)
    queryset = apply_filter(CompletionReport.objects.published(), flt)
    page = keyset_page(
        queryset.only(*LIST_FIELDS),
        page_size=PAGE_SIZE,
        after=request.GET.get("after", ""),
        before=request.GET.get("before", ""),
        last=request.GET.get("last") == "1",
    )
    # Bounded count: SELECT COUNT(*) FROM (... LIMIT n+1), never a scan of a huge set.
    matched = queryset.order_by()[: COUNT_LIMIT + 1].count()
    options = region_options(known_regions())
    if flt.region and flt.region not in dict(options):
        options.insert(0, (flt.region, flt.region))
    region_label = dict(options).get(flt.region, flt.region).strip("\u3000")
    context = {
        "filter": flt,
        "page": page,
        "matched": min(matched, COUNT_LIMIT),
        "matched_more": matched > COUNT_LIMIT,
        "filter_summary": describe(flt, region_label),
        "querystring": flt.querystring(),
        "region_options": options,
        "choices": {
            "category": Category.choices,
            "channel": Channel.choices,
            "finding": Finding.choices,
            "priority": Priority.choices,
            "satisfaction": Satisfaction.choices,
            "penalty": list(PENALTY_CHOICES.items()),
        },
    }
    return render(request, "cases_public/report_list.html", context)


@require_GET
def report_detail(request, reference: str):
    report = CompletionReport.objects.filter(reference=reference).first()
    if report is None:
        raise Http404
    if not report.is_public:
        if report.retracted_at or (report.first_published_at and not report.withheld_at):
            # It was public once: say it was withdrawn, nothing more.
            return render(request, "cases_public/report_withdrawn.html", {"reference": reference}, status=410)
        raise Http404
    return render(request, "cases_public/report_detail.html", {"report": report})


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@require_GET
def open_data_json(request):
    response = StreamingHttpResponse(
        json_chunks(export_rows(base_url=_base_url(request))), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="cases.json"'
    return response


@require_GET
def open_data_csv(request):
    response = StreamingHttpResponse(
        csv_chunks(export_rows(base_url=_base_url(request))), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="cases.csv"'
    return response
