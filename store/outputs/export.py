"""Getting vacancies out of eujobs: a calendar of deadlines (ICS), a spreadsheet (CSV) and schema records (JSON).

Pure functions from vacancies to bytes; the time comes in as `now`, never from the wall clock, so an
export made twice with the same `now` is the same file. Text from postings leaves with its control characters
shown in the calendar and the spreadsheet and escaped in JSON (safe_text): never raw.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, NamedTuple

from eujobs.store.model import POSTING_YEARS, STATUSES, UserDeadline, Vacancy
from eujobs.store.model import Event as DatedEvent
from eujobs.store.outputs.safe_text import json_text, printable
from eujobs.store.outputs.timeline import BRUSSELS, RESERVE_LIST_WARNING, deadline_instant, is_open
from eujobs.store.procedure.templates import DEADLINE_LABELS, PROCEDURES
from eujobs.store.procedure.track import stage_track

if TYPE_CHECKING:
    from icalendar import Event, Timezone

FORMATS = ("ics", "csv", "json")
# The kinds of calendar event: a deadline (the posting's or one of the user's), a next action, a dated event.
DEADLINE, NEXT_ACTION, EVENT = "deadline", "next action", "event"
PRODID = "-//eujobs//eujobs//EN"
ALARMS = ((timedelta(days=7), "Deadline in 7 days"), (timedelta(days=1), "Deadline tomorrow"))
EVENT_ALARMS = ((timedelta(days=1), "tomorrow"), (timedelta(hours=2), "in 2 hours"))
CSV_COLUMNS = (
    "id", "title", "institution", "department", "unit", "locations", "reference", "kind", "contract_type", "grade",
    "deadline", "deadline_local", "status", "applied_on", "next_action_on", "next_action", "notes", "history",
    "apply_email", "apply_url", "source_path",
    # A row per stage of the procedure reached: the vacancy's columns again on each (none reached: one row).
    "procedure", "stage", "stage_on", "stage_result", "stage_note", "stage_from",
)
_UTC_KEYS = {"UTC", "Etc/UTC", "Etc/GMT", "GMT", "Etc/Zulu", "Zulu"}


def select(vacancies: list[Vacancy], statuses: list[str] | None) -> list[Vacancy]:
    """The vacancies with one of `statuses`, in their order; None keeps them all."""
    if statuses is None:
        return list(vacancies)
    unknown = [status for status in statuses if status not in STATUSES]
    if unknown:
        raise ValueError(f"unknown status '{unknown[0]}' (one of: {', '.join(STATUSES)})")
    wanted = set(statuses)
    return [vacancy for vacancy in vacancies if vacancy.status in wanted]


def export(vacancies: list[Vacancy], fmt: str, now: datetime, statuses: list[str] | None = None,
           bom: bool = False) -> bytes:
    """The vacancies with those statuses in format `fmt` (one of FORMATS); `bom` only matters for csv."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format '{fmt}' (one of: {', '.join(FORMATS)})")
    chosen = select(vacancies, statuses)
    if fmt == "ics":
        return to_ics(chosen, now)
    if fmt == "csv":
        return to_csv(chosen, bom=bom)
    return to_json_list(chosen)


# Calendar


def to_ics(vacancies: list[Vacancy], now: datetime) -> bytes:
    """An iCalendar file: one event per open deadline (two alarms before it) and one per next action to come.

    UIDs come from the vacancy ids, so importing a later export updates the events instead of doubling them.
    A deadline with a time is an instant in the posting's own zone (a VTIMEZONE is included for each zone);
    one with only a date is an all-day event. A date outside the years a posting can have (one kept by an
    earlier eujobs: 31/12/9999) gets no event: the others are all written.
    """
    stamp = now.astimezone(timezone.utc)
    makers = {DEADLINE: _deadline_event, NEXT_ACTION: _next_action_event, EVENT: _dated_event}
    events = [makers[entry.what](entry, stamp) for entry in calendar_entries(vacancies, now)]

    # imported here, not at the top: 30 ms that starting the dashboard does without
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "eujobs")
    for component in _timezones(events):
        calendar.add_component(component)
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()


class CalendarEntry(NamedTuple):
    vacancy: Vacancy
    what: str  # DEADLINE, NEXT_ACTION or EVENT
    item: UserDeadline | DatedEvent | None = None  # the user's deadline or event; None: the posting's deadline


