"""Ingest throughput through gunicorn (2 workers), review on, against a bare-ninja baseline.

    .venv/bin/python benchmarks/ingest.py                     # SQLite in a throwaway VAR_DIR
    .venv/bin/python benchmarks/ingest.py --postgres          # a throwaway PostgreSQL database
    .venv/bin/python benchmarks/ingest.py --repeat 5          # five runs each, medians at the end

Scenarios, each run by --clients concurrent keep-alive clients:
  baseline  POST /bench/insert: ninja parses the body and does one INSERT
  single    POST /internal/api/v1/cases, one sample case per request
  batch     POST /internal/api/v1/cases/batch, 100 cases per request
Prints cases/s, per-request p50/p99 (milliseconds), the server's CPU time per case (gunicorn's
processes, from /proc: steadier than rates on a shared machine) and the ratio to the baseline.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.support.servers import (  # noqa: E402
    GUNICORN,
    PG_URL,
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


def create_baseline_table(env):
    django_eval(
        env,
        "from django.db import connection\n"
        "pk = 'id SERIAL PRIMARY KEY' if connection.vendor == 'postgresql' else 'id INTEGER PRIMARY KEY AUTOINCREMENT'\n"
        "with connection.cursor() as c: c.execute(f'CREATE TABLE IF NOT EXISTS bench_baseline ({pk}, body TEXT)')\n",
    )


def server_cpu_seconds(master_pid: int) -> float:
    """CPU time (user + system) used so far by gunicorn's master and workers (Linux /proc).
    Less sensitive to other jobs on a shared machine than wall-clock rates."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry.name), int(fields[1])
        if pid == master_pid or ppid == master_pid:
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def run_scenario(port, token, name, bodies, clients):
    """Send every body once, spread over `clients` threads; return per-request latencies."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    queue = list(enumerate(bodies))
    path = {
        "baseline": "/bench/insert",
        "single": "/internal/api/v1/cases",
        "batch": "/internal/api/v1/cases/batch",
    }[name]

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
        while True:
            with lock:
                if not queue:
                    break
                _, body = queue.pop()
            data = json.dumps(body, ensure_ascii=False).encode()
            start = time.perf_counter()
            conn.request("POST", path, body=data, headers=headers)
            response = conn.getresponse()
            response.read()
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                statuses[response.status] = statuses.get(response.status, 0) + 1
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, time.perf_counter() - start, statuses


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--postgres", action="store_true", help="use a throwaway PostgreSQL database")
    parser.add_argument("--pg-url", default=PG_URL)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--single", type=int, default=600, help="single pushes")
    parser.add_argument("--batches", type=int, default=12, help="batches of 100")
    parser.add_argument("--repeat", type=int, default=1, help="runs of the three scenarios (medians printed)")
    args = parser.parse_args()

    samples = [json.loads(line) for line in SAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]
    with throwaway_environment(
        "ingest",
        postgres=args.postgres,
        pg_url=args.pg_url,
        DJANGO_SETTINGS_MODULE="benchmarks.baseline_settings",
        CASES_REVIEW_REQUIRED="true",
        # Counted as in production, but above what the runs send in a minute.
        API_RATE_LIMIT="1000000/m",
    ) as env:
        manage(env, "migrate", "--noinput")
        create_baseline_table(env)
        token = manage(env, "create_api_client", "bench").strip().splitlines()[-1]
        port = free_port()
        gunicorn = start(
            env,
            GUNICORN,
            "config.wsgi:application",
            "--workers=2",
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
            "--access-logfile=/dev/null",
        )
        try:
            wait_for_port(port)
            measure(args, samples, env, port, token, gunicorn.pid)
        finally:
            stop([gunicorn])


def measure(args, samples, env, port, token, gunicorn_pid) -> None:
    database = database_label(env)

    def cases(prefix, count):
        out = []
        for i in range(count):
            case = dict(samples[i % len(samples)])
            case["external_id"] = f"{prefix}-{i:06d}"
            out.append(case)
        return out

    # Warm both workers (imports, jieba dictionary) before measuring.
    run_scenario(port, token, "single", cases("WARM", 20), args.clients)
    print(
        f"ingest benchmark: gunicorn 2 workers (gunicorn.conf.py), {database}, review on, {args.clients} clients"
    )
    print("(shared 2-core machine: compare ratios and medians, not single figures)")
    rates: dict[str, list[float]] = {}
    cpus: dict[str, list[float]] = {}
    for run in range(args.repeat):
        n = args.single
        scenarios = [
            ("baseline", cases(f"BASE{run}-", n), n),
            ("single", cases(f"ONE{run}-", n), n),
            (
                "batch",
                [{"cases": cases(f"BATCH{run}-{b}-", 100)} for b in range(args.batches)],
                args.batches * 100,
            ),
        ]
        base_rate = None
        for name, bodies, count in scenarios:
            before = server_cpu_seconds(gunicorn_pid)
            latencies, elapsed, statuses = run_scenario(port, token, name, bodies, args.clients)
            cpu = (server_cpu_seconds(gunicorn_pid) - before) / count * 1000
            rate = count / elapsed
            base_rate = base_rate or rate
            if set(statuses) - {200, 202}:
                print(
                    f"  WARNING: {name} run {run + 1} had refused requests {statuses}: its figures are void"
                )
            rates.setdefault(name, []).append(rate)
            cpus.setdefault(name, []).append(cpu)
            print(
                f"  run {run + 1} {name:9s} {count:6d} cases in {elapsed:6.2f} s = {rate:7.1f} cases/s | per request "
                f"p50 {statistics.median(latencies) * 1000:7.1f} ms  p99 {percentile(latencies, 0.99) * 1000:7.1f} ms"
                f" | server CPU {cpu:5.1f} ms/case | statuses {statuses} | {rate / base_rate:5.2f}x baseline"
            )
    print(f"median of {args.repeat} run(s):")
    for name in rates:
        rate = statistics.median(rates[name])
        print(
            f"  {name:9s} {rate:7.1f} cases/s | server CPU {statistics.median(cpus[name]):5.1f} ms/case"
            f" | {rate / statistics.median(rates['baseline']):5.2f}x baseline"
        )


if __name__ == "__main__":
    main()
