"""The tracker's part about the selection procedure: its stages, the dated events and every deadline, each block
as the tracker pane wraps it (tui/widgets/text_pane.py)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from textual.content import Content

from eujobs.store.model import Event, Vacancy
from eujobs.store.procedure.entries import DEFAULT_ZONE
from eujobs.store.procedure.templates import PROCEDURES
from eujobs.store.procedure.track import NamedDeadline, StageLine, all_deadlines, reserve_list_until, stage_track
from eujobs.store.procedure.when import when_text

from ..commands import key_of
from ..formatting import countdown, printable
from .line_view import NO_BREAK_SPACE
from .text_pane import Block, muted
from .vacancy_list import CLOSED, SOON, SYMBOLS, URGENT, urgency

# The keys the hints name, as the table of commands gives them.
RECORD_STAGE, ADD_EVENT, ADD_DEADLINE, REMOVE_DATED = (
    "ask('stage')", "ask('event')", "ask('deadline')", "ask('remove_dated')")
# A stage's result by a symbol as well as a colour; a stage not reached yet is a dot.
RESULT_MARKS = {"passed": ("✓", "$success"), "failed": ("✗", "$error"), "waiting": ("…", "$warning")}
CURRENT_MARK = "▶"


def _heading(text: str, hint: str) -> Block:
    # The hint a whole, as the status's is.
    return Content(), Content.assemble((text, "bold $accent"), "  ", (hint.replace(" ", NO_BREAK_SPACE), "$text-muted"))


def stage_blocks(vacancy: Vacancy, now: datetime) -> Iterable[Block]:
    """The procedure's stages in order, ▶ on the one reached last, each reached one with its result, day and note
    (before any is reached, one line: how many, from which to which). Then the reserve list the user is on, if any."""
    procedure = PROCEDURES[vacancy.procedure]
    track = stage_track(vacancy)
    yield Content(), Content()
    yield _heading(procedure.name, f"{key_of(RECORD_STAGE)} to record a stage")
    if not any(line.record for line in track):
        yield Content(), muted(f"Not started: {len(track)} stages, from {track[0].stage.label} to "
                               f"{track[-1].stage.label}.")
    else:
        yield from (_stage_line(line) for line in track)
    until = reserve_list_until(vacancy)
    if until is not None:
        yield Content(), Content.assemble((f"on reserve list until {until:%d/%m/%Y}", "bold"), "  ",
                                          (countdown(until, now).replace(" ", NO_BREAK_SPACE), "$text-muted"))


def what_to_add(vacancy: Vacancy) -> Iterable[Block]:
    """A line naming the keys that add what the vacancy has none of yet (its sections are left out till then)."""
    event, deadline = key_of(ADD_EVENT), key_of(ADD_DEADLINE)
    if not vacancy.events and not vacancy.deadlines:
        yield Content(), muted(f"{event} adds an event (a test, an interview), {deadline} a deadline.")
    elif not vacancy.events:
        yield Content(), muted(f"{event} adds an event (a test, an interview).")
    elif not vacancy.deadlines:
        yield Content(), muted(f"{deadline} adds a deadline of your own.")


def _stage_line(line: StageLine) -> Block:
    marker = (CURRENT_MARK, "bold $accent") if line.current else " "
    if line.record is None:
        return Content.assemble(marker, " · "), muted(line.stage.label)
    symbol, colour = RESULT_MARKS[line.record.result]
    day = f" {line.record.on:%d/%m/%Y}" if line.record.on else ""
    # The result and its day a whole: a narrow pane moves them to the next line rather than part them.
    outcome = f"{line.record.result}{day}".replace(" ", NO_BREAK_SPACE)
    body = Content.assemble((line.stage.label, "bold" if line.current else ""), "  ", (outcome, colour))
    if line.implied:  # dated: the status stands for it; undated: a later stage was reached
        body += Content.assemble("  ", ("(from the status)" if line.record.on else "(implied)", "$text-muted"))
    if line.record.note:
        body += Content.assemble(" — ", printable(line.record.note))
    return Content.assemble(marker, " ", (symbol, colour), " "), body


def event_blocks(vacancy: Vacancy, now: datetime, own_zone: str | None) -> Iterable[Block]:
    """The dated events, soonest first: Brussels time (the zone given) and the user's own when it differs."""
    if not vacancy.events:
        return
    yield Content(), Content()
    yield _heading("Events", f"{key_of(ADD_EVENT)} to add, {key_of(REMOVE_DATED)} to remove")
    for event in sorted(vacancy.events, key=lambda event: event.at):
        yield _event_line(event, now, own_zone)


def _event_line(event: Event, now: datetime, own_zone: str | None) -> Block:
    when = when_text(event.at, event.zone, own_zone)
    body = Content.assemble((event.kind, "bold"), " ", printable(f"{when}, {event.place}" if event.place else when))
    if event.at >= now:
        body += Content.assemble("  ", (countdown(event.at, now).replace(" ", NO_BREAK_SPACE), "$text-muted"))
    if event.note:
        body += Content.assemble(" — ", printable(event.note))
    # One that is over is greyed: what is still ahead stands out.
    return (Content("• "), body) if event.at >= now else (muted("· "), body.stylize("$text-muted"))


def deadline_blocks(vacancy: Vacancy, now: datetime, own_zone: str | None) -> Iterable[Block]:
    """Once the user has deadlines of their own: every deadline, the posting's too, soonest first, named and
    counted down ("supporting documents due in 3 d") with the urgency mark the list gives."""
    if not vacancy.deadlines:
        return
    yield Content(), Content()
    yield _heading("Deadlines", f"{key_of(ADD_DEADLINE)} to add, {key_of(REMOVE_DATED)} to remove")
    for item in all_deadlines(vacancy):
        yield _deadline_line(item, now, own_zone)


def _deadline_line(item: NamedDeadline, now: datetime, own_zone: str | None) -> Block:
    level = urgency(item.at, now)
    zone = getattr(getattr(item.at, "tzinfo", None), "key", None) or DEFAULT_ZONE
    when = when_text(item.at, zone, own_zone)
    if level == CLOSED:
        body = muted(f"{item.label} closed {when}")
    else:
        # "reserve list expires in 389 d", "supporting documents due in 3 d"
        due = f"{item.label} {'' if item.kind == 'reserve_list' else 'due '}{countdown(item.at, now)}"
        colour = {URGENT: "bold $error", SOON: "$warning"}.get(level, "")
        body = Content.assemble((due, colour), "  ", (when, "$text-muted"))
    if item.note:
        body += Content.assemble(" — ", printable(item.note))
    return Content(f"{SYMBOLS[level]} "), body
