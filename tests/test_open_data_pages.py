"""The open-data page, the xlsx in the 督察 layout, the paged JSON for harvesting, sitemap, robots."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from openpyxl import load_workbook

from cases_public import opendata
from cases_public.exports import EXPORT_FIELDS
from tests.reports import make_report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    """Built files (the xlsx) go to a fresh directory, never the worktree's var/."""
    settings.VAR_DIR = tmp_path


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_open_data_page_documents_every_field_and_links_the_downloads(client):
    html = client.get("/open-data/").content.decode()
    for field in EXPORT_FIELDS:
        assert f"<code>{field}</code>" in html
    for link in (
        "/open-data/cases.json",
        "/open-data/cases.csv",
        "/open-data/cases.xlsx",
        "/open-data/cases/page.json",
    ):
        assert link in html
    assert 'rel="license"' in html


def xlsx_rows(response):
    content = b"".join(response.streaming_content)
    return list(load_workbook(io.BytesIO(content), read_only=True)["办结报告"].iter_rows(values_only=True))


def test_xlsx_has_the_inspection_table_columns_and_only_published(client):
    shown = make_report(categories=("air", "noise"), summary='=HYPERLINK("x")', reply="回复王先生")
    make_report(published=False)
    response = client.get("/open-data/cases.xlsx")
    assert response.status_code == 200
    rows = xlsx_rows(response)
    assert list(rows[0][:10]) == [
        "序号",
        "受理编号",
        "交办问题基本情况",
        "行政区域",
        "污染类型",
        "调查核实情况",
        "是否属实",
        "处理和整改情况",
        "是否办结",
        "责任人被处理情况",
    ]
    assert len(rows) == 2
    assert rows[1][0] == 1 and rows[1][1] == shown.reference
    assert rows[1][2].startswith("'=")  # never a formula
    assert rows[1][4] == "大气、噪声"
    assert "回复王先生" not in str(rows)


def test_xlsx_is_rebuilt_when_the_published_set_changes(client):
    first = make_report()
    assert len(xlsx_rows(client.get("/open-data/cases.xlsx"))) == 2
    second = make_report()
    assert len(xlsx_rows(client.get("/open-data/cases.xlsx"))) == 3
    second.retracted_at = second.closed_at
    second.live = False
    second.save()
    rows = xlsx_rows(client.get("/open-data/cases.xlsx"))
    assert [row[1] for row in rows[1:]] == [first.reference]


def test_large_xlsx_is_left_to_the_worker(client, monkeypatch):
    make_report()
    make_report()
    monkeypatch.setattr(opendata, "XLSX_BUILD_INLINE_MAX", 1)
    response = client.get("/open-data/cases.xlsx")
    assert response.status_code == 503 and response["Retry-After"]
    assert "/open-data/cases.csv" in response.content.decode()
    # The (immediate, in tests) worker has built it meanwhile: the next download gets the file.
    assert len(xlsx_rows(client.get("/open-data/cases.xlsx"))) == 3


def test_paged_json_by_page_and_since(client, monkeypatch):
    monkeypatch.setattr(opendata, "HARVEST_PAGE_SIZE", 2)
    reports = [make_report(closed_at=f"2026-10-{day:02d}") for day in range(1, 6)]
    make_report(published=False)
    seen, url = [], "/open-data/cases/page.json?page=1"
    while url:
        body = client.get(url).json()
        seen += [case["reference"] for case in body["cases"]]
        url = body["next"]
    assert seen == [r.reference for r in reports]  # oldest publication first, all of them once

    since = (reports[1].last_published_at + timedelta(seconds=1)).isoformat()
    seen, url = (
        [],
        "/open-data/cases/page.json?" + __import__("urllib.parse").parse.urlencode({"since": since}),
    )
    while url:
        body = client.get(url).json()
        assert all("published_at" in case for case in body["cases"])
        seen += [case["reference"] for case in body["cases"]]
        url = body["next"]
    assert seen == [r.reference for r in reports[2:]]


def test_paged_json_keyset_handles_equal_publication_times(client, monkeypatch):
    monkeypatch.setattr(opendata, "HARVEST_PAGE_SIZE", 2)
    reports = [make_report(closed_at="2026-10-01") for _ in range(5)]  # same last_published_at
    seen, url = [], "/open-data/cases/page.json?since=2026-01-01T00:00:00%2B08:00"
    while url:
        body = client.get(url).json()
        seen += [case["reference"] for case in body["cases"]]
        url = body["next"]
    assert seen == [r.reference for r in reports]


@pytest.mark.parametrize("query", ["page=0", "page=x", "since=yesterday"])
def test_paged_json_rejects_bad_parameters(client, query):
    assert client.get("/open-data/cases/page.json?" + query).status_code == 400


