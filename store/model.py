"""The records eujobs keeps: what a posting says (Vacancy) and what the user did with it (state)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from types import MappingProxyType
from typing import NamedTuple
from zoneinfo import ZoneInfo

STATUSES = (
    "new", "interested", "preparing", "applied", "interview",
    "offer", "accepted", "rejected", "withdrawn", "closed",
)
BEFORE_APPLYING = STATUSES[:STATUSES.index("applied")]
KINDS = (
    "traineeship", "contract_agent", "temporary_agent", "official",
    "seconded_national_expert", "interim", "consultancy", "other",
)
GROUPS = ("eligibility", "selection", "application", "custom")
FORMATS = ("text", "markdown", "pdf", "html")
CEFR_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
NO_STAGES: Mapping = MappingProxyType({})  # a vacancy's stages when the user recorded none
# The years a posting's dates (and the user's dates for it) can be in. Beyond them a date is a slip ("31/12/9999"),
# and near the ends of the calendar (years 1 and 9999) the arithmetic of calendars and countdowns overflows.
POSTING_YEARS = range(1900, 2201)


@dataclass
class Language:
    language: str
    level: str | None = None


@dataclass
class HowToApply:
    email: str | None = None
    url: str | None = None
    subject: str | None = None
    documents: list[str] = field(default_factory=list)


@dataclass(slots=True)  # a store of 10,000 postings holds some 300,000 of these
class ChecklistItem:
    id: str
    group: str
    text: str
    done: bool = False


@dataclass
class Posting:
    """Everything the parser reads from a posting's text; no user state."""

    title: str
    job_title: str | None = None
    institution: str | None = None
    department: str | None = None
    unit: str | None = None
    locations: list[str] = field(default_factory=list)
    domain: str | None = None
    reference: str | None = None
    kind: str = "other"
    contract_type: str | None = None
    grade: str | None = None
    deadline: datetime | date | None = None
    start_date: date | None = None
    duration: str | None = None
    end_date: date | None = None
    languages: list[Language] = field(default_factory=list)
    min_experience_years: float | None = None
    education: str | None = None
    apply: HowToApply = field(default_factory=HowToApply)
    applicants: int | None = None
    checklist: list[ChecklistItem] = field(default_factory=list)
    # Where each field was read: field name -> 'line 9, label "Deadline"', 'line 40, sentence "…"'. A field
    # that was not read has no entry. Not stored: read again from the posting's text when asked (the record's
    # JSON leaves it out; `show --sources` prints it).
    sources: dict[str, str] = field(default_factory=dict)
    # What the parser saw but could not take, said to the user on import: 'deadline "31/02/2026" is no date'
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        """The posting's fields in the JSON shape of vacancy.schema.json (dates as ISO 8601)."""
        # Field by field rather than asdict(), which deep-copies every value: 5x slower on an import's save.
        record = {name: getattr(self, name) for name in self.__dataclass_fields__ if name != "sources"}
        record["locations"] = list(self.locations)
        record["warnings"] = list(self.warnings)
        record["languages"] = [{"language": item.language, "level": item.level} for item in self.languages]
        apply = self.apply
        record["apply"] = {"email": apply.email, "url": apply.url, "subject": apply.subject,
                           "documents": list(apply.documents)}
        record["checklist"] = [{"id": item.id, "group": item.group, "text": item.text, "done": item.done}
                               for item in self.checklist]
        for key in ("deadline", "start_date", "end_date"):
            value = getattr(self, key)
            record[key] = value.isoformat() if value is not None else None
        if isinstance(self.min_experience_years, float) and self.min_experience_years.is_integer():
            record["min_experience_years"] = int(self.min_experience_years)
        return record

    @classmethod
    def from_json(cls, record: dict) -> Posting:
        fields = {name: record.get(name) for name in cls.__dataclass_fields__ if name in record}
        fields["deadline"] = deadline_from_json(record.get("deadline"), record.get("deadline_zone"))
        for key in ("start_date", "end_date"):
            fields[key] = date.fromisoformat(record[key]) if record.get(key) else None
        fields["languages"] = [Language(**item) for item in record.get("languages", [])]
        fields["apply"] = HowToApply(**record.get("apply", {}))
        fields["checklist"] = [
            ChecklistItem(item["id"], item["group"], item["text"], item.get("done", False))
            for item in record.get("checklist", [])
        ]
        return cls(**fields)

    def to_document(self) -> dict:
        """to_json() plus what it cannot carry: the deadline's zone by name, so it survives DST."""
        record = self.to_json()
        record["deadline_zone"] = getattr(getattr(self.deadline, "tzinfo", None), "key", None)
        return record


def deadline_from_json(value: str | None, zone: str | None) -> datetime | date | None:
    if not value:
        return None
    if "T" not in value:
        return date.fromisoformat(value)
    moment = datetime.fromisoformat(value)
    return moment.astimezone(ZoneInfo(zone)) if zone else moment


@dataclass
class Source:
    path: str | None
    sha256: str
    format: str
    imported_at: str
    url: str | None = None  # the address it was downloaded from (eujobs import URL, eujobs watch)
    first_seen: str | None = None  # when a watch pass first found the vacancy (kept by each new version)


@dataclass
class StatusChange:
    at: str
    status: str
    note: str = ""


class StageRecord(NamedTuple):
    """What the user recorded of one stage of the procedure: on which day, with what result."""

    on: date | None  # None: passed, as a later stage reached shows, on a day not recorded
    result: str  # one of STAGE_RESULTS (store/procedure/templates.py)
    note: str = ""


