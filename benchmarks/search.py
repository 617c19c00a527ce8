"""Search at scale: build speed, index size, query latency, and recovery from a killed worker.

    .venv/bin/python benchmarks/search.py [--cases 100000] [--database-url postgres://...]

1. Seeds `--cases` synthetic published reports into a throwaway database (SQLite in a temp dir
   unless `--database-url` is given), bulk-created (benchmarks/synthetic_cases.py).
2. Rebuilds the index in this process (bulk segment writer, `search/backends/whoosh_bulk.py`),
   prints docs/s, the time of a clean reconciliation, and the size on disk.
3. Warm top-10 latency, p50 and p95, for the backend alone and for the whole public search
   (backend + `published()` check + snippets), without and with a filter.
4. Crash recovery with a real `manage.py db_worker`: SIGKILL (the whole process group) in the
   middle of a `rebuild_index` task, and in the middle of a burst of publish / unpublish /
   retract / delete tasks; the database is also changed behind the index's back. After a
   restart, the index must hold exactly `published()` (ids and versions).
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# This file is named search.py: keep its folder off the path so `search` is the app.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]
sys.path.insert(0, str(ROOT))


def setup_django(workdir: Path, database_url: str | None) -> None:
    os.environ["VAR_DIR"] = str(workdir)
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["DEBUG"] = "true"
    os.environ["TASKS_BACKEND"] = "django_tasks_db.DatabaseBackend"
    os.environ["CASES_REVIEW_REQUIRED"] = "false"
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def index_state() -> tuple[bool, bool, int, int, int, int]:
    """(ids equal, versions equal, indexed, wanted, missing, extra)."""
    from search.backends import get_backend
    from search.indexing import wanted_versions

    indexed = get_backend().versions()
    wanted = wanted_versions()
    missing = len(set(wanted) - set(indexed))
    extra = len(set(indexed) - set(wanted))
    return set(indexed) == set(wanted), indexed == wanted, len(indexed), len(wanted), missing, extra


# --- phases ------------------------------------------------------------------------------------


def build(count: int) -> None:
    from search import indexing
    from search.backends import get_backend

    backend = get_backend()
    started = time.perf_counter()
    words = indexing.vocabulary()
    docs = backend.rebuild(indexing.all_documents(), words=words)
    elapsed = time.perf_counter() - started
    started = time.perf_counter()
    outcome = indexing.reconcile()
    reconcile_s = time.perf_counter() - started
    gen = backend.path / backend.current_name()
    print(
        f"build: {docs} documents in {elapsed:.1f} s = {docs / elapsed:.0f} docs/s "
        f"(one process, {backend.segment_docs} documents a segment, {len(words)} subject-name words)"
    )
    print(
        f"index size: {dir_size(gen) / 1e6:.1f} MB ({len(list(gen.glob('*.seg')))} segments); "
        f"clean reconciliation {reconcile_s:.1f} s {outcome}"
    )


def latency(runs: int) -> None:
    from benchmarks.synthetic_cases import vocabulary
    from search.backends import SearchFilters, get_backend
    from search.results import search_public

    vocab = vocabulary()
    rng = random.Random(3)
    queries = (
        rng.sample(vocab["stems"], 15)
        + [s + t for s, t in zip(rng.sample(vocab["stems"], 10), rng.sample(vocab["types"], 10), strict=True)]
        + rng.sample(vocab["towns"], 10)
        + rng.sample(vocab["pollutants"], 10)
        + rng.sample(vocab["compounds"], 5)
        + ["粉尘", "黑烟", "噪声", "异味", "油烟", "废水", "扬尘", "恶臭", "整改", "罚款"]
        + [
            f"{a} {b}"
            for a, b in zip(rng.sample(vocab["towns"], 10), rng.sample(vocab["pollutants"], 10), strict=True)
        ]
    )
    backend = get_backend()
    cases = {
        "no filter": SearchFilters(),
        "filter category=air": SearchFilters(categories=("air",)),
        "filter region=32 + penalty": SearchFilters(region="32", penalty=True),
    }
    for label, filters in cases.items():
        for q in queries:  # warm-up: open searchers, fill OS and whoosh caches
            backend.search(backend.parse(q), filters, limit=20)
            search_public(q, filters)
        raw, full = [], []
        for _ in range(runs):
            for q in queries:
                t = time.perf_counter()
                backend.search(backend.parse(q), filters, limit=20)
                raw.append((time.perf_counter() - t) * 1000)
                t = time.perf_counter()
                search_public(q, filters)
                full.append((time.perf_counter() - t) * 1000)
        print(
            f"latency {label:28s} backend top-10 p50 {percentile(raw, 50):6.1f} ms  p95 {percentile(raw, 95):6.1f} ms"
            f" | public search p50 {percentile(full, 50):6.1f} ms  p95 {percentile(full, 95):6.1f} ms"
            f"  ({len(queries)} queries x {runs})"
        )


class Worker:
    def __init__(self, workdir: Path):
        self.log = workdir / "worker.log"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        self._offset = self.log.stat().st_size if self.log.exists() else 0
        handle = open(self.log, "ab")  # noqa: SIM115 - owned by the child
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--no-reload",
                "--interval",
                "0.2",
                "--no-startup-delay",
            ],
            cwd=ROOT,
            env=os.environ.copy(),
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_started(self, timeout: float = 900) -> float:
        """Seconds until the worker takes tasks (its start-up reconciliation is done)."""
        started = time.perf_counter()
        while time.perf_counter() - started < timeout:
            text = self.log.read_bytes()[self._offset :].decode("utf-8", "replace")
            if "Starting worker" in text:
                return time.perf_counter() - started
            if self.proc.poll() is not None:
                raise RuntimeError(f"worker exited:\n{text[-3000:]}")
            time.sleep(0.2)
        raise TimeoutError("worker did not start")

    def kill(self) -> None:
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=60)


def task_counts() -> dict[str, int]:
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    return dict(DBTaskResult.objects.values_list("status").annotate(n=Count("id")))


def wait_queue_empty(timeout: float = 900) -> float:
    from django_tasks_db.models import DBTaskResult

    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if not DBTaskResult.objects.ready().exists():
            return time.perf_counter() - started
        time.sleep(0.5)
    raise TimeoutError("queue did not drain")


def change_behind_the_index(rng: random.Random, n: int) -> str:
    """Changes no task hears of: only reconciliation can repair them."""
    from django.utils import timezone

    from benchmarks.synthetic_cases import seed_reports
    from cases_public.models import CompletionReport

    pks = list(CompletionReport.objects.published().values_list("pk", flat=True)[: n * 4])
    rng.shuffle(pks)
    CompletionReport.objects.filter(pk__in=pks[:n]).update(disclose=False)
    CompletionReport.objects.filter(pk__in=pks[n : 2 * n]).update(last_published_at=timezone.now())
    start = CompletionReport.objects.count() + 1_000_000
    seed_reports(n, seed=rng.randint(0, 10**6), start=start)
    return f"{n} hidden, {n} re-published, {n} added without tasks"


def crash_during_rebuild(workdir: Path, build_estimate: float) -> None:
    from django_tasks_db.models import DBTaskResult

    from search.backends import get_backend
    from search.tasks import rebuild_index

    backend = get_backend()
    worker = Worker(workdir)
    worker.start()
    worker.wait_started()
    before = backend.current_name()
    change = change_behind_the_index(random.Random(11), 100)
    task = rebuild_index.enqueue()
    # Kill once the new generation is being written, about 40 % into the expected build.
    deadline = time.perf_counter() + max(3.0, 0.4 * build_estimate)
    while time.perf_counter() < deadline:
        time.sleep(0.2)
    gens = sorted(p.name for p in backend.path.glob("gen-*"))
    worker.kill()
    status = DBTaskResult.objects.get(id=task.id).status
    print(
        f"crash 1: SIGKILL {0.4 * build_estimate:.0f} s into rebuild_index (task left {status}); "
        f"generations on disk {len(gens)}, CURRENT unchanged: {backend.current_name() == before}; changed: {change}"
    )
    ok_ids, ok_versions, n_idx, n_want, missing, extra = index_state()
    print(f"  before restart: index {n_idx} vs published {n_want} (missing {missing}, extra {extra})")
    worker.start()
    took = worker.wait_started()
    wait_queue_empty()
    ok_ids, ok_versions, n_idx, n_want, missing, extra = index_state()
    leftovers = [p.name for p in backend.path.glob("gen-*") if p.name != backend.current_name()]
    print(
        f"  after restart ({took:.1f} s start-up reconciliation): ids equal {ok_ids}, versions equal "
        f"{ok_versions} ({n_idx} indexed / {n_want} public); partial generations left: {len(leftovers)}"
    )
    worker.stop()


def crash_during_burst(workdir: Path, size: int) -> None:
    from django.db import transaction
    from django.utils import timezone

    from cases_public.models import CompletionReport

    rng = random.Random(12)
    pks = list(CompletionReport.objects.published().values_list("pk", flat=True)[: size * 3])
    rng.shuffle(pks)
    ops = (
        [("edit", pk) for pk in pks[: size // 2]]
        + [("unpublish", pk) for pk in pks[size // 2 : size // 2 + size // 5]]
        + [("retract", pk) for pk in pks[size // 2 + size // 5 : size // 2 + 2 * size // 5]]
        + [("delete", pk) for pk in pks[size // 2 + 2 * size // 5 : size]]
    )
    rng.shuffle(ops)
    worker = Worker(workdir)
    worker.start()
    worker.wait_started()
    killed_at = int(len(ops) * 0.6)
    started = time.perf_counter()
    for number, (op, pk) in enumerate(ops):
        if number == killed_at:
            counts = task_counts()
            worker.kill()
            print(
                f"crash 2: SIGKILL after {number} of {len(ops)} changes "
                f"({time.perf_counter() - started:.1f} s); tasks then: {counts}"
            )
        report = CompletionReport.objects.get(pk=pk)
        if op == "edit":
            report.summary += "（复查：噪声仍超标，已再次责令整改。）"
            report.save_revision().publish()
        elif op == "unpublish":
            report.unpublish()
        elif op == "retract":
            with transaction.atomic():
                report.retracted_at = timezone.now()
                report.retraction_reason = "benchmark"
                report.save(update_fields=["retracted_at", "retraction_reason"])
                report.unpublish()
        else:
            report.delete()
    print(f"  burst done: {len(ops)} changes; tasks: {task_counts()}")
    worker.start()
    took = worker.wait_started()
    drained = wait_queue_empty()
    ok_ids, ok_versions, n_idx, n_want, missing, extra = index_state()
    print(
        f"  after restart ({took:.1f} s start-up reconciliation, queue drained in {drained:.1f} s): "
        f"ids equal {ok_ids}, versions equal {ok_versions} ({n_idx} indexed / {n_want} public); "
        f"tasks: {task_counts()}"
    )
    worker.stop()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--database-url")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--burst", type=int, default=500)
    parser.add_argument("--skip-crash", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="search-bench-") as tmp:
        workdir = Path(tmp)
        setup_django(workdir, args.database_url)
        from benchmarks.synthetic_cases import seed_reports

        started = time.perf_counter()
        seed_reports(args.cases)
        print(f"seeded {args.cases} published reports in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        build(args.cases)
        build_estimate = time.perf_counter() - started
        latency(args.runs)
        if not args.skip_crash:
            crash_during_rebuild(workdir, build_estimate)
            crash_during_burst(workdir, args.burst)
        from search.backends import get_backend

        get_backend().close()


if __name__ == "__main__":
    main()
