"""Days and times as the user types and reads them: day first ("14/01/2027 10:00"), in a named zone.

Pure functions: the zone the user lives in is given (the command line reads it from TZ), never looked up here.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from eujobs.store.errors import StoreError
from eujobs.store.model import POSTING_YEARS
from eujobs.store.procedure.entries import zone_problem

_WHEN = re.compile(r"(?P<day>\d{1,2})[/.](?P<month>\d{1,2})[/.](?P<year>\d{4})"
                   r"(?:[ T]+(?P<hour>\d{1,2})[:h.](?P<minute>\d{2}))?")
_ISO_WHEN = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?:[ T]+(?P<hour>\d{2}):(?P<minute>\d{2}))?")


def checked_zone(name: str) -> str:
    """A zone's IANA name, refused in one line when there is no such zone."""
    problem = zone_problem(name)
    if problem is not None:
        raise StoreError(problem)
    return name


def parse_when(text: str, zone: str, day_allowed: bool = False) -> datetime | date:
    """"14/01/2027 10:00" in `zone` as an aware time; "14/01/2027" as a day when `day_allowed`. ISO (2027-01-14
    10:00) reads too. A time the zone skips (the hour clocks go forward) is refused, not moved."""
    found = _WHEN.fullmatch(text.strip()) or _ISO_WHEN.fullmatch(text.strip())
    example = "14/01/2027 10:00" + (" or 14/01/2027" if day_allowed else "")
    if found is None or (found["hour"] is None and not day_allowed):
        raise StoreError(f"'{text}' is not a day and time: write it day first, e.g. {example}")
    try:
        day = date(int(found["year"]), int(found["month"]), int(found["day"]))
        if found["hour"] is None:
            moment: datetime | date = day
        else:
            moment = datetime(day.year, day.month, day.day, int(found["hour"]), int(found["minute"]),
                              tzinfo=ZoneInfo(checked_zone(zone)))
    except ValueError:
        raise StoreError(f"'{text}' is no date (day first, e.g. {example})") from None
    if day.year not in POSTING_YEARS:
        raise StoreError(f"'{text}' is out of range (years {POSTING_YEARS.start} to {POSTING_YEARS.stop - 1})")
    if isinstance(moment, datetime) and moment.astimezone(timezone.utc).astimezone(moment.tzinfo) != moment:
        raise StoreError(f"'{text}' does not exist in {place_time(zone)}: the clocks skip that hour")
    return moment


def zone_named(tz: str | None) -> str | None:
    """The IANA zone a TZ setting names ("Europe/London", ":Europe/London"); None for none or a POSIX rule."""
    name = (tz or "").removeprefix(":")
    return name if name and zone_problem(name) is None else None


def place_time(zone: str) -> str:
    """"Brussels time", "New York time"; "UTC" for UTC."""
    place = zone.split("/")[-1].replace("_", " ")
    return "UTC" if place in ("UTC", "UCT", "Zulu", "Universal") else f"{place} time"


def when_text(at: datetime | date, zone: str, own_zone: str | None = None) -> str:
    """"14/01/2027 10:00 Brussels time", and the same instant where the user is when their clock shows another
    time: "14/01/2027 10:00 Brussels time (09:00 London time)"."""
    if not isinstance(at, datetime):
        return f"{at:%d/%m/%Y}"
    local = at.astimezone(ZoneInfo(zone))
    text = f"{local:%d/%m/%Y %H:%M} {place_time(zone)}"
    if own_zone and own_zone != zone:
        theirs = at.astimezone(ZoneInfo(own_zone))
        if theirs.replace(tzinfo=None) != local.replace(tzinfo=None):
            shown = f"{theirs:%H:%M}" if theirs.date() == local.date() else f"{theirs:%d/%m/%Y %H:%M}"
            text += f" ({shown} {place_time(own_zone)})"
    return text
