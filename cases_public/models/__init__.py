"""Models of the public record. One module per concern; import them here for Django."""

from cases_public.models.holidays import HolidayArrangement
from cases_public.models.references import ReferenceCounter, next_reference
from cases_public.models.reports import CATEGORY_FIELDS, CompletionReport, ReportQuerySet

__all__ = [
    "CATEGORY_FIELDS",
    "CompletionReport",
    "HolidayArrangement",
    "ReferenceCounter",
    "ReportQuerySet",
    "next_reference",
]
