"""A task whose worker dies is run again: `db_worker` requeues RUNNING tasks of dead workers.

The real thing first: a `manage.py db_worker` process is killed with SIGKILL in the middle of a
task, the task is left RUNNING, and a worker started afterwards runs it to completion; and a worker
already running beside the killed one takes the task over from its heartbeat thread. Then the
rules of `search.task_recovery`, case by case, in-process. SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from search import task_recovery
from search.models import WorkerHeartbeat

ROOT = Path(__file__).resolve().parent.parent
TASK_PATH = "tests.worker_tasks.stall_on_first_attempt"


def make_task(args: list, *, task_path: str = TASK_PATH, **fields) -> DBTaskResult:
    return DBTaskResult.objects.create(
        task_path=task_path,
        args_kwargs={"args": args, "kwargs": {}},
        backend_name="default",
        run_after=get_date_max(),
        **fields,
    )


class WorkerDatabase:
    """The test database as a worker process sees it: PostgreSQL's test database itself; for
    SQLite (in memory under pytest) a file copy made with SQLite's backup API."""

    def __init__(self, tmp_path: Path):
        self.sqlite_file = None
        settings = connection.settings_dict
        if connection.vendor == "sqlite":
            self.sqlite_file = tmp_path / "worker.sqlite3"
            connection.ensure_connection()
            target = sqlite3.connect(self.sqlite_file)
            connection.connection.backup(target)
            target.close()
            self.url = f"sqlite:///{self.sqlite_file}"
        else:
            self.url = (
                f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
                f"/{settings['NAME']}"
            )

    def heartbeats(self) -> list[str]:
        if self.sqlite_file is None:
            return sorted(WorkerHeartbeat.objects.values_list("worker_id", flat=True))
        with sqlite3.connect(self.sqlite_file, timeout=30) as db:
            rows = db.execute("SELECT worker_id FROM portal_search_workerheartbeat").fetchall()
        return sorted(row[0] for row in rows)

    def task(self, task_id) -> dict:
        if self.sqlite_file is None:
            row = DBTaskResult.objects.filter(id=task_id).values("status", "worker_ids", "return_value").get()
            return row
        with sqlite3.connect(self.sqlite_file, timeout=30) as db:
            status, worker_ids, return_value = db.execute(
                "SELECT status, worker_ids, return_value FROM django_tasks_database_dbtaskresult WHERE id = ?",
                (uuid.UUID(str(task_id)).hex,),
            ).fetchone()
        return {
            "status": status,
            "worker_ids": json.loads(worker_ids),
            "return_value": json.loads(return_value or "null"),
        }


