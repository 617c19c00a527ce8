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
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import SimpleRateThrottle

_RECORD = 32  # bytes: "<window> <count>", space-padded


class WindowCounter:
    """Counts hits per key and fixed window, shared by the processes of one machine."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)

    def hit(self, key: str, window: int, limit: int) -> bool:
        """Count one hit of `key` in `window` unless `limit` hits are counted already."""
        # Opened per call (microseconds): no descriptor outlives the call, so none is shared
        # across a fork or closed under another thread, and many keys never exhaust them.
        name = hashlib.sha256(key.encode()).hexdigest()[:32]
        try:
            fd = os.open(self.directory / name, os.O_RDWR | os.O_CREAT, 0o600)
        except FileNotFoundError:
            self.directory.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.directory / name, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)  # released by close
            stored = os.pread(fd, _RECORD, 0).split()
            count = int(stored[1]) if len(stored) == 2 and int(stored[0]) == window else 0
            if count >= limit:
                return False
            os.pwrite(fd, f"{window} {count + 1}".ljust(_RECORD).encode(), 0)
            return True
        finally:
            os.close(fd)


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
        counter = WindowCounter(settings.API_RATE_LIMIT_DIR)
        return counter.hit(self.get_cache_key(request), window, num_requests)

    def wait(self) -> float:
        return max(self.window_ends - self.now, 1.0)

    def get_cache_key(self, request: HttpRequest) -> str:
        client = getattr(request, "auth", None)
        ident = f"client-{client.pk}" if client is not None else f"addr-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
