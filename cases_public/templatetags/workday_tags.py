"""`{% completion_timeliness accepted_on closed_on extended=... as t %}` for the public case page
and anything else that shows 办结用时; statistics call `completion_timeliness` directly with
`load_holiday_calendar()` so both count the same way."""

from django import template

from cases_public.calendar import load_holiday_calendar
from cases_public.workdays import completion_timeliness as _completion_timeliness

register = template.Library()


@register.simple_tag
def completion_timeliness(accepted_on, closed_on, extended=False):
    if not accepted_on or not closed_on:
        return None
    return _completion_timeliness(accepted_on, closed_on, load_holiday_calendar(), extended=bool(extended))
