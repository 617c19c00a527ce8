"""Create many new reports at once, with the rows Wagtail keeps for each of them: the first
revision, the history entries, and either the review workflow's states or the publication.

Why not Wagtail's per-object calls (`save_revision`, `Workflow.start`, `revision.publish`)?
They cost about fifty SQL statements per case, most of them `full_clean` checks of foreign
keys that were created a moment earlier, and the API takes thousands of machine-pushed cases a
day. The rows written here are the ones those calls write (tests/test_bulk_reports.py compares
them field by field with Wagtail's own), so the editors' review, history, comparison and
publishing work on them unchanged. The number of statements does not grow with the batch.

Not sent: Wagtail's `workflow_submitted` / `task_submitted` signals, whose only receivers
e-mail the reviewers once per case; machine pushes are announced by the dashboard's queue
panel instead. `published` is sent per report, as Wagtail does, so that search and statistics
follow.
"""

from __future__ import annotations

import time

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from wagtail.models import (
    ModelLogEntry,
    Revision,
    Task,
    TaskState,
    Workflow,
    WorkflowContentType,
    WorkflowState,
    WorkflowTask,
)
from wagtail.signals import published

from cases_public.models import CompletionReport
from cases_public.rows import insert_rows, update_rows
from cases_public.signal_handlers import schedule_refresh_many


def create_reports(reports: list[CompletionReport], *, publish: bool) -> None:
    """Insert `reports` (new, unsaved instances) with their first revision; publish them at once
    (`publish=True`) or put each into the model's review workflow, if one is assigned.

    Call inside a transaction: a failure leaves nothing behind. The instances get their
    primary keys and Wagtail fields set as if saved one by one."""
    if not reports:
        return
    now = timezone.now()
    content_type = ContentType.objects.get_for_model(CompletionReport)
    for report in reports:
        report.derive_region_prefixes()
        report.live = False
        report.has_unpublished_changes = False
    insert_rows(CompletionReport, reports)

    # What `save_revision()` stores: the instance as it is before the revision is attached.
    revisions = [
        Revision(
            content_type=content_type,
            base_content_type=content_type,
            object_id=str(report.pk),
            created_at=now,
            user=None,
            approved_go_live_at=None,
            content=report.serializable_data(),
            object_str=str(report),
        )
        for report in reports
    ]
    insert_rows(Revision, revisions)
    logs = []
    for report, revision in zip(reports, revisions, strict=True):
        report.latest_revision = revision
        logs.append(_log(report, content_type, "wagtail.create", revision, now, content_changed=True))
        if publish:
            # What `PublishRevisionAction` sets for an object published now.
            report.live = True
            report.has_unpublished_changes = False
            report.live_revision = revision
            report.first_published_at = report.last_published_at = now
            report.expired = False
            logs.append(_log(report, content_type, "wagtail.publish", revision, now, content_changed=True))
        else:
            report.has_unpublished_changes = True

    fields = ["latest_revision", "has_unpublished_changes"]
    if publish:
        fields += ["live", "live_revision", "first_published_at", "last_published_at", "expired"]
    update_rows(reports, fields)

    if not publish:
        workflow, task = review_workflow()
        if workflow is not None:
            logs += _start_workflow(workflow, task, reports, revisions, content_type, now)

    insert_rows(ModelLogEntry, logs)
    schedule_refresh_many(reports)
    if publish:
        for report, revision in zip(reports, revisions, strict=True):
            published.send(sender=CompletionReport, instance=report, revision=revision)


# The review workflow assigned to reports and its first active task, looked up at most every
# few seconds per process: three queries saved on every push. A change in the admin applies at
# once in the process that made it (signals below) and within REVIEW_WORKFLOW_TTL elsewhere.
REVIEW_WORKFLOW_TTL = 5.0
_review_workflow: tuple[float, Workflow | None, Task | None] | None = None


def review_workflow() -> tuple[Workflow | None, Task | None]:
    global _review_workflow
    if _review_workflow is None or time.monotonic() - _review_workflow[0] > REVIEW_WORKFLOW_TTL:
        workflow = CompletionReport().get_workflow()
        task = None
        if workflow is not None and workflow.active:
            task = workflow.tasks.filter(active=True).first()
            task = task.specific if task is not None else None
        else:
            workflow = None
        _review_workflow = (time.monotonic(), workflow, task)
    return _review_workflow[1], _review_workflow[2]


def forget_review_workflow(sender=None, **kwargs) -> None:
    global _review_workflow
    if sender is None or issubclass(sender, (Workflow, WorkflowContentType, WorkflowTask, Task)):
        _review_workflow = None


post_save.connect(forget_review_workflow, dispatch_uid="cases_public_bulk_workflow_saved")
post_delete.connect(forget_review_workflow, dispatch_uid="cases_public_bulk_workflow_deleted")


def _start_workflow(
    workflow: Workflow, task: Task | None, reports, revisions, content_type, now
) -> list[ModelLogEntry]:
    """What `Workflow.start()` writes when its first task starts and does not auto-approve."""
    if task is None:
        # A workflow without active tasks finishes at once (Wagtail approves and publishes):
        # rare enough to take the ordinary route rather than repeat all of that here.
        for report in reports:
            workflow.start(report, user=None)
        return []
    states = [
        WorkflowState(
            content_type=content_type,
            base_content_type=content_type,
            object_id=str(report.pk),
            workflow=workflow,
            status=WorkflowState.STATUS_IN_PROGRESS,
            requested_by=None,
        )
        for report in reports
    ]
    insert_rows(WorkflowState, states)
    logs = []
    task_state_class = task.get_task_state_class()
    task_states = [
        task_state_class(
            workflow_state=state,
            revision=revision,
            task=task,
            status=TaskState.STATUS_IN_PROGRESS,
        )
        for state, revision in zip(states, revisions, strict=True)
    ]
    insert_rows(task_state_class, task_states)
    for state, task_state in zip(states, task_states, strict=True):
        state.current_task_state = task_state
    update_rows(states, ["current_task_state"])
    for report, revision, task_state in zip(reports, revisions, task_states, strict=True):
        data = {
            "workflow": {
                "id": workflow.id,
                "title": workflow.name,
                "status": WorkflowState.STATUS_IN_PROGRESS,
                "next": {"id": task.id, "title": task.name},
                "task_state_id": task_state.id,
            }
        }
        logs.append(_log(report, content_type, "wagtail.workflow.start", revision, now, data=data))
    return logs


def _log(report, content_type, action, revision, timestamp, *, data=None, content_changed=False):
    return ModelLogEntry(
        content_type=content_type,
        object_id=str(report.pk),
        label=str(report),
        action=action,
        data=data or {},
        timestamp=timestamp,
        uuid=None,
        user=None,
        revision=revision,
        content_changed=content_changed,
    )
