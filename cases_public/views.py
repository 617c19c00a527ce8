import csv
import io

from django.core.cache import cache
from django.db.models import Max
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_GET

from cases_public import charts
from cases_public.aggregates import known_regions, window_buckets
from cases_public.choices import Category, Channel, Finding, Priority, Satisfaction
from cases_public.exports import csv_batches, export_tuples, json_batches
from cases_public.filters import PENALTY_CHOICES, apply_filter, describe, parse_filter
from cases_public.models import CaseStatBucket, CompletionReport
from cases_public.pagination import keyset_page
from cases_public.regions import region_options
from cases_public.stats import build_statistics

PAGE_SIZE = 20
STATISTICS_CACHE_SECONDS = 3600
# Above this many matches the list says "more than N" instead of counting them all.
COUNT_LIMIT = 1_000
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


def _options(choices, selected: str, empty: str = "全部"):
    """<option>s of one filter <select>, built in Python: the template loop over ~100 options
    was the slowest part of the page."""
    first = format_html('<option value="">{}</option>', empty)
    return first + format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, " selected" if value == selected else "", label) for value, label in choices),
    )


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
        "options": {
            "region": _options(options, flt.region, "全部地区"),
            "channel": _options(Channel.choices, flt.channel),
            "finding": _options(Finding.choices, flt.finding),
            "priority": _options(Priority.choices, flt.priority),
            "satisfaction": _options(Satisfaction.choices, flt.satisfaction),
            "penalty": _options(PENALTY_CHOICES.items(), {True: "yes", False: "no"}.get(flt.penalty, "")),
        },
        "categories": Category.choices,
    }
    return render(request, "cases_public/report_list.html", context)


def _statistics():
    """The shaped statistics, cached per process until the buckets change: every refresh
    rewrites the all-time rows with new (autoincrement) ids, so the highest id is a cheap
    version stamp (one query on the primary key)."""
    today = timezone.localdate()
    version = CaseStatBucket.objects.aggregate(top=Max("id"))["top"]
    key = f"cases_public:statistics:{today}:{version}"
    stats = cache.get(key)
    if stats is None:
        stats = build_statistics(window_buckets(today), today)
        cache.set(key, stats, STATISTICS_CACHE_SECONDS)
    return stats


def _pct(value) -> str:
    return "" if value is None else f"{value:.1f}"


def _statistics_tables(stats) -> dict[str, tuple[list[str], list[list]]]:
    """Every table of the statistics page as (header, rows): the page and the CSVs share it."""
    share = ["件数", "占比（%）"]
    return {
        "months": (
            [
                "月份",
                "受理",
                "受理环比（%）",
                "受理同比（%）",
                "办结",
                "办结环比（%）",
                "办结同比（%）",
                "属实",
                "属实同比（%）",
            ],
            [
                [
                    f"{m['month']:%Y-%m}",
                    m["received"],
                    _pct(m["received_mom"]),
                    _pct(m["received_yoy"]),
                    m["closed"],
                    _pct(m["closed_mom"]),
                    _pct(m["closed_yoy"]),
                    m["substantiated"],
                    _pct(m["substantiated_yoy"]),
                ]
                for m in stats.months
            ],
        ),
        "channels": (
            ["信访方式", *share],
            [[r["label"], r["count"], _pct(r["share"])] for r in stats.by_channel],
        ),
        "categories": (
            ["污染类型", *share],
            [[r["label"], r["count"], _pct(r["share"])] for r in stats.by_category],
        ),
        "regions": (
            ["行政区域", *share],
            [[r["label"], r["count"], _pct(r["share"])] for r in stats.by_region],
        ),
        "findings": (
            ["是否属实", *share],
            [[r["label"], r["count"], _pct(r["share"])] for r in stats.by_finding],
        ),
    }


@require_GET
def statistics(request):
    """数据统计: read from the precomputed buckets only (a constant number of queries)."""
    stats = _statistics()
    period = f"{stats.window_start:%Y年%-m月}至{stats.window_end:%Y年%-m月}"
    context = {
        "stats": stats,
        "period": period,
        "tables": _statistics_tables(stats),
        "charts": {
            "months": charts.month_chart(
                stats.months,
                chart_id="chart-months",
                title=f"{period}各月受理与办结件数",
                desc="柱状图，每月两根柱：受理件数与办结件数；数值见下表。",
                series=(("received", "受理"), ("closed", "办结")),
            ),
            "channels": charts.bar_chart(
                stats.by_channel,
                chart_id="chart-channels",
                title="按信访方式",
                desc="各信访方式的受理件数；数值见下表。",
            ),
            "categories": charts.bar_chart(
                stats.by_category,
                chart_id="chart-categories",
                title="按污染类型",
                desc="各污染类型的受理件数；数值见下表。",
            ),
            "regions": charts.bar_chart(
                stats.by_region[:20],
                chart_id="chart-regions",
                title="按行政区域",
                desc="件数最多的行政区域；数值见下表。",
            ),
            "findings": charts.bar_chart(
                stats.by_finding,
                chart_id="chart-findings",
                title="按调查结论",
                desc="办结件的调查结论；数值见下表。",
            ),
        },
    }
    return render(request, "cases_public/statistics.html", context)


@require_GET
def statistics_csv(request, table: str):
    tables = _statistics_tables(_statistics())
    if table not in tables:
        raise Http404
    header, rows = tables[table]
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="statistics-{table}.csv"'
    return response


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
        json_batches(export_tuples(base_url=_base_url(request), categories_as="json")),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="cases.json"'
    return response


@require_GET
def open_data_csv(request):
    response = StreamingHttpResponse(
        csv_batches(export_tuples(base_url=_base_url(request), categories_as="joined")),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="cases.csv"'
    return response
