"""Backend selection: `SEARCH_BACKEND` (a dotted class path) and `SEARCH_BACKEND_OPTIONS`."""

from __future__ import annotations

import threading

from django.conf import settings
from django.utils.module_loading import import_string

from search.backends.base import BaseSearchBackend, Hit, ParsedQuery, SearchFilters, SearchResults

DEFAULT_BACKEND = "search.backends.whoosh.WhooshBackend"

_backends: dict[tuple, BaseSearchBackend] = {}
_lock = threading.Lock()


def get_backend() -> BaseSearchBackend:
    """The configured backend; one instance per process and configuration."""
    path = getattr(settings, "SEARCH_BACKEND", DEFAULT_BACKEND)
    options = dict(getattr(settings, "SEARCH_BACKEND_OPTIONS", {}) or {})
    options.setdefault("PATH", str(settings.SEARCH_INDEX_DIR))
    key = (path, tuple(sorted((k, str(v)) for k, v in options.items())))
    backend = _backends.get(key)
    if backend is None:
        with _lock:
            backend = _backends.get(key)
            if backend is None:
                backend = import_string(path)(options)
                _backends[key] = backend
    return backend


__all__ = ["BaseSearchBackend", "Hit", "ParsedQuery", "SearchFilters", "SearchResults", "get_backend"]
