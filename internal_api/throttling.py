"""Per-client rate limit of the internal API (setting `API_RATE_LIMIT`, e.g. "1200/m").

ninja's throttles read their rate once, at import; this one reads the setting on every call so
that a deployment (or a test) can change it. Requests are counted per API client, not per token,
so a client cannot multiply its allowance by holding several tokens. Unauthenticated calls
(only `health` and the OpenAPI document) are counted per address.

Counted in fixed windows (one small counter per client and window) rather than ninja's sliding
log, which rewrites a list of up to `rate` timestamps to the cache on every call: at 1200/m that
was a 10 kB pickle, compressed and written to a file per request. A fixed window admits at most
twice the rate across a window boundary, which a guard against a runaway sender tolerates. Two
processes counting the same instant may each miss the other's increment (the file cache has no
atomic increment): the limit is approximate, never stricter than configured.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import SimpleRateThrottle


class ClientRateThrottle(SimpleRateThrottle):
    scope = "api_client"

    def __init__(self):
        super().__init__(rate="1/s")  # placeholder; the real rate is read per request

    def allow_request(self, request: HttpRequest) -> bool:
        rate = getattr(settings, "API_RATE_LIMIT", "") or ""
        if rate.strip().lower() in {"", "0", "off", "none"}:
            return True
        self.rate = rate
        self.num_requests, self.duration = self.parse_rate(rate)
        self.now = self.timer()
        window = int(self.now // self.duration)
        self.window_ends = (window + 1) * self.duration
        key = f"{self.get_cache_key(request)}:{window}"
        count = self.cache.get(key, 0)
        if count >= self.num_requests:
            return False
        self.cache.set(key, count + 1, self.duration + 1)
        return True

    def wait(self) -> float:
        return max(self.window_ends - self.now, 1.0)

    def get_cache_key(self, request: HttpRequest) -> str:
        client = getattr(request, "auth", None)
        ident = f"client-{client.pk}" if client is not None else f"addr-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
