"""cases_public.bulk writes the rows Wagtail's own calls write, in a fixed number of statements.

If a Wagtail upgrade changes what `save_revision`, `Workflow.start` or `revision.publish` store,
these comparisons fail before the editors' review or history do."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from wagtail.models import ModelLogEntry, Revision, TaskState, WorkflowState

from cases_public.bulk import create_reports
from cases_public.models import CompletionReport
from tests.reports import at

pytestmark = pytest.mark.django_db

IGNORED = {"id", "pk", "object_id", "created_at", "started_at", "timestamp", "uuid", "object_str", "label"}


def new_report(reference: str) -> CompletionReport:
    report = CompletionReport(
        reference=reference,
        channel="hotline_12369",
        received_at=at("2026-09-01"),
        closed_at=at("2026-10-01"),
        region_code="340705",
        region_name="铜陵市铜官区",
        priority="general",
        subject_name="测试企业",
        summary="反映噪声扰民。",
        finding="substantiated",
        satisfaction="satisfied",
        disclose=True,
    )
    report.categories = ["noise"]
    return report


def wagtail_way(reference: str, *, publish: bool) -> CompletionReport:
    report = new_report(reference)
    report.live = False  # a new report is a draft until published (as the ingest service saved it)
    report.save()
    revision = report.save_revision(clean=False, log_action="wagtail.create")
    if publish:
        revision.publish(skip_permission_checks=True)
    else:
        report.get_workflow().start(report, user=None)
    return CompletionReport.objects.get(pk=report.pk)


def bulk_way(reference: str, *, publish: bool) -> CompletionReport:
    report = new_report(reference)
    create_reports([report], publish=publish)
    return CompletionReport.objects.get(pk=report.pk)


def row(instance, *, renames: dict | None = None) -> dict:
    """An instance's stored values, minus keys and times that differ between any two objects."""
    values = {}
    for field in instance._meta.concrete_fields:
        if field.attname in IGNORED or field.name in IGNORED:
            continue
        values[field.attname] = getattr(instance, field.attname)
    for old, new in (renames or {}).items():
        values = {key: (new if value == old else value) for key, value in values.items()}
    return values


def report_row(report: CompletionReport, other: CompletionReport) -> dict:
    values = row(report)
    for name in (
        "latest_revision_id",
        "live_revision_id",
        "reference",
        "first_published_at",
        "last_published_at",
        "received_by_portal_at",
        "updated_by_sender_at",
    ):
        values.pop(name)
    values["has_revision"] = report.latest_revision_id is not None
    values["live_revision_is_latest"] = report.live_revision_id == report.latest_revision_id
    values["published"] = report.first_published_at is not None
    return values


def revision_content(report: CompletionReport) -> dict:
    content = dict(Revision.objects.get(pk=report.latest_revision_id).content)
    for key in ("pk", "id", "reference", "latest_revision", "received_by_portal_at", "updated_by_sender_at"):
        content.pop(key, None)
    return content


def log_rows(report: CompletionReport) -> list[tuple]:
    return [
        (
            entry.action,
            entry.content_changed,
            entry.deleted,
            entry.user_id,
            entry.revision_id == report.latest_revision_id,
        )
        for entry in ModelLogEntry.objects.filter(object_id=str(report.pk)).order_by("id")
    ]


def workflow_rows(report: CompletionReport) -> list[dict]:
    out = []
    for state in WorkflowState.objects.filter(object_id=str(report.pk)):
        values = row(state)
        task_state = state.current_task_state
        values.pop("current_task_state_id")
        values["task"] = row(task_state)
        values["task"].pop("workflow_state_id")
        values["task"]["revision_is_latest"] = task_state.revision_id == report.latest_revision_id
        values["task"].pop("revision_id")
        out.append(values)
    return out


@pytest.mark.parametrize("publish", [False, True], ids=["review", "publish"])
def test_bulk_rows_match_wagtails_own(publish):
    ours = bulk_way("HJXF-2026-000002", publish=publish)
    wagtails = wagtail_way("HJXF-2026-000001", publish=publish)

    assert report_row(ours, wagtails) == report_row(wagtails, ours)
    assert ours.province_code == "340000" and ours.city_code == "340700"
    assert revision_content(ours) == revision_content(wagtails)
    assert log_rows(ours) == log_rows(wagtails)
    assert workflow_rows(ours) == workflow_rows(wagtails)
    if not publish:
        assert len(workflow_rows(ours)) == 1
        assert ours.case_state == wagtails.case_state == "queued"
        # The workflow.start history entry names the task state the way Wagtail does.
        entry = ModelLogEntry.objects.get(object_id=str(ours.pk), action="wagtail.workflow.start")
        assert (
            entry.data["workflow"]["task_state_id"]
            == WorkflowState.objects.get(object_id=str(ours.pk)).current_task_state_id
        )
    else:
        assert ours.case_state == wagtails.case_state == "published"


def test_statements_do_not_grow_with_the_batch():
    def statements(count: int, start: int) -> int:
        reports = [new_report(f"HJXF-2026-{start + i:06d}") for i in range(count)]
        with CaptureQueriesContext(connection) as queries, transaction.atomic():
            create_reports(reports, publish=False)
        return len(queries.captured_queries)

    one, hundred = statements(1, 1), statements(100, 100)
    # Wagtail's calls cost about 50 statements per case. SQLite splits a bulk INSERT at 999
    # parameters (about 19 report rows), so a hundred costs a few more than one, not a hundred times.
    assert one <= 14
    assert hundred <= one + 10
    assert CompletionReport.objects.count() == 101
    assert TaskState.objects.filter(status="in_progress").count() == 101


def test_a_failure_inside_leaves_nothing():
    reports = [new_report("HJXF-2026-000001"), new_report("HJXF-2026-000001")]  # same reference
    with pytest.raises(IntegrityError), transaction.atomic():
        create_reports(reports, publish=False)
    assert not CompletionReport.objects.exists()
    assert not Revision.objects.exists()
    assert not WorkflowState.objects.exists()
    assert not ModelLogEntry.objects.exists()


def test_a_workflow_change_in_the_admin_applies_to_the_next_push():
    create_reports([new_report("HJXF-2026-000001")], publish=False)
    assert WorkflowState.objects.count() == 1
    WorkflowState.objects.get().content_object.get_workflow().deactivate(user=None)
    report = new_report("HJXF-2026-000002")
    create_reports([report], publish=False)
    assert not WorkflowState.objects.filter(object_id=str(report.pk)).exists()
    assert CompletionReport.objects.get(pk=report.pk).case_state == "queued"
