"""The panes' lines for the vacancies around the list's cursor, laid out by a worker before the cursor gets there.

A cursor move then only draws lines: wrapping the facts, the history and the checklist (and, with a profile,
working out the verdicts) took half of a move's time on the UI thread. Lines laid out ahead are found again by
one key, PaneInputs, worked out by one function the vacancy view gives: no pane builds a key of its own.
(The records are NamedTuples: cheaper to define than frozen dataclasses, at every start.)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import NamedTuple

from textual.cache import LRUCache
from textual.content import Content

from eujobs.store.eligibility.profile import Profile
from eujobs.store.eligibility.rules import Fit, Verdict, fit_of, verdicts
from eujobs.store.model import Vacancy

from .widgets.checklist import checklist_lines
from .widgets.detail import detail_lines, text_lines
from .widgets.tracker import tracker_lines


class PaneInputs(NamedTuple):
    """Everything the panes' lines for a vacancy are laid out from besides the vacancy itself (whose text
    follows from its file): the panes' widths, the time and the profile. The one key of what is read ahead."""

    detail_width: int
    tracker_width: int
    checklist_width: int
    now: datetime
    profile: Profile
    own_zone: str | None = None  # the user's time zone, fixed for the session: the tracker shows times in it too


class PaneLines(NamedTuple):
    """What every pane shows for one vacancy, laid out from `inputs`."""

    vacancy: Vacancy
    inputs: PaneInputs
    text: str
    text_lines: list[Content]
    verdicts: dict[str, Verdict]
    fit: Fit | None
    detail: list[Content]
    tracker: list[Content]
    checklist: list


def verdicts_shown(vacancy: Vacancy, profile: Profile, now: datetime) -> dict[str, Verdict]:
    # No profile, no verdicts: nine "?" would only say the user has not described themselves.
    return {} if profile.is_empty else verdicts(profile, vacancy, now.date())


def fit_shown(vacancy: Vacancy, profile: Profile, found: dict[str, Verdict]) -> Fit | None:
    """How the profile fits the vacancy, from its verdicts (verdicts_shown); None without a profile."""
    return None if profile.is_empty else fit_of(vacancy, found)


def pane_lines(vacancy: Vacancy, text: str, inputs: PaneInputs) -> PaneLines:
    """Everything the panes show for `vacancy`; pure, so a worker may."""
    wrapped = text_lines(text, inputs.detail_width)
    found = verdicts_shown(vacancy, inputs.profile, inputs.now)
    fit = fit_shown(vacancy, inputs.profile, found)
    return PaneLines(
        vacancy, inputs, text, wrapped, found, fit,
        detail=detail_lines(vacancy, inputs.detail_width, inputs.now, wrapped, found, fit),
        tracker=tracker_lines(vacancy, inputs.tracker_width, inputs.now, inputs.own_zone),
        checklist=checklist_lines(vacancy, found, inputs.checklist_width),
    )


class ReadAhead:
    """Lines laid out ahead, by vacancy: found again for that vacancy (the same object, or one equal to it
    after a reload) while the panes' inputs are those they were laid out from."""

    def __init__(self, inputs_now: Callable[[], PaneInputs], kept: int = 32) -> None:
        self.inputs_now = inputs_now
        self._kept: LRUCache[str, PaneLines] = LRUCache(maxsize=kept)

    def keep(self, lines: PaneLines) -> None:
        self._kept.discard(lines.vacancy.id)  # Textual's LRUCache keeps the first value set for a key
        self._kept[lines.vacancy.id] = lines

    def get(self, vacancy: Vacancy | None) -> PaneLines | None:
        """The vacancy's lines as the panes would lay them out now, if laid out ahead."""
        return self._found(vacancy, self.inputs_now()) if vacancy is not None else None

    def missing(self, vacancies: list[Vacancy]) -> list[Vacancy]:
        """Those of `vacancies` whose lines are not laid out for the panes' inputs now."""
        inputs = self.inputs_now()
        return [vacancy for vacancy in vacancies if self._found(vacancy, inputs) is None]

    def text_of(self, vacancy: Vacancy) -> str | None:
        """The posting's text if read ahead, whatever the panes' inputs."""
        found = self._kept.get(vacancy.id)
        return found.text if found is not None and found.vacancy.source.sha256 == vacancy.source.sha256 else None

    def _found(self, vacancy: Vacancy, inputs: PaneInputs) -> PaneLines | None:
        found = self._kept.get(vacancy.id)
        if found is None or found.inputs != inputs or not (found.vacancy is vacancy or found.vacancy == vacancy):
            return None
        return found

    def clear(self) -> None:
        self._kept.clear()
