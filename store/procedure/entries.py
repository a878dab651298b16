"""The user's records of a procedure as the state document keeps them (JSON) and as eujobs uses them.

Each *_problem function says in words what is wrong with one entry (None: nothing), for a change about to be saved
(store/persistence/state.py) and for a state file read back (store/persistence/records.py) alike.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

from eujobs.store.model import POSTING_YEARS, Event, StageRecord, UserDeadline
from eujobs.store.procedure.templates import DEADLINE_KINDS, EVENT_KINDS, PROCEDURES, STAGE_RESULTS

DEFAULT_ZONE = "Europe/Brussels"
STAGE_IDS = frozenset(stage.id for procedure in PROCEDURES.values() for stage in procedure.stages)
_TEXT_KEYS = ("note", "place")


def stage_problem(entry: object) -> str | None:
    if type(entry) is not dict or set(entry) != {"on", "result", "note"}:
        return "a stage's record is its day, its result and a note"
    if entry["result"] not in STAGE_RESULTS:
        return f"a stage's result is one of {', '.join(STAGE_RESULTS)}, not {json.dumps(entry['result'])[:40]}"
    if type(entry["note"]) is not str:
        return "a stage's note is not text"
    return _day_problem(entry["on"], "a stage's day")


def event_problem(entry: object) -> str | None:
    if type(entry) is not dict or not {"kind", "at", "zone", "place", "note"} <= set(entry) <= {
            "id", "kind", "at", "zone", "place", "note"}:
        return "an event is its kind, its time and zone, a place and a note"
    if entry["kind"] not in EVENT_KINDS:
        return f"an event is one of {', '.join(EVENT_KINDS)}, not {json.dumps(entry['kind'])[:40]}"
    return _common_problem(entry, "an event", days_allowed=False)


def deadline_problem(entry: object) -> str | None:
    if type(entry) is not dict or not {"kind", "at", "zone", "note"} <= set(entry) <= {
            "id", "kind", "at", "zone", "note"}:
        return "a deadline is its kind, its day or time and zone, and a note"
    if entry["kind"] not in DEADLINE_KINDS:
        return f"a deadline is one of {', '.join(DEADLINE_KINDS)}, not {json.dumps(entry['kind'])[:40]}"
    return _common_problem(entry, "a deadline", days_allowed=True)


def _common_problem(entry: dict, what: str, days_allowed: bool) -> str | None:
    if "id" in entry and type(entry["id"]) is not str:
        return f"{what}'s id is not text"
    if not all(type(entry.get(key, "")) is str for key in _TEXT_KEYS):
        return f"{what}'s place or note is not text"
    if zone_problem(entry["zone"]):
        return f"{what}'s zone {json.dumps(entry['zone'])[:60]} is not a time zone"
    if days_allowed and type(entry["at"]) is str and "T" not in entry["at"]:
        return _day_problem(entry["at"], f"{what}'s day")
    try:
        moment = datetime.fromisoformat(entry["at"])
    except (TypeError, ValueError):
        return f"{what}'s time {json.dumps(entry['at'])[:40]} is not a time"
    if moment.utcoffset() is None or moment.year not in POSTING_YEARS:
        return f"{what}'s time {entry['at']} is not a time with its offset"
    return None


def _day_problem(value: object, what: str) -> str | None:
    try:
        day = date.fromisoformat(value)
    except (TypeError, ValueError):
        return f"{what} {json.dumps(value)[:40]} is not a date"
    return None if day.year in POSTING_YEARS else f"{what} {value} is out of range"


def zone_problem(zone: object) -> str | None:
    try:
        ZoneInfo(zone)
    except Exception:  # ZoneInfoNotFoundError, ValueError, TypeError: no zone of that name, whatever the reason
        return f"{json.dumps(zone)[:60]} is not a time zone (e.g. Europe/Brussels)"
    return None


def stage_record(entry: dict) -> StageRecord:
    return StageRecord(date.fromisoformat(entry["on"]), entry["result"], entry["note"])


def event_of(entry: dict) -> Event:
    zone = entry["zone"]
    at = datetime.fromisoformat(entry["at"]).astimezone(ZoneInfo(zone))
    return Event(entry["id"], entry["kind"], at, zone, entry["place"], entry["note"])


def deadline_of(entry: dict) -> UserDeadline:
    zone, at = entry["zone"], entry["at"]
    when = datetime.fromisoformat(at).astimezone(ZoneInfo(zone)) if "T" in at else date.fromisoformat(at)
    return UserDeadline(entry["id"], entry["kind"], when, zone, entry["note"])


def new_entry_id(prefix: str, entry: dict, taken: set[str]) -> str:
    """An entry's id comes from what it says, numbered on a clash: short, to type (eujobs event ID --remove)."""
    import hashlib  # here: loading OpenSSL was 2 ms of every dashboard start, which hashes nothing

    base = prefix + hashlib.sha1(json.dumps(entry, sort_keys=True).encode()).hexdigest()[:5]
    entry_id, n = base, 2
    while entry_id in taken:
        entry_id, n = f"{base}-{n}", n + 1
    return entry_id
