"""The records of the store's files, checked before they are used.

A file can be valid JSON of the right schema and still hold a record of the wrong shape (edited by hand, or
restored from a backup someone made): a title that is a number, a date that is no date, a source's hash that is
a path. Met later, each would be an internal error in every command; checked here, it is one line naming the
file and the record. Each check raises RecordError (the caller adds the file and what to do).
"""

from __future__ import annotations

import json
import re
from datetime import date

from eujobs.store.eligibility.profile import Profile
from eujobs.store.errors import ProfileError
from eujobs.store.model import STATUSES, ChecklistItem, Posting, Source
from eujobs.store.outputs.safe_text import one_line
from eujobs.store.persistence.packing import posting_from_document
from eujobs.store.persistence.state import EDITABLE_FIELDS, attachment_problem
from eujobs.store.procedure.entries import STAGE_IDS, deadline_problem, event_problem, stage_problem
from eujobs.store.procedure.templates import PROCEDURES


class RecordError(ValueError):
    """What is wrong with one record, in words; the caller names the file. What it quotes from the file is
    escaped (an id holding an escape sequence must not reach the terminal raw)."""

    def __init__(self, problem: str) -> None:
        super().__init__(one_line(problem))


# Exact types (so true or false is no number), the fastest test: opening a store checks 10,000 postings.
_NONE = type(None)
_TEXT, _MAYBE_TEXT = frozenset({str}), frozenset({str, _NONE})
_MAYBE_NUMBER = frozenset({int, float, _NONE})
_LIST, _OBJECT = frozenset({list}), frozenset({dict})
# The type of each field of a posting's catalog document; the dates are read by the posting's own parser.
_POSTING_TYPES = {
    "title": _TEXT, "job_title": _MAYBE_TEXT, "institution": _MAYBE_TEXT, "department": _MAYBE_TEXT,
    "unit": _MAYBE_TEXT, "locations": _LIST, "domain": _MAYBE_TEXT, "reference": _MAYBE_TEXT, "kind": _TEXT,
    "contract_type": _MAYBE_TEXT, "grade": _MAYBE_TEXT, "deadline": _MAYBE_TEXT, "start_date": _MAYBE_TEXT,
    "duration": _MAYBE_TEXT, "end_date": _MAYBE_TEXT, "languages": _LIST, "min_experience_years": _MAYBE_NUMBER,
    "education": _MAYBE_TEXT, "apply": _OBJECT, "applicants": frozenset({int, _NONE}), "checklist": _TEXT,
    "warnings": _LIST, "deadline_zone": _MAYBE_TEXT,
}
_APPLY_TYPES = {"email": _MAYBE_TEXT, "url": _MAYBE_TEXT, "subject": _MAYBE_TEXT, "documents": _LIST}
_SOURCE_TYPES = {"path": _MAYBE_TEXT, "sha256": _TEXT, "format": _TEXT, "imported_at": _TEXT, "url": _MAYBE_TEXT,
                 "first_seen": _MAYBE_TEXT}
_LANGUAGE_TYPES = {"language": _TEXT, "level": _MAYBE_TEXT}
_STATE_TYPES = {
    "status": _TEXT, "notes": _TEXT, "history": _LIST, "ticks": _OBJECT, "item_texts": _OBJECT, "custom": _LIST,
    "overrides": _OBJECT, "applied_on": _MAYBE_TEXT, "next_action_on": _MAYBE_TEXT, "next_action": _TEXT,
    "procedure": _MAYBE_TEXT, "stages": _OBJECT, "events": _LIST, "deadlines": _LIST, "attachments": _LIST,
}
_CHANGE_TYPES = {"at": _TEXT, "status": _TEXT, "note": _TEXT}
_TEXT_KEY = re.compile(r"[0-9A-Za-z_-]{1,128}")  # the sha256 naming the text's file: never a path


