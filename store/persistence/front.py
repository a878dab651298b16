"""The front of the list: the first rows of the dashboard's opening view, kept so that the next start draws
its first screen before it reads the catalog.

Reading 10,000 postings takes a fifth of a second before a first frame could show any of them; their first
rows are a few hundred KB. The front is a cache, written after a full read and trusted only while nothing it
was worked out from has changed: the catalog and state files (their stat keys, as every write replaces a
file whole) and which postings are open (no deadline has passed since, and the clock has not gone back
over one). Anything else wrong with it and it is ignored: the catalog is read as it always was. So is a row
of another shape than the store writes (each field of its type: see valid_row), rather than a crash when it is
drawn.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from eujobs.store.eligibility.profile import Profile
from eujobs.store.model import Posting, Source, Vacancy
from eujobs.store.outputs.timeline import deadline_instant, is_open
from eujobs.store.persistence.packing import posting_from_document

FRONT_FILE = "front.json"
FRONT_ROWS = 200  # more rows than a terminal shows
FORMAT = 1

# The types each field of a row's catalog documents may have (as posting_document and asdict(Source) write them),
# as JSON gives them back: compared by type(), so true or false is no number.
_TEXT, _MAYBE_TEXT, _LIST = {str}, {str, type(None)}, {list}
_POSTING = {
    "title": _TEXT, "job_title": _MAYBE_TEXT, "institution": _MAYBE_TEXT, "department": _MAYBE_TEXT,
    "unit": _MAYBE_TEXT, "locations": _LIST, "domain": _MAYBE_TEXT, "reference": _MAYBE_TEXT, "kind": _TEXT,
    "contract_type": _MAYBE_TEXT, "grade": _MAYBE_TEXT, "deadline": _MAYBE_TEXT, "deadline_zone": _MAYBE_TEXT,
    "start_date": _MAYBE_TEXT, "duration": _MAYBE_TEXT, "end_date": _MAYBE_TEXT, "languages": _LIST,
    "min_experience_years": {int, float, type(None)}, "education": _MAYBE_TEXT, "apply": {dict},
    "applicants": {int, type(None)}, "checklist": _TEXT, "warnings": _LIST,
}
_APPLY = {"email": _MAYBE_TEXT, "url": _MAYBE_TEXT, "subject": _MAYBE_TEXT, "documents": _LIST}
_LANGUAGE = {"language": _TEXT, "level": _MAYBE_TEXT}
_SOURCE = {"path": _MAYBE_TEXT, "sha256": _TEXT, "format": _TEXT, "imported_at": _TEXT, "url": _MAYBE_TEXT,
           "first_seen": _MAYBE_TEXT}
_SOURCE_REQUIRED = ("path", "sha256", "format", "imported_at")  # a front written before the others were
_SHA256 = re.compile(r"[0-9a-f]{64}")  # it names the text's file: never a path
# The compact JSON packing.py writes: a list of [string, string, string, true|false]. Possessive (*+, ++), so a
# string cut short fails at once instead of backtracking.
_JSON_STRING = r'"(?:[^"\\\x00-\x1f]++|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*+"'
_PACKED_ITEM = rf"\[{_JSON_STRING},{_JSON_STRING},{_JSON_STRING},(?:true|false)\]"
_PACKED_CHECKLIST = re.compile(rf"\[(?:{_PACKED_ITEM}(?:,{_PACKED_ITEM})*+)?\]")


@dataclass(frozen=True)
class FrontRows:
    """What a valid front says: the catalog documents of the first rows, in order, and the list's counts."""

    documents: list[dict]
    count: int
    open_count: int


@dataclass(frozen=True)
class Front:
    """The first screen's data, as a full read at `version` would give it."""

    vacancies: tuple[Vacancy, ...]  # the first rows of the list, in its opening order
    count: int  # of the whole store
    open_count: int
    profile: Profile
    version: tuple


