"""Benchmark the public read side at scale: list filters (first and last page), statistics,
CSV/JSON export. Prints p50/p95 server time per scenario, EXPLAIN per filter, rows/s and the
export process's peak memory. Not a test: run it by hand, once, on an otherwise idle machine.

    VAR_DIR=/tmp/bench-sqlite python benchmarks/list_filter.py --count 1000000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python benchmarks/list_filter.py

The database named by VAR_DIR (SQLite) or DATABASE_URL is migrated and seeded with synthetic
cases (`load_demo_cases`) unless it already holds exactly --count of them. Use a throwaway one.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
os.environ["DEBUG"] = "false"  # DEBUG keeps every query in memory
# Plain static storage (no collectstatic manifest needed) and immediate tasks.
os.environ.setdefault("PORTAL_TESTING", "true")

SCENARIOS = [
    ("no filter", ""),
    ("province 340000", "region=340000"),
    ("city 340700", "region=340700"),
    ("district 340705 (common)", "region=340705"),
    ("district 610112 (rare)", "region=610112"),
    ("category air (45%)", "category=air"),
    ("category radiation (1%)", "category=radiation"),
    ("categories air|noise|water", "category=air&category=noise&category=water"),
    ("channel letter", "channel=letter"),
    ("finding unsubstantiated", "finding=unsubstantiated"),
    ("priority key", "priority=key"),
    ("satisfaction dissatisfied", "satisfaction=dissatisfied"),
    ("penalty yes", "penalty=yes"),
    ("closed in 2025-06", "from=2025-06-01&to=2025-06-30"),
    ("3 combined: province+water+substantiated", "region=340000&category=water&finding=substantiated"),
    ("3 combined rare: district+radiation+penalty", "region=610112&category=radiation&penalty=yes"),
]


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(client, url: str, repeat: int) -> tuple[float, float, float]:
    """(p50 wall, p95 wall, p50 CPU of this process) in ms. On a shared machine the CPU time
    is the steadier figure; with PostgreSQL it leaves out the server's share."""
    client.get(url)  # warm up
    samples, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        if response.streaming:
            for _ in response.streaming_content:
                pass
        samples.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(samples), percentile(samples, 0.95), statistics.median(cpu)


