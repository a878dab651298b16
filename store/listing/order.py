"""Ordering vacancies: what the list's sort keys mean."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from eujobs.store.model import STATUSES, Vacancy
from eujobs.store.outputs.timeline import by_deadline

SORTS = ("deadline", "title", "status")


def sort_key(by: str, now: datetime) -> Callable[[Vacancy], tuple]:
    """What the list sorts by: the deadline (open ones soonest first), the title, or the status."""
    if by == "title":
        return lambda v: (v.posting.title.casefold(),)
    deadline = by_deadline(now)
    if by == "status":
        return lambda v: (STATUSES.index(v.status), deadline(v))
    return deadline


def sort_vacancies(vacancies: Iterable[Vacancy], by: str, now: datetime) -> list[Vacancy]:
    return sorted(vacancies, key=sort_key(by, now))


def fit_text(vacancy: Vacancy) -> str:
    """How far the user is through the eligibility checklist: '3/8', or '—' when it has none."""
    items = [item for item in vacancy.checklist if item.group == "eligibility"]
    return f"{sum(item.done for item in items)}/{len(items)}" if items else "—"
