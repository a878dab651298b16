"""The scrollable pane that shows one vacancy as blocks of text with a hanging indent (details, tracker)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.strip import Strip
from textual.style import Style as VisualStyle

from eujobs.store.model import Vacancy

from ..formatting import NOT_YET
from ..textual_hooks import set_virtual_size
from .line_view import LineView, content_strip, widest_word, wrap_text

if TYPE_CHECKING:
    from ..read_ahead import PaneLines, ReadAhead

# A block of text is a lead ("Deadline", "• ") and a body; lines the body wraps onto start under the body.
Block = tuple[Content, Content]

LABEL_WIDTH = 12


def wrap_blocks(blocks: Iterable[Block], width: int) -> Iterable[Content]:
    for lead, body in blocks:
        indent = lead.cell_length
        # A lead that leaves little room, or too little for a word the whole width has room for (an e-mail
        # address, "☆ interested"): the body goes below it, on the whole width, rather than cut that word.
        room = width - indent
        if room < 10 or (indent and room < widest_word(body) <= width):
            room = width
        wrapped = wrap_text(body, room) if body else [Content("")]
        if room == width and lead:
            yield lead
            yield from wrapped
            continue
        yield lead + wrapped[0]
        pad = Content(" " * indent)
        yield from (pad + line for line in wrapped[1:])


def muted(text: str) -> Content:
    return Content.styled(text, "$text-muted")


def label(text: str) -> Content:
    return Content.styled(text.ljust(LABEL_WIDTH), "bold")


class VacancyTextPane(LineView, can_focus=True):
    """A scrollable pane of blocks about one vacancy; subclasses say which blocks.

    The blocks are wrapped once per width and only the lines in view are drawn, so a long posting
    costs what a short one does when the cursor moves on; of those, only the ones that differ from the
    previous vacancy's are repainted.
    """

    # The list's and the checklist's line keys too, as the help says (arrows, pages, Home and End are Textual's).
    BINDINGS = [
        Binding("j", "scroll_down", "Scroll down", show=False),
        Binding("k", "scroll_up", "Scroll up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G,shift+g", "scroll_end", "Bottom", show=False),
    ]
    DEFAULT_CSS = """
    VacancyTextPane {
        padding: 0 1;
        overflow-x: hidden;
    }
    """

    vacancy: reactive[Vacancy | None] = reactive(None, always_update=True, repaint=False)
    now: reactive[datetime] = reactive(NOT_YET, repaint=False)

    def __init__(self, *, id: str | None = None, classes: str | None = None,
                 read_ahead: ReadAhead | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.read_ahead = read_ahead  # the vacancy view's: lines laid out for the vacancy beforehand
        self._wrapped: tuple[int, list[Content]] | None = None  # (width, lines), None once the blocks change
        # The wrapped lines as drawn, by (index, base style): each is drawn once to compare, then painted.
        self._strips: dict[tuple[int, VisualStyle], Strip] = {}
        self._rebuild_pending = False
        self._stale = False

    def blocks(self, vacancy: Vacancy) -> Iterable[Block]:
        raise NotImplementedError

    def lines_ahead(self, lines: PaneLines) -> list[Content]:
        """This pane's part of the lines laid out ahead."""
        raise NotImplementedError

    def watch_vacancy(self, old: Vacancy | None, new: Vacancy | None) -> None:
        if old is None or new is None or old.id != new.id:
            self.scroll_home(animate=False, immediate=True)
        self.show(at_once=self.SHOWN_AT_ONCE)

    def watch_now(self) -> None:
        self.show()

    # Drawn in the same step as the change, so it reaches the screen with the list's new cursor; a pane
    # whose vacancy comes with more data (the detail pane's text) waits for the end of the step instead.
    SHOWN_AT_ONCE = True

    def show(self, at_once: bool = False) -> None:
        """Draw the blocks again: built, wrapped and sized once, now or after the other changes of this
        step (a new vacancy and its text arrive together)."""
        self._stale = True
        if at_once:
            self._rebuild()
        elif not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_next(self._rebuild)

    def _rebuild(self) -> None:
        self._rebuild_pending = False
        if self._stale:
            self._stale = False
            self._wrapped = None
            self._update_virtual_size()
            self.refresh_changed()

    def on_resize(self) -> None:
        self._update_virtual_size()

    def lines(self) -> list[Content]:
        """The blocks wrapped to the pane's width, one Content per screen line."""
        width = self.wrap_width
        if self._wrapped is None or self._wrapped[0] != width:
            ahead = self.read_ahead.get(self.vacancy) if self.read_ahead is not None else None
            self._wrapped = (width, self.lines_ahead(ahead) if ahead is not None else self.wrap(self.vacancy, width))
            self._strips = {}
        return self._wrapped[1]

    @property
    def wrap_width(self) -> int:
        """The width the blocks are wrapped to."""
        return max(self.scrollable_content_region.width, 1)

    def wrap(self, vacancy: Vacancy | None, width: int) -> list[Content]:
        """The vacancy's blocks wrapped to `width`, one Content per line (a pane may keep parts it wrapped)."""
        blocks = self.blocks(vacancy) if vacancy else [(Content(), muted("Select a vacancy"))]
        return list(wrap_blocks(blocks, width))

    def _update_virtual_size(self) -> None:
        width = self.scrollable_content_region.width
        size = Size(width, len(self.lines())) if width else self.virtual_size
        set_virtual_size(self, size)

    def line_strip(self, index: int) -> Strip:
        """Line `index` of the wrapped text as drawn, whether scrolled into view or not."""
        lines = self.lines()
        width = self._wrapped[0]  # as lines() just worked it out: each look at the region costs, line after line
        base = self.get_visual_style()
        if index >= len(lines):
            return Strip.blank(width, base.rich_style)
        if (strip := self._strips.get((index, base))) is None:
            strip = self._strips[index, base] = content_strip(lines[index], base, width)
        return strip

    def draw_line(self, y: int) -> Strip:
        return self.line_strip(self.scroll_offset.y + y)
