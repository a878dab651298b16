"""Plain-text output of the command line: import reports, the vacancy table, one vacancy in full, where its
fields were read."""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, TextIO

from eujobs.store.eligibility.profile import DECLARATIONS, Profile
from eujobs.store.eligibility.rules import Fit, Verdict
from eujobs.store.eligibility.verdict import NOT_CHECKED, NOT_CHECKED_REASON, RULE_NAMES
from eujobs.store.model import Vacancy
from eujobs.store.persistence.edit import FIELDS, field_text

from .formatting import countdown, deadline_text, printable
from .procedure_report import procedure_section

if TYPE_CHECKING:
    from eujobs.store.ingest.importer import Outcome

OUTCOMES = ("imported", "updated", "unchanged", "conflict", "failed")


def import_line(outcome: Outcome) -> str:
    if outcome.failed:
        return printable(f"failed     {outcome.name}: {outcome.reason}")
    line = f"{outcome.outcome:<10} {outcome.vacancy_id:<7} {outcome.name}  ({outcome.title})"
    if outcome.conflict:
        other = outcome.conflict
        line += f"  another {other.differs} than {other.id} ({other.title}): both kept"
    return printable(line + "".join(f"  ! {warning}" for warning in outcome.warnings))


def import_summary(outcomes: list[Outcome]) -> str:
    counts = Counter(outcome.outcome for outcome in outcomes)
    files = "1 file" if len(outcomes) == 1 else f"{len(outcomes)} files"
    # "2 conflicts": the other outcomes are participles, the same for any number
    return f"{files}: " + ", ".join(
        f"{counts[name]} {name}{'s' if name == 'conflict' and counts[name] != 1 else ''}" for name in OUTCOMES)


def terminal_width() -> int:
    return shutil.get_terminal_size((100, 24)).columns


def cut(text: str, width: int) -> str:
    """The text on one line of at most `width` characters, "…" where it was cut."""
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def vacancy_table(vacancies: list[Vacancy], now: datetime, fits: Mapping[str, Fit] | None = None) -> str:
    """ID DEADLINE STATUS [FIT] REFERENCE TITLE, the FIT column when there are fits (a profile)."""
    width = terminal_width()
    rows = [("ID", "DEADLINE", "STATUS", *(("FIT",) if fits else ()), "REFERENCE", "TITLE")]
    rows += [
        (v.id, countdown(v.posting.deadline, now), v.status, *((fits[v.id].short,) if fits else ()),
         v.posting.reference or "—", v.posting.title)
        for v in vacancies
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]) - 1)]
    lines = []
    for row in rows:
        line = "  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[-1]
        lines.append(cut(line, width))
    return printable("\n".join(lines))


VERDICT_MARKS = {"meets": "✓", "does_not_meet": "✗", "check": "?"}


def describe_vacancy(vacancy: Vacancy, now: datetime, verdicts: dict[str, Verdict] | None = None,
                     fit: Fit | None = None, own_zone: str | None = None) -> str:
    """The vacancy in full; times of its events and deadlines also in `own_zone`, the user's, when it differs."""
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
        ("Source", vacancy.source.url),  # the page it was downloaded from (import URL, watch)
        ("Subject", posting.apply.subject),
        ("Documents", ", ".join(posting.apply.documents)),
        ("Status", vacancy.status),
        ("Applied", vacancy.applied_date and f"{vacancy.applied_date:%d/%m/%Y}"),
        ("Next action", next_action_text(vacancy, now)),
        ("Fit", fit and (f"{fit.text}: {NOT_CHECKED_REASON}" if fit.state == NOT_CHECKED else fit.text)),
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
    for key, name in RULE_NAMES.items():  # the rules that are no checklist item: the grade's, the start date
        if rule := (verdicts or {}).get(key):
            lines += ["", f"{VERDICT_MARKS[rule.verdict]} {name}: {rule.reason}"]
    lines += procedure_section(vacancy, now, own_zone)
    lines += ["", "History"]
    lines += [f"  {history_time(change.at)}  {change.status}{f' — {change.note}' if change.note else ''}"
              for change in reversed(vacancy.history)] or ["  no status changes yet"]
    lines += ["", "Notes"]
    notes = [f"  {line}" for line in vacancy.notes.splitlines()] if vacancy.notes.strip() else []
    lines += notes or [f"  none yet (eujobs note {vacancy.id} TEXT writes some)"]
    return printable("\n".join(lines))


