"""A task for the worker-recovery test: it records each attempt, and the first attempt stalls so
the test can kill its worker in the middle of it."""

from __future__ import annotations

import os
import time
from pathlib import Path

from django_tasks import task


@task()
def stall_on_first_attempt(marker: str) -> int:
    path = Path(marker)
    with path.open("a") as handle:
        handle.write(f"{os.getpid()}\n")
    attempt = len(path.read_text().splitlines())
    if attempt == 1:
        time.sleep(120)  # the test kills the worker long before this ends
    return attempt
