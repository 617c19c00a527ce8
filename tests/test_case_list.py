"""The public case list /cases/: every filter, their combinations, keyset pages, query count."""

from __future__ import annotations

import re

import pytest
from django.test import override_settings

from cases_public.filters import parse_filter
from cases_public.models import CompletionReport
from tests.reports import make_report

pytestmark = pytest.mark.django_db

# name -> (fields); the dates make the list order A, B, C, ... (A closed last).
KNOWN = {
    "A": {
        "closed_at": "2026-11-20",
        "region_code": "340705",
        "region_name": "铜陵市铜官区",
        "categories": ("air", "noise"),
    },
    "B": {
        "closed_at": "2026-11-10",
        "region_code": "340706",
        "region_name": "铜陵市义安区",
        "categories": ("water",),
        "channel": "letter",
        "finding": "unsubstantiated",
        "satisfaction": "dissatisfied",
    },
    "C": {
        "closed_at": "2026-10-30",
        "region_code": "340104",
        "region_name": "合肥市蜀山区",
        "categories": ("noise",),
        "priority": "key",
        "penalty_case_filed": True,
    },
    "D": {
        "closed_at": "2026-10-15",
        "region_code": "110105",
        "region_name": "北京市朝阳区",
        "categories": ("air", "solid_waste"),
        "finding": "partly_substantiated",
        "channel": "online",
        "penalty_case_filed": True,
    },
    "E": {
        "closed_at": "2026-09-01",
        "region_code": "340705",
        "region_name": "铜陵市铜官区",
        "categories": ("radiation",),
        "satisfaction": "basically_satisfied",
        "received_at": "2026-07-01",
    },
}
HIDDEN = {
    "draft": {"published": False},
    "not_disclosed": {"disclose": False},
}


