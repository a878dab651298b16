"""The chosen vacancy's details, checklist and tracker, shown together in one repaint.

A vacancy shows at once when its panes were laid out ahead (the rows around the list's cursor are, by a
worker, once the vacancy under the cursor is on screen), else as soon as its text is read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import var

from eujobs.store.eligibility.profile import Profile
from eujobs.store.eligibility.rules import Fit, Verdict
from eujobs.store.model import Vacancy
from eujobs.store.persistence.state import Change

from ..collecting import collect_while_idle
from ..formatting import NOT_YET
from ..messages import ChangeAsked, LaidOutAhead, TextRead
from ..read_ahead import PaneInputs, ReadAhead, fit_shown, pane_lines, verdicts_shown
from .checklist import ChecklistPane
from .detail import DetailPane
from .tracker import TrackerPane

READ_AHEAD = 8  # rows above and below the cursor whose panes are laid out ahead


class VacancyView(Vertical):
    """Bound by the screen to the time and the profile; told which vacancy to show (show), it reads the text
    through `text_of` and the rows around the cursor through `rows_around`."""

    current: var[Vacancy | None] = var(None)
    text = var("")
    verdicts: var[dict[str, Verdict]] = var(dict)  # the current vacancy's, by checklist item
    fit: var[Fit | None] = var(None)  # the current vacancy's, None without a profile
    now: var[datetime] = var(NOT_YET)
    profile: var[Profile] = var(Profile.from_json({}), init=False)

    def __init__(self, text_of: Callable[[Vacancy], str], rows_around: Callable[[int], list[Vacancy]], *,
                 own_zone: str | None = None, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text_of, self.rows_around = text_of, rows_around
        self.own_zone = own_zone  # the user's time zone, for the tracker's times
        self.read_ahead = ReadAhead(self._pane_inputs, kept=4 * READ_AHEAD)
        self.wanted: Vacancy | None = None  # the vacancy last asked for, shown once its text is here

    def compose(self) -> ComposeResult:
        yield DetailPane(id="detail-pane", read_ahead=self.read_ahead).data_bind(
            vacancy=VacancyView.current, text=VacancyView.text, now=VacancyView.now, verdicts=VacancyView.verdicts,
            fit=VacancyView.fit)
        with Horizontal(id="bottom"):
            yield ChecklistPane(id="checklist-pane", read_ahead=self.read_ahead).data_bind(
                vacancy=VacancyView.current, verdicts=VacancyView.verdicts)
            yield TrackerPane(id="tracker-pane", read_ahead=self.read_ahead, own_zone=self.own_zone).data_bind(
                vacancy=VacancyView.current, now=VacancyView.now)

    def show(self, vacancy: Vacancy | None) -> None:
        """Show another vacancy with its text, all panes in one repaint (at once when its text was read
        ahead, else once read); new data for the same vacancy at once."""
        self.wanted = vacancy
        if vacancy is not None and (self.current is None or vacancy.id != self.current.id):
            text = self.read_ahead.text_of(vacancy)
            if text is None and self.current is None:
                text = self.text_of(vacancy)  # the first one is read here, so the first frame shows it whole
            if text is None:
                self.read_text(vacancy)
            else:
                self._set_current(vacancy, text)
        else:
            checklist = self.query_one(ChecklistPane)
            item = checklist.current_item
            self._set_current(vacancy, self.text if vacancy is not None else "")
            checklist.keep(item.id if item else None)
        # After the frame: the worker would otherwise hold the interpreter while this vacancy is drawn; and the
        # first vacancy is shown before the panes have a size to wrap to. New data (a reload) is laid out anew.
        self.call_after_refresh(self._read_around_cursor)

    def on_checklist_pane_toggled(self, message: ChecklistPane.Toggled) -> None:
        message.stop()
        self.post_message(ChangeAsked(Change(message.vacancy_id, f"tick:{message.item_id}", message.done)))
        # Shown in the panes at once, before the save comes back: a second quick press must see the first,
        # or both would tick. The list catches up when the save does.
        vacancy = self.current
        if vacancy is not None and vacancy.id == message.vacancy_id:
            self.show(replace(vacancy, ticks={**vacancy.ticks, message.item_id: message.done}))

    @property
    def text_pending(self) -> bool:
        """Is the vacancy asked for still waiting for its text (read_text)? Its frame then comes first: reading
        ahead (a thread that holds the interpreter) or collecting before it doubled a keystroke that
        filtered the vacancy shown away."""
        return self.wanted is not None and (self.current is None or self.wanted.id != self.current.id)

    def watch_profile(self) -> None:
        self._set_current(self.current, self.text)  # its verdicts answer to the new profile
        self.call_after_refresh(self._read_around_cursor)  # as do those laid out ahead

    def watch_now(self, old: datetime, new: datetime) -> None:
        if old.date() != new.date():  # the verdicts answer to the day
            self._set_current(self.current, self.text)

    def _set_current(self, vacancy: Vacancy | None, text: str) -> None:
        ahead = self.read_ahead.get(vacancy)
        self.verdicts = ahead.verdicts if ahead else verdicts_shown(vacancy, self.profile, self.now) if vacancy else {}
        self.fit = ahead.fit if ahead else fit_shown(vacancy, self.profile, self.verdicts) if vacancy else None
        self.current = vacancy
        self.text = text

    @work(thread=True, exclusive=True, group="text", description="reading a posting's text")
    def read_text(self, vacancy: Vacancy) -> None:
        self.post_message(TextRead(vacancy, self.text_of(vacancy)))

    @on(TextRead)
    def _text_read(self, message: TextRead) -> None:
        if self.wanted is not None and self.wanted.id == message.vacancy.id:
            self._set_current(self.wanted, message.text)
            self.call_after_refresh(self._read_around_cursor)

    def _pane_inputs(self) -> PaneInputs:
        return PaneInputs(self.query_one(DetailPane).wrap_width, self.query_one(TrackerPane).wrap_width,
                          self.query_one(ChecklistPane).scrollable_content_region.width, self.now, self.profile,
                          self.own_zone)

    def _read_around_cursor(self) -> None:
        if self.text_pending:
            return  # called again once the text is shown
        wanted = self.read_ahead.missing(self.rows_around(READ_AHEAD))
        if wanted:
            self.lay_out_ahead(wanted, self._pane_inputs())  # then collects, once they are laid out
        else:
            collect_while_idle()

    @work(thread=True, exclusive=True, group="read-ahead", description="reading the texts around the cursor")
    def lay_out_ahead(self, vacancies: list[Vacancy], inputs: PaneInputs) -> None:
        """Read the texts of the rows around the cursor and lay out the panes for them, so the next move
        shows its vacancy at once."""
        self.post_message(LaidOutAhead([pane_lines(v, self.text_of(v), inputs) for v in vacancies]))

    @on(LaidOutAhead)
    def _laid_out_ahead(self, message: LaidOutAhead) -> None:
        detail = self.query_one(DetailPane)
        for lines in message.lines:
            self.read_ahead.keep(lines)
            detail.keep_wrapped(lines.text, lines.inputs.detail_width, lines.text_lines)
        collect_while_idle()  # after the move's frame, rather than in the middle of the next one
