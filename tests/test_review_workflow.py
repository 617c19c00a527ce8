"""Editors review pushed reports in the Wagtail admin: the whole flow through Django's client."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.test import override_settings
from django.urls import reverse
from wagtail.models import ModelLogEntry, WorkflowState

from cases_public.models import CompletionReport
from tests.conftest import make_case

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(CompletionReport.snippet_viewset.get_url_name(name), args=args)


@pytest.fixture
def reviewer(db):
    user = User.objects.create_user("reviewer", password="pw-reviewer-123")
    user.groups.add(Group.objects.get(name="审核员"))
    return user


@pytest.fixture
def outsider(db):
    """Can use the admin and edit reports, but is not a member of 审核员."""
    user = User.objects.create_user("outsider", password="pw-outsider-123")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_completionreport"),
    )
    return user


def push(api, external_id, **overrides):
    body = api.post("cases", make_case(external_id=external_id, **overrides)).json()
    return body, CompletionReport.objects.get(reference=body["reference"])


def edit_form_data(client, report, **changes):
    """The edit form's current values as a browser would post them, with `changes` applied."""
    form_class = CompletionReport.snippet_viewset.get_edit_handler().get_form_class()
    form = form_class(instance=report.get_latest_revision_as_object(), for_user=User(is_superuser=True))
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None or value is False:
            continue
        if isinstance(value, (list, tuple, bool)):
            data[name] = value
        else:
            formatted = field.widget.format_value(value)
            data[name] = "" if formatted is None else formatted
    data.update(changes)
    return data


def test_pushed_case_starts_the_review_workflow_and_waits_in_the_queue(api, client, reviewer):
    body, report = push(api, "Q-1")
    assert body["status"] == "queued"
    state = report.current_workflow_state
    assert state is not None and state.workflow.name == "办结报告审核"
    assert state.current_task_state.task.name == "审核员审核"

    client.force_login(reviewer)
    listing = client.get(url("list"))
    assert listing.status_code == 200
    assert report.reference in listing.content.decode()
    assert "待审核" in listing.content.decode()
    queued = client.get(url("list") + "?status=queued").content.decode()
    assert report.reference in queued
    assert report.reference not in client.get(url("list") + "?status=published").content.decode()
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "办结报告审核队列" in dashboard


def test_review_page_shows_where_text_was_replaced_but_never_the_value(api, client, reviewer):
    _, report = push(api, "Q-1")
    client.force_login(reviewer)
    page = client.get(url("edit", report.pk)).content.decode()
    assert "匿名化替换记录" in page
    assert "电话" in page and "姓名" in page
    for secret in ("13905621234", "王建国", "340702198001011234"):
        assert secret not in page

    preview_url = url("preview_on_edit", report.pk)
    assert client.post(preview_url, edit_form_data(client, report)).json()["is_valid"] is True
    preview = client.get(preview_url).content.decode()
    assert '<mark class="redaction"' in preview
    assert "[电话]" in preview
    assert "13905621234" not in preview


def test_approve_publishes_and_the_api_follows(api, client, reviewer):
    body, report = push(api, "Q-1")
    client.force_login(reviewer)
    task_state = report.current_workflow_task_state
    response = client.post(
        url("workflow_action", report.pk, "approve", task_state.pk), {"comment": "同意公开"}
    )
    assert response.status_code in (200, 302)
    report.refresh_from_db()
    assert report.live
    status = api.get("cases/Q-1").json()
    assert status["status"] == "published"
    assert client.get(status["public_url"]).status_code == 200
    assert ModelLogEntry.objects.filter(action="wagtail.workflow.approve", user=reviewer).exists()


def test_locking_marks_the_case_in_review(api, client, reviewer):
    _, report = push(api, "Q-1")
    client.force_login(reviewer)
    client.post(url("lock", report.pk))
    assert api.get("cases/Q-1").json()["status"] == "in_review"


