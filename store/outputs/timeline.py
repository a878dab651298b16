"""Deadlines as instants, so postings in different zones and with or without a time compare correctly."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from eujobs.store.model import Vacancy

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


# Once applied (or out of the race) a posting's deadline asks nothing more of the user.
DEADLINE_MATTERS = ("new", "interested", "preparing")


# How far ahead `due` looks at most: a century; no posting's date is further (and far more overflows the calendar).
MAX_DUE_DAYS = 36_525


@dataclass(frozen=True)
class Due:
    when: datetime  # the instant, for ordering
    timed: bool  # False: a day, not an hour ("next action on 20/03")
    what: str  # "deadline" | "next action"
    vacancy: Vacancy


def due(vacancies: list[Vacancy], now: datetime, days: int) -> list[Due]:
    """Deadlines still to meet and next actions in the coming `days` days (0 to MAX_DUE_DAYS), soonest first."""
    if not 0 <= days <= MAX_DUE_DAYS:
        raise ValueError(f"days must be from 0 to {MAX_DUE_DAYS}, not {days}")
    until = now + timedelta(days=days)
    found = []
    for vacancy in vacancies:
        deadline = vacancy.posting.deadline
        instant = deadline_instant(deadline)
        if instant is not None and now <= instant <= until and vacancy.status in DEADLINE_MATTERS:
            found.append(Due(instant, isinstance(deadline, datetime), "deadline", vacancy))
        if vacancy.next_action_on is not None:
            day = datetime.combine(vacancy.next_action_on, time(0, 0), BRUSSELS)
            if now.astimezone(BRUSSELS).date() <= vacancy.next_action_on <= until.astimezone(BRUSSELS).date():
                found.append(Due(day, False, "next action", vacancy))
    return sorted(found, key=lambda item: item.when)
