"""Deadlines as instants, so postings in different zones and with or without a time compare correctly."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

BRUSSELS = ZoneInfo("Europe/Brussels")


def deadline_instant(deadline: datetime | date | None) -> datetime | None:
    """A deadline with no time is taken to close at the end of that day, Brussels time."""
    if deadline is None or isinstance(deadline, datetime):
        return deadline
    return datetime.combine(deadline, time(23, 59, 59), BRUSSELS)
