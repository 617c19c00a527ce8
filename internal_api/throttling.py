"""Per-client rate limit of the internal API (setting `API_RATE_LIMIT`, e.g. "1200/m").

ninja's throttles read their rate once, at import; this one reads the setting on every call so
that a deployment (or a test) can change it. Requests are counted per API client, not per token,
so a client cannot multiply its allowance by holding several tokens. Unauthenticated calls
(only `health` and the OpenAPI document) are counted per address.

Counted in fixed windows, in one small file per client under `API_RATE_LIMIT_DIR`, read and
rewritten under an exclusive `flock`: every web process on the machine shares the count, and an
increment is atomic, so the limit is exact within a window (a fixed window admits at most twice
the rate across a window boundary, which a guard against a runaway sender tolerates). Not
Django's cache: its file backend has no atomic increment, and every write pickles, compresses,
renames and lists the whole cache folder (about 1 ms a push, growing with the folder).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import threading
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import SimpleRateThrottle

_RECORD = 32  # bytes: "<window> <count>", space-padded


class WindowCounter:
    """Counts hits per key and fixed window, shared by the processes of one machine."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self._fds: dict[str, int] = {}
        self._pid = os.getpid()
        self._guard = threading.Lock()

    def _fd(self, key: str) -> int:
        with self._guard:
            if self._pid != os.getpid():
                # Forked (gunicorn --preload): a shared open file shares its flock, so reopen.
                self._fds.clear()
                self._pid = os.getpid()
            fd = self._fds.get(key)
            if fd is None:
                self.directory.mkdir(parents=True, exist_ok=True)
                name = hashlib.sha256(key.encode()).hexdigest()[:32]
                fd = os.open(self.directory / name, os.O_RDWR | os.O_CREAT, 0o600)
                self._fds[key] = fd
            return fd

    def hit(self, key: str, window: int, limit: int) -> bool:
        """Count one hit of `key` in `window` unless `limit` hits are counted already."""
        fd = self._fd(key)
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            stored = os.pread(fd, _RECORD, 0).split()
            count = int(stored[1]) if len(stored) == 2 and int(stored[0]) == window else 0
            if count >= limit:
                return False
            os.pwrite(fd, f"{window} {count + 1}".ljust(_RECORD).encode(), 0)
            return True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)

    def close(self) -> None:
        with self._guard:
            for fd in self._fds.values():
                os.close(fd)
            self._fds.clear()


_counters: dict[Path, WindowCounter] = {}
_counters_guard = threading.Lock()


def window_counter() -> WindowCounter:
    directory = Path(settings.API_RATE_LIMIT_DIR)
    with _counters_guard:
        counter = _counters.get(directory)
        if counter is None:
            counter = _counters[directory] = WindowCounter(directory)
        return counter


class ClientRateThrottle(SimpleRateThrottle):
    scope = "api_client"

    def __init__(self):
        super().__init__(rate="1/s")  # placeholder; the real rate is read per request

    def allow_request(self, request: HttpRequest) -> bool:
        rate = getattr(settings, "API_RATE_LIMIT", "") or ""
        if rate.strip().lower() in {"", "0", "off", "none"}:
            return True
        num_requests, duration = self.parse_rate(rate)
        self.now = self.timer()
        window = int(self.now // duration)
        self.window_ends = (window + 1) * duration
        return window_counter().hit(self.get_cache_key(request), window, num_requests)

    def wait(self) -> float:
        return max(self.window_ends - self.now, 1.0)

    def get_cache_key(self, request: HttpRequest) -> str:
        client = getattr(request, "auth", None)
        ident = f"client-{client.pk}" if client is not None else f"addr-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