def next_action_text(vacancy: Vacancy, now: datetime) -> str:
    when = vacancy.next_action_on
    day = when and (f"{when:%d/%m/%Y} (overdue)" if when < now.date() else f"{when:%d/%m/%Y}")
    return "  ".join(filter(None, [day, vacancy.next_action]))


def history_time(at: str) -> str:
    """A change's time as the store's clock wrote it (the user's wall time then), day first."""
    try:
        return f"{datetime.fromisoformat(at):%d/%m/%Y %H:%M}"
    except ValueError:
        return at


# The fields a parser reads, in the order a person reads a posting (those after apply.subject are seldom stated).
READ_FIELDS = tuple(name for name in FIELDS if name not in ("job_title", "domain", "applicants"))
YOURS, UNSOURCED, NOT_STATED = "your value", "—", "not stated"


def field_sources(vacancy: Vacancy, sources: dict[str, str]) -> list[tuple[str, object, str, str | None]]:
    """Each field read: its name, its value as the record holds it and as it reads, and where it was read from
    (sources; None when the parser did not say, or the field is empty)."""
    record, rows = vacancy.posting.to_json(), []
    for name in READ_FIELDS:
        group, _, part = name.partition(".")
        value = record[group][part] if part else record[name]
        if group in vacancy.edited:  # (the user's apply.* values are saved as one: each is theirs)
            source = YOURS
        else:
            source = sources.get(name) if value not in (None, "", []) else None
        shown = deadline_text(vacancy.posting.deadline) if name == "deadline" and value else field_text(vacancy, name)
        rows.append((name, value, " ".join(shown.split()), source))
    return rows


def sources_record(vacancy: Vacancy, sources: dict[str, str]) -> dict:
    """`eujobs show ID --sources --json`."""
    return {"id": vacancy.id,
            "fields": [{"field": name, "value": value, "source": source}
                       for name, value, _, source in field_sources(vacancy, sources)],
            "warnings": list(vacancy.posting.warnings)}


def sources_table(vacancy: Vacancy, sources: dict[str, str]) -> str:
    """FIELD  VALUE  READ FROM, one line per field however long its value: values and sources are cut to the
    terminal's width, the value keeping at least half of what the field names leave."""
    rows = [("FIELD", "VALUE", "READ FROM")]
    rows += [(name, printable(shown), printable(source or (NOT_STATED if not shown else UNSOURCED)))
             for name, _, shown, source in field_sources(vacancy, sources)]
    names = max(len(row[0]) for row in rows)
    room = max(terminal_width() - names - 4, 8)  # (two gaps of two)
    values, sources = max(len(row[1]) for row in rows), max(len(row[2]) for row in rows)
    if values + sources > room:
        values = min(values, max(room - sources, room // 2))
    lines = [f"{name:<{names}}  {cut(value, values):<{values}}  {cut(source, room - values)}"
             for name, value, source in rows]
    if vacancy.posting.warnings:
        lines += ["", *(cut(printable(f"! {warning}"), names + 4 + room) for warning in vacancy.posting.warnings)]
    return "\n".join(lines)


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
                               e.field and f"in {e.field}", e.awarded and f"awarded {e.awarded:%d/%m/%Y}"]))
        for e in profile.education
    )
    domains = ", ".join(f"{domain} {years:g}" for domain, years in profile.experience_by_domain.items())
    experience = profile.experience_years is not None and " ".join(filter(None, [
        f"{profile.experience_years:g} years",
        profile.experience_on and f"on {profile.experience_on:%d/%m/%Y}",
        profile.in_work and "and in work",
        profile.part_time and f"({profile.part_time.years:g} of them at {profile.part_time.percent:g}%)"]))
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
        ("Declared", ", ".join(DECLARATIONS[key][0] for key in profile.declarations)),
    ]
    return printable("\n".join(f"{label + ':':<14}{value or '—'}" for label, value in facts))
