"""Finding and ordering vacancies: what the list's filter, status filter and sort keys mean."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from .model import STATUSES, Vacancy
from .timeline import by_deadline

SORTS = ("deadline", "title", "status")


def field_haystack(vacancy: Vacancy) -> str:
    """The list fields `/` searches first: cheap, so every keystroke can scan them all."""
    posting = vacancy.posting
    parts = (posting.title, posting.institution, posting.department, posting.unit, posting.reference,
             vacancy.id, " ".join(posting.locations))
    return " ".join(part for part in parts if part).casefold()


def matches(haystack: str, needle: str) -> bool:
    """Every word of the needle appears somewhere: 'digit brussels' finds the DIGIT post in Brussels."""
    return all(word in haystack for word in needle.casefold().split())


def filter_vacancies(
    vacancies: Iterable[Vacancy],
    needle: str = "",
    status: str | None = None,
    full_text: Callable[[Vacancy], str] | None = None,
) -> list[Vacancy]:
    """The vacancies whose list fields (or, when given, full text) hold every word, with that status."""
    found = []
    for vacancy in vacancies:
        if status is not None and vacancy.status != status:
            continue
        if needle and not matches(field_haystack(vacancy), needle):
            if full_text is None or not matches(full_text(vacancy).casefold(), needle):
                continue
        found.append(vacancy)
    return found


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
