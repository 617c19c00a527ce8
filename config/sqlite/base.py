"""Django's SQLite backend, with writers that take turns without sleeping on the busy handler.

SQLite has one writer at a time. With `transaction_mode=IMMEDIATE` a transaction takes the write
lock at BEGIN; a process that finds it taken waits in SQLite's busy handler, which sleeps in
growing steps (1, 2, 5, 10, 15, 20, 25 ... ms) however soon the lock is released. Under a
steady stream of pushes from several gunicorn workers those sleeps, not the work, set the pace.
Here BEGIN IMMEDIATE is retried every half millisecond instead, up to the same timeout.
"""

from __future__ import annotations

import sqlite3
import time

from django.db.backends.sqlite3 import base

RETRY_INTERVAL = 0.0005


class DatabaseWrapper(base.DatabaseWrapper):
    def _start_transaction_under_autocommit(self):
        if self.transaction_mode != "IMMEDIATE":
            return super()._start_transaction_under_autocommit()
        timeout = float(self.settings_dict["OPTIONS"].get("timeout", 5))
        deadline = time.monotonic() + timeout
        with self.wrap_database_errors:
            cursor = self.connection.cursor()
            cursor.execute("PRAGMA busy_timeout = 0")
            try:
                while True:
                    try:
                        cursor.execute("BEGIN IMMEDIATE")
                        return
                    except sqlite3.OperationalError as exc:
                        if not _is_busy(exc) or time.monotonic() > deadline:
                            raise
                    time.sleep(RETRY_INTERVAL)
            finally:
                cursor.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
                cursor.close()


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    return getattr(exc, "sqlite_errorcode", None) in (sqlite3.SQLITE_BUSY, 517) or "locked" in str(exc)
