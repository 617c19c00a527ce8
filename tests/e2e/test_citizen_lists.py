"""A citizen filters the list of completion reports, subscribes to the filtered feed, opens a case,
and searches: by mouse and by keyboard, at phone and desktop widths.

The keyboard variants move between controls with Tab only and act with Enter and Space; inside a
control they use the keys that control needs (arrow keys in a <select>, digits in a date field).
Every Tab stop on the way must show a visible focus indicator (`tab_to`).

The case the journeys look for is chosen from the live list (the first one whose city is named in
its region), so the tests follow the bundled sample data rather than hard-coding it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.e2e.test_citizen import focus_is_visible, follow, skip_to_main, tab_to

pytestmark = pytest.mark.e2e
ATOM = "{http://www.w3.org/2005/Atom}"


@dataclass(frozen=True)
class Target:
    reference: str
    href: str
    region_name: str
    subject: str
    channel: str  # label as shown
    category: str  # label of its first pollution type
    closed: date
    province: tuple[str, str]  # (code, label) of the region <select>
    city: tuple[str, str]


def read_cards(page) -> list[dict]:
    return page.evaluate(
        """() => [...document.querySelectorAll('ol.card-list > li.card')].map(card => {
            const link = card.querySelector('h3 a');
            const meta = card.querySelector('p.meta').innerText.split(' · ');
            return {
                href: link.getAttribute('href'),
                title: link.innerText,
                reference: meta[0].replace('受理编号', '').trim(),
                channel: meta[meta.length - 1].trim(),
                closed: card.querySelector('time').getAttribute('datetime').slice(0, 10),
                tags: [...card.querySelectorAll('.tag:not(.tag--finding)')].map(t => t.innerText),
            };
        })"""
    )


def select_options(page, selector: str) -> list[tuple[str, str]]:
    return page.evaluate(
        f"() => [...document.querySelectorAll('{selector} option')].map(o => [o.value, o.text])"
    )


@pytest.fixture(scope="module")
def target(browser, portal) -> Target:
    context = browser.new_context(base_url=portal.url)
    page = context.new_page()
    page.goto("/cases/")
    regions = select_options(page, "#f-region")
    categories = set(page.locator(".checks label").all_inner_texts())
    cards = read_cards(page)
    context.close()
    for card in cards:
        region_name, _, subject = card["title"].partition(" · ")
        province = city = None
        for value, label in regions[1:]:
            depth = len(label) - len(label.lstrip("\u3000"))
            if depth == 0:
                province, city = (value, label), None
            elif depth == 1:
                city = (value, label.strip("\u3000"))
            elif city and city[1] != "市辖区" and region_name == city[1] + label.strip("\u3000"):
                tags = [t for t in card["tags"] if t in categories]
                return Target(
                    reference=card["reference"],
                    href=card["href"],
                    region_name=region_name,
                    subject=subject,
                    channel=card["channel"],
                    category=tags[0],
                    closed=date.fromisoformat(card["closed"]),
                    province=province,
                    city=city,
                )
    pytest.fail(f"no case on the first page with a named city: {cards}")


def choose(page, how: str, selector: str, value: str) -> None:
    """Pick an option: by mouse through Playwright's select, by keyboard with Tab then arrows."""
    field = page.locator(selector)
    if how == "mouse":
        field.select_option(value)
        return
    tab_to(page, field)
    values = [v for v, _ in select_options(page, selector)]
    steps = values.index(value) - values.index(field.input_value())
    for _ in range(abs(steps)):
        page.keyboard.press("ArrowDown" if steps > 0 else "ArrowUp")
    assert field.input_value() == value


def enter_date(page, how: str, selector: str, day: date) -> None:
    field = page.locator(selector)
    if how == "mouse":
        field.click()
    else:
        tab_to(page, field)
    # Headless chromium lays date fields out month/day/year whatever the locale; each part
    # moves on to the next once complete.
    page.keyboard.type(f"{day:%m%d%Y}")
    assert field.input_value() == day.isoformat()


def tick(page, how: str, label: str) -> None:
    box = page.get_by_label(label, exact=True)
    if how == "mouse":
        box.click()
    else:
        tab_to(page, box)
        page.keyboard.press("Space")
    assert box.is_checked()


def submit(page, how: str, button) -> None:
    if how == "keyboard":
        tab_to(page, button)
    with page.expect_navigation():
        if how == "mouse":
            button.click()
        else:
            page.keyboard.press("Enter")


def params(url: str) -> dict[str, list[str]]:
    """GET parameters with a value (the form also sends its empty fields)."""
    return {k: sorted(v) for k, v in parse_qs(urlsplit(url).query).items() if any(v)}


