"""Load: API clients pushing cases while citizens browse, with the task worker running.

    .venv/bin/python benchmarks/load.py                 # SQLite (WAL) in a throwaway VAR_DIR
    .venv/bin/python benchmarks/load.py --postgres      # a throwaway PostgreSQL database

gunicorn (gunicorn.conf.py; `--workers`, default 2×cores+1) and one `manage.py db_worker` on a
fresh database with the demo content, review off (an accepted case is published at once).
For `--duration` seconds, `--pushers` threads (each its own API client, as separate sending
systems are) push one case per request, and `--browsers` threads fetch public pages chosen from
BROWSE. Afterwards the worker is
given time to drain, and every accepted case is checked: stored, published, its page answering.

Prints per request type: count, rate, p50/p99; and the number of 5xx, of responses that contain
"database is locked", of 429s, and of accepted cases missing or unpublished. Exit status 0 only
if there is no 5xx, no "database is locked" and nothing missing.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.support.servers import (  # noqa: E402
    GUNICORN,
    PG_URL,
    PY,
    SAMPLES,
    database_label,
    django_eval,
    free_port,
    manage,
    percentile,
    start,
    stop,
    throwaway_environment,
    wait_for_port,
)

# Public pages the browsing threads fetch: name -> (weight, function of the state -> path).
BROWSE = {
    "home": (4, lambda state: "/"),
    "case page": (6, lambda state: f"/cases/{state.random_reference()}/"),
    "reception": (1, lambda state: state.reception_path),
    "open data json": (1, lambda state: "/open-data/cases.json"),
    "cases list": (4, lambda state: "/cases/?category=noise"),
    "search": (3, lambda state: "/search/?q=%E5%99%AA%E5%A3%B0"),
}


class State:
    def __init__(self):
        self.lock = threading.Lock()
        self.references: list[str] = []
        self.accepted: dict[str, str] = {}  # external_id -> reference
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.statuses: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        self.locked = 0
        self.reception_path = "/"

    def random_reference(self) -> str:
        with self.lock:
            return random.choice(self.references)

    def record(self, kind: str, status: int, seconds: float, body: bytes) -> None:
        with self.lock:
            self.latencies[kind].append(seconds)
            self.statuses[kind][status] += 1
            if b"database is locked" in body:
                self.locked += 1


def request(conn_box, port, method, path, body=None, headers=None):
    for attempt in range(2):
        conn = conn_box[0]
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return response.status, response.read()
        except (http.client.HTTPException, OSError):
            conn.close()
            conn_box[0] = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            if attempt:
                raise
    raise AssertionError("unreachable")


def pusher(port, token, samples, state, deadline, n):
    box = [http.client.HTTPConnection("127.0.0.1", port, timeout=120)]
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
    i = 0
    while time.monotonic() < deadline:
        case = dict(samples[(n * 7 + i) % len(samples)])
        case["external_id"] = f"LOAD-{n:02d}-{i:06d}"
        i += 1
        start = time.perf_counter()
        status, body = request(box, port, "POST", "/internal/api/v1/cases", json.dumps(case), headers)
        state.record("push", status, time.perf_counter() - start, body)
        if status in (200, 202):
            reference = json.loads(body)["reference"]
            with state.lock:
                state.accepted[case["external_id"]] = reference
                state.references.append(reference)


def browser(port, state, deadline):
    box = [http.client.HTTPConnection("127.0.0.1", port, timeout=120)]
    names = list(BROWSE)
    weights = [BROWSE[name][0] for name in names]
    while time.monotonic() < deadline:
        name = random.choices(names, weights)[0]
        path = BROWSE[name][1](state)
        start = time.perf_counter()
        status, body = request(box, port, "GET", path)
        state.record(name, status, time.perf_counter() - start, body)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--pg-url", default=PG_URL)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--pushers", type=int, default=32)
    parser.add_argument("--browsers", type=int, default=8)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    args = parser.parse_args()

    samples = [json.loads(line) for line in SAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]
    port = free_port()
    with throwaway_environment(
        "load",
        postgres=args.postgres,
        pg_url=args.pg_url,
        CASES_REVIEW_REQUIRED="false",
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS=str(args.workers),
        GUNICORN_ACCESS_LOG="",
        GUNICORN_LOG_LEVEL="warning",
    ) as env:
        return run(args, samples, env, port)


def run(args, samples, env, port) -> int:
    database = database_label(env)
    processes = []
    state = State()
    try:
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        manage(env, "load_demo_content")
        tokens = json.loads(
            django_eval(
                env,
                "from internal_api.models import ApiClient\n"
                f"print(json.dumps([ApiClient.objects.create(name=f'load-{{n}}', scopes=['push', 'read'])"
                f".issue_token() for n in range({args.pushers})]))\n",
            )
        )
        state.reception_path = django_eval(
            env,
            "from portal.models import ReceptionIndexPage\n"
            "page = ReceptionIndexPage.objects.live().first()\n"
            "print(page.url if page else '/')\n",
        ).splitlines()[-1]
        processes.append(start(env, GUNICORN, "config.wsgi"))
        processes.append(start(env, PY, "manage.py", "db_worker", "--interval", "0.5", "--no-startup-delay"))
        wait_for_port(port)
        # Seed (and warm every gunicorn worker): some published cases for the case pages.
        box = [http.client.HTTPConnection("127.0.0.1", port, timeout=120)]
        headers = {"Content-Type": "application/json", "Authorization": f"Bearer {tokens[0]}"}
        for i in range(30):
            case = dict(samples[i % len(samples)])
            case["external_id"] = f"SEED-{i:04d}"
            status, body = request(box, port, "POST", "/internal/api/v1/cases", json.dumps(case), headers)
            if status in (200, 202):
                state.accepted[case["external_id"]] = json.loads(body)["reference"]
                state.references.append(json.loads(body)["reference"])
        for _ in range(args.workers * 3):
            request(box, port, "GET", "/")

        print(
            f"load: {args.duration:.0f} s, {args.pushers} pushers + {args.browsers} browsers, "
            f"gunicorn {args.workers} workers (gunicorn.conf.py) + 1 db_worker, {database}, review off"
        )
        print("(shared 2-core machine: compare medians and ratios, not absolute figures)")
        deadline = time.monotonic() + args.duration
        started = time.monotonic()
        threads = [
            threading.Thread(target=pusher, args=(port, tokens[n], samples, state, deadline, n))
            for n in range(args.pushers)
        ] + [threading.Thread(target=browser, args=(port, state, deadline)) for _ in range(args.browsers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started

        total_5xx = 0
        for kind in ["push", *BROWSE]:
            latencies = state.latencies.get(kind)
            if not latencies:
                continue
            statuses = dict(sorted(state.statuses[kind].items()))
            total_5xx += sum(n for status, n in statuses.items() if status >= 500)
            print(
                f"  {kind:15s} {len(latencies):6d} requests {len(latencies) / elapsed:7.1f}/s | "
                f"p50 {statistics.median(latencies) * 1000:7.1f} ms  p99 {percentile(latencies, 0.99) * 1000:7.1f} ms"
                f" | statuses {statuses}"
            )
        accepted_in_run = sum(n for s, n in state.statuses["push"].items() if s in (200, 202))
        print(
            f"  accepted cases: {len(state.accepted)} ({accepted_in_run / elapsed:.1f} cases/s during the run)"
        )

        # Let the worker drain, then check every accepted case.
        drain_start = time.monotonic()
        pending = None
        while time.monotonic() - drain_start < 300:
            pending = int(
                django_eval(
                    env,
                    "from django_tasks_db.models import DBTaskResult\n"
                    "print(DBTaskResult.objects.exclude(status__in=['SUCCESSFUL', 'FAILED']).count())\n",
                ).splitlines()[-1]
            )
            if not pending:
                break
            time.sleep(2)
        check = json.loads(
            django_eval(
                env,
                "from internal_api.models import IngestRecord\n"
                "from django_tasks_db.models import DBTaskResult\n"
                "accepted = json.loads(sys.stdin.read())\n"
                "rows = {r.external_id: r for r in IngestRecord.objects.select_related('report')"
                ".filter(external_id__in=list(accepted))}\n"
                "missing = [e for e in accepted if e not in rows]\n"
                "wrong = [e for e, r in rows.items() if r.report.reference != accepted[e]]\n"
                "unpublished = [e for e, r in rows.items() if not r.report.live]\n"
                "failed = DBTaskResult.objects.filter(status='FAILED').count()\n"
                "done = DBTaskResult.objects.filter(status='SUCCESSFUL').count()\n"
                "print(json.dumps({'missing': len(missing), 'wrong_reference': len(wrong),"
                " 'unpublished': len(unpublished), 'tasks_failed': failed, 'tasks_done': done}))\n",
                stdin=json.dumps(state.accepted),
            ).splitlines()[-1]
        )
        box = [http.client.HTTPConnection("127.0.0.1", port, timeout=120)]
        sample = random.sample(sorted(state.accepted.values()), min(200, len(state.accepted)))
        pages_ok = sum(1 for ref in sample if request(box, port, "GET", f"/cases/{ref}/")[0] == 200)
        print(
            f"  after the run: tasks pending {pending}, done {check['tasks_done']}, failed {check['tasks_failed']}; "
            f"accepted cases missing {check['missing']}, wrong reference {check['wrong_reference']}, "
            f"unpublished {check['unpublished']}; case pages 200 for {pages_ok}/{len(sample)} sampled"
        )
        print(f"RESULT 5xx={total_5xx} database_is_locked={state.locked} missing={check['missing']}")
        ok = (
            total_5xx == 0
            and state.locked == 0
            and check["missing"] == 0
            and check["unpublished"] == 0
            and pages_ok == len(sample)
        )
        return 0 if ok else 1
    finally:
        stop(processes)


if __name__ == "__main__":
    sys.exit(main())
