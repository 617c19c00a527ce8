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
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def django_eval(env, code: str) -> str:
    script = "import django, json\ndjango.setup()\n" + code
    result = subprocess.run([PY, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"helper failed:\n{result.stderr[-2000:]}")
    return result.stdout.strip()


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
    return subprocess.Popen(
        [PY, "manage.py", "db_worker", "--interval", "0.1", "--no-startup-delay", "--worker-id", worker_id],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
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
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--tasks", type=int, default=300)
    args = parser.parse_args()

    var_dir = Path(tempfile.mkdtemp(prefix="bench-faults-"))
    env = dict(os.environ)
    env.update(
        DEBUG="false",
        SECRET_KEY="benchmark-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        VAR_DIR=str(var_dir),
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    env.pop("PORTAL_TESTING", None)
    db_name = None
    if args.postgres:
        db_name = f"bench_faults_{os.getpid()}"
        subprocess.run(["psql", args.pg_url + "/postgres", "-qc", f"CREATE DATABASE {db_name}"], check=True)
        env["DATABASE_URL"] = f"{args.pg_url}/{db_name}"
    workers: list[subprocess.Popen] = []
    try:
        subprocess.run(
            [PY, "manage.py", "migrate", "--noinput"], cwd=ROOT, env=env, check=True, capture_output=True
        )
        django_eval(
            env,
            "from benchmarks.support.fault_tasks import record_marker\n"
            f"for n in range({args.tasks}): record_marker.enqueue(n, seconds=0.08)\n",
        )
        database = "PostgreSQL" if args.postgres else "SQLite (WAL)"
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
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait()
        if db_name:
            subprocess.run(
                ["psql", args.pg_url + "/postgres", "-qc", f"DROP DATABASE IF EXISTS {db_name} WITH (FORCE)"],
                check=False,
            )
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
