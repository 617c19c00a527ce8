"""Statistics refreshes collapse: one waiting task serves every push until a worker takes it."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from config.task_queue import enqueue_unless_waiting
from tests.conftest import make_case

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def db_tasks():
    with override_settings(TASKS=DB_TASKS):  # django_tasks re-reads TASKS on setting_changed
        yield


@pytest.mark.django_db(transaction=True)
def test_a_burst_of_pushes_leaves_one_refresh_waiting(api, db_tasks):
    from cases_public.tasks import refresh_statistics

    for i in range(5):
        assert api.post("cases", make_case(external_id=f"Q-{i}")).status_code == 202
    waiting = DBTaskResult.objects.filter(task_path=refresh_statistics.module_path, status="READY")
    assert waiting.count() == 1

    # Once a worker has taken it, the next push needs a task of its own.
    waiting.update(status="RUNNING")
    assert api.post("cases", make_case(external_id="Q-next")).status_code == 202
    assert waiting.count() == 1


@pytest.mark.django_db(transaction=True)
def test_enqueue_unless_waiting_with_the_immediate_backend_runs_every_time():
    from cases_public.tasks import refresh_statistics

    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    ):
        enqueue_unless_waiting(refresh_statistics)
        enqueue_unless_waiting(refresh_statistics)
    assert not DBTaskResult.objects.exists()
