"""The dashboard's one screen: the vacancy list, and the chosen vacancy's details, checklist and tracker.

The screen owns the shared state as reactives (all vacancies, the ones shown, the current one, the
filter, the sort) and the panes are bound to it. Wide terminals show the four panes at once; below
NARROW_BELOW columns the list takes the screen and a vacancy opens as three tabs.
"""

from __future__ import annotations

from datetime import datetime, timezone

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static, Tab, Tabs

from store.db import Store
from store.model import Vacancy
from store.profile import Profile
from store.query import SORTS, filter_vacancies, sort_vacancies
from store.rules import Verdict, fit, verdicts
from store.state import Change
from store.timeline import is_open

from ..commands import bindings
from ..saver import Saved, Saver
from ..widgets.checklist import ChecklistPane
from ..widgets.detail import DetailPane
from ..widgets.tracker import TrackerPane
from ..widgets.vacancy_list import VacancyList
from .actions import VacancyActions

NARROW_BELOW = 100
PANES = ("list", "detail", "checklist", "tracker")
REFRESH_EVERY_S = 1.0
EMPTY_STORE = (
    "No postings yet.\n\nPress i to import a file or folder (.txt .md .pdf .html), A to add one by hand,\n"
    "or from the shell:  eujobs import PATH..."
)


class Loaded(Message):
    def __init__(self, vacancies: tuple[Vacancy, ...], profile: Profile, version: tuple) -> None:
        super().__init__()
        self.vacancies, self.profile, self.version = vacancies, profile, version


class Filtered(Message):
    def __init__(self, shown: tuple[Vacancy, ...], fits: dict[str, str], open_count: int) -> None:
        super().__init__()
        self.shown, self.fits, self.open_count = shown, fits, open_count


class TextLoaded(Message):
    def __init__(self, vacancy_id: str, text: str) -> None:
        super().__init__()
        self.vacancy_id, self.text = vacancy_id, text


