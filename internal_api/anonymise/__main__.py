"""python -m internal_api.anonymise [FILE]: CaseIn JSON lines in, portal records out.

Text fields are anonymised, the petitioners block is dropped, every other field is unchanged.
A malformed line is reported by number only (its content may hold personal data)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Any, TextIO

from . import Petitioner, anonymise

TEXT_FIELDS = ("summary", "investigation", "handling", "reply", "accountability")


class MalformedCase(ValueError):
    """A line the anonymiser cannot vouch for: it is skipped, never passed through."""


def anonymise_record(case: dict[str, Any]) -> dict[str, Any]:
    pets_raw = case.get("petitioners") or []
    if isinstance(pets_raw, dict):
        pets_raw = [pets_raw]
    # a petitioner block we cannot read could hide a name we would then not remove
    if not isinstance(pets_raw, list) or not all(isinstance(p, dict) for p in pets_raw):
        raise MalformedCase("petitioners")
    petitioners = [Petitioner.from_dict(p) for p in pets_raw]
    texts: dict[str, str | None] = {}
    for field in TEXT_FIELDS:
        value = case.get(field)
        if value is not None and not isinstance(value, str):
            raise MalformedCase(field)  # never pass an unread text through
        if isinstance(value, str):
            texts[field] = value
    penalty = case.get("penalty")
    if penalty is not None and not isinstance(penalty, dict):
        raise MalformedCase("penalty")
    if isinstance(penalty, dict) and penalty.get("orders") is not None:
        if not isinstance(penalty["orders"], str):
            raise MalformedCase("penalty.orders")
        texts["penalty.orders"] = penalty["orders"]
    result = anonymise(texts, petitioners).texts
    out = {k: v for k, v in case.items() if k != "petitioners"}
    for field in TEXT_FIELDS:
        if field in texts:
            out[field] = result[field]
    if "penalty.orders" in texts:
        out["penalty"] = {**penalty, "orders": result["penalty.orders"]}
    return out


def run(lines: Iterable[str], out: TextIO, err: TextIO) -> int:
    status = 0
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            case = json.loads(line)
            if not isinstance(case, dict):
                raise ValueError("not an object")
            record = anonymise_record(case)
        except MalformedCase as exc:
            err.write(f"line {number}: skipped (field {exc} has the wrong type)\n")
            status = 1
            continue
        except Exception as exc:  # noqa: BLE001 - one bad line never stops the others
            err.write(f"line {number}: skipped ({type(exc).__name__})\n")
            status = 1
            continue
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return status


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    # lone surrogates from \ud800 escapes must not crash the writer
    sys.stdout.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[attr-defined]
    if not args or args[0] == "-":
        sys.stdin.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[attr-defined]
        return run(sys.stdin, sys.stdout, sys.stderr)
    with open(args[0], encoding="utf-8", errors="replace") as f:
        return run(f, sys.stdout, sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
