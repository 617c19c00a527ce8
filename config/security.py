"""Production hardening that settings alone cannot express.

- The Content-Security-Policy is strict on the public site (no inline script or style, nothing from
  another origin). Wagtail's admin still renders a few inline scripts (date pickers, inline
  panels) and inline styles, so paths listed in `CSP_PATH_POLICIES` get their own policy.
- The client address used by the admin's login throttle, trusting `X-Forwarded-For` only as far
  as `TRUSTED_PROXY_COUNT` proxies in front of us.
- The answer to a locked-out admin login.
"""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


class PathPolicyCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with a per-path-prefix policy for views we do not own."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts  # a view's own decorator wins
        for prefix, directives in getattr(settings, "CSP_PATH_POLICIES", ()):
            if request.path_info.startswith(prefix):
                parts.config = directives
                break
        return parts


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the entry `TRUSTED_PROXY_COUNT` places from the right
    of X-Forwarded-For when that many proxies (which append to it) stand in front of us."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies <= 0 or not forwarded:
        return remote
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if not hops:
        return remote
    return hops[-min(proxies, len(hops))]


def admin_lockout_response(request: HttpRequest, original_response=None, credentials=None):
    """429 in Chinese with Retry-After; never repeats the submitted username."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60) if settings.AXES_COOLOFF_TIME else 0
    body = render_to_string("admin_lockout.html", {"minutes": minutes}, request=request)
    response = HttpResponse(body, status=429)
    if minutes:
        response["Retry-After"] = str(minutes * 60)
    return response
