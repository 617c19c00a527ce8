from django.core.management.base import BaseCommand

from search import indexing


class Command(BaseCommand):
    help = "Rebuild the public search index from published() reports and public pages."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Hand the rebuild to the task worker instead of running it here.",
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            from search.tasks import rebuild_index

            result = rebuild_index.enqueue()
            self.stdout.write(f"Rebuild enqueued (task {result.id}).")
            return
        count = indexing.rebuild()
        self.stdout.write(f"Search index rebuilt: {count} documents.")
