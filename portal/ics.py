"""iCalendar (RFC 5545) files for leader reception notices, in Asia/Shanghai with a VTIMEZONE so
calendar programs outside China show the right local time."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event, vText

PRODID = "-//hjxf-portal//leader-reception//ZH"


def reception_calendar(notices: Iterable, *, request, name: str) -> Calendar:
    cal = Calendar.new(prodid=PRODID, name=name)
    cal.add("X-WR-TIMEZONE", "Asia/Shanghai")
    for notice in notices:
        event = Event()
        event.add("uid", f"reception-{notice.pk}@{request.get_host()}")
        event.add("dtstamp", timezone.now())
        event.add("dtstart", notice.starts_at)
        event.add("dtend", notice.ends_at)
        event.add("summary", vText(f"{notice.leader_name}接访（{notice.get_mode_display()}）"))
        event.add("location", vText(notice.location_text))
        event.add("description", vText(notice.ics_description()))
        event.add("url", request.build_absolute_uri(notice.url or "/"))
        if notice.last_published_at:
            event.add("last-modified", notice.last_published_at)
        cal.add_component(event)
    # One VTIMEZONE for Asia/Shanghai, built from zoneinfo.
    cal.add_missing_timezones(first_date=date(2000, 1, 1), last_date=date(2040, 1, 1))
    return cal


def ics_response(cal: Calendar, filename: str) -> HttpResponse:
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
