"""An editor logs in to the admin, approves one queued case (it appears publicly) and withholds
another with a reason (it never does). Runs with the admin's own CSP enforced."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import EDITOR

pytestmark = pytest.mark.e2e
QUEUE = "/admin/snippets/cases_public/completionreport/?status=queued"


def sample_case(external_id: str, subject: str) -> dict:
    return {
        "external_id": external_id,
        "channel": "hotline_12369",
        "received_at": "2026-10-08T09:30:00+08:00",
        "accepted_at": "2026-10-09T10:00:00+08:00",
        "closed_at": "2026-11-02T16:00:00+08:00",
        "region_code": "340705",
        "region_name": "铜陵市铜官区",
        "categories": ["noise"],
        "priority": "general",
        "subject": {"name": subject},
        "petitioners": [{"name": "李秀英", "phone": "13805620001"}],
        "summary": f"李秀英来电反映{subject}夜间噪声扰民，电话13805620001。",
        "finding": "substantiated",
        "handling": "责令整改。",
        "satisfaction": "satisfied",
    }


def log_in(page) -> None:
    page.goto("/admin/login/")
    page.locator("#id_username").fill(EDITOR[0])
    page.locator("#id_password").fill(EDITOR[1])
    with page.expect_navigation():
        page.locator("form button[type=submit]").first.click()
    assert "/admin/login/" not in page.url


def open_from_queue(page, reference: str) -> None:
    page.goto(QUEUE)
    row = page.locator("tr", has_text=reference)
    assert row.count() == 1, f"{reference} is not in the review queue"
    with page.expect_navigation():
        row.get_by_role("link", name=re.compile(reference)).first.click()
    assert "/edit/" in page.url


def test_editor_approves_one_case_and_withholds_another(page, browser, portal):
    if page.width_name != "desktop":
        pytest.skip("the editors' journey runs at desktop width")
    status, approve_me = portal.api("POST", "cases", sample_case("E2E-APPROVE", "审批公开建材有限公司"))
    assert status == 202 and approve_me["status"] == "queued"
    status, withhold_me = portal.api("POST", "cases", sample_case("E2E-WITHHOLD", "不予公开化工有限公司"))
    assert status == 202

    log_in(page)

    # Approve: the workflow action in the edit view's action menu.
    open_from_queue(page, approve_me["reference"])
    page.locator("footer .w-dropdown__toggle, footer [data-w-dropdown-target='toggle']").first.click()
    approve = page.locator(
        "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"
    )
    with page.expect_navigation():
        approve.click()
    status, now = portal.api("GET", "cases/E2E-APPROVE")
    assert now["status"] == "published", now
    public = browser.new_page(base_url=portal.url)
    response = public.goto(now["public_url"])
    assert response.status == 200
    assert "审批公开建材有限公司" in public.content()
    assert "李秀英" not in public.content() and "13805620001" not in public.content()

    # Withhold, with a reason.
    open_from_queue(page, withhold_me["reference"])
    page.locator("footer .w-dropdown__toggle, footer [data-w-dropdown-target='toggle']").first.click()
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("不予公开")).click()
    page.get_by_label(re.compile("案件仍在调查")).check()
    page.get_by_label(re.compile("补充说明")).fill("行政复议中")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("不予公开")).click()
    status, now = portal.api("GET", "cases/E2E-WITHHOLD")
    assert now["status"] == "withheld" and now["public_url"] is None
    response = public.goto(f"/cases/{withhold_me['reference']}/")
    assert response.status == 404
    public.goto("/")
    assert "不予公开化工有限公司" not in public.content()
    assert "审批公开建材有限公司" in public.content()
    public.close()
