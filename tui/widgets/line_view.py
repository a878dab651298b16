"""Line-drawn scroll views: repainted only where they changed."""

from __future__ import annotations

from os.path import commonprefix

from rich.cells import cell_len
from rich.segment import Segment
from textual.content import Content
from textual.geometry import Region
from textual.strip import Strip
from textual.style import Style as VisualStyle

from ..textual_hooks import SizedScrollView


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
