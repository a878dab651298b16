"""The statistics screen: applications per month and each kind of procedure's funnel, as bars (tui/stats_report.py
holds its state and its lines, the same as `eujobs stats` prints)."""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from ..stats_report import StatsView
from .dialogs import DialogScreen


class StatsChart(Widget):
    """The statistics' lines, laid out to the widget's width; headings bold."""

    DEFAULT_CSS = "StatsChart { height: auto; }"

    def __init__(self, view: StatsView) -> None:
        super().__init__()
        self._view = view

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._view.lines(width))

    def render(self) -> Content:
        return Content("\n").join(Content.styled(line.text, "bold") if line.heading else Content(line.text)
                                  for line in self._view.lines(self.content_size.width))


class StatsScreen(DialogScreen[None]):
    """The whole terminal; Esc or q close it."""

    DEFAULT_CSS = """
    StatsScreen > #dialog { width: 100%; height: 100%; }
    StatsScreen VerticalScroll { height: 1fr; }
    """
    BINDINGS = [Binding("q", "cancel", "Close", show=False)]
    HINT = "↑↓ PgUp PgDn scroll · Esc/q close"

    def __init__(self, view: StatsView) -> None:
        super().__init__(view.title)
        self._view = view

    def compose_body(self) -> Iterable[Widget]:
        with VerticalScroll():
            yield StatsChart(self._view)
