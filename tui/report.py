"""Plain-text output of the command line: import reports, the vacancy table, one vacancy in full."""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import datetime
from typing import TYPE_CHECKING, TextIO

from store.model import Vacancy
from store.profile import Profile
from store.rules import Verdict

from .formatting import countdown, deadline_text, printable

if TYPE_CHECKING:
    from store.importer import Outcome

OUTCOMES = ("imported", "updated", "unchanged", "failed")


def import_line(outcome: Outcome) -> str:
    if outcome.failed:
        return printable(f"failed     {outcome.name}: {outcome.reason}")
    return printable(f"{outcome.outcome:<10} {outcome.vacancy_id:<7} {outcome.name}  ({outcome.title})")


def import_summary(outcomes: list[Outcome]) -> str:
    counts = Counter(outcome.outcome for outcome in outcomes)
    files = "1 file" if len(outcomes) == 1 else f"{len(outcomes)} files"
    return f"{files}: " + ", ".join(f"{counts[name]} {name}" for name in OUTCOMES)


def vacancy_table(vacancies: list[Vacancy], now: datetime) -> str:
    width = shutil.get_terminal_size((100, 24)).columns
    rows = [("ID", "DEADLINE", "STATUS", "REFERENCE", "TITLE")]
    rows += [
        (v.id, countdown(v.posting.deadline, now), v.status, v.posting.reference or "—", v.posting.title)
        for v in vacancies
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    lines = []
    for row in rows:
        line = "  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[4]
        lines.append(line if len(line) <= width else line[: width - 1] + "…")
    return printable("\n".join(lines))


VERDICT_MARKS = {"meets": "✓", "does_not_meet": "✗", "check": "?"}


def describe_vacancy(vacancy: Vacancy, now: datetime, verdicts: dict[str, Verdict] | None = None) -> str:
    posting = vacancy.posting
    languages = ", ".join(f"{lang.language} {lang.level or ''}".strip() for lang in posting.languages)
    period = " ".join(filter(None, [
        posting.start_date and f"from {posting.start_date:%d/%m/%Y}",
        posting.duration,
        posting.end_date and f"until {posting.end_date:%d/%m/%Y}",
    ]))
    facts = [
        ("Reference", posting.reference),
        ("Institution", posting.institution),
        ("Department", " / ".join(filter(None, [posting.department, posting.unit]))),
        ("Location", ", ".join(posting.locations)),
        ("Kind", " · ".join(filter(None, [posting.kind.replace("_", " "), posting.contract_type, posting.grade]))),
        ("Deadline", f"{deadline_text(posting.deadline)}  [{countdown(posting.deadline, now)}]"),
        ("Period", period),
        ("Languages", languages),
        ("Experience", posting.min_experience_years is not None and f"{posting.min_experience_years:g} years"),
        ("Education", posting.education),
        ("Apply to", posting.apply.email or posting.apply.url),
        ("Subject", posting.apply.subject),
        ("Documents", ", ".join(posting.apply.documents)),
        ("Status", vacancy.status),
    ]
    lines = [f"{posting.title}  [{vacancy.id}]", ""]
    lines += [f"{label + ':':<12} {value}" for label, value in facts if value]
    for group in ("eligibility", "selection", "application", "custom"):
        items = [item for item in vacancy.checklist if item.group == group]
        if items:
            done = sum(item.done for item in items)
            lines += ["", f"{group.capitalize()} ({done}/{len(items)})"]
            for item in items:
                verdict = (verdicts or {}).get(item.id)
                mark = f"{VERDICT_MARKS[verdict.verdict]} " if verdict else ""
                lines.append(f"  [{'x' if item.done else ' '}] {mark}{item.text}  ({item.id})")
                if verdict:
                    lines.append(f"        {verdict.reason}")
    start = (verdicts or {}).get("start-date")
    if start:
        lines += ["", f"{VERDICT_MARKS[start.verdict]} {start.reason}"]
    if vacancy.notes:
        lines += ["", "Notes:", vacancy.notes]
    return printable("\n".join(lines))


class ProgressBar:
    """A one-line bar on a terminal's stderr, for batches long enough to need one; silent otherwise."""

    SHOWN_FROM = 5

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.active = stream.isatty()
        self.drawn = False

    def update(self, done: int, total: int) -> None:
        if not self.active or total < self.SHOWN_FROM:
            return
        filled = 30 * done // total
        self.stream.write(f"\rreading {done}/{total} [{'#' * filled}{'.' * (30 - filled)}]")
        self.stream.flush()
        self.drawn = True

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc) -> None:
        if self.drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()


def describe_profile(profile: Profile) -> str:
    if profile.is_empty:
        return ("No profile yet. Describe yourself once and every posting's eligibility answers itself:\n"
                "  eujobs profile set citizenships=Belgium languages='English C1, French B2' experience_years=6\n"
                "  eujobs profile load profile.json")
    education = "; ".join(
        " ".join(filter(None, [e.level, e.eqf and f"(EQF {e.eqf})", e.years and f"{e.years:g} years",
                               e.field and f"in {e.field}"]))
        for e in profile.education
    )
    domains = ", ".join(f"{domain} {years:g}" for domain, years in profile.experience_by_domain.items())
    experience = profile.experience_years is not None and f"{profile.experience_years:g} years"
    facts = [
        ("Citizenships", ", ".join(profile.citizenships)),
        ("Work permits", ", ".join(profile.work_permits)),
        ("Languages", ", ".join(f"{lang.language} {lang.level}" for lang in profile.languages)),
        ("Education", education),
        ("Experience", " ".join(filter(None, [experience or "", domains and f"({domains})"]))),
        ("EPSO CAST", "; ".join(
            " ".join(filter(None, [c.function_group, c.profile, c.passed and f"passed {c.passed:%d/%m/%Y}"]))
            for c in profile.epso_cast)),
        ("Available", profile.available_from and f"{profile.available_from:%d/%m/%Y}"),
    ]
    return printable("\n".join(f"{label + ':':<14}{value or '—'}" for label, value in facts))
