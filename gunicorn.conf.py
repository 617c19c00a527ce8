"""gunicorn settings for the portal: `gunicorn config.wsgi` picks this file up from the repository root.

Every value can be changed through the environment (GUNICORN_* below); see README.
The access log names method, path (never the query string: a search term can be personal),
status, size and duration, and never a request body.
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
workers = _int("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1)
# Threads, so that a streamed open-data download (30 s and more for 1,000,000 cases) neither
# holds a whole worker nor is killed by `timeout`: a gthread worker's heartbeat runs in its main
# loop, while a sync worker is killed when one request outlasts the timeout.
worker_class = "gthread"
threads = _int("GUNICORN_THREADS", 4)
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Recycle workers now and then so a slow leak never grows without bound.
max_requests = _int("GUNICORN_MAX_REQUESTS", 5000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 500)
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190

# Proxies whose X-Forwarded-Proto / X-Forwarded-For gunicorn trusts (the HTTPS terminator).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# %(U)s is the path without the query string; no %(r)s, %(q)s, %(f)s (referer) or headers.
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
