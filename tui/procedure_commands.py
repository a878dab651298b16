"""`eujobs procedure`, `stage`, `event` and `deadline`: where an application stands in its selection procedure,
and the dates it sets (tests, interviews, supporting documents, the day a reserve list lapses)."""

from __future__ import annotations

import argparse
from datetime import datetime

from eujobs.store.errors import StoreError
from eujobs.store.outputs.instants import BRUSSELS
from eujobs.store.outputs.safe_text import printable
from eujobs.store.persistence.db import Applied, Store
from eujobs.store.persistence.state import Change, Step
from eujobs.store.procedure.changes import (
    add_deadline,
    add_event,
    remove_deadline,
    remove_event,
    set_procedure,
    set_stage,
)
from eujobs.store.procedure.entries import DEFAULT_ZONE
from eujobs.store.procedure.templates import (
    DEADLINE_KINDS,
    EVENT_KINDS,
    PROCEDURES,
    STAGE_RESULTS,
    find_procedure,
    find_stage,
)
from eujobs.store.procedure.track import all_deadlines
from eujobs.store.procedure.when import checked_zone, parse_when

from .formatting import own_zone
from .procedure_report import deadline_line, event_line, track_lines

AUTO = "auto"  # `eujobs procedure ID auto`: the procedure the posting implies again


def add_parsers(commands, common: argparse.ArgumentParser) -> None:
    procedure = commands.add_parser(
        "procedure", parents=[common], help="show or set which selection procedure a vacancy goes through",
        description="Print the procedure a vacancy goes through (worked out from its kind and reference), or set "
                    f"it: {', '.join(PROCEDURES)}, or {AUTO} for the one the posting implies.")
    procedure.add_argument("vacancy", metavar="ID|REFERENCE")
    procedure.add_argument("procedure", nargs="?", metavar="KIND")

    stage = commands.add_parser(
        "stage", parents=[common], help="show the stages of a vacancy's procedure, or record one's result",
        description="Without STAGE, print the stages of the vacancy's procedure, ▶ on the one reached last. "
                    "With STAGE (its id or its name, e.g. 'written test') and RESULT, record it.")
    stage.add_argument("vacancy", metavar="ID|REFERENCE")
    stage.add_argument("stage", nargs="?", metavar="STAGE")
    stage.add_argument("result", nargs="?", choices=STAGE_RESULTS, metavar="RESULT", help=", ".join(STAGE_RESULTS))
    stage.add_argument("--on", metavar="DATE", help="the day, day first: 14/01/2027 (default: today)")
    stage.add_argument("--note", default="", help="a word on it")

    event = commands.add_parser(
        "event", parents=[common], help="list a vacancy's dated events (tests, interviews), or add one",
        description="Without KIND and WHEN, list the vacancy's events. WHEN is day first, in Brussels time "
                    "unless --zone: '14/01/2027 10:00'. Times are also shown in your own zone (TZ) when it differs.")
    event.add_argument("vacancy", metavar="ID|REFERENCE")
    event.add_argument("kind", nargs="?", choices=EVENT_KINDS, metavar="KIND", help=", ".join(EVENT_KINDS))
    event.add_argument("when", nargs="?", metavar="WHEN")
    event.add_argument("--place", default="", help="where it is held (or: online)")
    event.add_argument("--note", default="", help="a word on it")
    event.add_argument("--zone", default=DEFAULT_ZONE, help=f"the zone WHEN is in (default {DEFAULT_ZONE})")
    event.add_argument("--remove", metavar="EVENT_ID", help="remove this event (its id is shown in the list)")

    deadline = commands.add_parser(
        "deadline", parents=[common], help="list a vacancy's deadlines, or add one of your own",
        description="Without KIND and WHEN, list every deadline: the posting's and yours. WHEN is day first, in "
                    "Brussels time unless --zone: '20/01/2027 12:00', or a day alone ('31/12/2027'), which "
                    "closes at its end.")
    deadline.add_argument("vacancy", metavar="ID|REFERENCE")
    deadline.add_argument("kind", nargs="?", choices=DEADLINE_KINDS, metavar="KIND", help=", ".join(DEADLINE_KINDS))
    deadline.add_argument("when", nargs="?", metavar="WHEN")
    deadline.add_argument("--note", default="", help="a word on it")
    deadline.add_argument("--zone", default=DEFAULT_ZONE, help=f"the zone WHEN is in (default {DEFAULT_ZONE})")
    deadline.add_argument("--remove", metavar="DEADLINE_ID", help="remove this deadline of yours")


def changes_something(args: argparse.Namespace) -> bool:
    """Whether the command writes (a read needs no writable store)."""
    if args.command == "procedure":
        return args.procedure is not None
    if args.command == "stage":
        return args.stage is not None
    return args.kind is not None or args.remove is not None


