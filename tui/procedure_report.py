"""The procedure of a vacancy in plain text: its stages, events, deadlines and the files sent, as `eujobs show`,
`eujobs stage`, `eujobs event` and `eujobs deadline` print them."""

from __future__ import annotations

from datetime import datetime

from eujobs.store.model import Event, Vacancy
from eujobs.store.persistence.attachments import KIND_LABELS, size_text
from eujobs.store.procedure.templates import PROCEDURES
from eujobs.store.procedure.track import (
    NamedDeadline,
    StageLine,
    all_deadlines,
    reserve_list_text,
    reserve_list_until,
    stage_track,
)
from eujobs.store.procedure.when import when_text

from .formatting import countdown

RESULT_MARKS = {"passed": "✓", "failed": "✗", "waiting": "…"}


def track_lines(vacancy: Vacancy, now: datetime) -> list[str]:
    """The procedure's name, then each stage: ▶ on the one reached last, its result, day and note."""
    lines = [PROCEDURES[vacancy.procedure].name + ("" if vacancy.chosen_procedure else " (from the posting)")]
    lines += [stage_line(line) for line in stage_track(vacancy)]
    if reserve := reserve_list_line(vacancy, now):
        lines.append(f"  {reserve}")
    return lines


def stage_line(line: StageLine) -> str:
    record = line.record
    mark = "▶" if line.current else " "
    if record is None:
        return f"  {mark}   {line.stage.label}"
    day = f"{record.on:%d/%m/%Y}" if record.on else ""
    said = "  (from the status)" if line.implied else f"  — {record.note}" if record.note else ""
    return f"  {mark} {RESULT_MARKS[record.result]} {line.stage.label:<24} {record.result:<8} {day}{said}".rstrip()


def reserve_list_line(vacancy: Vacancy, now: datetime) -> str | None:
    """"on reserve list until 31/12/2027  [in 389 d]"; None when the user is on none."""
    until = reserve_list_until(vacancy)
    return until and f"{reserve_list_text(vacancy)}  [{countdown(until, now)}]"


def event_line(event: Event, own_zone: str | None) -> str:
    place = f", {event.place}" if event.place else ""
    note = f"  — {event.note}" if event.note else ""
    return f"{event.kind} on {when_text(event.at, event.zone, own_zone)}{place}{note}"


def deadline_line(item: NamedDeadline, now: datetime, own_zone: str | None) -> str:
    zone = getattr(getattr(item.at, "tzinfo", None), "key", None) or "Europe/Brussels"
    note = f"  — {item.note}" if item.note else ""
    return f"{item.label}: {when_text(item.at, zone, own_zone)}  [{countdown(item.at, now)}]{note}"


def procedure_section(vacancy: Vacancy, now: datetime, own_zone: str | None) -> list[str]:
    """What `eujobs show` adds: the stages, the events, every deadline and the files sent."""
    name, *stages = track_lines(vacancy, now)
    reached = any(line.record for line in stage_track(vacancy))
    lines = ["", f"Procedure: {name}", *(stages if reached else ["  no stage reached yet"])]
    if vacancy.events:
        lines += ["", "Events"] + [f"  {event_line(event, own_zone)}  [{event.id}]" for event in vacancy.events]
    if vacancy.deadlines:
        lines += ["", "Deadlines"] + [f"  {deadline_line(item, now, own_zone)}" + (f"  [{item.id}]" if item.id else "")
                                      for item in all_deadlines(vacancy)]
    if vacancy.attachments:
        lines += ["", "Documents sent"] + [
            f"  {_day(item.at)}  {item.name}  ({size_text(item.size)}, as {KIND_LABELS[item.used_as]})"
            for item in vacancy.attachments]
    return lines


def _day(at: str) -> str:
    """The day of an ISO time, day first ("06/12/2026"); blank when it has none."""
    return f"{datetime.fromisoformat(at):%d/%m/%Y}" if at else " " * 10