class MainScreen(VacancyActions, Screen):
    BINDINGS = bindings()

    # always_update: comparing 10,000 vacancies field by field costs more than redrawing a screen
    vacancies: reactive[tuple[Vacancy, ...]] = reactive((), always_update=True)
    shown: reactive[tuple[Vacancy, ...]] = reactive((), always_update=True)
    current: reactive[Vacancy | None] = reactive(None)
    text = reactive("")
    now: reactive[datetime] = reactive(datetime.min.replace(tzinfo=timezone.utc))
    needle = reactive("")
    status_only: reactive[str | None] = reactive(None)
    sort_by = reactive(SORTS[0])
    profile: reactive[Profile] = reactive(Profile.from_json({}))
    only_eligible = reactive(False)
    fits: reactive[dict[str, str]] = reactive(dict)  # vacancy id -> 'eligible', '2 blockers', '3 to check'
    verdicts: reactive[dict[str, Verdict]] = reactive(dict)  # the current vacancy's, by checklist item
    narrow = reactive(False)
    pane = reactive("list")  # the pane shown on a narrow terminal

    def __init__(self, store: Store, saver: Saver) -> None:
        super().__init__()
        self.store, self.saver = store, saver
        self.now = store.clock()
        self.undo_stack: list = []
        self._version: tuple | None = None
        self._texts: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield Static(EMPTY_STORE, id="empty", markup=False)
                yield VacancyList(id="list").data_bind(vacancies=MainScreen.shown, now=MainScreen.now,
                                                       fits=MainScreen.fits)
                yield Input(id="filter", placeholder="Filter: words of the title, institution, reference, text…")
            with Vertical(id="right"):
                yield Tabs(Tab("2 Details", id="detail"), Tab("3 Checklist", id="checklist"),
                           Tab("4 Tracker", id="tracker"), id="tabs")
                yield DetailPane(id="detail-pane").data_bind(
                    vacancy=MainScreen.current, text=MainScreen.text, now=MainScreen.now)
                with Horizontal(id="bottom"):
                    yield ChecklistPane(id="checklist-pane").data_bind(
                        vacancy=MainScreen.current, verdicts=MainScreen.verdicts)
                    yield TrackerPane(id="tracker-pane").data_bind(vacancy=MainScreen.current, now=MainScreen.now)
        yield Footer()

    def on_mount(self) -> None:
        for name, title in zip(PANES, ("1 Vacancies", "2 Details", "3 Checklist", "4 Tracker")):
            self.pane_widget(name).border_title = title
        self.load()
        self.set_interval(REFRESH_EVERY_S, self.check_for_changes)
        self.set_interval(30, self.tick_clock)
        self.query_one(VacancyList).focus()

    def on_resize(self) -> None:
        self.narrow = self.size.width < NARROW_BELOW

    # ------------------------------------------------------------------ loading and filtering

    @work(thread=True, exclusive=True, group="load")
    def load(self) -> None:
        version = self.store.version()
        self.post_message(Loaded(tuple(self.store.vacancies()), self.store.profile(), version))

    def check_for_changes(self) -> None:
        """Another eujobs (a second SSH session, an import from the shell) may have changed the store."""
        if not self.saver.busy and self.store.version() != self._version:
            self.load()

    def tick_clock(self) -> None:
        self.now = self.store.clock()

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self._version = message.version
        self._texts.clear()
        self.profile = message.profile
        self.vacancies = message.vacancies

    def watch_vacancies(self, vacancies: tuple[Vacancy, ...]) -> None:
        self.query_one("#empty").display = not vacancies
        self.query_one(VacancyList).display = bool(vacancies)
        self.refilter()

    def watch_needle(self) -> None:
        self.refilter()
        self.refresh_bindings()

    def watch_status_only(self) -> None:
        self.refilter()

    def watch_sort_by(self) -> None:
        self.refilter()

    def watch_only_eligible(self) -> None:
        self.refilter()

    @work(thread=True, exclusive=True, group="filter")
    def refilter(self) -> None:
        # Full text is read (and cached) only when the list fields do not already match.
        today, profile = self.now.date(), self.profile
        fits = {v.id: fit(profile, v, today) for v in self.vacancies} if not profile.is_empty else {}
        found = filter_vacancies(self.vacancies, self.needle, self.status_only, self._full_text)
        if self.only_eligible:
            found = [v for v in found if fits.get(v.id) and fits[v.id].eligible]
        shown = tuple(sort_vacancies(found, self.sort_by, self.now))
        open_count = sum(is_open(v, self.now) for v in self.vacancies)  # here, off the UI thread
        self.post_message(Filtered(shown, {vacancy_id: result.text for vacancy_id, result in fits.items()}, open_count))

    def _full_text(self, vacancy: Vacancy) -> str:
        if vacancy.source.sha256 not in self._texts:
            self._texts[vacancy.source.sha256] = self.store.text_of(vacancy)
        return self._texts[vacancy.source.sha256]

    @on(Filtered)
    def _filtered(self, message: Filtered) -> None:
        keep = self.current.id if self.current else None
        count = f"{len(self.vacancies)} vacanc{'y' if len(self.vacancies) == 1 else 'ies'}"
        self.sub_title = f"{self.store.root} · {count} · {message.open_count} open"
        self.fits = message.fits
        self.shown = message.shown
        vacancy_list = self.query_one(VacancyList)
        vacancy_list.keep(keep)
        self._show(vacancy_list.highlighted)

    @on(VacancyList.Highlighted)
    def _highlighted(self, message: VacancyList.Highlighted) -> None:
        self._show(message.vacancy)

    def _show(self, vacancy: Vacancy | None) -> None:
        checklist = self.query_one(ChecklistPane)
        item = checklist.current_item
        same = vacancy is not None and self.current is not None and vacancy.id == self.current.id
        # No profile, no verdicts: nine "?" would only say the user has not described themselves.
        known = vacancy is not None and not self.profile.is_empty
        self.verdicts = verdicts(self.profile, vacancy, self.now.date()) if known else {}
        self.current = vacancy
        if same:
            checklist.keep(item.id if item else None)
        else:
            self.text = ""
            if vacancy is not None:
                self.load_text(vacancy)

    @work(thread=True, exclusive=True, group="text")
    def load_text(self, vacancy: Vacancy) -> None:
        self.post_message(TextLoaded(vacancy.id, self._full_text(vacancy)))

    @on(TextLoaded)
    def _text_loaded(self, message: TextLoaded) -> None:
        if self.current is not None and self.current.id == message.vacancy_id:
            self.text = message.text

    @on(VacancyList.Chosen)
    def _chosen(self) -> None:
        self.action_focus_pane(2)

    # ------------------------------------------------------------------ saving

    def save(self, change: Change, undoable: bool = True) -> None:
        """Apply a change off the UI thread, then show the vacancy as it now is on disk."""

        def run() -> tuple[Change, Vacancy | None]:
            return self.store.apply(change), self.store.get(change.vacancy_id)

        def done(result: tuple[Change, Vacancy | None]) -> None:
            undo, fresh = result
            if undoable:
                self.undo_stack.append(undo)
            if fresh is not None:
                self._replace(fresh)

        self.saver.submit(run, self, done)

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        if message.error is not None:
            self.notify(str(message.error), title="Not saved", severity="error", markup=False)
            self.load()
        elif message.on_done is not None:
            message.on_done(message.result)
        self._version = None  # our own write changed the files: read them back at the next check

    def _replace(self, fresh: Vacancy) -> None:
        vacancies = tuple(fresh if v.id == fresh.id else v for v in self.vacancies)
        self.vacancies = vacancies if any(v.id == fresh.id for v in vacancies) else (*vacancies, fresh)

    # ------------------------------------------------------------------ layout

    def watch_narrow(self, narrow: bool) -> None:
        self.set_class(narrow, "narrow")
        self._layout()

    def watch_pane(self) -> None:
        self._layout()

    def _layout(self) -> None:
        for pane in PANES:
            self.set_class(self.narrow and self.pane == pane, f"-show-{pane}")
        if self.narrow and self.pane != "list":
            self.query_one(Tabs).active = self.pane
        self.refresh_bindings()

    @on(Tabs.TabActivated)
    def _tab(self, message: Tabs.TabActivated) -> None:
        if self.narrow and message.tab.id != self.pane:
            self.action_focus_pane(PANES.index(message.tab.id) + 1)

    def pane_widget(self, name: str):
        return self.query_one("#list" if name == "list" else f"#{name}-pane")

    @property
    def focused_pane(self) -> str | None:
        widget = self.focused
        while widget is not None and widget is not self:
            if widget.id == "list" or (widget.id or "").removesuffix("-pane") in PANES[1:]:
                return "list" if widget.id == "list" else widget.id.removesuffix("-pane")
            widget = widget.parent
        return None
