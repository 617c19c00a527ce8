"""Recount every precomputed statistic from the cases (after a bulk load or a restore)."""

import time

from django.core.management.base import BaseCommand

from cases_public import aggregates


class Command(BaseCommand):
    help = "Rebuild the statistics buckets from every counted case (all months)."

    def handle(self, *args, **options):
        started = time.monotonic()
        rows = aggregates.rebuild_all()
        self.stdout.write(f"{rows} monthly statistics rows rebuilt in {time.monotonic() - started:.1f} s")
