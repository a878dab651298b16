"""How the applications went: how many were sent each month and, for each kind of procedure, how many reached
each stage and passed it. What `eujobs stats` and the dashboard's statistics screen show.

A stage counts as reached when the vacancy's track has a record for it, one the user recorded or one its status
implies (store/procedure/track.py); its pass rate is the share passed of those decided (passed or failed).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from eujobs.store.model import Vacancy
from eujobs.store.procedure.templates import PROCEDURES
from eujobs.store.procedure.track import stage_track

# Months without an application are listed between the first and the last month, so the chart shows the quiet
# ones; over a span longer than this (an applied date typed with a wrong year) only the months with some are.
MONTHS_FILLED = 60


@dataclass(frozen=True)
class StageCount:
    id: str
    label: str
    reached: int = 0
    passed: int = 0
    failed: int = 0
    waiting: int = 0

    @property
    def pass_rate(self) -> float | None:
        """Passed of those decided; None when none is decided yet."""
        decided = self.passed + self.failed
        return self.passed / decided if decided else None


@dataclass(frozen=True)
class KindFunnel:
    procedure: str  # an id of PROCEDURES
    name: str  # the procedure's name in words
    vacancies: int  # of this kind that reached a stage
    stages: tuple[StageCount, ...]  # every stage of the procedure, in order


@dataclass(frozen=True)
class Funnel:
    on: date  # the day it was counted
    months: tuple[tuple[date, int], ...]  # the first day of each month, and how many applications were sent in it
    # (a vacancy's first stage reached that month: see _applied_on)
    kinds: tuple[KindFunnel, ...]

    @property
    def applications(self) -> int:
        return sum(count for _, count in self.months)

    def to_json(self) -> dict:
        return {
            "on": self.on.isoformat(),
            "applications": self.applications,
            "months": [{"month": f"{month:%Y-%m}", "applications": count} for month, count in self.months],
            "procedures": [{"id": kind.procedure, "name": kind.name, "vacancies": kind.vacancies, "stages": [
                {"id": stage.id, "label": stage.label, "reached": stage.reached, "passed": stage.passed,
                 "failed": stage.failed, "waiting": stage.waiting,
                 "pass_rate": None if stage.pass_rate is None else round(stage.pass_rate, 4)}
                for stage in kind.stages]} for kind in self.kinds],
        }


def funnel(vacancies: Iterable[Vacancy], now: datetime, kind: str | None = None) -> Funnel:
    """The funnel of the vacancies (those of procedure `kind` alone, when given). Only the kinds some vacancy
    reached a stage of are listed, and `kind` always."""
    chosen = [vacancy for vacancy in vacancies if kind is None or vacancy.procedure == kind]
    applied: Counter[date] = Counter()
    tracks: dict[str, list] = {procedure_id: [] for procedure_id in PROCEDURES}
    for vacancy in chosen:
        track = stage_track(vacancy)
        if any(line.record is not None for line in track):
            tracks[vacancy.procedure].append(track)
        if (day := _applied_on(vacancy, track)) is not None:
            applied[day.replace(day=1)] += 1
    kinds = tuple(_kind_funnel(procedure_id, found) for procedure_id, found in tracks.items()
                  if found or procedure_id == kind)
    return Funnel(now.date(), _months(applied, now.date()), kinds)


def _applied_on(vacancy: Vacancy, track: list) -> date | None:
    """The applied date, else the earliest day the track records (a status set straight to interview: the day it
    was); None for a vacancy no stage of which was reached."""
    days = [line.record.on for line in track if line.record is not None and line.record.on is not None]
    return vacancy.applied_date or min(days, default=None)


def _kind_funnel(procedure_id: str, tracks: list) -> KindFunnel:
    procedure = PROCEDURES[procedure_id]
    counts = {stage.id: Counter() for stage in procedure.stages}
    for track in tracks:
        for line in track:
            if line.record is not None:
                counts[line.stage.id].update(("reached", line.record.result))
    stages = tuple(StageCount(stage.id, stage.label, *(counts[stage.id][key] for key in
                                                        ("reached", "passed", "failed", "waiting")))
                   for stage in procedure.stages)
    return KindFunnel(procedure_id, procedure.name, len(tracks), stages)


def _months(applied: Counter, today: date) -> tuple[tuple[date, int], ...]:
    """Each month from the first application's to this one (or the last application's, if later)."""
    if not applied:
        return ()
    first, last = min(applied), max(max(applied), today.replace(day=1))
    span = (last.year - first.year) * 12 + last.month - first.month + 1
    if span > MONTHS_FILLED:
        return tuple(sorted(applied.items()))
    months = [date(first.year + (first.month - 1 + step) // 12, (first.month - 1 + step) % 12 + 1, 1)
              for step in range(span)]
    return tuple((month, applied[month]) for month in months)
