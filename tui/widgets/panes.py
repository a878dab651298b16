"""The four panes' arrangement: side by side on a wide terminal; on a narrow one the list, or one of the three
others as a tab. Which pane has the focus, and moving it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import Horizontal
from textual.reactive import var
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.widgets import Tabs

NARROW_BELOW = 100  # columns
NAMES = ("list", "detail", "checklist", "tracker")
TITLES = ("1 Vacancies", "2 Details", "3 Checklist", "4 Tracker")
NAME_OF_ID = {"list": "list", "detail-pane": "detail", "checklist-pane": "checklist", "tracker-pane": "tracker"}


class Panes(Horizontal):
    """Holds the two sides (composed by the screen, which binds them); the app's CSS arranges them by the classes
    set here: `narrow`, and `-show-<pane>` for the one pane a narrow terminal shows."""

    narrow = var(False)
    shown = var("list")  # the pane shown on a narrow terminal

    def on_mount(self) -> None:
        for name, title in zip(NAMES, TITLES):
            self.pane(name).border_title = title
        self.narrow = self.app.size.width < NARROW_BELOW  # before the first frame: not drawn wide, then narrow

    def on_resize(self) -> None:
        self.narrow = self.app.size.width < NARROW_BELOW

    def pane(self, name: str) -> Widget:
        return self.query_one("#list" if name == "list" else f"#{name}-pane")

    @property
    def focused_pane(self) -> str | None:
        """The pane that has the focus, or holds the widget that has it."""
        widget = self.screen.focused
        while widget is not None and widget is not self:
            if widget.id in NAME_OF_ID:
                return NAME_OF_ID[widget.id]
            widget = widget.parent
        return None

    @property
    def away_from_list(self) -> bool:
        """Is a narrow terminal showing a pane other than the list?"""
        return self.narrow and self.shown != "list"

    def focus_pane(self, name: str) -> None:
        if self.narrow:
            self.shown = name
        self.pane(name).focus()

    def step(self, step: int) -> None:
        here = NAMES.index(self.focused_pane or "list")
        self.focus_pane(NAMES[(here + step) % len(NAMES)])

    def watch_narrow(self, narrow: bool) -> None:
        self.set_class(narrow, "narrow")
        self._arrange()

    def watch_shown(self) -> None:
        self._arrange()

    def _arrange(self) -> None:
        for name in NAMES:
            self.set_class(self.narrow and self.shown == name, f"-show-{name}")
        if self.away_from_list:
            self._show_tab(self.shown)
        self.screen.refresh_bindings()

    def _show_tab(self, name: str) -> None:
        """The pane's tab made active; the tabs are mounted the first time a narrow screen shows a pane: at
        the width of most terminals they are never seen, and mounted hidden they cost every start a frame."""
        from textual.widgets import Tab, Tabs

        if tabs := self.query(Tabs):
            tabs.first().active = name
        else:
            self.query_one("#right").mount(Tabs(
                Tab(TITLES[1], id="detail"), Tab(TITLES[2], id="checklist"), Tab(TITLES[3], id="tracker"),
                id="tabs", active=name), before=0)

    def on_tabs_tab_activated(self, message: Tabs.TabActivated) -> None:
        # With the list shown the tabs are hidden: an activation then is the Tabs' own on mounting.
        if self.away_from_list and message.tab.id != self.shown:
            self.focus_pane(message.tab.id)
