"""Line-drawn scroll views: resized without laying out the whole screen, repainted only where they changed."""

from __future__ import annotations

from os.path import commonprefix
from typing import Self

from rich.cells import cell_len
from rich.segment import Segment
from textual.content import Content
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.strip import Strip
from textual.style import Style as VisualStyle


def set_virtual_size(view: ScrollView, size: Size) -> None:
    """Give `view` a new content size. Assigning `virtual_size` lays out the whole screen (about 20 ms),
    which a cursor move would pay each time the next posting has another length; only the scrollbar needs
    to know, and showing or hiding it still lays out and repaints, as it must. The lines themselves are
    the caller's to repaint (see LineView.refresh_changed)."""
    if size != view.virtual_size:
        view.set_reactive(ScrollView.virtual_size, size)
        view._scroll_update(size)  # the scrollbar's length and thumb, and the scroll offset kept in range


class _RowScrollBar(ScrollBar):
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
        """Textual's Widget.vertical_scrollbar (8.2), which has no hook for the class, with _RowScrollBar."""
        if self._vertical_scrollbar is None:
            bar = _RowScrollBar(vertical=True, name="vertical", thickness=self.scrollbar_size_vertical)
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


class LineView(SizedScrollView):
    """A scroll view drawn a line at a time that repaints only the rows whose drawing changed.

    Over a slow SSH link every cell rewritten costs bytes (each styled run ~20 of them): when the pane
    shows another vacancy its labels, blank lines and headings stay as they are on the terminal, the way
    a DataTable repaints only two rows when its cursor moves. Subclasses draw in `draw_line` and call
    `refresh_changed` where a plain widget would call `refresh`; their reactives take repaint=False so
    that setting them does not repaint the whole widget anyway.
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._drawn: dict[int, Strip] = {}  # screen row -> the strip last drawn there

    def draw_line(self, y: int) -> Strip:
        raise NotImplementedError

    def render_line(self, y: int) -> Strip:
        strip = self._drawn[y] = self.draw_line(y)
        return strip

    def refresh_changed(self) -> None:
        """Repaint the rows in view that would now be drawn otherwise, each up to its last changed cell
        (the terminal keeps the rest). A scroll, a resize or a scrollbar shown or hidden repaints the
        whole widget of itself, so rows compared with stale ones only add."""
        width, height = self.scrollable_content_region.size
        changed = []
        for y in range(height):
            old, new = self._drawn.get(y), self.draw_line(y)
            if old != new:
                changed.append(Region(0, y, width if old is None else _changed_width(old, new), 1))
        if changed:
            self.refresh(*changed)  # at once: each refresh clears the widget's caches again


def content_strip(content: Content, base: VisualStyle, width: int, simplified: bool = True) -> Strip:
    """`content` drawn `width` cells wide: padded in the base style (cropped if longer), and (simplified) the
    padding joined to the last run when they look alike, which saves colour codes. One strip, not the three
    of Strip(...).adjust_cell_length(...).simplify(): each strip makes seven caches, and a cursor move draws
    some seventy lines."""
    segments, length = content.render_segments(base), content.cell_length
    if length > width:
        strip = Strip(segments, length).adjust_cell_length(width, base.rich_style)
        return strip.simplify() if simplified else strip
    if length < width:
        segments.append(Segment(" " * (width - length), base.rich_style))
    return Strip(Segment.simplify(segments) if simplified else segments, width)


def _changed_width(old: Strip, new: Strip) -> int:
    """The cells of a row up to the last one `new` draws unlike `old`, both as wide: the more alike the
    ends of their segments (simplified strips, one segment per run of a style), the more is spared.
    Textual writes a dirty row from the widget's left edge on, so only the end can be."""
    same = 0
    for (old_text, old_style, _), (new_text, new_style, _) in zip(reversed(old), reversed(new)):
        if old_style != new_style:
            break
        if old_text != new_text:
            same += cell_len(commonprefix([old_text[::-1], new_text[::-1]]))
            break
        same += cell_len(old_text)
    return old.cell_length - same
