from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cases_public.exports import csv_chunks, export_rows, json_chunks
from cases_public.models import CompletionReport


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
