"""The open-data page and its downloads beyond the full JSON/CSV dumps (views.py): the xlsx
in the 督察 table layout and a paged JSON for incremental harvesting."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlencode

from django.http import FileResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from cases_public import xlsx
from cases_public.exports import EXPORT_FIELDS, export_rows
from cases_public.filters import apply_filter, parse_filter
from cases_public.models import CompletionReport
from cases_public.tasks import build_open_data_workbook

HARVEST_PAGE_SIZE = 500
MAX_PAGE = 100_000
# Up to this many published cases the xlsx is built during the request; above, by the worker.
XLSX_BUILD_INLINE_MAX = 50_000
LICENCE = {
    "name": "知识共享署名 4.0 国际许可协议（CC BY 4.0）",
    "url": "https://creativecommons.org/licenses/by/4.0/deed.zh-hans",
}

FIELD_DOCS = [
    ("reference", "受理编号", "本平台编号，HJXF-年份-序号；不是来源系统的编号。"),
    ("url", "网址", "该办结报告的公开网页。"),
    (
        "channel",
        "信访方式",
        "hotline_12369 12369热线、hotline_12345 12345热线、letter 来信、visit 来访、online 网络、wechat 微信等。",
    ),
    ("received_at", "登记时间", "ISO 8601，北京时间（+08:00）。"),
    ("accepted_at", "受理时间", "可能为空。"),
    ("closed_at", "办结时间", "列表和导出按此时间从新到旧排列。"),
    ("region_code", "行政区划代码", "GB/T 2260 六位代码，到县（区）级。"),
    ("region_name", "行政区域", "县（区）级名称。"),
    (
        "categories",
        "污染类型",
        "air 大气、water 水、noise 噪声、solid_waste 固废、soil 土壤、ecology 生态、radiation 辐射、other 其他；一件可有多个类型（CSV 中以分号分隔）。",
    ),
    ("priority", "信访件类别", "key 重点信访件、general 一般信访件。"),
    ("subject_name", "被投诉对象", "被投诉的企业或场所。"),
    ("subject_credit_code", "统一社会信用代码", "被投诉企业的代码，可能为空。"),
    ("subject_address", "被投诉对象地址", "到街道或门牌以上，可能为空。"),
    ("summary", "反映问题", "已匿名化。"),
    ("investigation", "调查核实情况", "已匿名化。"),
    ("finding", "是否属实", "substantiated 属实、partly_substantiated 部分属实、unsubstantiated 不属实。"),
    ("handling", "处理和整改情况", "已匿名化。"),
    ("penalty_case_filed", "立案处罚", "true / false。"),
    ("penalty_fine_yuan", "罚款金额（元）", "可能为空。"),
    ("penalty_orders", "处罚及责令整改", "已匿名化。"),
    ("accountability", "问责情况", "已匿名化，可能为空。"),
    (
        "satisfaction",
        "满意度",
        "satisfied 满意、basically_satisfied 基本满意、dissatisfied 不满意、not_evaluated 未评价。",
    ),
    ("duration_days", "办结用时（天）", "登记日至办结日的日历天数。"),
]


@require_GET
def open_data(request):
    assert [name for name, _, _ in FIELD_DOCS] == EXPORT_FIELDS  # the docs list every field
    return render(
        request,
        "cases_public/open_data.html",
        {"fields": FIELD_DOCS, "licence": LICENCE, "page_size": HARVEST_PAGE_SIZE},
    )


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@require_GET
def open_data_xlsx(request):
    key = xlsx.fingerprint()
    target = xlsx.path_for(key)
    if not target.exists():
        if CompletionReport.objects.published()[: XLSX_BUILD_INLINE_MAX + 1].count() <= XLSX_BUILD_INLINE_MAX:
            xlsx.write_workbook(target, _base_url(request))
        else:
            build_open_data_workbook.enqueue(key, _base_url(request))
            response = render(request, "cases_public/open_data_pending.html", status=503)
            response["Retry-After"] = "120"
            return response
    response = FileResponse(
        open(target, "rb"),  # noqa: SIM115 - FileResponse closes it
        as_attachment=True,
        filename=f"cases-{timezone.localdate():%Y%m%d}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    return response


def _parse_since(value: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(value.replace(" ", "+"))
    except ValueError:
        return None
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


@require_GET
def open_data_page_json(request):
    """Incremental harvesting. `?since=<ISO datetime>[&after=<id>]`: cases published or updated
    after that moment, oldest first, keyset on (last_published_at, id); or `?page=N`: the whole
    set in the same order, N pages of 500. Both accept the list filters."""
    flt = parse_filter(request.GET)
    queryset = apply_filter(CompletionReport.objects.published(), flt)
    order = ("last_published_at", "id")
    since_raw = request.GET.get("since", "")
    params = flt.params()
    if since_raw:
        since = _parse_since(since_raw)
        if since is None:
            return JsonResponse(
                {"error": "since 须为 ISO 8601 时间，如 2026-11-01T00:00:00+08:00"}, status=400
            )
        after = request.GET.get("after", "")
        if after.isdigit():
            queryset = queryset.filter(last_published_at__gte=since).exclude(
                last_published_at=since, id__lte=int(after)
            )
        else:
            queryset = queryset.filter(last_published_at__gt=since)
        rows = list(
            export_rows(
                queryset.order_by(*order)[:HARVEST_PAGE_SIZE],
                _base_url(request),
                None,
                with_published_at=True,
            )
        )
        page_number = None
    else:
        page_raw = request.GET.get("page", "1")
        if not page_raw.isdigit() or not 1 <= int(page_raw) <= MAX_PAGE:
            return JsonResponse({"error": "page 须为正整数"}, status=400)
        page_number = int(page_raw)
        start = (page_number - 1) * HARVEST_PAGE_SIZE
        rows = list(
            export_rows(
                queryset.order_by(*order)[start : start + HARVEST_PAGE_SIZE],
                _base_url(request),
                None,
                with_published_at=True,
            )
        )
    base = _base_url(request) + reverse("cases_public:open_data_page_json")
    next_url = None
    if len(rows) == HARVEST_PAGE_SIZE:
        if page_number is None:
            moment, pk = rows[-1]["_cursor"]
            next_params = [*params, ("since", timezone.localtime(moment).isoformat()), ("after", str(pk))]
        else:
            next_params = [*params, ("page", str(page_number + 1))]
        next_url = f"{base}?{urlencode(next_params)}"
    for row in rows:
        del row["_cursor"]
    body = {"page": page_number, "page_size": HARVEST_PAGE_SIZE, "next": next_url, "cases": rows}
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})
