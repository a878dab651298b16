"""What is due when: deadlines as instants, the list's order by them, and what `eujobs due` lists."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from eujobs.store.model import Vacancy
from eujobs.store.outputs.instants import BRUSSELS, deadline_instant
from eujobs.store.procedure.templates import DEADLINE_LABELS
from eujobs.store.procedure.track import next_deadline, reserve_list_until


def is_open(vacancy: Vacancy, now: datetime) -> bool:
    instant = deadline_instant(vacancy.posting.deadline)
    return instant is None or instant >= now


def pressing_deadline(vacancy: Vacancy, now: datetime) -> datetime | date | None:
    """The deadline the list sorts by and its urgency mark stands for: the soonest still ahead, the posting's or
    one of the user's (supporting documents due before the application closes are what is urgent), else the
    posting's."""
    coming = next_deadline(vacancy, now) if vacancy.deadlines else None
    return coming.at if coming else vacancy.posting.deadline


def by_deadline(now: datetime) -> Callable[[Vacancy], tuple]:
    """Sort key: open deadlines soonest first, then postings with no deadline, then closed ones, latest first."""

    def key(vacancy: Vacancy) -> tuple:
        instant = deadline_instant(pressing_deadline(vacancy, now))
        if instant is None:
            return (1, 0.0, vacancy.posting.title.lower())
        stamp = instant.timestamp()
        return (0, stamp, "") if instant >= now else (2, -stamp, "")

    return key


# Once applied (or out of the race) a posting's deadline asks nothing more of the user.
DEADLINE_MATTERS = ("new", "interested", "preparing")


# How far ahead `due` looks at most: a century; no posting's date is further (and far more overflows the calendar).
MAX_DUE_DAYS = 36_525


# How long before a reserve list lapses `due` warns of it, whatever --days says: time to ask for an extension.
RESERVE_LIST_WARNING = timedelta(days=31)


@dataclass(frozen=True)
class Due:
    when: datetime  # the instant, for ordering
    timed: bool  # False: a day, not an hour ("next action on 20/03")
    what: str  # "deadline" (the posting's) | "next action" | a deadline of the user's in words | an event's kind
    vacancy: Vacancy
    note: str = ""  # the user's word on their deadline or event, or where the event is
    is_event: bool = False  # an appointment (a test, an interview) rather than something to hand in


def due(vacancies: list[Vacancy], now: datetime, days: int) -> list[Due]:
    """Deadlines still to meet, events and next actions in the coming `days` days (0 to MAX_DUE_DAYS), soonest
    first; a reserve list the user is on from a month before it lapses, however few the days."""
    if not 0 <= days <= MAX_DUE_DAYS:
        raise ValueError(f"days must be from 0 to {MAX_DUE_DAYS}, not {days}")
    until = now + timedelta(days=days)
    found = []
    for vacancy in vacancies:
        deadline = vacancy.posting.deadline
        instant = deadline_instant(deadline)
        if instant is not None and now <= instant <= until and vacancy.status in DEADLINE_MATTERS:
            found.append(Due(instant, isinstance(deadline, datetime), "deadline", vacancy))
        found += _users_deadlines(vacancy, now, until)
        found += [Due(event.at, True, event.kind, vacancy, event.place, is_event=True) for event in vacancy.events
                  if now <= event.at <= until]
        if vacancy.next_action_on is not None:
            day = datetime.combine(vacancy.next_action_on, time(0, 0), BRUSSELS)
            if now.astimezone(BRUSSELS).date() <= vacancy.next_action_on <= until.astimezone(BRUSSELS).date():
                found.append(Due(day, False, "next action", vacancy))
    return sorted(found, key=lambda item: item.when)


def _users_deadlines(vacancy: Vacancy, now: datetime, until: datetime) -> list[Due]:
    lapses = reserve_list_until(vacancy)
    found = []
    for item in vacancy.deadlines:
        instant = deadline_instant(item.at)
        warned = item.kind == "reserve_list" and lapses is not None and instant <= now + RESERVE_LIST_WARNING
        if now <= instant and (instant <= until or warned):
            found.append(Due(instant, isinstance(item.at, datetime), DEADLINE_LABELS[item.kind], vacancy, item.note))
    return found
