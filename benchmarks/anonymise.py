"""Speed and memory of the anonymiser (a script, not a test): prints figures.

    .venv/bin/python benchmarks/anonymise.py [CASES_JSONL] [N_CASES]

Repeats the sample cases to N_CASES (default 10,000), anonymises them on one core, and
compares with one plain jieba.lcut pass over the same texts (median of 5 runs each)."""

from __future__ import annotations

import json
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from internal_api.anonymise import Petitioner, anonymise  # noqa: E402
from internal_api.anonymise.lexicon import tokenizer  # noqa: E402

TEXT_FIELDS = ("summary", "investigation", "handling", "reply", "accountability")


def load(path: Path, n: int) -> list[tuple[dict[str, str | None], list[Petitioner]]]:
    base = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            c = json.loads(line)
            texts = {k: c[k] for k in TEXT_FIELDS if isinstance(c.get(k), str)}
            if isinstance((c.get("penalty") or {}).get("orders"), str):
                texts["penalty.orders"] = c["penalty"]["orders"]
            base.append((texts, [Petitioner.from_dict(p) for p in c.get("petitioners") or []]))
    return [base[i % len(base)] for i in range(n)]


def median_time(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/work/shared/samples/cases.jsonl")
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    cases = load(path, n)
    chars = sum(len(t) for texts, _ in cases for t in texts.values() if t)
    tok = tokenizer()  # load jieba's dictionary outside the timing
    anonymise(*cases[0])

    def run_anonymise() -> None:
        for texts, pets in cases:
            anonymise(texts, pets)

    def run_jieba() -> None:
        for texts, _ in cases:
            for t in texts.values():
                if t:
                    tok.lcut(t)

    t_anon = median_time(run_anonymise)
    t_jieba = median_time(run_jieba)
    tracemalloc.start()
    for texts, pets in cases[:1000]:
        anonymise(texts, pets)
    _cur, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"cases: {n} ({chars / n:.0f} chars per case on average), median of 5 runs, one core")
    print(f"anonymise: {t_anon:.2f} s -> {n / t_anon:.0f} cases/s")
    print(f"jieba.lcut pass: {t_jieba:.2f} s -> {n / t_jieba:.0f} cases/s")
    print(f"ratio anonymise / jieba: {t_anon / t_jieba:.2f}x")
    print(f"peak traced memory while anonymising 1,000 cases: {peak / 1024:.0f} KiB")
    print(f"process max RSS (includes jieba's dictionary): {maxrss_mb:.0f} MB")


if __name__ == "__main__":
    main()