def test_withhold_keeps_it_off_the_site_with_the_reason_in_the_history(api, client, reviewer):
    body, report = push(api, "Q-2")
    client.force_login(reviewer)
    form = client.get(url("withhold", report.pk))
    assert form.status_code == 200 and "不予公开" in form.content.decode()
    assert client.post(url("withhold", report.pk), {"reason": "other", "detail": ""}).status_code == 200
    response = client.post(url("withhold", report.pk), {"reason": "ongoing", "detail": "行政复议中"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.withheld_at is not None and not report.live
    assert api.get("cases/Q-2").json()["status"] == "withheld"
    assert client.get(f"/cases/{body['reference']}/").status_code == 404
    assert body["reference"] not in client.get("/open-data/cases.json").getvalue().decode()
    entry = ModelLogEntry.objects.get(action="cases.withhold")
    assert entry.user == reviewer and "行政复议中" in entry.data["reason"]
    assert not WorkflowState.objects.filter(object_id=str(report.pk), status="in_progress").exists()
    history = client.get(url("history", report.pk)).content.decode()
    assert "不予公开" in history


def test_unpublish_with_a_reason_takes_it_off_every_surface(api, client, reviewer):
    with override_settings(CASES_REVIEW_REQUIRED=False):
        body, report = push(api, "Q-3")
    client.force_login(reviewer)
    assert client.get(body["public_url"]).status_code == 200
    response = client.post(url("retract", report.pk), {"reason": "privacy", "detail": "文中仍有住址"})
    assert response.status_code == 302
    page = client.get(body["public_url"])
    assert page.status_code == 410
    assert "已撤回" in page.content.decode() and "鑫达" not in page.content.decode()
    assert body["reference"] not in client.get("/open-data/cases.json").getvalue().decode()
    assert api.get("cases/Q-3").json()["status"] == "retracted"
    assert ModelLogEntry.objects.filter(action="cases.retract", user=reviewer).exists()


def test_plain_wagtail_unpublish_also_counts_as_retracted(api, reviewer):
    with override_settings(CASES_REVIEW_REQUIRED=False):
        _, report = push(api, "Q-4")
    report.unpublish(user=reviewer)
    assert api.get("cases/Q-4").json()["status"] == "retracted"


def test_a_user_outside_the_reviewers_cannot_approve_or_decide(api, client, outsider):
    _, report = push(api, "Q-5")
    client.force_login(outsider)
    task_state = report.current_workflow_task_state
    client.post(url("workflow_action", report.pk, "approve", task_state.pk), {"comment": ""})
    report.refresh_from_db()
    assert not report.live
    # Wagtail answers a permission failure in the admin with a redirect and a message.
    assert client.post(url("withhold", report.pk), {"reason": "privacy"}).status_code in (302, 403)
    assert client.post(url("retract", report.pk), {"reason": "privacy"}).status_code in (302, 403)
    report.refresh_from_db()
    assert report.withheld_at is None and report.retracted_at is None
    assert api.get("cases/Q-5").json()["status"] == "queued"


def test_an_edit_that_brings_back_a_phone_number_is_refused(api, client, reviewer):
    _, report = push(api, "Q-6")
    client.force_login(reviewer)
    revisions_before = report.revisions.count()
    data = edit_form_data(client, report, summary="来电人手机 139 0562 1234，反映噪声扰民。")
    response = client.post(url("edit", report.pk), data)
    assert response.status_code == 200
    assert "个人信息" in response.content.decode()
    report.refresh_from_db()
    assert report.revisions.count() == revisions_before
    assert "0562" not in report.summary

    data = edit_form_data(client, report, summary="来电人反映：鑫达建材夜间噪声扰民，联系电话[电话]。")
    response = client.post(url("edit", report.pk), data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert "夜间噪声扰民" in report.get_latest_revision_as_object().summary


LAST = []


def test_queue_listing_query_count_does_not_grow_with_the_queue(
    api, client, reviewer, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(reviewer)

    def count_queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url("list")).status_code == 200
        LAST[:] = ctx.captured_queries
        return len(ctx.captured_queries)

    for i in range(3):
        push(api, f"N-{i}")
    count_queries()  # the first admin request of a user creates its profile
    small = count_queries()
    for i in range(3, 40):
        push(api, f"N-{i}")
    large = count_queries()
    assert large == small, "\n".join(q["sql"][:200] for q in LAST)
