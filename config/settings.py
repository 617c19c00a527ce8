"""One settings module for every environment, driven by environment variables (see README)."""

from __future__ import annotations

import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# pytest imports itself before Django reads settings, so `pytest` alone gets test settings.
TESTING = env_bool("PORTAL_TESTING", "pytest" in sys.modules)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105
    else:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is false (see README: environment variables)."
        )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if (DEBUG or TESTING) else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

VAR_DIR = Path(os.environ.get("VAR_DIR") or BASE_DIR / "var").resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)
# The anonymiser (a pure package without Django) reads VAR_DIR from the environment.
os.environ.setdefault("VAR_DIR", str(VAR_DIR))

CASES_REVIEW_REQUIRED = env_bool("CASES_REVIEW_REQUIRED", True)
# The ingest API refuses bodies above this size with 413 (contract: at least 1 MiB).
API_MAX_BODY_BYTES = int(os.environ.get("API_MAX_BODY_BYTES", str(16 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = API_MAX_BODY_BYTES
# Per API client (429 with Retry-After beyond it); "off" disables it. Counted in API_RATE_LIMIT_DIR.
# Off under pytest (tests push far more than a minute's allowance); its own tests turn it on.
API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT") or ("off" if TESTING else "1200/m")
# Where the web processes of this machine keep their shared request counts (internal_api.throttling).
API_RATE_LIMIT_DIR = Path(os.environ.get("API_RATE_LIMIT_DIR") or VAR_DIR / "ratelimit")

INSTALLED_APPS = [
    "portal",
    "cases_public",
    "internal_api",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # Serves the API docs' Swagger UI from our own static files instead of a CDN.
    "ninja",
    "csp",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "internal_api.middleware.ApiBodyGuardMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "config.security.PathPolicyCSPMiddleware",
    # Last, as django-axes requires: refuses logins after too many failures.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite under VAR_DIR unless DATABASE_URL says otherwise.
_default_sqlite = f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or _default_sqlite,
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers proceed while one writer writes; IMMEDIATE takes the write lock at BEGIN so
    # concurrent writers queue instead of failing with "database is locked". Connections persist
    # (CONN_MAX_AGE) like PostgreSQL's: opening one runs the PRAGMAs below and registers Django's
    # SQL functions, on every request otherwise.
    # config.sqlite: writers take turns without the busy handler's sleeps (see its docstring).
    DATABASES["default"]["ENGINE"] = "config.sqlite"
    DATABASES["default"]["OPTIONS"] = {
        "timeout": int(os.environ.get("SQLITE_BUSY_TIMEOUT", "30")),
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA foreign_keys=ON;"
            "PRAGMA busy_timeout=30000;"
        ),
    }
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("SQLITE_TEST_NAME") or None}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes' lockout check first; it authenticates no one itself. AxesBackend (not the
# "standalone" one) also loads users, so a session that names it still works.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesBackend", "django.contrib.auth.backends.ModelBackend"]

if TESTING:
    # Hashing is deliberately slow; tests that log in through the form would spend seconds in it.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or VAR_DIR / "static")
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
        )
    },
}

# Background work: django-tasks with its database backend; the immediate backend in tests.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND")
        or (
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default"],
    }
}

# A db_worker on another host whose heartbeat is older than this is taken for dead and its
# running task is requeued (search.task_recovery); on the same host a dead pid is seen at once.
TASK_WORKER_LEASE_SECONDS = int(os.environ.get("TASK_WORKER_LEASE_SECONDS", "60"))

# Public full-text search (search/): the index lives under VAR_DIR and is written only by the
# task worker. SEARCH_BACKEND selects the implementation (README: 全文检索 / Search backends).
SEARCH_INDEX_DIR = Path(os.environ.get("SEARCH_INDEX_DIR") or VAR_DIR / "search_index")
SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND") or "search.backends.whoosh.WhooshBackend"
# whoosh: SEGMENT_DOCS, documents per segment of a rebuild (bounds the writer's memory).
SEARCH_BACKEND_OPTIONS = {"SEGMENT_DOCS": int(os.environ.get("SEARCH_INDEX_SEGMENT_DOCS", "25000"))}

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("PORTAL_SITE_NAME", "生态环境信访公开平台")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ods", "odt", "csv", "txt", "zip", "ofd"]
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Nothing in the admin may call out to the internet (intranet installs; CSP allows 'self' only).
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# A file cache is shared by every web process on the machine; tests use process memory.
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
        if TESTING
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR") or str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    )
}

