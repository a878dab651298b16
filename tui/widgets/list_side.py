"""The left of the dashboard: the vacancy list as the filter found it, the filter box under it, and what an
empty store says in the list's place."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from functools import cached_property

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import var
from textual.widgets import Input, Static

from eujobs.store.model import Vacancy

from ..dashboard import Arrival, Listing
from ..formatting import NOT_YET
from .filter_box import FilterBox
from .panes import TITLES
from .vacancy_list import VacancyList

EMPTY_STORE = (
    "No postings yet.\n\nPress i to import a file or folder (.txt .md .pdf .html), A to add one by hand,\n"
    "or from the shell:  eujobs import PATH..."
)


class ListSide(Vertical):
    """Bound by the screen to the time; given each listing to show (take)."""

    # Plain vars: this draws none of it itself. always_update: comparing 10,000 vacancies field by field, or
    # fits worked out as rows ask for them, costs more than redrawing a screen.
    shown: var[tuple[Vacancy, ...]] = var((), always_update=True)
    fits: var[Mapping[str, str]] = var(dict, always_update=True)  # vacancy id -> 'eligible', 'not checked'...
    now: var[datetime] = var(NOT_YET)
    _title = TITLES[0]  # the list's border title, as Panes sets it first

    def compose(self) -> ComposeResult:
        yield Static(EMPTY_STORE, id="empty", markup=False)
        yield VacancyList(id="list").data_bind(vacancies=ListSide.shown, now=ListSide.now, fits=ListSide.fits)
        yield FilterBox(id="filter", placeholder="Filter: words of the title, institution, reference, text…")

    @cached_property
    def vacancy_list(self) -> VacancyList:
        return self.query_one(VacancyList)

    @cached_property
    def filter_box(self) -> FilterBox:
        return self.query_one(FilterBox)

    def show_front(self, listing: Listing, count: int) -> None:
        """The front of the list (its first rows), sized for the `count` rows of the whole list to come."""
        self.vacancy_list.expect(count)
        self.vacancy_list.measure_over(listing.shown)
        self.fits, self.shown = listing.fits, listing.shown

    def take(self, listing: Listing, arrival: Arrival, keep: Vacancy | None) -> None:
        """Show a listing that arrived, the cursor kept on `keep` when it is there."""
        vacancy_list = self.vacancy_list
        vacancy_list.measure_over(listing.of)
        if arrival is Arrival.CONTINUES_FRONT:  # the rows are taken without a repaint (a screenful of bytes)
            self.set_reactive(ListSide.fits, listing.fits)
            self.set_reactive(ListSide.shown, listing.shown)
            vacancy_list.take_quietly(listing.shown, listing.fits)
            return
        if arrival is Arrival.REPLACES_FRONT:
            vacancy_list.expect(0)
        self.fits, self.shown = listing.fits, listing.shown
        vacancy_list.keep(keep.id if keep else None)  # its highlighted vacancy, if another, is shown

    def show_filter(self, said: str) -> None:
        """Say in the list's border what it shows ('12 of 80 · /brussels · eligible · by deadline'), so that a
        short list is not taken for all, nor an order for another."""
        title = f"{TITLES[0]} · {said}"
        if title != self._title:  # (setting it repaints the whole list)
            self._title = title
            self.vacancy_list.border_title = Content(title)  # the filter's text as typed, never markup

    def set_empty(self, empty: bool) -> None:
        self.set_class(empty, "-empty")

    def open_filter(self) -> None:
        box = self.filter_box
        box.display = True
        box.focus()

    def close_filter(self) -> None:
        box = self.filter_box
        box.value = ""
        box.display = False

    def on_input_submitted(self, message: Input.Submitted) -> None:
        if message.input is self.filter_box:
            self.vacancy_list.focus()
