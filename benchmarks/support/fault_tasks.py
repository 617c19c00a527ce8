"""A task for benchmarks/faults.py: takes a little time, then appends its number to a file.

The number is written only at the end, so a worker killed in the middle of the task leaves no
mark, and a task that is run twice leaves two.
"""

import os
import time
from pathlib import Path

from django.conf import settings
from django_tasks import task


@task()
def record_marker(number: int, seconds: float = 0.03) -> int:
    time.sleep(seconds)
    path = Path(settings.VAR_DIR) / "fault-markers.txt"
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, f"{number}\n".encode())
    finally:
        os.close(fd)
    return number
