"""Enqueueing helpers shared by the apps' signal handlers."""

from __future__ import annotations


def enqueue_unless_waiting(task) -> None:
    """Enqueue `task` (which takes no arguments) unless a run of it is already waiting.

    For tasks that work off a list of marks in the database (statistics months to recount): a
    run that has not started yet will see marks committed before it starts, so a second waiting
    run would only find nothing left. Checking is a read; enqueueing is a write, which on SQLite
    means taking the database's one write lock again after every push."""
    from django_tasks_db.backend import DatabaseBackend

    backend = task.get_backend()
    if isinstance(backend, DatabaseBackend):
        from django.db import connections, router
        from django_tasks_db.models import DBTaskResult

        # Plain SQL, served by the queue's partial index on READY rows: this runs after every
        # push, and the ORM spent more time composing the query than the database answering it.
        # (Our tasks are never enqueued with a `run_after`, so READY means waiting to run.)
        connection = connections[router.db_for_write(DBTaskResult)]
        table = connection.ops.quote_name(DBTaskResult._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT 1 FROM {table} WHERE status = %s AND task_path = %s AND queue_name = %s"
                " AND backend_name = %s LIMIT 1",
                ["READY", task.module_path, task.queue_name, backend.alias],
            )
            if cursor.fetchone():
                return
    task.enqueue()
