"""`manage.py db_worker` with the search index's crash recovery first.

django-tasks-db leaves a task that was running when its worker died in RUNNING for ever, and
the index work it was doing is lost. Index tasks converge (see `search.indexing`), so instead of
re-running lost tasks the worker, before it takes its first task, repairs the index against
`published()` (`reconcile`: cheap diff of ids and versions; a full rebuild if no index exists)
and deletes generations a killed rebuild left behind. Everything else is django-tasks-db's
command unchanged (this app is listed before `django_tasks_db`, so Django picks this one).
"""

import logging

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

logger = logging.getLogger("search")


class Command(DbWorkerCommand):
    help = DbWorkerCommand.help + " (after repairing the search index)"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--no-search-reconcile",
            action="store_false",
            dest="search_reconcile",
            help="Do not reconcile the search index with published() before starting.",
        )

    def handle(self, *args, search_reconcile=True, **options):
        if search_reconcile:
            from search import indexing

            try:
                outcome = indexing.reconcile()
            except Exception:
                # The queue must run even if the index cannot be repaired now; the page still
                # filters every hit against published().
                logger.exception("Search index reconciliation failed at worker start")
            else:
                logger.info("Search index reconciled at worker start: %s", outcome)
        super().handle(*args, **options)
