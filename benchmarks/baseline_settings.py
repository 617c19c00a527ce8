"""Settings for the ingest benchmark: the portal plus one bare ninja endpoint as the baseline."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.baseline_urls"