def test_sitemap_index_lists_pages_and_cases(client):
    shown = make_report()
    hidden = make_report(published=False)
    root = ET.fromstring(client.get("/sitemap.xml").content)
    locations = [loc.text for loc in root.iter(f"{SITEMAP}loc")]
    assert any(loc.endswith("/sitemap-cases.xml") for loc in locations)
    assert any(loc.endswith("/sitemap-pages.xml") for loc in locations)
    cases = client.get("/sitemap-cases.xml").content.decode()
    assert f"/cases/{shown.reference}/" in cases and hidden.reference not in cases
    assert client.get("/sitemap-pages.xml").status_code == 200


def test_robots_points_at_the_sitemap(client):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body


@pytest.mark.parametrize("count", [0, 1, 500, 1201])
def test_json_chunks_are_valid_json_at_batch_edges(count):
    import json

    from cases_public.exports import json_chunks

    rows = [{"reference": f"R-{i}", "text": "噪声"} for i in range(count)]
    assert json.loads("".join(json_chunks(iter(rows)))) == {"cases": rows}


NON_PUBLIC_SURFACES = [
    "/cases/",
    "/cases/?last=1",
    "/cases/feed/rss/",
    "/cases/feed/atom/",
    "/open-data/cases.json",
    "/open-data/cases.csv",
    "/open-data/cases.xlsx",
    "/open-data/cases/page.json",
    "/open-data/cases/page.json?since=2000-01-01T00:00:00%2B08:00",
    "/sitemap-cases.xml",
]


def surface_text(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if path.endswith(".xlsx"):
        return "\n".join(str(row) for row in load_workbook(io.BytesIO(content), read_only=True).active.values)
    return content.decode("utf-8-sig")


def test_withheld_and_undisclosed_cases_are_on_no_public_surface(client):
    """An editor's withholding (which unpublishes), a withheld flag on a still-live row, and a
    disclose=false case that went live: none is in the list, feeds, CSV/JSON/xlsx or sitemap."""
    import json

    from cases_public.actions import withhold_report

    shown = make_report(categories=("air",))
    withheld = withhold_report(make_report(categories=("air",)), user=None, reason="行政复议中")
    assert withheld.withheld_at is not None and not withheld.live
    still_live = make_report(categories=("air",))
    still_live.withheld_at = still_live.closed_at  # withheld but, say, never unpublished
    still_live.save(update_fields=["withheld_at"])
    undisclosed = make_report(categories=("air",), disclose=False)
    hidden = [withheld.reference, still_live.reference, undisclosed.reference]
    for path in NON_PUBLIC_SURFACES:
        text = surface_text(client, path)
        assert shown.reference in text, path
        assert [ref for ref in hidden if ref in text] == [], path
    csv_lines = surface_text(client, "/open-data/cases.csv").splitlines()
    assert len(csv_lines) == 2  # header and the one public case
    cases = json.loads(surface_text(client, "/open-data/cases.json"))["cases"]
    assert [case["reference"] for case in cases] == [shown.reference]
    for report in (withheld, still_live):
        assert client.get(f"/cases/{report.reference}/").status_code == 404
    page = client.get(f"/cases/{undisclosed.reference}/")  # had a publication date: "withdrawn"
    assert page.status_code in (404, 410) and undisclosed.summary not in page.content.decode()


def test_export_rows_match_the_csv_and_json_exactly(client):
    """The dict rows (xlsx, paged JSON) and the streamed CSV/JSON carry the same values."""
    import csv
    import json
    from decimal import Decimal

    from cases_public.exports import export_rows

    make_report(
        categories=("air", "soil", "other"),
        accepted_at=None,
        penalty_case_filed=True,
        penalty_fine_yuan=Decimal("12.50"),
        subject_name='"引号",逗号\n换行',
    )
    make_report(categories=(), received_at="1988-04-20", closed_at="1988-06-01")  # summer time then
    rows = list(export_rows(base_url="http://testserver"))
    cases = json.loads(surface_text(client, "/open-data/cases.json"))["cases"]
    assert cases == rows
    assert rows[0]["penalty_fine_yuan"] == "12.50" and rows[0]["accepted_at"] is None
    assert rows[1]["received_at"] == "1988-04-20T11:00:00+09:00" and rows[1]["categories"] == []
    table = list(csv.reader(io.StringIO(surface_text(client, "/open-data/cases.csv"))))
    assert table[0] == EXPORT_FIELDS
    assert table[1][EXPORT_FIELDS.index("categories")] == "air;soil;other"
    assert table[1][EXPORT_FIELDS.index("subject_name")] == '"引号",逗号\n换行'
    assert table[1][EXPORT_FIELDS.index("penalty_case_filed")] == "True"
    assert table[1][EXPORT_FIELDS.index("accepted_at")] == ""