def peak_rss_mb() -> float:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def export_only(kind: str) -> None:
    """Run in a child process so the peak memory is the export's alone."""
    import django

    django.setup()
    from django.test import Client

    if kind == "xlsx":
        import tempfile

        from cases_public import xlsx

        started, started_cpu = time.perf_counter(), time.process_time()
        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / "cases.xlsx"
            rows = xlsx.write_workbook(target, "http://testserver")
            size = target.stat().st_size
        seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - started_cpu
        print(
            f"export xlsx: {rows:>9,} rows in {seconds:6.1f} s = {rows / seconds:>8,.0f} rows/s "
            f"({rows / cpu_seconds:,.0f} rows per CPU-second), {size / 1e6:,.0f} MB file, "
            f"peak RSS {peak_rss_mb():.0f} MB (built by the worker task, then served as a file)"
        )
        return
    client = Client()
    path = {"csv": "/open-data/cases.csv", "json": "/open-data/cases.json"}[kind]
    started, started_cpu = time.perf_counter(), time.process_time()
    response = client.get(path)
    size = 0
    for chunk in response.streaming_content:
        size += len(chunk)
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - started_cpu
    from cases_public.models import CompletionReport

    rows = CompletionReport.objects.published().count()
    print(
        f"export {kind:4}: {rows:>9,} rows in {seconds:6.1f} s = {rows / seconds:>8,.0f} rows/s "
        f"({rows / cpu_seconds:,.0f} rows per CPU-second of this process), "
        f"{size / 1e6:,.0f} M characters out, peak RSS {peak_rss_mb():.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per scenario")
    parser.add_argument("--export", choices=["csv", "json", "xlsx"], help=argparse.SUPPRESS)
    parser.add_argument("--skip-export", action="store_true")
    parser.add_argument("--only-export", action="store_true", help="skip the list/statistics scenarios")
    parser.add_argument("--xlsx", action="store_true", help="also time building the xlsx (slow)")
    args = parser.parse_args()
    if args.export:
        export_only(args.export)
        return

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.http import QueryDict
    from django.test import Client

    from cases_public.filters import apply_filter, parse_filter
    from cases_public.models import CompletionReport

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)
    have = CompletionReport.objects.filter(is_synthetic=True).count()
    if have != args.count:
        if have:
            call_command("load_demo_cases", delete=True, no_statistics=True)
        started = time.perf_counter()
        call_command("load_demo_cases", count=args.count)
        print(f"seeded {args.count:,} cases in {time.perf_counter() - started:.0f} s")
    total = CompletionReport.objects.published().count()
    print(f"published cases: {total:,}; {args.repeat} timed requests per scenario (after one warm-up)")
    print(f"load average now: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (shared); read the medians")
    print("and the CPU column (this process only), p95 is noisy.\n")

    if args.only_export:
        _exports(args)
        return
    client = Client()
    header = f"{'first p50':>9} {'p95':>7} {'cpu':>6} {'last p50':>9} {'p95':>7} {'cpu':>6}"
    print(f"{'list scenario':48} {header}  (ms)")
    for name, query in SCENARIOS:
        first = timed(client, f"/cases/?{query}", args.repeat)
        last = timed(client, f"/cases/?{query}{'&' if query else ''}last=1", args.repeat)
        print(
            f"{name:48} {first[0]:9.1f} {first[1]:7.1f} {first[2]:6.1f} {last[0]:9.1f} {last[1]:7.1f} {last[2]:6.1f}"
        )
    # A page deep in the middle: follow 50 'next' links from the first page, time the 50th.
    response = client.get("/cases/")
    for _ in range(50):
        html = response.content.decode()
        marker = 'rel="next"'
        href = html[: html.index(marker)].rsplit('href="', 1)[1].split('"')[0].replace("&amp;", "&")
        response = client.get("/cases/" + href)
    deep = timed(client, response.request["PATH_INFO"] + "?" + response.request["QUERY_STRING"], args.repeat)
    print(f"{'no filter, 51st page (keyset)':48} {deep[0]:9.1f} {deep[1]:7.1f} {deep[2]:6.1f}")

    stats = timed(client, "/statistics/", args.repeat)
    print(f"\n{'statistics page':48} {stats[0]:9.1f} {stats[1]:7.1f} {stats[2]:6.1f}")
    feed = timed(client, "/cases/feed/rss/?category=air&region=340000", args.repeat)
    print(f"{'rss feed (category+province)':48} {feed[0]:9.1f} {feed[1]:7.1f} {feed[2]:6.1f}")
    harvest = timed(client, "/open-data/cases/page.json?since=2026-01-01T00:00:00%2B08:00", args.repeat)
    print(f"{'page.json ?since= (500 rows)':48} {harvest[0]:9.1f} {harvest[1]:7.1f} {harvest[2]:6.1f}")

    print("\nEXPLAIN (first page query; the last page reads the same index backwards)")
    for name, query in SCENARIOS:
        flt = parse_filter(QueryDict(query))
        queryset = apply_filter(CompletionReport.objects.published(), flt).order_by("-closed_at", "-id")[:21]
        plan = queryset.explain()
        print(f"-- {name}")
        for line in plan.splitlines():
            print(f"   {line}")

    if not args.skip_export:
        _exports(args)


def _exports(args) -> None:
    print()
    for kind in ("csv", "json", "xlsx") if args.xlsx else ("csv", "json"):
        subprocess.run([sys.executable, __file__, "--export", kind], check=True, env=os.environ.copy())


if __name__ == "__main__":
    main()
