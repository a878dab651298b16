"""What the user did with a vacancy, kept apart from what the posting says, and every change to it
as a reversible value.

A Change names one slot of a vacancy's state and the value to put there. Applying it returns the
Change that puts the old value back, so undo is just another change, and the dashboard, the command
line and the tests all change state the same way. A change is an operation, applied under the lock to
the state as it is on disk (add this item, set this note), never a copy of what a dialog saw: two
dashboards adding an item each keep both, and notes written over text another one changed meanwhile
keep both texts (merge_notes).

Slots:
  status                 one of STATUSES (each change is also dated in the history)
  notes                  free text; a change that says what it was written over (`was`) keeps both texts
                         when the notes changed meanwhile
  applied_on             ISO date or None
  next_action_on         ISO date or None
  next_action            free text
  tick:<item id>         True / False
  item:<item id>         the user's wording of a checklist item (None: the posting's own)
  custom                 the user's own checklist items, all of them: [{"id", "text"}]
  custom+                a new checklist item of the user's own: its text (its id is given as it is saved)
  custom:<item id>       the text of one of the user's own checklist items (None: deleted)
  field:<name>           the user's value of a posting field, JSON form (None: the parsed one)
  procedure              the procedure the user says the vacancy goes through (None: the one the posting implies)
  stage:<stage id>       the user's record of a stage: {"on": ISO date, "result", "note"} (None: none)
  event+                 a new dated event: {"kind", "at", "zone", "place", "note"} (its id is given as it is saved)
  event:<event id>       one event, with its id (None: removed)
  deadline+              a new deadline of the user's: {"kind", "at", "zone", "note"} (its id is given as it is saved)
  deadline:<deadline id> one deadline, with its id (None: removed)
  attachment+            a file kept in the store (attachments.py) attached: {"sha256", "name", "size", "as"}; its id
                         (the sha256) and the time it was attached are given as it is saved
  attachment:<sha256>    one attachment's entry (None: detached; the kept file stays in the store)
  removed                True: the vacancy is deleted (kept apart whole, its posting and state, to come back);
                         False: a deleted vacancy comes back (the store applies it: it moves the catalog's record)

A Step is one thing the user did (a tick, the dates, deleting a vacancy): its changes are saved together, all or
none, and undone together, by the step that applying it returns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from eujobs.store.errors import StoreError
from eujobs.store.model import STATUSES, Vacancy
from eujobs.store.procedure.entries import STAGE_IDS, deadline_problem, event_problem, new_entry_id, stage_problem
from eujobs.store.procedure.templates import PROCEDURES

EDITABLE_FIELDS = (
    "title", "job_title", "institution", "department", "unit", "locations", "domain", "reference", "kind",
    "contract_type", "grade", "deadline", "start_date", "duration", "end_date", "languages",
    "min_experience_years", "education", "apply", "applicants",
)
_PLAIN_SLOTS = {"status", "notes", "applied_on", "next_action_on", "next_action", "procedure"}
_KEYED_SLOTS = {"tick": "ticks", "item": "item_texts", "field": "overrides", "custom": "custom", "stage": "stages"}
# The user's entries kept as a list, each with its id; `<kind>+` adds one, naming it (apply_change).
_ENTRY_LISTS = {"attachment": "attachments", "event": "events", "deadline": "deadlines"}
_ADDED_ENTRIES = {"event+": ("event", "ev-"), "deadline+": ("deadline", "dl-")}  # the kind, its ids' prefix
_ENTRY_PROBLEMS = {"event": event_problem, "deadline": deadline_problem}
ADD_ITEM = "custom+"
ATTACH = "attachment+"
ATTACHMENT_KINDS = ("cv", "letter", "form", "other")  # what a file sent was sent as (the entry's "as")
REMOVED = "removed"
_SHA256 = re.compile(r"[0-9a-f]{64}")
OTHER_NOTES = "── Written meanwhile in another eujobs (both kept: merge them by hand) ──"


@dataclass(frozen=True)
class Change:
    vacancy_id: str
    slot: str
    value: Any
    note: str = ""
    was: str | None = None  # notes: the text the user changed (see merge_notes)


@dataclass(frozen=True)
class Step:
    changes: tuple[Change, ...]
    said: str = ""  # what the user did, in words, as its undo names it: "the dates", "deleted “Statistician”"


def empty_state(vacancy_id: str) -> dict:
    return {
        "id": vacancy_id, "status": "new", "notes": "", "history": [], "ticks": {}, "item_texts": {},
        "custom": [], "overrides": {}, "applied_on": None, "next_action_on": None, "next_action": "",
        "attachments": [], "procedure": None, "stages": {}, "events": [], "deadlines": [],
    }


def check(change: Change) -> None:
    kind, _, key = change.slot.partition(":")
    if change.slot == REMOVED:
        if not isinstance(change.value, bool):
            raise StoreError("a vacancy is deleted (true) or brought back (false)")
        return
    if change.slot == ATTACH or kind == "attachment":
        _check_attachment(change, key)
        return
    if kind in _ENTRY_PROBLEMS or change.slot in _ADDED_ENTRIES or kind == "stage" or change.slot == "procedure":
        _check_procedure_entry(change, kind, key)
        return
    if change.slot in _PLAIN_SLOTS or change.slot == ADD_ITEM:
        if change.slot == "status" and change.value not in STATUSES:
            raise StoreError(f"unknown status '{change.value}' (one of: {', '.join(STATUSES)})")
        return
    if kind not in _KEYED_SLOTS or not key:
        raise StoreError(f"cannot change '{change.slot}'")
    if kind == "field" and key not in EDITABLE_FIELDS:
        raise StoreError(f"'{key}' is not a field that can be edited (one of: {', '.join(EDITABLE_FIELDS)})")
    if kind == "custom" and not key.startswith("custom-"):
        raise StoreError(f"'{key}' is not one of your own checklist items")


def read_slot(state: dict, slot: str) -> Any:
    kind, _, key = slot.partition(":")
    if slot in _PLAIN_SLOTS:
        return state[slot]
    if kind == "custom":
        return next((item["text"] for item in state["custom"] if item["id"] == key), None)
    if kind in _ENTRY_LISTS:
        return next((entry for entry in state[_ENTRY_LISTS[kind]] if entry["id"] == key), None)
    return state[_KEYED_SLOTS[kind]].get(key, False if kind == "tick" else None)


def write_slot(state: dict, slot: str, value: Any) -> None:
    kind, _, key = slot.partition(":")
    if slot in _PLAIN_SLOTS:
        state[slot] = value
        return
    if kind == "custom":
        _write_own_item(state["custom"], key, value)
        return
    if kind in _ENTRY_LISTS:
        entries = [entry for entry in state[_ENTRY_LISTS[kind]] if entry["id"] != key]
        state[_ENTRY_LISTS[kind]] = entries + ([value] if value is not None else [])
        return
    table = state[_KEYED_SLOTS[kind]]
    if value is None or (kind == "tick" and value is False):
        table.pop(key, None)  # the posting's own value again: nothing to keep
    else:
        table[key] = value


def apply_change(state: dict, change: Change, at: str) -> Change:
    """Apply to a state document in place; returns the change that undoes it."""
    check(change)
    if change.slot == ADD_ITEM:  # its id, against the items of the state on disk
        item_id = _new_item_id(change.value, {item["id"] for item in state["custom"]})
        change = Change(change.vacancy_id, f"custom:{item_id}", change.value)
    elif change.slot == ATTACH:  # named by its content; attached again, its entry is replaced (and undone back)
        sha256 = change.value["sha256"]
        change = Change(change.vacancy_id, f"attachment:{sha256}", {**change.value, "id": sha256, "at": at})
    elif change.slot in _ADDED_ENTRIES:  # its id, against the entries of the state on disk
        kind, prefix = _ADDED_ENTRIES[change.slot]
        entry_id = new_entry_id(prefix, change.value, {entry["id"] for entry in state[_ENTRY_LISTS[kind]]})
        change = Change(change.vacancy_id, f"{kind}:{entry_id}", {**change.value, "id": entry_id})
    old = read_slot(state, change.slot)
    value = change.value
    if change.slot == "notes" and change.was is not None:
        value = merge_notes(old, value, change.was)
    write_slot(state, change.slot, value)
    if change.slot == "status" and value != old:
        state["history"].append({"at": at, "status": value, "note": change.note})
    return Change(change.vacancy_id, change.slot, old, was=value if change.slot == "notes" else None)


def merge_notes(saved: str, mine: str, was: str) -> str:
    """The notes to save when the user turned `was` into `mine` and `saved` is on disk now: `mine`, unless
    another eujobs changed them meanwhile; then both texts, the other one under a mark."""
    if saved in (was, mine) or not saved.strip():
        return mine
    return f"{mine.rstrip()}\n\n{OTHER_NOTES}\n{saved}" if mine.strip() else f"{OTHER_NOTES}\n{saved}"


def add_item(vacancy: Vacancy, text: str) -> Change:
    """A change adding the user's own checklist item; its id is given as it is saved (apply_change)."""
    return Change(vacancy.id, ADD_ITEM, _item_text(text))


