"""RSS and Atom feeds of published reports, whole list or filtered."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from cases_public.actions import withhold_report
from tests.reports import make_report

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def reports():
    made = {
        "air": make_report(categories=("air",), region_code="340705", closed_at="2026-10-02"),
        "water": make_report(categories=("water",), region_code="110105", closed_at="2026-10-03"),
        "draft": make_report(categories=("air",), published=False),
        "hidden": make_report(categories=("air",), disclose=False),
    }
    retracted = make_report(categories=("air",))
    retracted.retracted_at = retracted.closed_at
    retracted.save()
    made["retracted"] = retracted
    # Withheld by an editor after it went live (withholding unpublishes it).
    made["withheld"] = withhold_report(make_report(categories=("air",)), user=None, reason="行政复议中")
    return made


def rss_items(client, query=""):
    response = client.get("/cases/feed/rss/" + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # well-formed XML
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.find("title").text and channel.find("link").text
    return channel, channel.findall("item")


def test_rss_is_valid_and_only_published(client, reports):
    _, items = rss_items(client)
    guids = [item.find("guid").text for item in items]
    assert guids == [reports["water"].reference, reports["air"].reference]  # newest publication first
    for item in items:
        assert item.find("title").text and item.find("pubDate").text
        assert item.find("link").text.startswith("http://testserver/cases/HJXF-TEST-")
        assert item.find("guid").get("isPermaLink") == "false"


def test_atom_is_valid_and_only_published(client, reports):
    response = client.get("/cases/feed/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}id").text for e in entries] == [
        reports["water"].reference,
        reports["air"].reference,
    ]
    for entry in entries:
        assert entry.find(f"{ATOM}updated").text and entry.find(f"{ATOM}title").text


@pytest.mark.parametrize(
    "query, expected",
    [("?category=air", ["air"]), ("?region=110000", ["water"]), ("?region=340000&category=water", [])],
)
def test_feed_takes_the_list_filters(client, reports, query, expected):
    channel, items = rss_items(client, query)
    references = {report.reference: name for name, report in reports.items()}
    assert [references[item.find("guid").text] for item in items] == expected
    assert "/cases/?" in channel.find("link").text


def test_feed_never_carries_the_reply(client):
    make_report(reply="已电话回复王先生，号码13905621234。")
    for path in ("/cases/feed/rss/", "/cases/feed/atom/"):
        body = client.get(path).content.decode()
        assert "13905621234" not in body and "王先生" not in body
