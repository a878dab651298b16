"""The demo's sample postings, with deadlines moved relative to today in its throwaway store.

The samples' own deadlines pass (in December 2026 every one was closed or undated): the demo would show no
countdown, no urgency and nothing due. So its store gets deadlines some days from the clock's today, each a fix
of the field as `E` makes (the details mark it ✎), and a note in the tracker that says what the posting itself
says. The sample files are left as they are.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from eujobs.store.model import Vacancy
from eujobs.store.outputs.timeline import BRUSSELS
from eujobs.store.persistence.db import Store
from eujobs.store.persistence.edit import field_change
from eujobs.store.persistence.state import Change

# Days from today, for the postings in the order of their own deadlines (the undated after, by title): two soon,
# one in three weeks, one closed; any more keep their own.
DAYS_FROM_TODAY = (2, 21, 2, -1)
NOON = "12:00"  # the time given to a posting that states no deadline


def demo_changes(vacancies: list[Vacancy], now: datetime) -> list[Change]:
    """The changes that move the deadlines, and the notes that say so."""
    today = now.astimezone(BRUSSELS).date()
    changes = []
    for vacancy, days in zip(sorted(vacancies, key=_by_own_deadline), DAYS_FROM_TODAY):
        own = vacancy.posting.deadline
        time = own.strftime("%H:%M") if isinstance(own, datetime) else NOON
        moved = f"{today + timedelta(days=days):%d/%m/%Y} {time}"
        said = f"says {_day_and_time(own)}" if own else "states no deadline"
        changes.append(field_change(vacancy, "deadline", moved))
        changes.append(Change(vacancy.id, "notes", f"Demo: the deadline is set to {moved} ({_from_today(days)}) so "
                              f"that its countdown shows; the posting itself {said}."))
    return changes


def move_deadlines(store: Store) -> None:
    for change in demo_changes(store.vacancies(), store.clock()):
        store.apply(change)


def _by_own_deadline(vacancy: Vacancy) -> tuple:
    own = vacancy.posting.deadline
    day = own.date() if isinstance(own, datetime) else own
    return (day is None, day or date.min, vacancy.posting.title)


def _day_and_time(deadline: datetime | date) -> str:
    return deadline.strftime("%d/%m/%Y %H:%M" if isinstance(deadline, datetime) else "%d/%m/%Y")


def _from_today(days: int) -> str:
    plural = "s" if abs(days) != 1 else ""
    return f"in {days} day{plural}" if days >= 0 else f"{-days} day{plural} ago"