@pytest.mark.parametrize("how", ["mouse", "keyboard"])
def test_filter_the_list_subscribe_and_open_a_case(page, how, target, portal):
    page.goto("/cases/")
    total = int(re.search(r"共 (\d+) 件", page.locator("#results-heading").inner_text())[1])
    if how == "keyboard":
        skip_to_main(page)

    # 1. A province first.
    choose(page, how, "#f-region", target.province[0])
    submit(page, how, page.get_by_role("button", name="筛选", exact=True))
    assert params(page.url) == {"region": [target.province[0]]}
    heading = page.locator("#results-heading").inner_text()
    assert heading.startswith(target.province[1])
    assert 0 < int(re.search(r"共 (\d+) 件", heading)[1]) <= total
    assert page.locator("#f-region").input_value() == target.province[0]  # the form keeps it

    # 2. Then its city, a pollution type, the channel and a closed-date range around the case.
    if how == "keyboard":
        skip_to_main(page)
    channel = next(v for v, label in select_options(page, "#f-channel") if label == target.channel)
    category = page.get_by_label(target.category, exact=True).get_attribute("value")
    first_of_month = target.closed.replace(day=1)
    choose(page, how, "#f-region", target.city[0])
    choose(page, how, "#f-channel", channel)
    enter_date(page, how, "#f-from", first_of_month)
    enter_date(page, how, "#f-to", target.closed)
    tick(page, how, target.category)
    submit(page, how, page.get_by_role("button", name="筛选", exact=True))
    wanted = {
        "region": [target.city[0]],
        "channel": [channel],
        "category": [category],
        "from": [first_of_month.isoformat()],
        "to": [target.closed.isoformat()],
    }
    assert params(page.url) == wanted
    rows = read_cards(page)
    assert target.reference in [row["reference"] for row in rows]
    for row in rows:
        assert row["title"].startswith(target.city[1]), row
        assert row["channel"] == target.channel, row
        assert target.category in row["tags"], row
        assert first_of_month <= date.fromisoformat(row["closed"]) <= target.closed, row
    count = int(re.search(r"共 (\d+) 件", page.locator("#results-heading").inner_text())[1])
    assert count == len(rows)

    # 3. The feeds of this very list: announced in <head>, linked beside the results.
    rss = page.get_by_role("link", name="RSS", exact=True)
    if how == "keyboard":
        # Past the form in one step: the form's own skip link moves focus to the results.
        skip_to_main(page)
        tab_to(page, page.get_by_role("link", name="跳到筛选结果"))
        page.keyboard.press("Enter")
        assert page.evaluate("() => document.activeElement.id") == "results-heading"
        page.keyboard.press("Tab")
        assert page.evaluate("el => el === document.activeElement", rss.element_handle())
        assert focus_is_visible(page)
    else:
        rss.hover()
    head_links = page.locator('link[rel="alternate"]')
    assert head_links.count() == 2
    for href in [rss.get_attribute("href"), *[link.get_attribute("href") for link in head_links.all()]]:
        assert params(href) == wanted, href
    feed = page.request.get(rss.get_attribute("href"))
    assert feed.status == 200 and "xml" in feed.headers["content-type"]
    channel_el = ET.fromstring(feed.body()).find("channel")
    links = [item.findtext("link") for item in channel_el.findall("item")]
    assert len(links) == count and any(link.endswith(target.href) for link in links), links
    atom_href = page.locator('link[type="application/atom+xml"]').get_attribute("href")
    atom = ET.fromstring(page.request.get(atom_href).body())
    assert atom.tag == f"{ATOM}feed"
    assert any(
        link.get("href", "").endswith(target.href)
        for link in atom.iter(f"{ATOM}link")
        if link.get("rel") != "self"
    )

    # 4. Open the case from the filtered list.
    follow(page, page.locator(f'ol.card-list a[href="{target.href}"]'), how)
    assert urlsplit(page.url).path == target.href
    assert page.get_by_role("heading", level=1).inner_text().startswith("办结报告")
    assert target.reference in page.locator("main").inner_text()
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1


@pytest.mark.parametrize("how", ["mouse", "keyboard"])
def test_search_says_so_when_nothing_matches_and_finds_a_case(page, how, target):
    page.goto("/")
    nav_search = page.locator(".site-nav").get_by_role("link", name="搜索", exact=True)
    if how == "keyboard":
        tab_to(page, nav_search)
    with page.expect_navigation():
        if how == "mouse":
            nav_search.click()
        else:
            page.keyboard.press("Enter")
    assert urlsplit(page.url).path == "/search/"

    box = page.get_by_label("搜索关键词")
    nonsense = "夸克蟑螂XYZ不存在"
    for query in (nonsense, target.subject):
        # Each query starts on a freshly loaded page: the keyboard user tabs from the top.
        if how == "mouse":
            box.click()
            box.fill("")
        else:
            tab_to(page, box)
            page.keyboard.press("Control+A")  # replace the previous query
        page.keyboard.type(query)
        with page.expect_navigation():
            if how == "mouse":
                page.get_by_role("button", name="搜索", exact=True).click()
            else:
                page.keyboard.press("Enter")
        assert parse_qs(urlsplit(page.url).query)["q"] == [query]
        assert page.title().startswith(f"“{query}”的搜索结果")
        assert box.input_value() == query
        if query == nonsense:
            assert page.get_by_role("status").inner_text() == f"没有找到与“{query}”相关的结果"
            assert page.locator("ol.result-list").count() == 0
    # The second query's page: a count, the case, the query's words highlighted.
    status = page.get_by_role("status")
    total = int(re.fullmatch(r"共找到 (\d+) 条结果", status.inner_text())[1])
    items = page.locator("ol.result-list > li")
    assert 0 < items.count() <= total
    hit = page.locator(f'.result__title a[href="{target.href}"]')
    assert hit.count() == 1
    marked = page.locator(".result", has=hit).locator("mark").all_inner_texts()
    assert marked and all(word in target.subject for word in marked), marked
    if how == "keyboard":
        skip_to_main(page)
    follow(page, hit, how)
    assert urlsplit(page.url).path == target.href
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1


@pytest.mark.parametrize("how", ["mouse", "keyboard"])
def test_search_without_results_page_is_in_chinese_and_helps(page, how):
    """The no-results page explains what to try, and its help links work from the keyboard."""
    query = "夸克蟑螂XYZ不存在"
    page.goto(f"/search/?q={query}")
    assert page.get_by_role("status").inner_text() == f"没有找到与“{query}”相关的结果"
    assert page.locator("ol.result-list").count() == 0
    help_links = page.locator(".no-results")
    assert "减少关键词" in help_links.inner_text()
    if how == "keyboard":
        skip_to_main(page)
    follow(page, help_links.get_by_role("link", name="办结公开"), how)
    assert urlsplit(page.url).path == "/cases/"
