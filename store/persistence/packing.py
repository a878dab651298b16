"""Postings as the catalog holds them: each one's checklist packed into one JSON string, decoded on first use.

The checklist is three quarters of a posting's bytes, and the list needs it only for the rows on screen.
As nested objects, 10,000 checklists were 300,000 dicts for the JSON parser and then as many items to
build, half of opening such a store; as one string each, the parser copies them and only the checklists
shown are ever decoded. Where each field was read is not kept: the parser reads it again from the posting's
text when asked (Store.sources_of).
"""

from __future__ import annotations

import json
from datetime import date
from types import MappingProxyType

from eujobs.store.model import ChecklistItem, HowToApply, Language, Posting, deadline_from_json

_DOCUMENT_KEYS = {*Posting.__dataclass_fields__, "deadline_zone"} - {"sources"}
_NO_SOURCES = MappingProxyType({})  # a stored posting's: shared, read-only


def posting_document(posting: Posting) -> dict:
    """The posting's catalog document: its to_document() with the checklist packed."""
    document = posting.to_document()
    document["checklist"] = _pack(document["checklist"])
    return document


def posting_from_document(document: dict) -> Posting:
    """The posting a catalog document holds. One written by this eujobs is filled in field by field, past
    the dataclass's __init__: at 10,000 postings that halves the time it takes to build them."""
    if document.keys() != _DOCUMENT_KEYS:  # written otherwise (by hand, by an older eujobs): the careful way
        posting = StoredPosting.from_json({**document, "checklist": []})
        posting.packed_checklist = document.get("checklist", "[]")
        return posting
    posting = StoredPosting.__new__(StoredPosting)
    fields = posting.__dict__
    fields.update(document)
    fields["deadline"] = deadline_from_json(document["deadline"], fields.pop("deadline_zone"))
    for key in ("start_date", "end_date"):
        if document[key]:
            fields[key] = date.fromisoformat(document[key])
    fields["languages"] = [Language(**item) for item in document["languages"]]
    fields["apply"] = HowToApply(**document["apply"])
    fields["packed_checklist"] = fields.pop("checklist")
    fields["sources"] = _NO_SOURCES
    return posting


def pack_checklists(data: dict) -> None:
    """Schema 1 to 2: every catalog posting's checklist packed (the state file has no postings)."""
    for document in data.get("vacancies", {}).values():
        posting = document["posting"]
        if isinstance(posting.get("checklist"), list):
            posting["checklist"] = _pack(posting["checklist"])


def postings_gain_warnings(data: dict) -> None:
    """Schema 2 to 3: postings keep the parser's warnings. A posting read before has none, and is read as it is;
    the schema says that an older eujobs cannot read what this one writes."""


def _pack(items: list[dict]) -> str:
    return json.dumps([[item["id"], item["group"], item["text"], item.get("done", False)] for item in items],
                      ensure_ascii=False, separators=(",", ":"))


class StoredPosting(Posting):
    """A posting read from the catalog: Posting's fields, equality and copies, with the checklist decoded
    the first time it is asked for."""

    packed_checklist: str | None = None

    @property
    def checklist(self) -> list[ChecklistItem]:
        packed = self.packed_checklist  # read once: a worker thread may be decoding it too
        if packed is not None:
            self.__dict__["checklist"] = [ChecklistItem(*item) for item in json.loads(packed)]
            self.packed_checklist = None
        return self.__dict__["checklist"]

    @checklist.setter
    def checklist(self, items: list[ChecklistItem]) -> None:
        self.__dict__["checklist"] = items
        self.packed_checklist = None
