"""Text laid out in blocks with a hanging indent, and the scrollable pane that shows one vacancy so."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from store.model import Vacancy

from ..formatting import NOT_YET

# A block of text is a lead ("Deadline", "• ") and a body; lines the body wraps onto start under the body.
Block = tuple[Content, Content]

LABEL_WIDTH = 12


class HangingText(Widget):
    """Blocks of text wrapped with a hanging indent, so a long value stays in its column.

    One widget whatever the length of the text: Textual lays it out as a single Content.
    """

    DEFAULT_CSS = """
    HangingText {
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._blocks: list[Block] = []
        self._wrapped: tuple[int, list[Content]] = (-1, [])

    def show(self, blocks: Iterable[Block]) -> None:
        self._blocks = list(blocks)
        self._wrapped = (-1, [])
        self.refresh(layout=True)

    def lines(self, width: int) -> list[Content]:
        """The blocks wrapped to `width` cells, one Content per screen line (cached per width)."""
        if self._wrapped[0] != width:
            self._wrapped = (width, list(_wrap_blocks(self._blocks, width)))
        return self._wrapped[1]

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.content_size.width))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))


def _wrap_blocks(blocks: list[Block], width: int) -> Iterable[Content]:
    for lead, body in blocks:
        indent = lead.cell_length
        # A lead wider than the pane would leave no room: let the body use the whole width below it.
        room = width - indent if width - indent >= 10 else width
        wrapped = body.wrap(max(room, 1)) if body else [Content("")]
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


class VacancyTextPane(VerticalScroll, can_focus=True):
    """A scrollable pane of blocks about one vacancy; subclasses say which blocks."""

    DEFAULT_CSS = """
    VacancyTextPane {
        padding: 0 1;
    }
    """

    vacancy: reactive[Vacancy | None] = reactive(None, always_update=True)
    now: reactive[datetime] = reactive(NOT_YET)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._body = HangingText()

    def compose(self):
        yield self._body

    def blocks(self, vacancy: Vacancy) -> Iterable[Block]:
        raise NotImplementedError

    def watch_vacancy(self, old: Vacancy | None, new: Vacancy | None) -> None:
        if old is None or new is None or old.id != new.id:
            self.scroll_home(animate=False, immediate=True)
        self.show()

    def watch_now(self) -> None:
        self.show()

    def show(self) -> None:
        vacancy = self.vacancy
        self._body.show(self.blocks(vacancy) if vacancy else [(Content(), muted("Select a vacancy"))])