# Admin login throttle (django-axes): after ADMIN_LOGIN_FAILURE_LIMIT failures of one username from
# one address, the next attempt of that pair is refused (429) for ADMIN_LOGIN_COOLOFF_MINUTES. Off under pytest unless a
# test turns it on: Django's test client logs in without a request, which axes refuses.
AXES_ENABLED = env_bool("AXES_ENABLED", not TESTING)
ADMIN_LOGIN_FAILURE_LIMIT = int(os.environ.get("ADMIN_LOGIN_FAILURE_LIMIT", "5"))
# axes refuses the attempt that reaches its limit: N failures are answered, the N+1-th is refused.
AXES_FAILURE_LIMIT = ADMIN_LOGIN_FAILURE_LIMIT + 1
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("ADMIN_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "config.security.admin_lockout_response"
AXES_CLIENT_IP_CALLABLE = "config.security.client_ip"
# How many reverse proxies append to X-Forwarded-For in front of the portal (0: use REMOTE_ADDR).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
NINJA_NUM_PROXIES = TRUSTED_PROXY_COUNT

# Content-Security-Policy (django-csp). The public site runs no script of its own and no inline
# style, so nothing inline is allowed there. Paths in CSP_PATH_POLICIES get their own policy
# (config.security.PathPolicyCSPMiddleware): Wagtail's admin still needs inline scripts and styles.
_CSP_BASE = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [SELF],
}
CONTENT_SECURITY_POLICY = {"DIRECTIVES": _CSP_BASE}
CSP_PATH_POLICIES = [
    (
        "/admin/",
        {
            **_CSP_BASE,
            "script-src": [SELF, UNSAFE_INLINE],
            "style-src": [SELF, UNSAFE_INLINE],
            "img-src": [SELF, "data:", "blob:"],
            "font-src": [SELF, "data:"],
            "frame-src": [SELF],
        },
    ),
    # Swagger UI (served locally) sets inline styles and shows data: images.
    ("/internal/api/v1/docs", {**_CSP_BASE, "style-src": [SELF, UNSAFE_INLINE]}),
]

# Sessions and cookies
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
if env_bool("HTTPS", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)

SILENCED_SYSTEM_CHECKS = [
    # X_FRAME_OPTIONS stays SAMEORIGIN (CSP frame-ancestors 'self'): Wagtail's preview panel shows
    # the page in a same-origin frame. No other origin may frame the site.
    "security.W019",
    # HSTS preload is a commitment for the whole domain (often a shared gov.cn zone) and means
    # nothing on an intranet; opt in with SECURE_HSTS_PRELOAD=true.
    "security.W021",
]

# Error pages and reports must never show local variables or request data: a traceback frame
# inside the ingest path holds petitioner data.
DEFAULT_EXCEPTION_REPORTER_FILTER = "config.logging.PrivacyExceptionReporterFilter"
DEFAULT_EXCEPTION_REPORTER = "config.logging.PrivacyExceptionReporter"

LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"privacy": {"()": "config.logging.PrivacyFilter"}},
    "formatters": {
        "safe": {
            "()": "config.logging.SafeFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s: %(message)s",
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "safe",
            "filters": ["privacy"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        # SQL parameters carry text being stored: never log them.
        "django.db.backends": {"handlers": [], "level": "WARNING", "propagate": False},
        "jieba": {"handlers": [], "level": "WARNING", "propagate": False},
        # Failed and locked-out admin logins are warnings; its start-up banner is noise.
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000")

# Workflow notifications to reviewers go by e-mail once a mail server is configured.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@localhost")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.dummy.EmailBackend"
)
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
