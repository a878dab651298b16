"""The panes' lines for a vacancy, laid out by a worker before the cursor reaches it.

A cursor move then only draws lines: wrapping the facts, the history and the checklist (and, with a
profile, working out the verdicts) took half of a move's 6 ms on the UI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from textual.content import Content

from eujobs.store.model import Vacancy
from eujobs.store.eligibility.profile import Profile
from eujobs.store.eligibility.rules import Verdict, verdicts

from ..widgets.checklist import checklist_lines
from ..widgets.detail import detail_lines, text_lines
from ..widgets.tracker import tracker_lines


@dataclass(frozen=True)
class Layout:
    """What the panes lay out from besides the vacancy: their widths, the time and the profile."""

    detail_width: int
    tracker_width: int
    checklist_width: int
    now: datetime
    profile: Profile


@dataclass(frozen=True)
class LaidOut:
    vacancy: Vacancy
    text: str
    text_lines: list[Content]
    verdicts: dict[str, Verdict]
    detail: list[Content]
    tracker: list[Content]
    checklist: list


def verdicts_shown(vacancy: Vacancy, profile: Profile, now: datetime) -> dict[str, Verdict]:
    # No profile, no verdicts: nine "?" would only say the user has not described themselves.
    return {} if profile.is_empty else verdicts(profile, vacancy, now.date())


def lay_out(vacancy: Vacancy, text: str, layout: Layout) -> LaidOut:
    """Everything the panes show for `vacancy`; pure, so a worker may."""
    wrapped = text_lines(text, layout.detail_width)
    found = verdicts_shown(vacancy, layout.profile, layout.now)
    return LaidOut(
        vacancy, text, wrapped, found,
        detail=detail_lines(vacancy, layout.detail_width, layout.now, wrapped),
        tracker=tracker_lines(vacancy, layout.tracker_width, layout.now),
        checklist=checklist_lines(vacancy, found, layout.checklist_width),
    )
