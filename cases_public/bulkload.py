"""Writing many CompletionReport rows fast, for the synthetic-data loader only.

Rows are plain tuples of database values for a chosen list of columns; every other column gets
its model default. Datetimes come as naive UTC text ('YYYY-MM-DD HH:MM:SS[.ffffff]'), which is
exactly what Django stores on SQLite and what PostgreSQL reads for a timestamptz once '+00' is
appended (`datetime_suffix`). No model instances, no signals, no per-value adaptation by the ORM: at a million rows
those cost more than the database itself.

- SQLite: one `executemany` per batch; `synchronous=OFF` for the connection while loading (a
  crash of the process cannot corrupt a WAL database; a power cut during the load could lose
  the rows just written, which for synthetic benchmark data is a fair trade).
- PostgreSQL: `COPY ... FROM STDIN` through psycopg, far cheaper than INSERTs.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.db import connection, transaction

from cases_public.models import CompletionReport


@contextmanager
def load_session():
    """Connection settings for the duration of a load (inserts and index rebuilds), put back
    afterwards."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # Neither pragma may change inside a transaction; the tests' load runs in one.
            outside = not connection.in_atomic_block
            cursor.execute("PRAGMA synchronous")
            (synchronous,) = cursor.fetchone()
            if outside:
                cursor.execute("PRAGMA synchronous = OFF")
                cursor.execute("PRAGMA temp_store = MEMORY")  # index rebuilds sort in memory
            cursor.execute("PRAGMA cache_size = -262144")  # 256 MB for this connection
            try:
                yield
            finally:
                if outside:
                    cursor.execute(f"PRAGMA synchronous = {int(synchronous)}")
                    cursor.execute("PRAGMA temp_store = DEFAULT")
                cursor.execute("PRAGMA cache_size = -2000")
        elif connection.vendor == "postgresql":
            # Session settings: commits need not wait for the WAL flush, index builds may sort
            # in memory. Both reset when the session does.
            cursor.execute("SET synchronous_commit = off")
            cursor.execute("SET maintenance_work_mem = '256MB'")
            try:
                yield
            finally:
                cursor.execute("RESET synchronous_commit")
                cursor.execute("RESET maintenance_work_mem")
        else:
            yield


class RowWriter:
    def __init__(self, columns: list[str]):
        meta = CompletionReport._meta
        by_name = {f.attname: f for f in meta.concrete_fields}
        rest = [f for f in meta.concrete_fields if not f.primary_key and f.attname not in columns]
        self.vendor = connection.vendor
        self.fields = [by_name[name] for name in columns] + rest
        self.defaults = tuple(f.get_db_prep_save(f.get_default(), connection) for f in rest)
        quoted = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        table = connection.ops.quote_name(meta.db_table)
        # What to append to the naive UTC text of a datetime for this database.
        self.datetime_suffix = "+00" if self.vendor == "postgresql" else ""
        if self.vendor == "postgresql":
            self.sql = f"COPY {table} ({quoted}) FROM STDIN"
        else:
            placeholders = ", ".join(["%s"] * len(self.fields))
            self.sql = f"INSERT INTO {table} ({quoted}) VALUES ({placeholders})"

    def write(self, rows: list[tuple]) -> None:
        """Store one batch in its own transaction."""
        defaults = self.defaults
        with transaction.atomic(), connection.cursor() as cursor:
            if self.vendor == "postgresql":
                with cursor.cursor.copy(self.sql) as copy:
                    for row in rows:
                        copy.write_row(row + defaults)
            else:
                cursor.executemany(self.sql, [row + defaults for row in rows])
