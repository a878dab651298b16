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
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eujobs.store.errors import StoreError
from eujobs.store.model import STATUSES, Vacancy

EDITABLE_FIELDS = (
    "title", "job_title", "institution", "department", "unit", "locations", "domain", "reference", "kind",
    "contract_type", "grade", "deadline", "start_date", "duration", "end_date", "languages",
    "min_experience_years", "education", "apply", "applicants",
)
_PLAIN_SLOTS = {"status", "notes", "applied_on", "next_action_on", "next_action"}
_KEYED_SLOTS = {"tick": "ticks", "item": "item_texts", "field": "overrides", "custom": "custom"}
ADD_ITEM = "custom+"
OTHER_NOTES = "── Written meanwhile in another eujobs (both kept: merge them by hand) ──"


@dataclass(frozen=True)
class Change:
    vacancy_id: str
    slot: str
    value: Any
    note: str = ""
    was: str | None = None  # notes: the text the user changed (see merge_notes)


def empty_state(vacancy_id: str) -> dict:
    return {
        "id": vacancy_id, "status": "new", "notes": "", "history": [], "ticks": {}, "item_texts": {},
        "custom": [], "overrides": {}, "applied_on": None, "next_action_on": None, "next_action": "",
    }


def check(change: Change) -> None:
    kind, _, key = change.slot.partition(":")
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
    return state[_KEYED_SLOTS[kind]].get(key, False if kind == "tick" else None)


def write_slot(state: dict, slot: str, value: Any) -> None:
    kind, _, key = slot.partition(":")
    if slot in _PLAIN_SLOTS:
        state[slot] = value
        return
    if kind == "custom":
        _write_own_item(state["custom"], key, value)
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