class Event(NamedTuple):
    """A dated appointment of the procedure: a test, an interview, a medical, a call."""

    id: str
    kind: str  # one of EVENT_KINDS
    at: datetime  # in `zone`
    zone: str = "Europe/Brussels"
    place: str = ""
    note: str = ""


class UserDeadline(NamedTuple):
    """A deadline of the user's own beside the posting's: supporting documents, a request for review, the day a
    reserve list expires."""

    id: str
    kind: str  # one of DEADLINE_KINDS
    at: datetime | date  # a day alone closes at its end, Brussels time (deadline_instant)
    zone: str = "Europe/Brussels"
    note: str = ""


class Attachment(NamedTuple):
    """A copy of a file the user sent, kept in the store by its content's hash."""

    id: str
    sha256: str
    name: str  # the file's base name, shown literally
    size: int
    used_as: str  # cv | letter | form | other (the state's "as")
    at: str  # ISO datetime it was attached


@dataclass
class Vacancy:
    """A posting as the user sees it: what the posting says, merged with what the user did."""

    id: str
    posting: Posting  # with the user's own field values (see `edited`) in place of the parsed ones
    source: Source
    status: str = "new"
    notes: str = ""
    history: list[StatusChange] = field(default_factory=list)
    ticks: dict[str, bool] = field(default_factory=dict)
    item_texts: dict[str, str] = field(default_factory=dict)
    custom: list[ChecklistItem] = field(default_factory=list)
    applied_on: date | None = None
    next_action_on: date | None = None
    next_action: str = ""
    edited: tuple[str, ...] = ()
    chosen_procedure: str | None = None  # the user's choice of procedure; None: the one the posting implies
    # Shared empty values, never containers of each vacancy's own: most of a large store has none of these, and
    # four more containers a vacancy cost a start its memory and the garbage collector's time.
    stages: Mapping[str, StageRecord] = field(default_factory=lambda: NO_STAGES)  # by stage id, as recorded
    events: tuple[Event, ...] = ()
    deadlines: tuple[UserDeadline, ...] = ()  # the user's; the posting's own is not among them
    attachments: tuple[Attachment, ...] = ()

    @property
    def procedure(self) -> str:
        """The id of the procedure the vacancy goes through (store/procedure/templates.py PROCEDURES)."""
        from eujobs.store.procedure.templates import procedure_of  # here: templates reads this module

        return procedure_of(self.posting, self.chosen_procedure)

    @property
    def applied_date(self) -> date | None:
        """The date the user gave, else the day the status last became 'applied', unless it went back since to a
        status before applying (an undo, a slip put right): then none, as before the slip."""
        if self.applied_on:
            return self.applied_on
        day = None
        for change in self.history:
            if change.status == "applied":
                day = change.at[:10]
            elif change.status in BEFORE_APPLYING:
                day = None
        return date.fromisoformat(day) if day else None

    @property
    def checklist(self) -> list[ChecklistItem]:
        return [
            ChecklistItem(item.id, item.group, self.item_texts.get(item.id, item.text), self.ticks.get(item.id, False))
            for item in (*self.posting.checklist, *self.custom)
        ]

    def to_json(self) -> dict:
        """The record of vacancy.schema.json, as `eujobs show --json` prints it."""
        record = {"id": self.id, **self.posting.to_json()}
        record["status"] = self.status
        record["checklist"] = [asdict(item) for item in self.checklist]
        record["source"] = asdict(self.source)
        record["notes"] = self.notes
        record["history"] = [asdict(change) for change in self.history]
        record["applied_on"] = self.applied_on.isoformat() if self.applied_on else None
        applied = self.applied_date  # the date the user gave, else the day the status last became 'applied'
        record["applied_date"] = applied.isoformat() if applied else None
        record["next_action_on"] = self.next_action_on.isoformat() if self.next_action_on else None
        record["next_action"] = self.next_action
        record["edited_fields"] = list(self.edited)
        record.update(self._procedure_json())
        return record

    def _procedure_json(self) -> dict:
        """The procedure's track (each stage, reached or not), the events, every deadline and the files sent."""
        from eujobs.store.procedure.track import all_deadlines, reserve_list_until, stage_track  # it reads this module

        stages = [{"id": line.stage.id, "label": line.stage.label, "on": None, "result": None, "note": "",
                   "implied": False, "current": False} if line.record is None else
                  {"id": line.stage.id, "label": line.stage.label,
                   "on": line.record.on.isoformat() if line.record.on else None, "result": line.record.result,
                   "note": line.record.note, "implied": line.implied, "current": line.current}
                  for line in stage_track(self)]
        events = [{"id": event.id, "kind": event.kind, "at": event.at.isoformat(), "zone": event.zone,
                   "place": event.place, "note": event.note} for event in self.events]
        deadlines = [{"id": item.id, "kind": item.kind, "label": item.label, "at": item.at.isoformat(),
                      "note": item.note} for item in all_deadlines(self)]
        attachments = [{"id": item.id, "sha256": item.sha256, "name": item.name, "size": item.size,
                        "as": item.used_as, "at": item.at} for item in self.attachments]
        until = reserve_list_until(self)
        return {"procedure": self.procedure, "stages": stages, "events": events, "deadlines": deadlines,
                "attachments": attachments, "reserve_list_until": until.isoformat() if until else None}
