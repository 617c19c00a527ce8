"""The statistics page: counting rules, upkeep on ingest/retract, shaping, charts, query count."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from cases_public import aggregates
from cases_public.models import CaseStatBucket
from cases_public.stats import (
    ALL_TIME,
    build_statistics,
    calendar_days_to_close,
    closed_within_deadline,
    median_from_histogram,
)
from tests.conftest import make_case
from tests.reports import make_report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    """Built files (the xlsx) go to a fresh directory, never the worktree's var/."""
    settings.VAR_DIR = tmp_path


@pytest.fixture(autouse=True)
def fresh_cache():
    """The page caches its figures per bucket version; ids repeat across rolled-back tests."""
    from django.core.cache import cache

    cache.clear()


def days_ago(days: int) -> str:
    return (timezone.localdate() - timedelta(days=days)).isoformat()


def page_figures(client) -> str:
    response = client.get("/statistics/")
    assert response.status_code == 200
    return response.content.decode()


def test_every_accepted_case_counts_except_retracted(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_report(received_at=days_ago(40), closed_at=days_ago(2))
        make_report(received_at=days_ago(40), closed_at=days_ago(2), published=False)  # draft
        make_report(received_at=days_ago(40), closed_at=days_ago(2), disclose=False)
        withheld = make_report(received_at=days_ago(40), closed_at=days_ago(2), published=False)
        withheld.withheld_at = timezone.now()
        withheld.save(update_fields=["withheld_at"])
        retracted = make_report(received_at=days_ago(40), closed_at=days_ago(2))
        retracted.retracted_at = timezone.now()
        retracted.save(update_fields=["retracted_at"])
    totals = dict(
        CaseStatBucket.objects.filter(month=ALL_TIME, dimension="total").values_list("basis", "count")
    )
    assert totals == {"received": 4, "closed": 4}
    html = page_figures(client)
    assert "平台累计接收</dt><dd>4 件" in html
    assert "不宜公开的信访件" in html  # the page says what it counts


@override_settings(CASES_REVIEW_REQUIRED=False)
def test_retracted_case_leaves_list_feed_exports_and_statistics_at_once(
    api, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        keep = api.post("cases", make_case(external_id="K-1")).json()
        gone = api.post("cases", make_case(external_id="G-1")).json()
    surfaces = [
        "/cases/",
        "/cases/feed/rss/",
        "/cases/feed/atom/",
        "/open-data/cases.json",
        "/open-data/cases.csv",
        "/open-data/cases/page.json",
        "/open-data/cases.xlsx",
    ]

    def body(path):
        response = client.get(path)
        assert response.status_code == 200, path
        if path.endswith(".xlsx"):
            return _xlsx_text(response)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        return content.decode("utf-8-sig")

    for path in surfaces:
        text = body(path)
        assert keep["reference"] in text and gone["reference"] in text, path
    assert "平台累计接收</dt><dd>2 件" in page_figures(client)

    with django_capture_on_commit_callbacks(execute=True):
        assert api.post("cases/G-1/retract", {"reason": "重复件"}).status_code == 200
    for path in surfaces:
        text = body(path)
        assert keep["reference"] in text and gone["reference"] not in text, path
    assert "平台累计接收</dt><dd>1 件" in page_figures(client)


def _xlsx_text(response) -> str:
    import io

    from openpyxl import load_workbook

    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    return "\n".join(
        ",".join("" if v is None else str(v) for v in row) for row in sheet.iter_rows(values_only=True)
    )


def test_draft_ingest_counts_before_review(api, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert api.post("cases", make_case()).json()["status"] == "queued"
    assert CaseStatBucket.objects.get(month=ALL_TIME, basis="received", dimension="total").count == 1
    month = CaseStatBucket.objects.get(month=date(2026, 10, 1), basis="received", dimension="total")
    assert month.count == 1
    categories = set(
        CaseStatBucket.objects.filter(month=date(2026, 10, 1), dimension="category").values_list(
            "key", flat=True
        )
    )
    assert categories == {"air", "noise"}


def test_moving_a_case_to_another_month_moves_its_count(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = make_report(received_at="2026-03-05", closed_at="2026-04-01")
    with django_capture_on_commit_callbacks(execute=True):
        report.received_at = timezone.make_aware(timezone.datetime(2026, 2, 5, 10))
        report.save()
    received = dict(
        CaseStatBucket.objects.filter(basis="received", dimension="total")
        .exclude(month=ALL_TIME)
        .values_list("month", "count")
    )
    assert received == {date(2026, 2, 1): 1}


def test_rebuild_matches_incremental_upkeep(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for index in range(6):
            make_report(
                received_at=f"2026-0{1 + index}-10",
                closed_at=f"2026-0{2 + index}-02",
                categories=("air", "water") if index % 2 else ("noise",),
                finding="unsubstantiated" if index == 3 else "substantiated",
            )
    incremental = set(CaseStatBucket.objects.values_list("month", "basis", "dimension", "key", "count"))
    aggregates.rebuild_all()
    assert (
        set(CaseStatBucket.objects.values_list("month", "basis", "dimension", "key", "count")) == incremental
    )


def B(month, basis, dimension, key, count, label=""):  # noqa: N802 - a table row
    return (month, basis, dimension, key, label, count)


def test_build_statistics_month_on_month_and_year_on_year():
    today = date(2026, 11, 23)
    buckets = [
        B(date(2025, 11, 1), "received", "total", "", 50),
        B(date(2026, 10, 1), "received", "total", "", 80),
        B(date(2026, 11, 1), "received", "total", "", 100),
        B(date(2026, 11, 1), "closed", "total", "", 90),
        B(date(2026, 11, 1), "closed", "finding", "substantiated", 40),
        B(date(2026, 11, 1), "closed", "finding", "partly_substantiated", 5),
        B(date(2026, 11, 1), "closed", "finding", "unsubstantiated", 45),
        B(date(2026, 11, 1), "received", "category", "air", 70),
        B(date(2026, 11, 1), "received", "category", "noise", 60),
        B(date(2026, 11, 1), "closed", "duration", "00010", 60),
        B(date(2026, 11, 1), "closed", "duration", "00070", 30),
        B(date(2026, 11, 1), "closed", "deadline", "within", 60),
        B(date(2026, 11, 1), "closed", "deadline", "over", 30),
        B(date(2024, 1, 1), "received", "total", "", 999),  # outside both windows
        B(ALL_TIME, "received", "total", "", 1234),
    ]
    stats = build_statistics(buckets, today)
    november = stats.months[-1]
    assert november["month"] == date(2026, 11, 1)
    assert november["received_mom"] == pytest.approx(25.0)
    assert november["received_yoy"] == pytest.approx(100.0)
    assert november["closed_mom"] is None  # nothing to compare with
    assert stats.months[0]["month"] == date(2025, 12, 1)
    assert (stats.received, stats.closed, stats.substantiated) == (180, 90, 45)
    assert stats.closing_rate == pytest.approx(50.0)
    assert stats.substantiated_rate == pytest.approx(50.0)
    assert stats.all_time == 1234
    assert stats.category_share_total == pytest.approx(130 * 100 / 180)
    assert stats.median_days == 10
    assert stats.within_deadline == 60


def test_category_shares_can_pass_100_percent_and_the_page_says_why(client):
    CaseStatBucket.objects.bulk_create(
        [
            CaseStatBucket(
                month=timezone.localdate().replace(day=1), basis="received", dimension=d, key=k, count=c
            )
            for d, k, c in [("total", "", 10), ("category", "air", 8), ("category", "noise", 7)]
        ]
    )
    html = page_figures(client)
    assert "部分投诉举报件涉及多个污染类型" in html
    assert "150.0%" in html


@pytest.mark.parametrize(
    "received, closed, days, within",
    [("2026-01-01T23:30", "2026-03-02T00:10", 60, True), ("2026-01-01T10:00", "2026-03-03T09:00", 61, False)],
)
def test_60_day_rule_counts_local_calendar_days(received, closed, days, within):
    tz = timezone.get_default_timezone()
    r = timezone.make_aware(timezone.datetime.fromisoformat(received), tz)
    c = timezone.make_aware(timezone.datetime.fromisoformat(closed), tz)
    assert calendar_days_to_close(r, c) == days
    assert closed_within_deadline(r.date(), c.date()) is within


@pytest.mark.parametrize(
    "histogram, median",
    [({}, None), ({5: 1}, 5), ({1: 1, 3: 1}, 2), ({1: 2, 9: 1}, 1), ({2: 1, 4: 2, 8: 1}, 4)],
)
def test_median_from_histogram(histogram, median):
    assert median_from_histogram(histogram) == median


def test_charts_are_accessible_svg_with_tables_and_csv(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_report(received_at=days_ago(20), closed_at=days_ago(3), region_name="铜陵市<b>铜官区</b>")
    html = page_figures(client)
    assert html.count('role="img"') == 5
    assert html.count("<title id=") == 5 and html.count("<desc id=") == 5
    assert "<script" not in html and "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    assert "<b>铜官区" not in html  # labels are escaped
    assert html.count('<caption id="table-') == 5 and 'scope="col"' in html
    for table in ("months", "channels", "categories", "regions", "findings"):
        response = client.get(f"/statistics/{table}.csv")
        assert response.status_code == 200
        assert response.content.decode("utf-8").startswith("\ufeff")
    assert client.get("/statistics/nothing.csv").status_code == 404


@pytest.mark.parametrize("count", [2, 25])
def test_statistics_query_count_is_constant(client, django_assert_num_queries, count):
    for index in range(count):
        make_report(
            received_at=days_ago(30 + index), closed_at=days_ago(index), region_code=f"3407{index:02d}"
        )
    aggregates.rebuild_all()
    client.get("/statistics/")
    with django_assert_num_queries(3):
        client.get("/statistics/")