def run_procedure(store: Store, args: argparse.Namespace) -> int:
    vacancy = store.require(args.vacancy)
    if args.procedure is None:
        chosen = "your choice" if vacancy.chosen_procedure else "from the posting"
        print(f"{vacancy.id}: {PROCEDURES[vacancy.procedure].name} ({chosen})")
        return 0
    wanted = None if args.procedure == AUTO else find_procedure(args.procedure)
    if wanted is None and args.procedure != AUTO:
        raise StoreError(f"unknown procedure '{args.procedure}' (one of: {', '.join(PROCEDURES)}, or {AUTO})")
    before = PROCEDURES[vacancy.procedure].name
    applied = store.apply_and_read(_step(set_procedure(vacancy, wanted))).vacancy
    print(f"{vacancy.id}: procedure {before} -> {PROCEDURES[applied.procedure].name}")
    return 0


def run_stage(store: Store, args: argparse.Namespace) -> int:
    vacancy, now = store.require(args.vacancy), store.clock()
    if args.stage is None:
        print(printable("\n".join(track_lines(vacancy, now))))
        return 0
    procedure = PROCEDURES[vacancy.procedure]
    stage = find_stage(procedure, args.stage)
    if stage is None:
        names = ", ".join(stage.label for stage in procedure.stages)
        raise StoreError(f"'{args.stage}' is no stage of the {procedure.name} procedure (its stages: {names})")
    if args.result is None:
        raise StoreError(f"say how {stage.label} went: {', '.join(STAGE_RESULTS)}")
    on = parse_when(args.on, DEFAULT_ZONE, day_allowed=True) if args.on else now.astimezone(BRUSSELS).date()
    if isinstance(on, datetime):
        raise StoreError(f"--on is a day, without a time: e.g. {on:%d/%m/%Y}")
    applied = store.apply_and_read(_step(set_stage(vacancy, stage.id, args.result, on, args.note))).vacancy
    print(printable(f"{vacancy.id}: {stage.label} {args.result} on {on:%d/%m/%Y}"))
    print(printable("\n".join(track_lines(applied, now))))
    return 0


def run_event(store: Store, args: argparse.Namespace) -> int:
    vacancy, zone = store.require(args.vacancy), own_zone()
    if args.remove:
        event = next((event for event in vacancy.events if event.id == args.remove), None)
        store.apply(remove_event(vacancy, args.remove))
        print(printable(f"{vacancy.id}: removed the {event_line(event, zone)}"))
        return 0
    if args.kind is None:
        if not vacancy.events:
            print(f"{vacancy.id}: no events yet (eujobs event {vacancy.id} KIND WHEN adds one)")
        for event in vacancy.events:
            print(printable(f"{event.id:<10} {event_line(event, zone)}"))
        return 0
    at = parse_when(_needed(args.when, "event"), checked_zone(args.zone))
    applied = store.apply_and_read(_step(add_event(vacancy, args.kind, at, args.zone, args.place, args.note)))
    added = next(event for event in applied.vacancy.events if event.id == _added_id(applied))
    print(printable(f"{vacancy.id}: {event_line(added, zone)}  [{added.id}]"))
    return 0


def run_deadline(store: Store, args: argparse.Namespace) -> int:
    vacancy, zone, now = store.require(args.vacancy), own_zone(), store.clock()
    if args.remove:
        item = next((item for item in all_deadlines(vacancy) if item.id == args.remove), None)
        store.apply(remove_deadline(vacancy, args.remove))
        print(printable(f"{vacancy.id}: removed the deadline {deadline_line(item, now, zone)}"))
        return 0
    if args.kind is None:
        items = all_deadlines(vacancy)
        if not items:
            print(f"{vacancy.id}: no deadlines (eujobs deadline {vacancy.id} KIND WHEN adds one)")
        for item in items:
            print(printable(f"{item.id or 'posting':<10} {deadline_line(item, now, zone)}"))
        return 0
    at = parse_when(_needed(args.when, "deadline"), checked_zone(args.zone), day_allowed=True)
    applied = store.apply_and_read(_step(add_deadline(vacancy, args.kind, at, args.zone, args.note)))
    added = next(item for item in all_deadlines(applied.vacancy) if item.id == _added_id(applied))
    print(printable(f"{vacancy.id}: {deadline_line(added, now, zone)}  [{added.id}]"))
    return 0



def _step(change: Change) -> Step:
    return Step((change,))


def _added_id(applied: Applied) -> str:
    """The id the store gave the entry a step added: its undo removes it by that id ("event:ev-3f2a1")."""
    return applied.undo.changes[0].slot.partition(":")[2]


def _needed(when: str | None, what: str) -> str:
    if when is None:
        raise StoreError(f"say when the {what} is, day first: e.g. 14/01/2027 10:00")
    return when
