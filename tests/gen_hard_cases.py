"""Write a hard case set for leakcheck: python tests/gen_hard_cases.py N OUT_DIR [SEED] [a-h]."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from anonymise_cases import (  # noqa: E402
    make_case,
    make_case_b,
    make_case_c,
    make_case_d,
    make_case_e,
    make_case_f,
    make_case_g,
    make_case_h,
)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    out = Path(sys.argv[2] if len(sys.argv) > 2 else "var/hard")
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 20261123
    style = sys.argv[4] if len(sys.argv) > 4 else "a"
    make = {
        "a": make_case,
        "b": make_case_b,
        "c": make_case_c,
        "d": make_case_d,
        "e": make_case_e,
        "f": make_case_f,
        "g": make_case_g,
        "h": make_case_h,
    }[style]
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    with (
        open(out / "cases.jsonl", "w", encoding="utf-8") as fc,
        open(out / "truth.jsonl", "w", encoding="utf-8") as ft,
    ):
        for i in range(n):
            case, truth = make(rng, i)
            fc.write(json.dumps(case, ensure_ascii=False) + "\n")
            ft.write(json.dumps(truth, ensure_ascii=False) + "\n")
    print(f"wrote {n} cases to {out}")


if __name__ == "__main__":
    main()