def calendar_entries(vacancies: list[Vacancy], now: datetime) -> list[CalendarEntry]:
    """The events of a calendar export, in order: for each vacancy its open deadline, each deadline and event of
    the user's to come, its next action to come; what the command line counts when it says what it wrote."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("`now` must be timezone-aware")
    today = now.astimezone(BRUSSELS).date()
    entries = []
    for vacancy in vacancies:
        deadline, next_action_on = vacancy.posting.deadline, vacancy.next_action_on
        if deadline is not None and deadline.year in POSTING_YEARS and is_open(vacancy, now):
            entries.append(CalendarEntry(vacancy, DEADLINE))
        entries += [CalendarEntry(vacancy, DEADLINE, item) for item in vacancy.deadlines
                    if deadline_instant(item.at) >= now]
        entries += [CalendarEntry(vacancy, EVENT, event) for event in vacancy.events if event.at >= now]
        if next_action_on is not None and next_action_on.year in POSTING_YEARS and next_action_on >= today:
            entries.append(CalendarEntry(vacancy, NEXT_ACTION))
    return entries


def _deadline_event(entry: CalendarEntry, stamp: datetime) -> Event:
    vacancy, own = entry.vacancy, entry.item
    posting = vacancy.posting
    if own is None:
        event = _event(f"{vacancy.id}-deadline@eujobs", f"Deadline: {posting.title}", stamp)
        _add_start(event, posting.deadline)
        event.add("description", printable(_deadline_description(vacancy)))
    else:  # the same UID in every export, so a calendar updates it
        label = _capital(DEADLINE_LABELS[own.kind])
        event = _event(f"{vacancy.id}-{own.id}@eujobs", f"{label}: {posting.title}", stamp)
        _add_start(event, own.at)
        event.add("description", _own_description(vacancy, label, own.note))
    if posting.locations:
        event.add("location", printable(", ".join(posting.locations)))
    label = "Deadline" if own is None else _capital(DEADLINE_LABELS[own.kind])
    alarms = [(before, f"{text.replace('Deadline', label)}: {posting.title}") for before, text in ALARMS]
    if own is not None and own.kind == "reserve_list":  # time to ask for an extension, as `eujobs due` warns
        alarms.insert(0, (RESERVE_LIST_WARNING, f"{label} in a month: {posting.title}"))
    _add_alarms(event, alarms)
    return event


def _add_start(event: Event, at: datetime | date) -> None:
    if isinstance(at, datetime):
        # A deadline is an instant: no DTEND, which RFC 5545 reads as ending when it starts
        # (a DTEND equal to DTSTART is invalid there: it must be later).
        event.add("dtstart", _in_own_zone(at))
    else:
        event.add("dtstart", at)
        event.add("dtend", at + timedelta(days=1))


def _add_alarms(event: Event, alarms: list[tuple[timedelta, str]]) -> None:
    from icalendar import Alarm

    for before, text in alarms:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", printable(text))
        alarm.add("trigger", -before)
        event.add_component(alarm)


def _dated_event(entry: CalendarEntry, stamp: datetime) -> Event:
    """A test, an interview: busy at its time, in the zone it was given in."""
    vacancy, dated = entry.vacancy, entry.item
    what = _capital(dated.kind)
    event = _event(f"{vacancy.id}-{dated.id}@eujobs", f"{what}: {vacancy.posting.title}", stamp)
    event.pop("transp")
    event.add("transp", "OPAQUE")  # unlike a deadline, it takes the user's time
    event.add("dtstart", _in_own_zone(dated.at))
    event.add("duration", timedelta(hours=1))  # how long is not known: an hour marks it in the day
    if dated.place:
        event.add("location", printable(dated.place))
    event.add("description", _own_description(vacancy, what, dated.note))
    _add_alarms(event, [(before, f"{what} {text}: {vacancy.posting.title}") for before, text in EVENT_ALARMS])
    return event


def _own_description(vacancy: Vacancy, what: str, note: str) -> str:
    lines = [what + (f": {note}" if note else ""), *_identity_lines(vacancy)]
    return printable("\n".join([*lines, f"Status: {vacancy.status}", f"eujobs id: {vacancy.id}"]))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _next_action_event(entry: CalendarEntry, stamp: datetime) -> Event:
    vacancy = entry.vacancy
    posting = vacancy.posting
    action = vacancy.next_action.strip() or "next action"
    event = _event(f"{vacancy.id}-next@eujobs", f"Next: {action} – {posting.title}", stamp)
    event.add("dtstart", vacancy.next_action_on)
    event.add("dtend", vacancy.next_action_on + timedelta(days=1))
    lines = [f"Next action: {action}", *_identity_lines(vacancy)]
    lines += [f"Status: {vacancy.status}", f"eujobs id: {vacancy.id}"]
    event.add("description", printable("\n".join(lines)))
    return event


def _event(uid: str, summary: str, stamp: datetime) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", printable(summary))
    event.add("transp", "TRANSPARENT")  # a deadline does not make the user busy
    return event


def _deadline_description(vacancy: Vacancy) -> str:
    apply = vacancy.posting.apply
    lines = _identity_lines(vacancy)
    if apply.email:
        lines.append(f"Apply by e-mail: {apply.email}")
    if apply.url:
        lines.append(f"Apply online: {apply.url}")
    if not (apply.email or apply.url):
        lines.append("Apply: see the posting")
    if apply.subject:
        lines.append(f"Subject to use: {apply.subject}")
    if apply.documents:
        lines.append(f"Documents: {'; '.join(apply.documents)}")
    lines += [f"Status: {vacancy.status}", f"eujobs id: {vacancy.id}"]
    return "\n".join(lines)


def _identity_lines(vacancy: Vacancy) -> list[str]:
    posting = vacancy.posting
    where = " · ".join(part for part in (posting.institution, posting.department, posting.unit) if part)
    lines = [f"Reference: {posting.reference}"] if posting.reference else []
    if where:
        lines.append(where)
    if posting.deadline is not None:
        lines.append(f"Deadline: {deadline_local(posting.deadline)}")
    return lines


def _in_own_zone(deadline: datetime) -> datetime:
    """The deadline as written where it has a named zone (TZID=Europe/Brussels); otherwise the same instant in UTC."""
    key = getattr(deadline.tzinfo, "key", None)
    return deadline if key and key not in _UTC_KEYS else deadline.astimezone(timezone.utc)


def _timezones(events: list[Event]) -> list[Timezone]:
    """A VTIMEZONE for each zone the events use, sorted by name, covering the years of the events."""
    zones, years = {}, []
    for event in events:
        start = event.decoded("dtstart")
        years.append(start.year)
        key = getattr(getattr(start, "tzinfo", None), "key", None)
        if key:
            zones[key] = start.tzinfo
    if not zones:
        return []
    first, last = date(min(years) - 1, 1, 1), date(max(years) + 2, 1, 1)
    from icalendar import Timezone

    return [Timezone.from_tzinfo(zones[key], key, first_date=first, last_date=last) for key in sorted(zones)]


# Spreadsheet


def deadline_local(deadline: datetime | date | None) -> str:
    """The deadline as the posting writes it: '23/03/2026 12:00 Brussels time', or '23/03/2026' with no time."""
    if deadline is None:
        return ""
    if not isinstance(deadline, datetime):
        return f"{deadline:%d/%m/%Y}"
    key = getattr(deadline.tzinfo, "key", None)
    if key and key not in _UTC_KEYS:
        return f"{deadline:%d/%m/%Y %H:%M} {key.split('/')[-1].replace('_', ' ')} time"
    offset = f"{deadline:%z}"  # a fixed offset, e.g. a deadline typed in for a posting that had none: '+0100'
    return f"{deadline:%d/%m/%Y %H:%M}" + (f" UTC{offset[:3]}:{offset[3:5]}" if offset else "")


def history_text(vacancy: Vacancy) -> str:
    """Every dated status change: '2026-03-10T09:00:00+00:00 applied (sent by e-mail); ...'."""
    return "; ".join(
        f"{change.at} {change.status}" + (f" ({change.note})" if change.note else "") for change in vacancy.history
    )


def csv_rows(vacancy: Vacancy) -> list[dict[str, str]]:
    """The vacancy's row once per stage of its procedure reached, with that stage's columns; once with them empty
    when it has reached none."""
    row = csv_row(vacancy)
    procedure = _inert(printable(PROCEDURES[vacancy.procedure].name))
    reached = [line for line in stage_track(vacancy) if line.record is not None]
    if not reached:
        return [{**row, "procedure": procedure, "stage": "", "stage_on": "", "stage_result": "", "stage_note": "",
                 "stage_from": ""}]
    return [{**row, "procedure": procedure, "stage": line.stage.label,
             "stage_on": line.record.on.isoformat() if line.record.on else "", "stage_result": line.record.result,
             "stage_note": _inert(printable(line.record.note)), "stage_from": "status" if line.implied else "you"}
            for line in reached]


def csv_row(vacancy: Vacancy) -> dict[str, str]:
    posting = vacancy.posting
    applied = vacancy.applied_date
    row = {
        "id": vacancy.id,
        "title": posting.title,
        "institution": posting.institution,
        "department": posting.department,
        "unit": posting.unit,
        "locations": ", ".join(posting.locations),
        "reference": posting.reference,
        "kind": posting.kind,
        "contract_type": posting.contract_type,
        "grade": posting.grade,
        "deadline": posting.deadline.isoformat() if posting.deadline is not None else None,
        "deadline_local": deadline_local(posting.deadline),
        "status": vacancy.status,
        "applied_on": applied.isoformat() if applied else None,
        "next_action_on": vacancy.next_action_on.isoformat() if vacancy.next_action_on else None,
        "next_action": vacancy.next_action,
        "notes": vacancy.notes,
        "history": history_text(vacancy),
        "apply_email": posting.apply.email,
        "apply_url": posting.apply.url,
        "source_path": vacancy.source.path,
    }
    return {key: _inert(printable("" if value is None else str(value))) for key, value in row.items()}


def _inert(cell: str) -> str:
    """A cell a spreadsheet will not run: text from a posting that starts like a formula gets a quote first.
    (A carriage return is shown as text by then: printable.)"""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t") else cell


def to_csv(vacancies: list[Vacancy], bom: bool = False) -> bytes:
    """Rows per vacancy (csv_rows) under a header of CSV_COLUMNS, UTF-8 (with a BOM for spreadsheets on Windows)."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    for vacancy in vacancies:
        writer.writerows(csv_rows(vacancy))
    return buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")


# Records


def to_json_list(vacancies: list[Vacancy]) -> bytes:
    """A JSON list of vacancy.schema.json records, as `eujobs show --json` prints each one."""
    records = [vacancy.to_json() for vacancy in vacancies]
    return (json_text(records) + "\n").encode("utf-8")
