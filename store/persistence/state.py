"""What the user did with a vacancy, kept apart from what the posting says, and every change to it
as a reversible value.

A Change names one slot of a vacancy's state and the value to put there. Applying it returns the
Change that puts the old value back, so undo is just another change, and the dashboard, the command
line and the tests all change state the same way.

Slots:
  status                 one of STATUSES (each change is also dated in the history)
  notes                  free text
  applied_on             ISO date or None
  next_action_on         ISO date or None
  next_action            free text
  tick:<item id>         True / False
  item:<item id>         the user's wording of a checklist item (None: the posting's own)
  custom                 the user's own checklist items, [{"id", "text"}]
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
_PLAIN_SLOTS = {"status", "notes", "applied_on", "next_action_on", "next_action", "custom"}
_KEYED_SLOTS = {"tick": "ticks", "item": "item_texts", "field": "overrides"}


@dataclass(frozen=True)
class Change:
    vacancy_id: str
    slot: str
    value: Any
    note: str = ""


def empty_state(vacancy_id: str) -> dict:
    return {
        "id": vacancy_id, "status": "new", "notes": "", "history": [], "ticks": {}, "item_texts": {},
        "custom": [], "overrides": {}, "applied_on": None, "next_action_on": None, "next_action": "",
    }


def check(change: Change) -> None:
    kind, _, key = change.slot.partition(":")
    if change.slot in _PLAIN_SLOTS:
        if change.slot == "status" and change.value not in STATUSES:
            raise StoreError(f"unknown status '{change.value}' (one of: {', '.join(STATUSES)})")
        return
    if kind not in _KEYED_SLOTS or not key:
        raise StoreError(f"cannot change '{change.slot}'")
    if kind == "field" and key not in EDITABLE_FIELDS:
        raise StoreError(f"'{key}' is not a field that can be edited (one of: {', '.join(EDITABLE_FIELDS)})")


def read_slot(state: dict, slot: str) -> Any:
    kind, _, key = slot.partition(":")
    if slot in _PLAIN_SLOTS:
        return state[slot]
    return state[_KEYED_SLOTS[kind]].get(key, False if kind == "tick" else None)


def write_slot(state: dict, slot: str, value: Any) -> None:
    kind, _, key = slot.partition(":")
    if slot in _PLAIN_SLOTS:
        state[slot] = value
        return
    table = state[_KEYED_SLOTS[kind]]
    if value is None or (kind == "tick" and value is False):
        table.pop(key, None)  # the posting's own value again: nothing to keep
    else:
        table[key] = value


def apply_change(state: dict, change: Change, at: str) -> Change:
    """Apply to a state document in place; returns the change that undoes it."""
    check(change)
    old = read_slot(state, change.slot)
    write_slot(state, change.slot, change.value)
    if change.slot == "status" and change.value != old:
        state["history"].append({"at": at, "status": change.value, "note": change.note})
    return Change(change.vacancy_id, change.slot, old)


def add_item(vacancy: Vacancy, text: str) -> Change:
    """A change adding the user's own checklist item; its id comes from its text, numbered on a clash."""
    import hashlib  # here: loading OpenSSL was 2 ms of every dashboard start, which hashes nothing

    text = _item_text(text)
    taken = {item.id for item in vacancy.checklist}
    base = "custom-" + hashlib.sha1(text.lower().encode()).hexdigest()[:6]
    item_id, n = base, 2
    while item_id in taken:
        item_id, n = f"{base}-{n}", n + 1
    return Change(vacancy.id, "custom", [*_custom(vacancy), {"id": item_id, "text": text}])


def edit_item(vacancy: Vacancy, item_id: str, text: str) -> Change:
    text = _item_text(text)
    if any(item.id == item_id for item in vacancy.custom):
        return Change(vacancy.id, "custom", [
            {"id": item["id"], "text": text if item["id"] == item_id else item["text"]} for item in _custom(vacancy)
        ])
    return Change(vacancy.id, f"item:{item_id}", text)


def delete_item(vacancy: Vacancy, item_id: str) -> Change:
    if not any(item.id == item_id for item in vacancy.custom):
        raise StoreError("only your own items can be deleted; the posting's items stay (untick them instead)")
    return Change(vacancy.id, "custom", [item for item in _custom(vacancy) if item["id"] != item_id])


def _custom(vacancy: Vacancy) -> list[dict]:
    return [{"id": item.id, "text": item.text} for item in vacancy.custom]


def _item_text(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise StoreError("a checklist item needs some text")
    return text
