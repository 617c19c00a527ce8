"""Give back tasks whose `db_worker` died while running them (SIGKILL, OOM killer, power loss).

django-tasks-db 0.13 claims a task by setting it RUNNING and appending the worker's id to
`worker_ids`; it has no heartbeat and never looks at a RUNNING task again. So each worker here
keeps a `WorkerHeartbeat` row (host, pid, last beat) and, at start and whenever some worker's
heartbeat has gone stale, puts every RUNNING task whose worker is gone back to READY.

"Gone" must be certain enough that several workers can share a queue:
- same host (same hostname, kernel boot and pid namespace): the worker's pid no longer runs the
  process that registered (start time compared, so a recycled pid does not count). Immediate.
- another host: no heartbeat for LEASE seconds (it beats every LEASE/4 from its own thread, also
  while a task runs).
- no heartbeat row at all (a worker of an older release): started more than LEASE ago.
A worker that was only stalled past its lease may finish a task another worker has re-run; every
task of ours is idempotent (they re-read the database and converge), so that costs work, not data.

The requeue is one conditional UPDATE (still RUNNING, same `started_at`), so two workers
recovering at once, or a worker claiming the task meanwhile, cannot both win. A task already
claimed MAX_ATTEMPTS times is marked FAILED instead: it may be what kills its workers.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from datetime import timedelta
from functools import cache

from django.conf import settings
from django.db import connections
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from search.models import WorkerHeartbeat

logger = logging.getLogger("search.task_recovery")

MAX_ATTEMPTS = 3
LOST = "search.task_recovery.WorkerLost"


def lease() -> timedelta:
    return timedelta(seconds=getattr(settings, "TASK_WORKER_LEASE_SECONDS", 60))


def _read(path: str) -> str:
    try:
        with open(path) as handle:
            return handle.read().strip()
    except OSError:
        return ""


@cache
def host_key() -> str:
    """Where a pid means one process: hostname + boot id + pid namespace (containers that share a
    hostname differ in namespace; a reboot changes the boot id)."""
    boot = _read("/proc/sys/kernel/random/boot_id")[:8]
    try:
        namespace = os.readlink("/proc/self/ns/pid").removeprefix("pid:[").rstrip("]")
    except OSError:
        namespace = ""
    return ":".join(part for part in (socket.gethostname(), boot, namespace) if part)[:255]


def process_started(pid: int) -> str:
    """The process's start time in clock ticks since boot (field 22 of /proc/<pid>/stat), or ""
    where there is no /proc or no such process."""
    stat = _read(f"/proc/{pid}/stat")
    if not stat:
        return ""
    # The command name (field 2) may hold spaces; fields after its closing parenthesis are plain.
    return stat.rsplit(")", 1)[-1].split()[19]


def pid_alive(pid: int, started: str) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # exists, owned by another user
    return not started or process_started(pid) == started


def register(worker_id: str) -> None:
    now = timezone.now()
    pid = os.getpid()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "host": host_key(),
            "pid": pid,
            "pid_started": process_started(pid),
            "started_at": now,
            "last_seen": now,
        },
    )


def beat(worker_id: str) -> None:
    if not WorkerHeartbeat.objects.filter(worker_id=worker_id).update(last_seen=timezone.now()):
        register(worker_id)  # pruned while we were stalled: say we are back


def unregister(worker_id: str) -> None:
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def _gone(heartbeat: WorkerHeartbeat | None, started_at, now, here: str) -> bool:
    if heartbeat is None:
        return started_at is None or started_at < now - lease()
    if heartbeat.host == here:
        return not pid_alive(heartbeat.pid, heartbeat.pid_started)
    return heartbeat.last_seen < now - lease()


def dead_workers() -> list[str]:
    """Ids of registered workers that are gone (cheap: the heartbeat table is one row a worker)."""
    now, here = timezone.now(), host_key()
    return [hb.worker_id for hb in WorkerHeartbeat.objects.all() if _gone(hb, None, now, here)]


def recover(*, backend_name: str = "default") -> dict[str, int]:
    """Requeue (or, after MAX_ATTEMPTS, fail) every RUNNING task whose worker is gone; forget
    dead workers. Returns {"requeued": n, "failed": m}."""
    now, here = timezone.now(), host_key()
    heartbeats = {hb.worker_id: hb for hb in WorkerHeartbeat.objects.all()}
    dead = {wid for wid, hb in heartbeats.items() if _gone(hb, None, now, here)}
    outcome = {"requeued": 0, "failed": 0}
    running = DBTaskResult.objects.running().filter(backend_name=backend_name)
    for task_id, worker_ids, started_at, task_path in running.values_list(
        "id", "worker_ids", "started_at", "task_path"
    ):
        last = worker_ids[-1] if worker_ids else None
        if last in heartbeats:
            if last not in dead:
                continue
        elif not _gone(None, started_at, now, here):
            continue
        claimed = DBTaskResult.objects.filter(
            id=task_id, status=TaskResultStatus.RUNNING, started_at=started_at
        )
        if len(worker_ids) >= MAX_ATTEMPTS:
            changed = claimed.update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path=LOST,
                traceback=f"The worker died while running this task, {len(worker_ids)} times.",
            )
            outcome["failed"] += changed
            if changed:
                logger.error(
                    "Task %s (%s) lost its worker %d times: marked failed",
                    task_id,
                    task_path,
                    len(worker_ids),
                )
        else:
            changed = claimed.update(status=TaskResultStatus.READY, started_at=None)
            outcome["requeued"] += changed
            if changed:
                logger.warning("Task %s (%s) lost its worker %s: requeued", task_id, task_path, last)
    # Their tasks are handled; without the rows, later checks need not scan the task table.
    WorkerHeartbeat.objects.filter(worker_id__in=dead).delete()
    return outcome


class Heartbeat(threading.Thread):
    """Beats every LEASE/4 from its own thread (so also while a long task runs) and, when some
    worker's beat has gone stale, recovers its tasks. Errors (the database away) are logged and
    retried at the next beat: a missed beat only matters after a whole lease."""

    def __init__(self, worker_id: str, backend_name: str):
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.backend_name = backend_name
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(lease().total_seconds() / 4):
            try:
                beat(self.worker_id)
                if dead_workers():
                    outcome = recover(backend_name=self.backend_name)
                    logger.info("Recovered tasks of dead workers: %s", outcome)
            except Exception:
                # Whatever it is, the thread must live on: a worker that stops beating is taken
                # for dead by the others after a lease, and its running task is run twice.
                logger.exception("Worker heartbeat failed; retrying at the next beat")
            finally:
                connections.close_all()  # this thread's own connections only

    def stop(self) -> None:
        self.stopped.set()
