"""axe-core on the public pages (phone and desktop widths): no serious or critical violations.

Home, a case report, a reception notice, every section of the main navigation (the list, statistics,
open data, search, the editors' sections), a filtered list, and search with results, with filters,
without results and with an empty query.

axe-core is injected from e2e/node_modules (a local file, no CDN). Injecting a script needs the
page's CSP to be bypassed in this context only; the journeys run with the CSP enforced.
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import VIEWPORTS, run_axe

pytestmark = pytest.mark.e2e


def public_pages(browser, portal) -> dict[str, str]:
    context = browser.new_context(base_url=portal.url)
    page = context.new_page()
    page.goto("/")
    pages = {"home": "/"}
    pages["case report"] = (
        page.locator("section", has=page.get_by_role("heading", name="最新办结公开"))
        .get_by_role("link")
        .first.get_attribute("href")
    )
    pages["reception notice"] = page.locator(".reception-card h3 a").get_attribute("href")
    nav = {a.inner_text().strip(): a.get_attribute("href") for a in page.locator(".site-nav a").all()}
    page.goto("/cases/")
    region = page.locator("#f-region option").nth(2).get_attribute("value")  # a province's first city
    context.close()
    for name, href in nav.items():
        pages[f"nav: {name}"] = href
    # The states the journeys reach: a filtered list, search with and without results.
    pages["cases filtered"] = f"/cases/?region={region}&category=air&from=2023-01-01&to=2026-12-31"
    pages["search with results"] = "/search/?q=热力"
    pages["search with filters"] = "/search/?q=热力&type=case&category=air"
    pages["search without results"] = "/search/?q=夸克蟑螂XYZ不存在"
    pages["search empty"] = "/search/?q="
    return pages


@pytest.fixture(scope="module")
def pages_to_audit(browser, portal):
    return public_pages(browser, portal)


@pytest.mark.parametrize("width", list(VIEWPORTS))
def test_main_public_pages_have_no_serious_violations(browser, portal, pages_to_audit, width):
    context = browser.new_context(viewport=VIEWPORTS[width], base_url=portal.url, bypass_csp=True)
    page = context.new_page()
    found = {}
    try:
        for section in ("/cases/", "/statistics/", "/open-data/", "/search/"):
            assert section in pages_to_audit.values(), pages_to_audit
        for name, path in pages_to_audit.items():
            response = page.goto(path)
            assert response.status == 200, (name, path)
            if "results" in name:
                assert page.locator("ol.result-list").count() == (name == "search with results"), name
            violations = run_axe(page)
            if violations:
                found[f"{name} {path}"] = violations
    finally:
        context.close()
    assert not found, found
