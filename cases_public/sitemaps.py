"""Sitemap of published reports, paged at the protocol's limit (the index lists the pages)."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from cases_public.models import CompletionReport


class CaseSitemap(Sitemap):
    limit = 50_000  # URLs per sitemap file (sitemaps.org)
    changefreq = "monthly"

    def items(self):
        # The (last_published_at, id) partial index serves this order.
        return (
            CompletionReport.objects.published()
            .order_by("last_published_at", "id")
            .values_list("reference", "last_published_at", named=True)
        )

    def location(self, item):
        return reverse("cases_public:detail", kwargs={"reference": item.reference})

    def lastmod(self, item):
        return item.last_published_at