def vacancy_parts(document: dict) -> tuple[Posting, Source]:
    """The posting and the source a catalog document holds, checked; RecordError names what is wrong."""
    vacancy_id = document.get("id")
    if not isinstance(vacancy_id, str):
        raise RecordError(f"a vacancy's id is {_kind(vacancy_id)}")
    problem = _vacancy_problem(document)
    if problem is None:
        try:
            return posting_from_document(document["posting"]), Source(**document["source"])
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            problem = f"{type(error).__name__}: {error}"
    raise RecordError(f"vacancy '{vacancy_id}': {problem}")


def check_catalog(data: dict) -> None:
    """Every vacancy of a catalog read as the store reads it, its checklist decoded too (what a restore checks
    before it puts a backup in place; opening a store decodes each checklist only when it is shown)."""
    for document in data.get("vacancies", {}).values():
        posting, _ = vacancy_parts(document)
        try:
            _check_items(posting.checklist)
        except (TypeError, ValueError) as error:
            raise RecordError(f"vacancy '{document['id']}': its checklist cannot be read ({error})") from None


def check_state(data: dict) -> None:
    """The user's records: each vacancy's state, the deleted vacancies and the profile."""
    for document in data.get("state", {}).values():
        vacancy_id = document.get("id")
        if not isinstance(vacancy_id, str):
            raise RecordError(f"the state of a vacancy has the id {_kind(vacancy_id)}")
        problem = _state_problem(document)
        if problem is not None:
            raise RecordError(f"the state of vacancy '{vacancy_id}': {problem}")
    for document in data.get("removed", {}).values():
        vacancy_id = document.get("id")
        if not isinstance(vacancy_id, str):
            raise RecordError(f"a deleted vacancy has the id {_kind(vacancy_id)}")
        problem = _removed_problem(document)
        if problem is not None:
            raise RecordError(f"the deleted vacancy '{vacancy_id}': {problem}")
    for document in data.get("profile", {}).values():
        try:
            Profile.from_json(document.get("profile"))
        except ProfileError as error:
            raise RecordError(f"the profile: {error}") from None


def _removed_problem(removed: dict) -> str | None:
    """A deleted vacancy is kept whole, to come back: its catalog record and its state, both as checked there."""
    vacancy, state = removed.get("vacancy"), removed.get("state")
    if type(removed.get("removed_at")) is not str:
        return f"the time it was deleted is {_kind(removed.get('removed_at'))}"
    if type(vacancy) is not dict or vacancy.get("id") != removed["id"]:
        return "its posting is not kept with it"
    if state is not None and (type(state) is not dict or state.get("id") != removed["id"]):
        return "its state is not kept with it"
    try:
        vacancy_parts(vacancy)
    except RecordError as error:
        return str(error)
    return None if state is None else _state_problem(state)


def _vacancy_problem(document: dict) -> str | None:
    for key, kinds in (("key", _TEXT), ("seen", _LIST), ("posting", _OBJECT), ("source", _OBJECT)):
        if type(document.get(key)) not in kinds:
            return f"its {key} is {_kind(document.get(key))}"
    if not _all_text(document["seen"]):
        return "its seen list holds something that is not a hash"
    source = document["source"]
    problem = _field_problem(source, _SOURCE_TYPES, "its source's")
    if problem is None and not _TEXT_KEY.fullmatch(source.get("sha256", "")):
        problem = "its source's sha256 cannot name a text file"
    return problem or _posting_problem(document["posting"])


def _posting_problem(posting: dict) -> str | None:
    problem = _field_problem(posting, _POSTING_TYPES, "its posting's")
    if problem is not None:
        return problem
    for key in ("locations", "warnings"):
        if not _all_text(posting.get(key)):
            return f"its posting's {key} holds something that is not text"
    for language in posting.get("languages", ()):
        if type(language) is not dict or _field_problem(language, _LANGUAGE_TYPES, ""):
            return "its posting's languages hold something that is not a language"
    apply = posting.get("apply", {})
    problem = _field_problem(apply, _APPLY_TYPES, "its posting's apply")
    if problem is None and not _all_text(apply.get("documents")):
        problem = "its posting's apply documents hold something that is not text"
    return problem