@pytest.fixture
def known(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        reports = _make_known()
    return {report.reference: name for name, report in reports.items()}


def _make_known():
    reports = {name: make_report(**fields) for name, fields in KNOWN.items()}
    for name, fields in HIDDEN.items():
        reports[name] = make_report(**fields)
    withheld = make_report()
    withheld.withheld_at = withheld.closed_at
    withheld.save()
    retracted = make_report()
    retracted.retracted_at = retracted.closed_at
    retracted.save()
    reports["withheld"], reports["retracted"] = withheld, retracted
    return reports


def listed(client, query: str, known) -> list[str]:
    response = client.get("/cases/?" + query)
    assert response.status_code == 200
    html = response.content.decode()
    return [known[ref] for ref in re.findall(r"受理编号 (HJXF-TEST-\d+)", html)]


FILTERS = [
    ("", ["A", "B", "C", "D", "E"]),
    ("region=340000", ["A", "B", "C", "E"]),
    ("region=340700", ["A", "B", "E"]),
    ("region=340705", ["A", "E"]),
    ("region=110000", ["D"]),
    ("category=air", ["A", "D"]),
    ("category=noise&category=water", ["A", "B", "C"]),
    ("category=soil", []),
    ("channel=letter", ["B"]),
    ("finding=unsubstantiated", ["B"]),
    ("finding=partly_substantiated", ["D"]),
    ("priority=key", ["C"]),
    ("satisfaction=basically_satisfied", ["E"]),
    ("penalty=yes", ["C", "D"]),
    ("penalty=no", ["A", "B", "E"]),
    ("from=2026-10-15", ["A", "B", "C", "D"]),
    ("to=2026-10-15", ["D", "E"]),
    ("from=2026-10-01&to=2026-11-10", ["B", "C", "D"]),
    # combinations
    ("region=340000&category=noise", ["A", "C"]),
    ("region=340700&category=air&category=radiation&penalty=no", ["A", "E"]),
    ("category=air&penalty=yes&finding=partly_substantiated&channel=online", ["D"]),
    ("region=340700&from=2026-10-01&satisfaction=dissatisfied", ["B"]),
    ("region=110000&category=noise", []),
    # bad values are ignored, not errors
    ("region=abc&channel=pigeon&category=smell&from=yesterday", ["A", "B", "C", "D", "E"]),
]


@pytest.mark.parametrize("query, expected", FILTERS, ids=[q or "none" for q, _ in FILTERS])
def test_filter(client, known, query, expected):
    assert listed(client, query, known) == expected


def test_the_list_never_shows_non_public_cases(client, known):
    shown = set(listed(client, "", known))
    assert not shown & {"draft", "not_disclosed", "withheld", "retracted"}


def test_the_form_keeps_the_choices_and_is_labelled(client, known):
    html = client.get("/cases/?region=340705&category=air&category=noise&penalty=yes").content.decode()
    assert '<option value="340705" selected>' in html
    assert 'id="f-cat-air" name="category" value="air" checked' in html
    assert 'id="f-cat-noise" name="category" value="noise" checked' in html
    assert 'value="yes" selected' in html
    for control in re.findall(r'<(?:select|input) id="([^"]+)"', html):
        assert f'<label for="{control}">' in html, control
    assert "<legend>" in html and 'type="submit"' in html
    assert "<script" not in html


def test_the_list_links_its_own_feed(client, known):
    html = client.get("/cases/?category=air&region=340000").content.decode()
    assert 'type="application/rss+xml"' in html
    assert "/cases/feed/rss/?region=340000&amp;category=air" in html
    assert "/cases/feed/atom/?region=340000&amp;category=air" in html


def test_parse_filter_is_pure_and_normalises():
    flt = parse_filter({"category": ["water", "air", "water"], "from": "2026-12-01", "to": "2026-01-01"})
    assert flt.categories == ("air", "water")
    assert flt.closed_from.isoformat() == "2026-01-01"
    assert flt.querystring() == "category=air&category=water&from=2026-01-01&to=2026-12-01"
    assert flt.querystring(after="1.2") == flt.querystring() + "&after=1.2"
    assert parse_filter({"region": "340700"}).region_level == "city"
    assert parse_filter({"region": "340000"}).region_level == "province"
    assert parse_filter({"region": "340705"}).region_level == "district"
    assert parse_filter({"region": "34070"}).errors == ("region",)


def _walk(client, query, direction="after"):
    """Follow next links from the first page (or previous links from the last)."""
    seen = []
    url = "/cases/?" + query + ("" if direction == "after" else "&last=1")
    pages = 0
    while url and pages < 50:
        html = client.get(url).content.decode()
        refs = re.findall(r"受理编号 (HJXF-TEST-\d+)", html)
        seen = seen + refs if direction == "after" else refs + seen
        rel = "next" if direction == "after" else "prev"
        match = re.search(rf'href="\?([^"]*)" rel="{rel}"', html)
        url = "/cases/?" + match.group(1).replace("&amp;", "&") if match else None
        pages += 1
    return seen


@pytest.mark.parametrize("direction", ["after", "before"])
def test_keyset_pages_cover_every_case_once_in_order(client, direction):
    # 45 cases, several closed at the same moment: ties are broken by id.
    for index in range(45):
        make_report(closed_at=f"2026-10-{1 + index // 3:02d}", categories=("air",))
    expected = list(
        CompletionReport.objects.published().order_by("-closed_at", "-id").values_list("reference", flat=True)
    )
    assert _walk(client, "category=air", direction) == expected


def test_last_page_holds_the_oldest_cases(client):
    for index in range(25):
        make_report(closed_at=f"2026-10-{1 + index:02d}")
    html = client.get("/cases/?last=1").content.decode()
    refs = re.findall(r"受理编号 (HJXF-TEST-\d+)", html)
    oldest = list(
        CompletionReport.objects.order_by("closed_at", "id").values_list("reference", flat=True)[:20]
    )
    assert refs == oldest[::-1]
    assert 'rel="next"' not in html and 'rel="prev"' in html


def test_count_is_bounded(client, settings):
    for _ in range(4):
        make_report()
    from cases_public import views

    original = views.COUNT_LIMIT
    views.COUNT_LIMIT = 3
    try:
        assert "超过 3 件" in client.get("/cases/").content.decode()
    finally:
        views.COUNT_LIMIT = original
    assert "共 4 件" in client.get("/cases/").content.decode()


@override_settings(CASES_REVIEW_REQUIRED=False)
@pytest.mark.parametrize("count", [3, 30])
def test_query_count_does_not_grow_with_cases(client, django_assert_num_queries, count):
    for index in range(count):
        make_report(closed_at=f"2026-10-{1 + index % 28:02d}", region_code="340706")
    client.get("/cases/")  # warm Wagtail's site cache
    with django_assert_num_queries(QUERIES):
        client.get("/cases/?region=340700&category=air&after=1790000000000000.999999")


QUERIES = 5


def test_region_options_nest_province_city_district():
    from cases_public.regions import region_options

    options = region_options(
        [("340705", "安徽省铜陵市铜官区"), ("340706", "铜陵市义安区"), ("110105", "北京市朝阳区")]
    )
    assert [(value, label.replace("\u3000", "·")) for value, label in options] == [
        ("110000", "北京市"),
        ("110100", "·市辖区"),
        ("110105", "··朝阳区"),
        ("340000", "安徽省"),
        ("340700", "·铜陵市"),
        ("340705", "··铜官区"),
        ("340706", "··义安区"),
    ]
