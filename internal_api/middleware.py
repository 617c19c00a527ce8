"""Guards in front of the internal API: body size (413) and well-formed JSON (422).

Both answers are final before any view runs, and neither quotes the body.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.http import JsonResponse

API_PREFIX = "/internal/api/"
BODY_METHODS = {"POST", "PUT", "PATCH"}


def _problem(status: int, title: str, **extra) -> JsonResponse:
    body = {"type": "about:blank", "status": status, "title": title, **extra}
    return JsonResponse(
        body,
        status=status,
        content_type="application/problem+json",
        json_dumps_params={"ensure_ascii": False},
    )


class ApiBodyGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(API_PREFIX) and request.method in BODY_METHODS:
            rejection = self.check_body(request)
            if rejection is not None:
                return rejection
        return self.get_response(request)

    def check_body(self, request):
        limit = settings.API_MAX_BODY_BYTES
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > limit:
            return _problem(413, f"请求体超过上限（{limit} 字节）", limit_bytes=limit)
        raw = request.body
        if len(raw) > limit:
            return _problem(413, f"请求体超过上限（{limit} 字节）", limit_bytes=limit)
        if not raw:
            return None
        try:
            request._api_json = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return _problem(
                422,
                "请求数据校验失败",
                errors=[
                    {
                        "field": "body",
                        "loc": ["body"],
                        "type": "json_invalid",
                        "msg": "请求体不是有效的 UTF-8 JSON",
                    }
                ],
            )
        return None
