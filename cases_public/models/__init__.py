from cases_public.models.holidays import HolidayArrangement

__all__ = ["HolidayArrangement"]
