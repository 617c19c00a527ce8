"""Kill the task worker with SIGKILL in the middle of a burst of tasks, restart it, and count.

    .venv/bin/python benchmarks/faults.py              # SQLite in a throwaway VAR_DIR
    .venv/bin/python benchmarks/faults.py --postgres   # a throwaway PostgreSQL database

A burst of `--tasks` tasks (benchmarks/support/fault_tasks.py: sleep 80 ms, then append the task's
number to a file) is enqueued on the database backend; a real `manage.py db_worker` runs them
and is killed with SIGKILL once a quarter have run. Then:
  1. the worker is restarted and runs until no task is READY: prints what ran, what is stuck;
  2. recovery: tasks left RUNNING by the dead worker are put back to READY (what a start-up
     sweep would do), the worker runs again: prints what ran and what ran twice.
Exit status 0 only if, after recovery, every task has run at least once.

django-tasks-db 0.13 (read in its source): a worker claims a task by setting it RUNNING inside
a transaction and runs it after commit; nothing ever returns a RUNNING task to READY (no lease,
no heartbeat, `ready()` selects READY only). So a task whose worker dies stays RUNNING forever
unless something requeues it; once requeued it runs again (at least once, not exactly once).
"""

from __future__ import annotations

import argparse
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.support.servers import (  # noqa: E402
    PG_URL,
    PY,
    database_label,
    django_eval,
    manage,
    start,
    stop,
    throwaway_environment,
)


def status_counts(env) -> dict[str, int]:
    out = django_eval(
        env,
        "from django.db.models import Count\n"
        "from django_tasks_db.models import DBTaskResult\n"
        "rows = DBTaskResult.objects.values('status').annotate(n=Count('id'))\n"
        "print(json.dumps({r['status']: r['n'] for r in rows}))\n",
    )
    return json.loads(out)


def markers(var_dir: Path) -> list[int]:
    path = var_dir / "fault-markers.txt"
    if not path.exists():
        return []
    return [int(line) for line in path.read_text().split()]


def start_worker(env, worker_id: str) -> subprocess.Popen:
    return start(
        env,
        *(PY, "manage.py", "db_worker", "--interval", "0.1", "--no-startup-delay", "--worker-id", worker_id),
        quiet=True,
    )


def drain(env, worker: subprocess.Popen, timeout: float) -> float:
    """Wait until no task is READY (and the last claimed one finished), then stop the worker."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        counts = status_counts(env)
        if not counts.get("READY"):
            time.sleep(0.5)  # let the last claimed task finish
            break
        time.sleep(0.5)
    worker.send_signal(signal.SIGTERM)
    worker.wait(timeout=30)
    return time.monotonic() - start


def report(label: str, expected: int, var_dir: Path, counts: dict[str, int]) -> int:
    seen = markers(var_dir)
    unique = set(seen)
    missing = expected - len(unique & set(range(expected)))
    twice = len(seen) - len(unique)
    print(
        f"  {label}: ran {len(unique)}/{expected}, missing {missing}, ran twice {twice}, "
        f"task states {json.dumps(counts, sort_keys=True)}"
    )
    return missing


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--pg-url", default=PG_URL)
    parser.add_argument("--tasks", type=int, default=300)
    args = parser.parse_args()

    with throwaway_environment(
        "faults", postgres=args.postgres, pg_url=args.pg_url, TASKS_BACKEND="django_tasks_db.DatabaseBackend"
    ) as env:
        return run(args, env, Path(env["VAR_DIR"]))


def run(args, env, var_dir: Path) -> int:
    workers: list[subprocess.Popen] = []
    try:
        manage(env, "migrate", "--noinput")
        django_eval(
            env,
            "from benchmarks.support.fault_tasks import record_marker\n"
            f"for n in range({args.tasks}): record_marker.enqueue(n, seconds=0.08)\n",
        )
        database = database_label(env)
        print(f"worker SIGKILL fault: {args.tasks} tasks of ~80 ms, one db_worker, {database}")

        worker = start_worker(env, "first")
        workers.append(worker)
        deadline = time.monotonic() + 120
        while len(markers(var_dir)) < args.tasks // 4 and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.04)  # half a task: the next one has been claimed and is running
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        counts = status_counts(env)
        print(
            f"  killed after {len(markers(var_dir))} tasks; task states {json.dumps(counts, sort_keys=True)}"
        )

        worker = start_worker(env, "restarted")
        workers.append(worker)
        drain(env, worker, timeout=300)
        lost_without_recovery = report("after restart", args.tasks, var_dir, status_counts(env))

        requeued = django_eval(
            env,
            "from django_tasks_db.models import DBTaskResult\n"
            "print(DBTaskResult.objects.running().update(status='READY', started_at=None))\n",
        )
        print(f"  recovery: {requeued} task(s) left RUNNING by the dead worker put back to READY")
        worker = start_worker(env, "after-recovery")
        workers.append(worker)
        drain(env, worker, timeout=300)
        lost = report("after recovery", args.tasks, var_dir, status_counts(env))
        print(
            f"RESULT lost_without_recovery={lost_without_recovery} lost_after_recovery={lost} "
            f"(a task killed mid-run is lost until requeued; requeued, it runs again)"
        )
        return 0 if lost == 0 else 1
    finally:
        stop(workers)


if __name__ == "__main__":
    sys.exit(main())
