"""The export's fast UTC-text -> local ISO conversion agrees with astimezone() everywhere,
including the hours in which a zone changes its offset."""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

import pytest

from cases_public.localtimes import localizer, parse_utc


def reference(text: str, tz) -> tuple[str, int]:
    local = dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC).astimezone(tz)
    return local.isoformat(), local.toordinal()


def fast(localize, text: str) -> tuple[str, int]:
    local, suffix = localize(text)
    return local.isoformat() + suffix, local.toordinal()


@pytest.mark.parametrize(
    "zone", ["Asia/Shanghai", "America/New_York", "Asia/Kathmandu", "Australia/Lord_Howe"]
)
def test_matches_astimezone_around_transitions_and_at_random(zone):
    tz = ZoneInfo(zone)
    localize = localizer(tz)
    rng = random.Random(7)
    texts = []
    # Random moments 1980-2030, with and without microseconds.
    for _ in range(3000):
        moment = dt.datetime(1980, 1, 1) + dt.timedelta(seconds=rng.random() * 50 * 365 * 86400)
        texts.append(str(moment.replace(microsecond=0) if rng.random() < 0.3 else moment))
    # Every minute of two days around each offset change of the zone between 1986 and 2027.
    probe = dt.datetime(1986, 1, 1, tzinfo=dt.UTC)
    while probe.year < 2027:
        after = probe + dt.timedelta(days=1)
        if probe.astimezone(tz).utcoffset() != after.astimezone(tz).utcoffset():
            for minute in range(0, 48 * 60, 7):
                texts.append(str((probe + dt.timedelta(minutes=minute)).replace(tzinfo=None)))
        probe = after
    for text in texts:
        assert fast(localize, text) == reference(text, tz), text


def test_shanghai_summer_time_and_odd_inputs():
    localize = localizer(ZoneInfo("Asia/Shanghai"))
    assert fast(localize, "1988-04-19 17:02:03")[0] == "1988-04-20T02:02:03+09:00"
    assert fast(localize, "2026-11-12 05:49:14.934655")[0] == "2026-11-12T13:49:14.934655+08:00"
    # Text with an offset or odd precision takes the exact path.
    assert fast(localize, "2026-11-12 05:49:14+00:00")[0] == "2026-11-12T13:49:14+08:00"
    assert fast(localize, "2026-11-12 05:49:14.5")[0] == "2026-11-12T13:49:14.500000+08:00"
    assert parse_utc(None) is None
    assert parse_utc("2026-01-01 00:00:00") == dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
