"""The stages of each kind of selection procedure, in one place to edit, and the words of their results, events
and deadlines.

Each procedure lists its stages in the order a candidate meets them; `first_stage` is the one applying reaches,
`interview_stage` and `offer_stage` the ones the statuses interview and offer stand for (store/procedure/track.py).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from eujobs.store.model import Posting


class StageDef(NamedTuple):
    id: str
    label: str


class Procedure(NamedTuple):
    name: str
    stages: tuple[StageDef, ...]
    interview_stage: str
    offer_stage: str
    first_stage: str

    def stage(self, stage_id: str) -> StageDef | None:
        return next((stage for stage in self.stages if stage.id == stage_id), None)


def _stages(*pairs: tuple[str, str]) -> tuple[StageDef, ...]:
    return tuple(StageDef(stage_id, label) for stage_id, label in pairs)


PROCEDURES = {
    "epso_competition": Procedure(
        "EPSO competition",
        _stages(("application", "application"), ("documents", "supporting documents"),
                ("reasoning_tests", "reasoning tests"), ("field_test", "field-related test"),
                ("written_test", "written test"), ("eligibility", "eligibility check"),
                ("reserve_list", "reserve list"), ("interviews", "recruitment interviews"),
                ("medical", "medical"), ("offer", "job offer")),
        interview_stage="interviews", offer_stage="offer", first_stage="application"),
    "cast": Procedure(
        "CAST Permanent",
        _stages(("registration", "registration"), ("shortlisted", "shortlisted"), ("tests", "tests"),
                ("results", "test results"), ("interview", "interview"), ("offer", "job offer")),
        interview_stage="interview", offer_stage="offer", first_stage="registration"),
    "vacancy_notice": Procedure(
        "Vacancy notice / call for interest",
        _stages(("application", "application"), ("eligibility", "eligibility check"),
                ("preselection", "preselection"), ("test_interview", "test and interview"),
                ("reserve_list", "reserve list"), ("offer", "job offer")),
        interview_stage="test_interview", offer_stage="offer", first_stage="application"),
    "traineeship": Procedure(
        "Traineeship",
        _stages(("application", "application"), ("preselection", "preselection"), ("offer", "traineeship offer")),
        interview_stage="preselection", offer_stage="offer", first_stage="application"),
    "consultancy": Procedure(
        "Consultancy",
        _stages(("cv_sent", "CV sent"), ("interview", "interview"), ("selected", "selected")),
        interview_stage="interview", offer_stage="selected", first_stage="cv_sent"),
}

STAGE_RESULTS = ("passed", "failed", "waiting")
EVENT_KINDS = ("test", "interview", "medical", "call", "other")
DEADLINE_KINDS = ("application", "documents", "review", "information", "test_copy", "reserve_list",
                  "cast_refresh", "other")
DEADLINE_LABELS = {
    "application": "application", "documents": "supporting documents", "review": "request for review",
    "information": "request for information", "test_copy": "request for a copy of the test",
    "reserve_list": "reserve list expires", "cast_refresh": "CAST profile refresh", "other": "deadline",
}

_EPSO_COMPETITION = re.compile(r"\bEPSO/(?:AD|AST)\b", re.IGNORECASE)
_CAST = re.compile(r"\bCAST\b")


def procedure_of(posting: Posting, chosen: str | None = None) -> str:
    """The procedure a posting goes through: the user's choice, else the one its kind and reference imply."""
    if chosen in PROCEDURES:
        return chosen
    reference = posting.reference or ""
    if _CAST.search(reference) or (posting.kind == "contract_agent" and _CAST.search(posting.title)):
        return "cast"
    if _EPSO_COMPETITION.search(reference) or posting.kind == "official":
        return "epso_competition"
    if posting.kind in ("traineeship", "consultancy"):
        return posting.kind
    return "vacancy_notice"


def find_stage(procedure: Procedure, wanted: str) -> StageDef | None:
    """A stage by its id or its label's words ("written test", "written_test", "Reserve list")."""
    words = " ".join(wanted.replace("_", " ").replace("-", " ").split()).casefold()
    return next((stage for stage in procedure.stages
                 if words in (stage.id.replace("_", " "), stage.label.replace("-", " ").casefold())), None)


def find_procedure(wanted: str) -> str | None:
    """A procedure's id by its id or its name's words ("cast", "EPSO competition")."""
    words = " ".join(wanted.replace("_", " ").split()).casefold()
    return next((procedure_id for procedure_id, procedure in PROCEDURES.items()
                 if words in (procedure_id.replace("_", " "), procedure.name.casefold())), None)