def _state_problem(state: dict) -> str | None:
    problem = _field_problem(state, _STATE_TYPES, "its")
    if problem is not None:
        return problem
    if state.get("status", "new") not in STATUSES:
        return f"its status '{state['status']}' is not one of {', '.join(STATUSES)}"
    if not all(_is_status_change(change) for change in state.get("history", [])):
        return "its history holds something that is not a status change"
    if not all(isinstance(done, bool) for done in state.get("ticks", {}).values()):
        return "its ticks hold something that is not true or false"
    if not all(isinstance(text, str) for text in state.get("item_texts", {}).values()):
        return "its checklist wording holds something that is not text"
    if not all(isinstance(item, dict) and isinstance(item.get("id"), str) and isinstance(item.get("text"), str)
               for item in state.get("custom", [])):
        return "its own checklist items hold something that is not an item"
    return _dates_problem(state) or _overrides_problem(state.get("overrides", {})) or _procedure_problem(state) \
        or _attachments_problem(state)


def _attachments_problem(state: dict) -> str | None:
    problem = next(filter(None, map(attachment_problem, state.get("attachments", []))), None)
    return f"its attachments: {problem}" if problem else None


def _procedure_problem(state: dict) -> str | None:
    """The procedure, its stages' records, the events and the deadlines, as the user's changes save them."""
    if state.get("procedure") not in (None, *PROCEDURES):
        return f"its procedure '{state['procedure']}' is not one of {', '.join(PROCEDURES)}"
    for stage_id, entry in state.get("stages", {}).items():
        if stage_id not in STAGE_IDS:
            return f"its stages hold '{stage_id}', which is no stage of any procedure"
        if (problem := stage_problem(entry)) is not None:
            return f"its stage '{stage_id}': {problem}"
    for key, problem_of in (("events", event_problem), ("deadlines", deadline_problem)):
        ids = [entry.get("id") if type(entry) is dict else None for entry in state.get(key, [])]
        if not all(type(entry_id) is str for entry_id in ids) or len(set(ids)) != len(ids):
            return f"its {key} hold one without an id of its own"
        problem = next(filter(None, map(problem_of, state.get(key, []))), None)
        if problem is not None:
            return f"its {key}: {problem}"
    return None


def _is_status_change(change) -> bool:
    return (isinstance(change, dict) and {"at", "status"} <= change.keys() <= {"at", "status", "note"}
            and _field_problem(change, _CHANGE_TYPES, "") is None)


def _dates_problem(state: dict) -> str | None:
    for key in ("applied_on", "next_action_on"):
        if state.get(key):
            try:
                date.fromisoformat(state[key])
            except ValueError:
                return f"its {key} '{state[key]}' is not a date"
    return None


def _overrides_problem(overrides: dict) -> str | None:
    """The user's own field values must make a posting, as they do when the vacancy is shown."""
    unknown = sorted(set(overrides) - set(EDITABLE_FIELDS))
    if unknown:
        return f"it changes '{unknown[0]}', which is not a field that can be edited"
    problem = _field_problem(overrides, _POSTING_TYPES, "its own value of")
    if problem is None:
        try:
            Posting.from_json({"title": "", **overrides})
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            problem = f"its field fixes do not make a posting ({type(error).__name__}: {error})"
    return problem


def _field_problem(record: dict, types: dict, owner: str) -> str | None:
    """What is wrong with the first field of the wrong type, said as "<owner> <field> is a number"."""
    for key, kinds in types.items():
        if key in record and type(record[key]) not in kinds:
            return f"{owner} {key} is {_kind(record[key])}"
    return None


def _all_text(items: list | None) -> bool:
    return not items or all(type(item) is str for item in items)


def _check_items(items: list[ChecklistItem]) -> None:
    for item in items:
        if not (isinstance(item.id, str) and isinstance(item.group, str) and isinstance(item.text, str)
                and isinstance(item.done, bool)):
            raise ValueError(f"item {json.dumps(item.id)[:40]} is not a checklist item")


def _kind(value) -> str:
    if value is None:
        return "missing"
    names = {bool: "true or false", int: "a number", float: "a number", str: "text", list: "a list", dict: "an object"}
    return names.get(type(value), type(value).__name__)
