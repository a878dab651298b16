"""Where a vacancy's procedure stands, and every deadline it has, worked out from what the user recorded.

The user records a stage's result by hand (eujobs stage, the dashboard), but most of them only ever set a status:
so the status is mapped onto the stages they have not recorded. Applying (and any later status) passes the first
stage on the day they applied; interview and offer wait at the procedure's interview and offer stages; accepted
passes the offer; rejected fails the stage reached; the stages before the last one reached were passed (undated).
What the user recorded always wins.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple

from eujobs.store.model import StageRecord, Vacancy
from eujobs.store.outputs.instants import deadline_instant
from eujobs.store.procedure.templates import DEADLINE_LABELS, PROCEDURES, StageDef

_APPLIED_OR_LATER = ("applied", "interview", "offer", "accepted", "rejected")


class StageLine(NamedTuple):
    stage: StageDef
    record: StageRecord | None  # None: not reached yet
    implied: bool = False  # the record stands for the status, not for something the user recorded
    current: bool = False  # the last stage reached


class NamedDeadline(NamedTuple):
    kind: str  # one of DEADLINE_KINDS
    label: str  # in words: "supporting documents"
    at: datetime | date
    note: str = ""
    id: str | None = None  # None: the posting's own deadline


def stage_track(vacancy: Vacancy) -> list[StageLine]:
    """Each stage of the vacancy's procedure in order, with its record; the last one reached is `current`."""
    procedure = PROCEDURES[vacancy.procedure]
    implied = _implied_records(vacancy)
    if not implied and not vacancy.stages:  # most of a store: nothing reached, the same lines for every vacancy
        return list(_UNREACHED[vacancy.procedure])
    lines = []
    for stage in procedure.stages:
        record = vacancy.stages.get(stage.id)
        lines.append(StageLine(stage, record or implied.get(stage.id), record is None and stage.id in implied))
    reached = [index for index, line in enumerate(lines) if line.record is not None]
    if reached:
        # A stage reached means the ones before it were passed, recorded or not: the funnel stays a funnel.
        for index in range(reached[-1]):
            if lines[index].record is None:
                lines[index] = StageLine(lines[index].stage, StageRecord(None, "passed"), implied=True)
        last = lines[reached[-1]]
        lines[reached[-1]] = StageLine(last.stage, last.record, last.implied, current=True)
    return lines


_UNREACHED = {procedure_id: tuple(StageLine(stage, None) for stage in procedure.stages)
              for procedure_id, procedure in PROCEDURES.items()}


def current_stage(vacancy: Vacancy) -> StageLine | None:
    return next((line for line in stage_track(vacancy) if line.current), None)


def _implied_records(vacancy: Vacancy) -> dict[str, StageRecord]:
    procedure = PROCEDURES[vacancy.procedure]
    applied = vacancy.applied_date
    found: dict[str, StageRecord] = {}
    if applied is not None or vacancy.status in _APPLIED_OR_LATER:
        found[procedure.first_stage] = StageRecord(applied or _became(vacancy, vacancy.status), "passed")
    if vacancy.status == "interview":
        found[procedure.interview_stage] = StageRecord(_became(vacancy, "interview"), "waiting")
    elif vacancy.status in ("offer", "accepted"):
        result = "waiting" if vacancy.status == "offer" else "passed"
        found[procedure.offer_stage] = StageRecord(_became(vacancy, vacancy.status), result)
    elif vacancy.status == "rejected":
        reached = [stage.id for stage in procedure.stages if stage.id in vacancy.stages or stage.id in found]
        if reached and reached[-1] not in vacancy.stages:  # a stage the user recorded keeps its own result
            found[reached[-1]] = StageRecord(_became(vacancy, "rejected"), "failed")
    return found


def _became(vacancy: Vacancy, status: str) -> date | None:
    """The day the status last became `status`, from the history (None: not in it)."""
    days = [change.at[:10] for change in vacancy.history if change.status == status]
    return date.fromisoformat(days[-1]) if days else None


def all_deadlines(vacancy: Vacancy) -> list[NamedDeadline]:
    """The posting's deadline (kind application) and the user's own, soonest first."""
    found = []
    if vacancy.posting.deadline is not None:
        found.append(NamedDeadline("application", DEADLINE_LABELS["application"], vacancy.posting.deadline))
    found += [NamedDeadline(item.kind, DEADLINE_LABELS[item.kind], item.at, item.note, item.id)
              for item in vacancy.deadlines]
    return sorted(found, key=lambda item: deadline_instant(item.at))


def next_deadline(vacancy: Vacancy, now: datetime) -> NamedDeadline | None:
    """The soonest deadline still ahead, the posting's or the user's."""
    return next((item for item in all_deadlines(vacancy) if deadline_instant(item.at) >= now), None)


def reserve_list_until(vacancy: Vacancy) -> date | None:
    """The day the reserve list the user is on lapses: its reserve_list stage passed and a reserve_list deadline
    given (the latest, when the list was extended)."""
    record = vacancy.stages.get("reserve_list")
    ends = [item.at for item in vacancy.deadlines if item.kind == "reserve_list"]
    if record is None or record.result != "passed" or not ends:
        return None
    last = max(ends, key=deadline_instant)
    return last.date() if isinstance(last, datetime) else last


def reserve_list_text(vacancy: Vacancy) -> str | None:
    """"on reserve list until 31/12/2027", what the tracker and `eujobs show` say; None when not on one."""
    until = reserve_list_until(vacancy)
    return f"on reserve list until {until:%d/%m/%Y}" if until else None
