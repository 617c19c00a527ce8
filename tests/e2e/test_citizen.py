"""A citizen's journeys on the public site, by mouse and by keyboard, at phone and desktop widths.

One test per journey. To add: the list `/cases/` with filters, search, the feed link (once those
pages are merged), each as its own `JOURNEYS` entry or test.
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.e2e
MAX_TABS = 120


def focus_is_visible(page) -> bool:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            if (!el || el === document.body) return false;
            const s = getComputedStyle(el);
            const r = el.getBoundingClientRect();
            const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
            return outline && r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0;
        }"""
    )


def tab_to(page, locator) -> None:
    """Press Tab until `locator` has the focus; every stop on the way must show where focus is."""
    handle = locator.element_handle()
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("el => el === document.activeElement", handle):
            assert focus_is_visible(page), "focused element shows no focus indicator"
            return
    raise AssertionError(f"{locator} not reached with {MAX_TABS} Tab presses")


def skip_to_main(page) -> None:
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    assert page.evaluate("el => el === document.activeElement", skip.element_handle())
    assert focus_is_visible(page)
    assert skip.bounding_box()["x"] >= 0  # shown on focus
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


def follow(page, link, how: str) -> None:
    if how == "keyboard":
        tab_to(page, link)
    with page.expect_navigation():
        if how == "mouse":
            link.click()
        else:
            page.keyboard.press("Enter")


@pytest.mark.parametrize("how", ["mouse", "keyboard"])
def test_home_to_latest_case_report(page, how):
    page.goto("/")
    section = page.locator("section", has=page.get_by_role("heading", name="最新办结公开"))
    link = section.get_by_role("link").first
    expected = link.get_attribute("href")
    assert re.match(r"^/cases/HJXF-\d{4}-\d{6}/$", expected)
    if how == "keyboard":
        skip_to_main(page)
    follow(page, link, how)
    assert page.url.endswith(expected)
    assert page.get_by_role("heading", level=1).inner_text().startswith("办结报告")
    assert page.get_by_role("table").count() == 1
    # The page fits the width: nothing forces the reader to scroll sideways.
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1


@pytest.mark.parametrize("how", ["mouse", "keyboard"])
def test_home_to_next_reception_notice(page, how):
    page.goto("/")
    section = page.locator("section", has=page.get_by_role("heading", name="领导接访日预告"))
    card_link = section.locator(".reception-card h3 a")
    title = card_link.inner_text()
    if how == "keyboard":
        skip_to_main(page)
    follow(page, card_link, how)
    assert page.get_by_role("heading", level=1).inner_text() == title
    assert page.get_by_text("接访时间").first.is_visible()
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
