"""What the benchmark scripts share: a throwaway portal environment (its own VAR_DIR, SQLite or
a fresh PostgreSQL database, dropped afterwards), manage.py and Django one-liners run in it,
gunicorn and db_worker processes started and stopped, and percentiles."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SAMPLES = ROOT / "internal_api" / "demo" / "sample_cases.jsonl"
PY = sys.executable
GUNICORN = str(Path(PY).parent / "gunicorn")
PG_URL = "postgres://postgres@127.0.0.1:5432"


@contextmanager
def throwaway_environment(
    prefix: str, *, postgres: bool = False, pg_url: str = PG_URL, **settings
) -> Iterator[dict]:
    """The environment of a portal in a new VAR_DIR (and, with `postgres`, a new database),
    production settings (DEBUG off), `settings` on top; everything is removed on exit."""
    var_dir = Path(tempfile.mkdtemp(prefix=f"bench-{prefix}-"))
    env = dict(os.environ)
    env.pop("PORTAL_TESTING", None)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="false",
        SECRET_KEY="benchmark-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        VAR_DIR=str(var_dir),
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    env.update({name: str(value) for name, value in settings.items()})
    db_name = None
    if postgres:
        db_name = f"bench_{prefix}_{os.getpid()}"
        subprocess.run(["psql", f"{pg_url}/postgres", "-qc", f"CREATE DATABASE {db_name}"], check=True)
        env["DATABASE_URL"] = f"{pg_url}/{db_name}"
    try:
        yield env
    finally:
        if db_name:
            subprocess.run(
                ["psql", f"{pg_url}/postgres", "-qc", f"DROP DATABASE IF EXISTS {db_name} WITH (FORCE)"],
                check=False,
            )
        shutil.rmtree(var_dir, ignore_errors=True)


def database_label(env: dict) -> str:
    return "PostgreSQL" if env.get("DATABASE_URL", "").startswith("postgres") else "SQLite (WAL)"


def manage(env: dict, *args: str) -> str:
    result = subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stderr[-2000:]}")
    return result.stdout


def django_eval(env: dict, code: str, stdin: str = "") -> str:
    """Run `code` with Django set up (json and sys imported) in the environment; its stdout."""
    script = "import django, json, sys\ndjango.setup()\n" + code
    result = subprocess.run(
        [PY, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, input=stdin
    )
    if result.returncode:
        sys.exit(f"helper failed:\n{result.stderr[-2000:]}")
    return result.stdout.strip()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    sys.exit(f"nothing answers on port {port} after {timeout:.0f} s")


def start(env: dict, *command: str, quiet: bool = False) -> subprocess.Popen:
    output = subprocess.DEVNULL if quiet else None
    return subprocess.Popen(list(command), cwd=ROOT, env=env, stdout=output, stderr=output)


def stop(processes: list[subprocess.Popen], timeout: float = 30) -> None:
    """SIGTERM to each (gunicorn and db_worker shut down gracefully), SIGKILL after `timeout`."""
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def percentile(values, q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]
