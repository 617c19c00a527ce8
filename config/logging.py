"""Logging and error reporting that cannot leak what a request carried.

Exception messages are not trusted: a pydantic error, a database error or an assertion can quote
the value it failed on. So formatted tracebacks keep the frames (file, line, function) and the
exception type, never the message; log records lose any attached request; error reports show
no local variables, no POST data and no request body.
"""

from __future__ import annotations

import logging
import traceback

from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter


def safe_traceback(exc_info) -> str:
    exc_type, exc, tb = exc_info
    lines = ["Traceback (most recent call last; messages withheld):"]
    for frame in traceback.extract_tb(tb):
        lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
    seen = exc.__cause__ or exc.__context__ if exc is not None else None
    depth = 0
    while seen is not None and depth < 5:
        lines.append(f"  caused by {type(seen).__module__}.{type(seen).__qualname__}")
        seen = seen.__cause__ or seen.__context__
        depth += 1
    name = getattr(exc_type, "__qualname__", str(exc_type))
    lines.append(f"{getattr(exc_type, '__module__', '')}.{name}: [message withheld]")
    return "\n".join(lines)


class SafeFormatter(logging.Formatter):
    def formatException(self, ei) -> str:  # noqa: N802 (logging API name)
        return safe_traceback(ei)

    def formatStack(self, stack_info: str) -> str:  # noqa: N802
        return ""


class PrivacyFilter(logging.Filter):
    """Drop the request object Django attaches to request-log records (its repr and any
    handler that renders it could include submitted data) and never render exc text twice."""

    def filter(self, record: logging.LogRecord) -> bool:
        if hasattr(record, "request"):
            record.request = None
        record.exc_text = None
        return True


class PrivacyExceptionReporterFilter(SafeExceptionReporterFilter):
    def get_post_parameters(self, request):
        return {}

    def get_traceback_frame_variables(self, request, tb_frame):
        return []

    def get_safe_request_meta(self, request):
        return {}

    def get_safe_cookies(self, request):
        return {}


class PrivacyExceptionReporter(ExceptionReporter):
    """Even the DEBUG page shows only where an error happened, not what the request carried."""

    def get_traceback_data(self):
        data = super().get_traceback_data()
        data["exception_value"] = "[message withheld]"
        data["request_GET_items"] = []
        data["filtered_POST_items"] = []
        data["request_FILES_items"] = []
        data["request_COOKIES_items"] = []
        data["request_meta"] = {}
        data["settings"] = {}
        for frame in data.get("frames", []):
            frame["vars"] = []
            frame["exc_cause"] = None
        return data

    def get_traceback_text(self):
        return safe_traceback((self.exc_type, self.exc_value, self.tb))

    def _get_raw_insecure_uri(self):
        return self.request.path if self.request is not None else ""
