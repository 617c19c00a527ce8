from django.core.management.base import BaseCommand

from search import indexing


class Command(BaseCommand):
    help = "Make the search index hold exactly the public documents (diff of ids and versions)."

    def handle(self, *args, **options):
        outcome = indexing.reconcile()
        self.stdout.write(
            "Search index reconciled: {indexed} (re)indexed, {removed} removed, {rebuilt} rebuilt.".format(
                **outcome
            )
        )
