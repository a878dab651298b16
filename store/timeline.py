"""Deadlines as instants, so postings in different zones and with or without a time compare correctly."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from .model import Vacancy

BRUSSELS = ZoneInfo("Europe/Brussels")


def deadline_instant(deadline: datetime | date | None) -> datetime | None:
    """A deadline with no time is taken to close at the end of that day, Brussels time."""
    if deadline is None or isinstance(deadline, datetime):
        return deadline
    return datetime.combine(deadline, time(23, 59, 59), BRUSSELS)


def is_open(vacancy: Vacancy, now: datetime) -> bool:
    instant = deadline_instant(vacancy.posting.deadline)
    return instant is None or instant >= now


def by_deadline(now: datetime) -> Callable[[Vacancy], tuple]:
    """Sort key: open deadlines soonest first, then postings with no deadline, then closed ones, latest first."""

    def key(vacancy: Vacancy) -> tuple:
        instant = deadline_instant(vacancy.posting.deadline)
        if instant is None:
            return (1, 0.0, vacancy.posting.title.lower())
        stamp = instant.timestamp()
        return (0, stamp, "") if instant >= now else (2, -stamp, "")

    return key
