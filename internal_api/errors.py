"""One error shape for the whole API (RFC 7807 problem+json). It never echoes a submitted value."""

from __future__ import annotations

import logging
import math

from django.db.utils import DatabaseError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

logger = logging.getLogger("internal_api")

PROBLEM = "application/problem+json"


def problem(api: NinjaAPI, request: HttpRequest, status: int, title: str, **extra) -> HttpResponse:
    body = {"type": "about:blank", "status": status, "title": title, **extra}
    response = api.create_response(request, body, status=status)
    response["Content-Type"] = PROBLEM
    return response


def field_errors(errors: list[dict]) -> list[dict]:
    """Name each offending field and what is wrong with it; drop pydantic's `input` and `ctx`,
    which can hold the submitted value."""
    cleaned = []
    for error in errors:
        loc = list(error.get("loc", ()))
        if loc[:1] == ["body"]:
            # ninja nests the body under the view's parameter name: ("body", "case", "summary")
            loc = loc[2:] if len(loc) > 2 else loc[1:]
        elif loc[:1] in (["path"], ["query"]):
            loc = loc[1:]
        cleaned.append(
            {
                "field": ".".join(str(part) for part in loc) or None,
                "loc": list(loc),
                "type": error.get("type", "invalid"),
                "msg": str(error.get("msg", "invalid value")),
            }
        )
    return cleaned


def register_exception_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def on_validation_error(request, exc: ValidationError):
        return problem(api, request, 422, "请求数据校验失败", errors=field_errors(exc.errors))

    @api.exception_handler(AuthenticationError)
    def on_auth_error(request, exc):
        response = problem(api, request, 401, "未认证：缺少、错误或已吊销的令牌")
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(Throttled)
    def on_throttled(request, exc: Throttled):
        # ninja adds Retry-After (whole seconds) to this response when it knows the wait.
        response = problem(api, request, 429, "请求过于频繁，请稍后重试")
        if exc.wait is not None:
            response["Retry-After"] = str(max(1, math.ceil(exc.wait)))
        return response

    @api.exception_handler(HttpError)
    def on_http_error(request, exc: HttpError):
        return problem(api, request, exc.status_code, str(exc))

    @api.exception_handler(DatabaseError)
    def on_database_error(request, exc):
        logger.error("database unavailable during %s %s", request.method, request.path, exc_info=exc)
        response = problem(api, request, 503, "数据库暂不可用，请稍后重试")
        response["Retry-After"] = "30"
        return response

    @api.exception_handler(Exception)
    def on_unexpected_error(request, exc):
        # The message may quote submitted data: log the type and frames only (SafeFormatter).
        logger.error("unexpected error during %s %s", request.method, request.path, exc_info=exc)
        return problem(api, request, 500, "服务器内部错误")
