"""Models of the public record. One module per concern; import them here for Django."""

from cases_public.models.holidays import HolidayArrangement
from cases_public.models.references import ReferenceCounter, next_reference, reserve_references
from cases_public.models.reports import CATEGORY_FIELDS, PUBLISHED, CompletionReport, ReportQuerySet
from cases_public.models.statistics import CaseStatBucket, StatBasis, StatDimension, StatRefreshRequest

__all__ = [
    "CATEGORY_FIELDS",
    "PUBLISHED",
    "CaseStatBucket",
    "CompletionReport",
    "HolidayArrangement",
    "ReferenceCounter",
    "ReportQuerySet",
    "StatBasis",
    "StatDimension",
    "StatRefreshRequest",
    "next_reference",
    "reserve_references",
]
