"""Every place eujobs reaches into Textual's private parts, gathered here (written against Textual 8.2).

Each hook is listed in HOOKED with the signature it was written against: tests/test_textual_hooks.py fails
when an upgrade of Textual changes one, rather than a pane going quietly wrong.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from rich.segment import Segment
from textual.geometry import Region, Size
from textual.message_pump import MessagePump
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.strip import Strip

if TYPE_CHECKING:
    from textual.screen import Screen

# The private names used below, by where they are defined, and the signature each was written against.
HOOKED = {
    "textual.widget.Widget._size_updated":
        "(self, size: 'Size', virtual_size: 'Size', container_size: 'Size', layout: 'bool' = True) -> 'bool'",
    "textual.widget.Widget._scroll_update": "(self, virtual_size: 'Size') -> 'None'",
    "textual.app.App._start_widget": "(self, parent: 'Widget', widget: 'Widget') -> 'None'",
    "textual.app.App._handle_exception": "(self, error: 'Exception') -> 'None'",  # overridden by EujobsApp
    "textual.scrollbar.ScrollBarRender.__init__":
        "(self, virtual_size: 'int' = 100, window_size: 'int' = 0, position: 'float' = 0, thickness: 'int' = 1, "
        "vertical: 'bool' = True, style: 'StyleType' = 'bright_magenta on #555555') -> 'None'",
}
# Screen.compose_add_child gives every screen's toast rack this id; the rack is Textual's, not ours.
TOAST_RACK_ID = "textual-toastrack"


def hide_toast_rack(screen: Screen) -> None:
    """Textual's toast rack hides itself once the screen is shown, a frame after the first, and that sets a
    style, which lays out and repaints the whole screen again. Hidden already, that is no change. (There is
    none when notifications are off, as in tests.)"""
    screen.query(f"#{TOAST_RACK_ID}").set(display=False)


def has_pending_messages(pump: MessagePump) -> bool:
    """Has `pump` messages it has not handled yet: in its queue, peeked at, or to run after the current one?
    Textual (8.2) keeps them in MessagePump._message_queue, _pending_message and _next_callbacks."""
    return not pump._message_queue.empty() or pump._pending_message is not None or bool(pump._next_callbacks)


def set_virtual_size(view: ScrollView, size: Size) -> None:
    """Give `view` a new content size. Assigning `virtual_size` lays out the whole screen (about 20 ms),
    which a cursor move would pay each time the next posting has another length; only the scrollbar needs
    to know, and showing or hiding it still lays out and repaints, as it must. The lines themselves are
    the caller's to repaint (see LineView.refresh_changed)."""
    if size != view.virtual_size:
        view.set_reactive(ScrollView.virtual_size, size)
        view._scroll_update(size)  # the scrollbar's length and thumb, and the scroll offset kept in range


class RowScrollBar(ScrollBar):
    """A scrollbar that repaints only its rows that changed: another posting's length moves the end of the
    thumb by a row or so, and each row rewritten costs ~35 bytes (~1.3 KB a move for the detail and
    checklist bars). Textual (8.2) has no hook for it, so the rows its renderer gives now are compared with
    those it gave for the last repaint, and only when what it draws them from changed; the rows repainted
    are those rows. Drawing the whole bar through Textual at each of its refreshes, to compare and again to
    paint, took 2.5 ms of a 12 ms cursor move."""

    def __init__(self, vertical: bool = True, name: str | None = None, *, thickness: int = 1) -> None:
        super().__init__(vertical, name, thickness=thickness)
        self._shown: tuple[tuple, list[list[Segment]]] | None = None  # (drawn from, rows) as last repainted

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> Self:
        shown, self._shown = self._shown, None
        if not repaint or regions or layout or recompose or not self.is_mounted or not self.size:
            return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
        self._shown = self._rows(shown)
        if self._shown is shown:
            return self
        if shown is None or shown[0][0] != self.size:
            return super().refresh()
        super().refresh(Region())  # empty: Textual drops its caches (the drawn visual too), repaints no row
        width = self.size.width
        changed = [Region(0, y, width, 1) for y, (old, new) in enumerate(zip(shown[1], self._shown[1])) if old != new]
        return super().refresh(*changed) if changed else self

    def _rows(self, shown: tuple[tuple, list[list[Segment]]] | None) -> tuple[tuple, list[list[Segment]]]:
        """(what the bar is drawn from, its rows): `shown` itself when drawn from the same."""
        bar, base = self.render(), self.visual_style.rich_style
        drawn_from = (self.size, base, bar.virtual_size, bar.window_size, bar.position, bar.thickness, bar.style)
        if shown is not None and shown[0] == drawn_from:
            return shown
        console = self.app.console
        return drawn_from, console.render_lines(bar, console.options.update_dimensions(*self.size), style=base,
                                                pad=False)

    def render_lines(self, crop: Region) -> list[Strip]:
        # Painted from the rows a refresh compares with: the first refresh then knows what the terminal shows.
        self._shown = self._rows(self._shown)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        rows = self._shown[1] if self._shown else []
        return Strip(rows[y], self.size.width) if y < len(rows) else super().render_line(y)


class SizedScrollView(ScrollView):
    """A scroll view that works out its content's size itself (`_update_virtual_size`), once its own size is
    known: in the layout that gives it that size. Worked out a frame later, on its Resize event, the size
    made the next layouts repaint the scrollbars, each start some 10 ms past its first frame."""

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        """Textual's Widget.vertical_scrollbar (8.2), which has no hook for the class, with RowScrollBar."""
        if self._vertical_scrollbar is None:
            bar = RowScrollBar(vertical=True, name="vertical", thickness=self.scrollbar_size_vertical)
            self._vertical_scrollbar = bar
            bar.display = False
            self.app._start_widget(self, bar)
        return self._vertical_scrollbar

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        resized = super()._size_updated(size, virtual_size, container_size, layout)
        if resized:
            self._update_virtual_size()
        return resized

    def _update_virtual_size(self) -> None:
        raise NotImplementedError