def start_worker(
    db: WorkerDatabase, tmp_path: Path, worker_id: str, *extra: str, lease: int = 60
) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k not in {"PORTAL_TESTING", "TASKS_BACKEND"}}
    env.update(
        TASK_WORKER_LEASE_SECONDS=str(lease),
        DATABASE_URL=db.url,
        DEBUG="false",
        SECRET_KEY="worker-recovery-test-" + "k" * 50,
        VAR_DIR=str(tmp_path / "var"),
        PORTAL_TESTING="false",
        LOG_LEVEL="WARNING",
    )
    command = [sys.executable, "manage.py", "db_worker", "--worker-id", worker_id, "--interval", "0.1"]
    command += ["--no-startup-delay", "--no-reload", "--no-search-reconcile", *extra]
    log = open(tmp_path / f"{worker_id}.log", "w")  # noqa: SIM115 - the child holds it
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_for(condition, what: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


@pytest.mark.django_db(transaction=True)
def test_task_of_a_worker_killed_with_sigkill_runs_to_completion_after_restart(tmp_path):
    marker = tmp_path / "attempts.txt"
    task_id = make_task([str(marker)]).id
    db = WorkerDatabase(tmp_path)

    first = start_worker(db, tmp_path, "worker-killed")
    try:
        wait_for(lambda: marker.exists() and marker.read_text().strip(), "the first attempt to start")
        assert db.task(task_id)["status"] == TaskResultStatus.RUNNING
        first.send_signal(signal.SIGKILL)  # no handler, no cleanup: as the OOM killer would
        assert first.wait(timeout=30) == -signal.SIGKILL
    finally:
        first.kill()
    assert db.task(task_id)["status"] == TaskResultStatus.RUNNING  # what django-tasks-db leaves

    second = start_worker(db, tmp_path, "worker-restarted", "--batch")
    assert second.wait(timeout=120) == 0, (tmp_path / "worker-restarted.log").read_text()[-3000:]
    log = (tmp_path / "worker-restarted.log").read_text()
    assert "requeued" in log and "worker-killed" in log, log

    result = db.task(task_id)
    assert result == {
        "status": TaskResultStatus.SUCCESSFUL,
        "worker_ids": ["worker-killed", "worker-restarted"],
        "return_value": 2,
    }
    assert len(marker.read_text().splitlines()) == 2  # run once more, not more


@pytest.mark.django_db(transaction=True)
def test_a_running_worker_takes_over_the_task_of_a_sibling_killed_beside_it(tmp_path):
    """Two workers share the queue; one dies mid-task. The other, already running, notices from
    its heartbeat thread (every lease/4) and runs the task: no restart needed."""
    marker = tmp_path / "attempts.txt"
    task_id = make_task([str(marker)]).id
    db = WorkerDatabase(tmp_path)
    doomed = start_worker(db, tmp_path, "worker-doomed", lease=2)
    survivor = None
    try:
        wait_for(lambda: marker.exists() and marker.read_text().strip(), "the first attempt to start")
        survivor = start_worker(db, tmp_path, "worker-survivor", lease=2)
        # The survivor is up (registered) and leaves the live sibling's task alone.
        wait_for(lambda: "worker-survivor" in db.heartbeats(), "the survivor to register")
        assert db.task(task_id)["status"] == TaskResultStatus.RUNNING
        doomed.send_signal(signal.SIGKILL)
        doomed.wait(timeout=30)
        wait_for(
            lambda: db.task(task_id)["status"] == TaskResultStatus.SUCCESSFUL, "the survivor to finish it"
        )
        assert db.task(task_id)["worker_ids"] == ["worker-doomed", "worker-survivor"]
        assert db.heartbeats() == ["worker-survivor"]  # the dead one is forgotten
        survivor.send_signal(signal.SIGTERM)
        assert survivor.wait(timeout=30) == 0
        assert db.heartbeats() == []  # a worker that stops cleanly unregisters
    finally:
        doomed.kill()
        if survivor is not None:
            survivor.kill()


# --- the rules, in-process -------------------------------------------------------------------


def heartbeat(
    worker_id: str, *, host: str | None = None, pid: int | None = None, age: float = 0, started=None
):
    now = timezone.now()
    pid = pid or os.getpid()
    return WorkerHeartbeat.objects.create(
        worker_id=worker_id,
        host=host or task_recovery.host_key(),
        pid=pid,
        pid_started=task_recovery.process_started(pid) if started is None else started,
        started_at=now - timedelta(seconds=age),
        last_seen=now - timedelta(seconds=age),
    )


def running(worker_ids: list[str], *, age: float = 5) -> DBTaskResult:
    return make_task(
        [],
        task_path="search.tasks.reconcile_index",
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - timedelta(seconds=age),
        worker_ids=worker_ids,
    )


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


@pytest.mark.django_db
def test_only_tasks_of_workers_that_are_gone_are_requeued(settings):
    settings.TASK_WORKER_LEASE_SECONDS = 60
    heartbeat("alive-here")
    heartbeat("dead-here", pid=dead_pid(), started="")
    heartbeat("recycled-pid", started="1")  # our pid, but not the process that registered
    heartbeat("alive-elsewhere", host="other-host", pid=1, age=20)
    heartbeat("silent-elsewhere", host="other-host", pid=1, age=600)
    tasks = {
        "alive-here": running(["alive-here"]),
        "dead-here": running(["dead-here"]),
        "recycled-pid": running(["recycled-pid"]),
        "alive-elsewhere": running(["alive-elsewhere"]),
        "silent-elsewhere": running(["silent-elsewhere"]),
        "unknown, just started": running(["old-release"], age=5),
        "unknown, long ago": running(["old-release"], age=3600),
        "died thrice": running(["dead-here", "dead-here", "dead-here"]),
    }

    assert task_recovery.recover() == {"requeued": 4, "failed": 1}

    status = {name: DBTaskResult.objects.get(id=t.id).status for name, t in tasks.items()}
    assert status == {
        "alive-here": "RUNNING",
        "dead-here": "READY",
        "recycled-pid": "READY",
        "alive-elsewhere": "RUNNING",
        "silent-elsewhere": "READY",
        "unknown, just started": "RUNNING",
        "unknown, long ago": "READY",
        "died thrice": "FAILED",
    }
    assert DBTaskResult.objects.get(id=tasks["died thrice"].id).exception_class_path == task_recovery.LOST
    requeued = DBTaskResult.objects.get(id=tasks["dead-here"].id)
    assert requeued.started_at is None and requeued in DBTaskResult.objects.ready()
    # Dead workers are forgotten; live ones stay.
    assert set(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == {
        "alive-here",
        "alive-elsewhere",
    }
    assert task_recovery.recover() == {"requeued": 0, "failed": 0}


@pytest.mark.django_db
def test_a_task_claimed_again_meanwhile_is_not_requeued():
    """Only the latest claim counts: a task a live worker took over after a crash is left alone."""
    heartbeat("dead-here", pid=dead_pid(), started="")
    task = running(["dead-here"])
    DBTaskResult.objects.filter(id=task.id).update(started_at=timezone.now(), worker_ids=["dead-here", "new"])
    heartbeat("new")
    assert task_recovery.recover() == {"requeued": 0, "failed": 0}
    assert DBTaskResult.objects.get(id=task.id).status == "RUNNING"


@pytest.mark.django_db
def test_statistics_refresh_interrupted_while_counting_is_counted_when_run_again(monkeypatch):
    """refresh_statistics takes months off its list only after counting them: a requeued run
    after a worker died mid-count still finds them."""
    from datetime import date

    from cases_public import aggregates, tasks
    from cases_public.models import StatRefreshRequest

    StatRefreshRequest.objects.create(month=date(2025, 3, 1))
    counted = []

    def die(months):
        raise SystemExit("killed while counting")

    monkeypatch.setattr(aggregates, "refresh_months", die)
    with pytest.raises(SystemExit):
        tasks.refresh_statistics.call()
    assert StatRefreshRequest.objects.count() == 1
    monkeypatch.setattr(aggregates, "refresh_months", counted.append)
    assert tasks.refresh_statistics.call() == 1
    assert counted == [{date(2025, 3, 1)}]
    assert not StatRefreshRequest.objects.exists()