def _new_item_id(text: str, taken: set[str]) -> str:
    """An item's id comes from its text, numbered on a clash."""
    import hashlib  # here: loading OpenSSL was 2 ms of every dashboard start, which hashes nothing

    base = "custom-" + hashlib.sha1(text.lower().encode()).hexdigest()[:6]
    item_id, n = base, 2
    while item_id in taken:
        item_id, n = f"{base}-{n}", n + 1
    return item_id


def edit_item(vacancy: Vacancy, item_id: str, text: str) -> Change:
    kind = "custom" if any(item.id == item_id for item in vacancy.custom) else "item"
    return Change(vacancy.id, f"{kind}:{item_id}", _item_text(text))


def delete_item(vacancy: Vacancy, item_id: str) -> Change:
    if not any(item.id == item_id for item in vacancy.custom):
        raise StoreError("only your own items can be deleted; the posting's items stay (untick them instead)")
    return Change(vacancy.id, f"custom:{item_id}", None)


def _check_procedure_entry(change: Change, kind: str, key: str) -> None:
    """The procedure, a stage's record, an event, a deadline: as store/procedure/entries.py reads them back."""
    value = change.value
    if change.slot == "procedure":
        if value is not None and value not in PROCEDURES:
            raise StoreError(f"unknown procedure '{value}' (one of: {', '.join(PROCEDURES)})")
        return
    if kind == "stage" and key not in STAGE_IDS:
        raise StoreError(f"'{key}' is no stage of any procedure")
    if not key and change.slot not in _ADDED_ENTRIES:
        raise StoreError(f"cannot change '{change.slot}'")
    kind = _ADDED_ENTRIES[change.slot][0] if change.slot in _ADDED_ENTRIES else kind
    if value is None and change.slot not in _ADDED_ENTRIES:
        return
    problem = stage_problem(value) if kind == "stage" else _ENTRY_PROBLEMS[kind](value)
    if problem is None and key and value.get("id", key) != key:
        problem = f"the {kind} '{key}' is saved under its own id"
    if problem is not None:
        raise StoreError(problem)


