"""Shared fixtures: the site, log capture for privacy assertions."""

from __future__ import annotations

import logging

import pytest


@pytest.fixture
def all_logs():
    """Capture every log record of every logger at DEBUG, rendered by the project's own formatter
    (as a production handler would print it), so a test can assert what never reaches a log."""
    from config.logging import PrivacyFilter, SafeFormatter

    records: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            records.append(self.format(record))

    handler = Collect(level=logging.DEBUG)
    handler.setFormatter(SafeFormatter("%(levelname)s %(name)s: %(message)s"))
    handler.addFilter(PrivacyFilter())
    root = logging.getLogger()
    loggers = [root] + [logging.getLogger(name) for name in list(logging.root.manager.loggerDict)]
    saved = [(lg, lg.level, lg.propagate, lg.disabled) for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.DEBUG)
        lg.disabled = False
        if lg is not root:
            lg.propagate = True
    root.addHandler(handler)
    try:
        yield records
    finally:
        root.removeHandler(handler)
        for lg, level, propagate, disabled in saved:
            lg.setLevel(level)
            lg.propagate = propagate
            lg.disabled = disabled
