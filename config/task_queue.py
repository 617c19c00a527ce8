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
        from django_tasks_db.models import DBTaskResult

        waiting = DBTaskResult.objects.ready().filter(
            task_path=task.module_path, queue_name=task.queue_name, backend_name=backend.alias
        )
        if waiting.exists():
            return
    task.enqueue()
