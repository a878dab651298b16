"""The dashboard. For now one screen listing the store's vacancies; the four panes come next."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Footer, Header, Static

from store.db import Store
from store.timeline import by_deadline

from .formatting import countdown, printable


class EujobsApp(App):
    TITLE = "eujobs"
    CSS_PATH = "app.tcss"
    BINDINGS = [Binding("q", "quit", "Quit")]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self._vacancy_lines(), id="vacancies", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = str(self.store.root)

    def _vacancy_lines(self) -> Content:
        now = self.store.clock()
        vacancies = sorted(self.store.vacancies(), key=by_deadline(now))
        if not vacancies:
            return Content("No postings yet. Add some from the shell: eujobs import PATH...")
        # Posting data is plain text, never markup: Content keeps "[bold]" and escape codes literal.
        rows = [
            f"{v.id:<7} {countdown(v.posting.deadline, now):<14} {v.status:<10} {v.posting.title}"
            for v in vacancies
        ]
        return Content(printable("\n".join(rows)))
