"""`manage.py db_worker` with crash recovery first: lost tasks back in the queue, the search index
repaired.

django-tasks-db leaves a task that was running when its worker died (SIGKILL, OOM) in RUNNING
for ever. So this worker registers a heartbeat, and before it takes its first task (and from its
heartbeat thread whenever another worker's beat goes stale) it puts such tasks back to READY; see
`search.task_recovery` for how "its worker is gone" is decided safely with several workers. Then
it repairs the index against `published()` (`reconcile`: cheap diff of ids and versions; a full
rebuild if no index exists) and deletes generations a killed rebuild left behind. Everything
else is django-tasks-db's command unchanged (this app is listed before `django_tasks_db`, so
Django picks this one).
"""

import logging
import os

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

logger = logging.getLogger("search")


class Command(DbWorkerCommand):
    help = DbWorkerCommand.help + " (after requeueing tasks of dead workers and repairing the search index)"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--no-search-reconcile",
            action="store_false",
            dest="search_reconcile",
            help="Do not reconcile the search index with published() before starting.",
        )
        parser.add_argument(
            "--no-task-recovery",
            action="store_false",
            dest="task_recovery",
            help="Neither keep a heartbeat nor requeue tasks whose worker died.",
        )

    def handle(self, *args, search_reconcile=True, task_recovery=True, **options):
        from search import task_recovery as recovery

        heartbeat = None
        # With --reload the first process only watches files and restarts a child that runs the
        # tasks: the child keeps the heartbeat.
        reloader_parent = (
            options["reload"] and not options["batch"] and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true"
        )
        if task_recovery and not reloader_parent:
            worker_id, backend_name = options["worker_id"], options["backend_name"]
            # Registered before recovering, so a worker starting beside us sees us alive.
            recovery.register(worker_id)
            outcome = recovery.recover(backend_name=backend_name)
            if any(outcome.values()):
                logger.warning("Tasks of dead workers at worker start: %s", outcome)
            heartbeat = recovery.Heartbeat(worker_id, backend_name)
            heartbeat.start()
        try:
            if search_reconcile:
                self._reconcile_search_index()
            super().handle(*args, **options)
        finally:
            if heartbeat is not None:
                heartbeat.stop()
                recovery.unregister(options["worker_id"])

    def _reconcile_search_index(self):
        from search import indexing

        try:
            outcome = indexing.reconcile()
        except Exception:
            # The queue must run even if the index cannot be repaired now; the page still
            # filters every hit against published().
            logger.exception("Search index reconciliation failed at worker start")
        else:
            logger.info("Search index reconciled at worker start: %s", outcome)
