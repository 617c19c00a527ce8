"""axe-core on the main public pages (phone and desktop widths): no serious or critical violations.

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
    context.close()
    for name, href in nav.items():
        pages[f"nav: {name}"] = href
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
        assert len(pages_to_audit) >= 5, pages_to_audit  # home, case, notice, the three sections
        for name, path in pages_to_audit.items():
            response = page.goto(path)
            assert response.status == 200, (name, path)
            violations = run_axe(page)
            if violations:
                found[f"{name} {path}"] = violations
    finally:
        context.close()
    assert not found, found