def _check_attachment(change: Change, key: str) -> None:
    if change.slot != ATTACH and change.value is None:
        return  # detached
    problem = attachment_problem(change.value)
    if problem is None and key and change.value.get("sha256") != key:
        problem = "an attachment is named by the sha256 of the file kept"
    if problem is not None:
        raise StoreError(problem)


def attachment_problem(entry: object) -> str | None:
    """What is wrong with an attachment's entry, as attachments.py makes it and the state keeps it (with its id and
    the time it was attached); for a change about to be saved and a state file read back (records.py) alike."""
    if type(entry) is not dict or not {"sha256", "name", "size", "as"} <= set(entry) <= {
            "id", "sha256", "name", "size", "as", "at"}:
        return "an attachment is the sha256, name, size and kind of the file kept"
    if not (type(entry["sha256"]) is str and _SHA256.fullmatch(entry["sha256"])) or \
            entry.get("id", entry["sha256"]) != entry["sha256"]:
        return "an attachment is named by the sha256 of the file kept"
    if type(entry["name"]) is not str or not entry["name"] or type(entry["size"]) is not int or entry["size"] < 0:
        return "an attachment needs the name and size of the file kept"
    if entry["as"] not in ATTACHMENT_KINDS:
        return f"an attachment is sent as one of: {', '.join(ATTACHMENT_KINDS)}"
    if "at" in entry and type(entry["at"]) is not str:
        return "an attachment's time is not text"
    return None


def _write_own_item(items: list[dict], item_id: str, text: str | None) -> None:
    """Set the text of the user's own item in place, add it (at the end) or delete it (None)."""
    index = next((i for i, item in enumerate(items) if item["id"] == item_id), None)
    if text is None:
        if index is not None:
            del items[index]
    elif index is None:
        items.append({"id": item_id, "text": text})
    else:
        items[index] = {"id": item_id, "text": text}


def _item_text(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise StoreError("a checklist item needs some text")
    return text
