"""config.sqlite: a writer waiting for SQLite's one write lock gets it as soon as it is free,
and still gives up with "database is locked" after the configured timeout."""

from __future__ import annotations

import copy
import threading
import time

import pytest
from django.db import OperationalError, connection

from config.sqlite.base import DatabaseWrapper

pytestmark = [
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only"),
    pytest.mark.django_db,
]


def wrapper(path, timeout: float) -> DatabaseWrapper:
    settings_dict = copy.deepcopy(connection.settings_dict)
    settings_dict["NAME"] = str(path)
    settings_dict["OPTIONS"]["timeout"] = timeout
    db = DatabaseWrapper(settings_dict, alias=f"writer-{id(settings_dict)}")
    db.ensure_connection()
    return db


def test_a_waiting_writer_starts_as_soon_as_the_lock_is_released(tmp_path):
    holder, waiter = wrapper(tmp_path / "w.sqlite3", 5), wrapper(tmp_path / "w.sqlite3", 5)
    holder.connection.execute("CREATE TABLE t (x INTEGER)")
    holder._start_transaction_under_autocommit()
    holder.connection.execute("INSERT INTO t VALUES (1)")
    released = []

    def release():
        time.sleep(0.24)  # the busy handler would be asleep until ~328 ms
        holder.connection.execute("COMMIT")
        released.append(time.monotonic())

    threading.Thread(target=release).start()
    waiter._start_transaction_under_autocommit()
    started = time.monotonic()
    waiter.connection.execute("INSERT INTO t VALUES (2)")
    waiter.connection.execute("COMMIT")
    assert released, "the waiter began before the holder committed"
    # SQLite's busy handler sleeps 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100 ms: it would
    # begin ~88 ms after the release. Polling begins within about a millisecond.
    assert started - released[0] < 0.05
    assert waiter.connection.execute("SELECT COUNT(*) FROM t").fetchone()[0] == 2
    # busy_timeout is back to the configured value for every other statement.
    assert waiter.connection.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    holder.close()
    waiter.close()


def test_a_writer_gives_up_after_the_timeout(tmp_path):
    holder, waiter = wrapper(tmp_path / "w.sqlite3", 5), wrapper(tmp_path / "w.sqlite3", 0.1)
    holder._start_transaction_under_autocommit()
    began = time.monotonic()
    with pytest.raises(OperationalError, match="locked"):
        waiter._start_transaction_under_autocommit()
    assert 0.1 <= time.monotonic() - began < 2
    holder.connection.execute("COMMIT")
    holder.close()
    waiter.close()
