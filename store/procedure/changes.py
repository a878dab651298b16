"""The changes the user makes to a vacancy's procedure, each a Change to save (Store.apply) and undo.

The dashboard and the command line build them here alike; each is checked as it is saved (state.check).
"""

from __future__ import annotations

from datetime import date, datetime

from eujobs.store.errors import StoreError
from eujobs.store.model import Vacancy
from eujobs.store.persistence.state import Change
from eujobs.store.procedure.entries import DEFAULT_ZONE
from eujobs.store.procedure.templates import PROCEDURES, STAGE_RESULTS


def set_procedure(vacancy: Vacancy, procedure_id: str | None) -> Change:
    """The procedure the user says the vacancy goes through; None: the one its posting implies again."""
    return Change(vacancy.id, "procedure", procedure_id)


def set_stage(vacancy: Vacancy, stage_id: str, result: str, on: date, note: str = "") -> Change:
    """Record a stage of the vacancy's procedure: passed, failed or waiting, on a day."""
    procedure = PROCEDURES[vacancy.procedure]
    if procedure.stage(stage_id) is None:
        stages = ", ".join(stage.label for stage in procedure.stages)
        raise StoreError(f"'{stage_id}' is no stage of the {procedure.name} procedure (its stages: {stages})")
    if result not in STAGE_RESULTS:
        raise StoreError(f"a stage's result is one of {', '.join(STAGE_RESULTS)}, not '{result}'")
    return Change(vacancy.id, f"stage:{stage_id}", {"on": on.isoformat(), "result": result, "note": note.strip()})


def clear_stage(vacancy: Vacancy, stage_id: str) -> Change:
    """Forget the user's record of a stage: the status speaks for it again."""
    return Change(vacancy.id, f"stage:{stage_id}", None)


def add_event(vacancy: Vacancy, kind: str, at: datetime, zone: str = DEFAULT_ZONE, place: str = "",
              note: str = "") -> Change:
    """A dated event (a test, an interview) at `at`, an aware time, kept with the zone it was given in."""
    entry = {"kind": kind, "at": at.isoformat(), "zone": zone, "place": " ".join(place.split()),
             "note": note.strip()}
    return Change(vacancy.id, "event+", entry)


def remove_event(vacancy: Vacancy, event_id: str) -> Change:
    if not any(event.id == event_id for event in vacancy.events):
        raise StoreError(f"vacancy {vacancy.id} has no event '{event_id}' (eujobs event {vacancy.id} lists them)")
    return Change(vacancy.id, f"event:{event_id}", None)


def add_deadline(vacancy: Vacancy, kind: str, at: datetime | date, zone: str = DEFAULT_ZONE,
                 note: str = "") -> Change:
    """A deadline of the user's own: at a time (aware), or a day, which closes at its end, Brussels time."""
    return Change(vacancy.id, "deadline+", {"kind": kind, "at": at.isoformat(), "zone": zone, "note": note.strip()})


def remove_deadline(vacancy: Vacancy, deadline_id: str) -> Change:
    if not any(item.id == deadline_id for item in vacancy.deadlines):
        raise StoreError(f"vacancy {vacancy.id} has no deadline '{deadline_id}' "
                         f"(eujobs deadline {vacancy.id} lists them)")
    return Change(vacancy.id, f"deadline:{deadline_id}", None)
