"""Index upkeep as background tasks (django-tasks; the worker is `manage.py db_worker`).

Small JSON-able arguments; each task re-reads the database (see `search.indexing`), so the
index/remove pairs are the same convergent operation and their order does not matter.
"""

from __future__ import annotations

from django_tasks import task

from search import indexing


@task()
def sync_reports(pks: list[int]) -> None:
    indexing.sync_reports(pks)


@task()
def sync_pages(pks: list[int]) -> None:
    indexing.sync_pages(pks)


# The one-object tasks below are what earlier versions enqueued: kept so that tasks still
# waiting in the queue after an upgrade run.
@task()
def index_report(pk: int) -> None:
    indexing.sync_reports([pk])


@task()
def remove_report(pk: int) -> None:
    indexing.sync_reports([pk])


@task()
def index_page(pk: int) -> None:
    indexing.sync_pages([pk])


@task()
def remove_page(pk: int) -> None:
    indexing.sync_pages([pk])


@task()
def rebuild_index() -> int:
    return indexing.rebuild()


@task()
def reconcile_index() -> dict:
    return indexing.reconcile()
