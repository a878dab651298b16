"""The help screen: every key, grouped by where it works, in a scrollable two-column list."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from ..formatting import printable
from .dialogs import DialogScreen

Sections = list[tuple[str, list[tuple[str, str]]]]


class KeyTable(Widget):
    """Keys on the left, what they do on the right; long descriptions wrap under their own column."""

    DEFAULT_CSS = "KeyTable { height: auto; }"
    GAP = 2

    def __init__(self, sections: Sections) -> None:
        super().__init__()
        self._sections = sections

    def _lines(self, width: int) -> list[Content]:
        keys = [key for _, rows in self._sections for key, _ in rows]
        # A very long key would starve the descriptions: past a third of the width it gets its own line.
        key_width = min(max(map(len, keys), default=0), 16, max(width // 3, 1))
        text_width = max(width - key_width - self.GAP, 10)
        indent = " " * (key_width + self.GAP)
        lines: list[Content] = []
        for heading, rows in self._sections:
            if lines:
                lines.append(Content(""))
            lines.append(Content.styled(printable(heading), "bold underline"))
            for key, description in rows:
                wrapped = textwrap.wrap(printable(description), text_width) or [""]
                key_cell = Content.styled(printable(key), "bold")
                if len(key) > key_width:
                    lines.append(key_cell)
                    wrapped_lines = wrapped
                else:
                    lines.append(Content.assemble(key_cell.pad_right(key_width + self.GAP - len(key)), wrapped[0]))
                    wrapped_lines = wrapped[1:]
                lines.extend(Content(indent + more) for more in wrapped_lines)
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Content:
        return Content("\n").join(self._lines(self.content_size.width))


class HelpScreen(DialogScreen[None]):
    """Shows the keys it is given; Esc, q or ? close it."""

    DEFAULT_CSS = """
    HelpScreen > #dialog { width: 76; }
    HelpScreen VerticalScroll { height: 1fr; }
    """
    BINDINGS = [Binding("q,question_mark", "cancel", "Close", show=False)]
    HINT = "↑↓ PgUp PgDn scroll · Esc/q/? close"

    def __init__(self, sections: Sections) -> None:
        super().__init__("Keys")
        self._sections = sections

    def compose_body(self) -> Iterable[Widget]:
        with VerticalScroll():
            yield KeyTable(self._sections)