def front_document(version: tuple, documents: list[dict], vacancies: Sequence[Vacancy], now: datetime) -> dict:
    """The front of a store at `version`: `documents` are the catalog documents of its first rows in the
    opening order (by deadline at `now`), `vacancies` all of the store's."""
    after, until = _open_window(vacancies, now)
    return {"front": FORMAT, "version": _plain(version), "open_after": after, "open_until": until,
            "count": len(vacancies), "open_count": sum(is_open(v, now) for v in vacancies), "rows": documents}


def read_front(data: object, version: tuple, now: datetime) -> FrontRows | None:
    """The rows of a front, if it was written for this version of the store and its order still holds at
    `now`; else None."""
    try:
        if data["front"] != FORMAT or data["version"] != _plain(version):
            return None
        after, until = (datetime.fromisoformat(data[key]) if data[key] else None for key in ("open_after", "open_until"))
        if (after is not None and not after < now) or (until is not None and not now <= until):
            return None
        if not (_counts(data["count"]) and _counts(data["open_count"]) and isinstance(data["rows"], list)):
            return None
        rows = FrontRows(data["rows"], data["count"], data["open_count"])
    except (KeyError, TypeError, ValueError):
        return None
    return rows if rows.documents and all(map(valid_row, rows.documents)) else None


def valid_row(row: object) -> bool:
    """Is this a row as the store writes it: its id, its posting and its source, every field of its type, the
    packed checklist too (decoded only when shown, past any check)?"""
    if not (type(row) is dict and row.keys() == {"id", "posting", "source"} and type(row["id"]) is str):
        return False
    posting, source = row["posting"], row["source"]
    if not (_typed(posting, _POSTING, {"title"}) and _typed(source, _SOURCE, _SOURCE_REQUIRED)
            and _SHA256.fullmatch(source["sha256"])):
        return False
    apply = posting.get("apply", {})
    return (_typed(apply, _APPLY, ()) and all(_texts(posting.get(key, ())) for key in ("locations", "warnings"))
            and _texts(apply.get("documents", ())) and all(_typed(language, _LANGUAGE, {"language"})
                                                           for language in posting.get("languages", ()))
            and _checklist_packed(posting.get("checklist", "[]")))


def row_parts(row: dict) -> tuple[Posting, Source]:
    """The posting and the source of a valid row (a catalog document without the catalog's own keys)."""
    return posting_from_document(row["posting"]), Source(**row["source"])


def _typed(record: object, types: dict[str, set], required) -> bool:
    """A JSON object with only these keys, each of one of its types, the required ones there."""
    return type(record) is dict and types.keys() >= record.keys() >= set(required) and all(
        type(value) in types[key] for key, value in record.items())


def _texts(values: object) -> bool:
    return type(values) is list and all(type(value) is str for value in values)


def _checklist_packed(packed: str) -> bool:
    """A checklist as packing.py packs it, JSON that decodes to [id, group, text, done] for each item. Matched
    rather than decoded and walked: a fifth of the time (200 rows' checklists in a millisecond)."""
    return _PACKED_CHECKLIST.fullmatch(packed) is not None


def _counts(value: object) -> bool:
    return type(value) is int and value >= 0


def _open_window(vacancies: Sequence[Vacancy], now: datetime) -> tuple[str | None, str | None]:
    """The last deadline passed and the next to come, around `now`: between them the same postings are open,
    and the list's order (open ones first) is the same."""
    # The user's own deadlines too: the list sorts by the soonest to come (timeline.pressing_deadline).
    instants = [deadline_instant(at) for v in vacancies for at in (v.posting.deadline, *(d.at for d in v.deadlines))
                if at is not None]
    after = max((instant for instant in instants if instant < now), default=None)
    until = min((instant for instant in instants if instant >= now), default=None)
    return (after.isoformat() if after else None), (until.isoformat() if until else None)


def _plain(version: tuple) -> list:
    """A store version (stat keys, None for a missing file) as JSON gives it back."""
    return [list(key) if key is not None else None for key in version]
