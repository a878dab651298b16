"""Ordering vacancies: what the list's sort keys mean."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from .model import STATUSES, Vacancy
from .timeline import by_deadline

SORTS = ("deadline", "title", "status")


def sort_vacancies(vacancies: Iterable[Vacancy], by: str, now: datetime) -> list[Vacancy]:
    if by == "title":
        return sorted(vacancies, key=lambda v: v.posting.title.casefold())
    if by == "status":
        deadline = by_deadline(now)
        return sorted(vacancies, key=lambda v: (STATUSES.index(v.status), deadline(v)))
    return sorted(vacancies, key=by_deadline(now))


def fit_text(vacancy: Vacancy) -> str:
    """How far the user is through the eligibility checklist: '3/8', or '—' when it has none."""
    items = [item for item in vacancy.checklist if item.group == "eligibility"]
    return f"{sum(item.done for item in items)}/{len(items)}" if items else "—"
