"""Line-drawn scroll views: repainted only where they changed; and the wrapping of their text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from os.path import commonprefix

from rich.cells import cell_len, get_character_cell_size
from rich.segment import Segment
from textual.content import Content
from textual.geometry import Region
from textual.strip import Strip
from textual.style import Style as VisualStyle

from ..textual_hooks import SizedScrollView

NO_BREAK_SPACE = "\u00a0"  # joins words a line must not part ("s to change"); drawn as a plain space
# What a line is never broken inside: a run of non-blanks, no-break spaces included.
_WORD = re.compile(r"(?:[^\s]|\u00a0)+")
# An e-mail address or a URL: cut in two it reads as two addresses, both wrong.
_ADDRESS = re.compile(r"@|://|^www\.")
_PLAIN_WORD = re.compile(r"\S+")


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


def wrap_text(content: Content, width: int) -> list[Content]:
    """`content` in lines at most `width` cells wide, broken between words. A word wider than a line is folded,
    but an e-mail address or URL never is: it starts a line, and only when wider than the line is it cut short,
    with an ellipsis. A no-break space keeps the words on either side on one line."""
    width = max(width, 1)
    return [line for text_line in content.split("\n", allow_blank=True)
            for line in _wrap_line(text_line.expand_tabs(), width)]


def widest_word(content: Content) -> int:
    """The cells of the widest run of `content` that wrap_text keeps on one line when it can."""
    return max((cell_len(word) for word in _WORD.findall(content.plain)), default=0)


def _wrap_line(line: Content, width: int) -> list[Content]:
    text = line.plain
    cuts: list[int] = []  # where each line after the first begins
    cut_short: set[int] = set()  # lines that are an address too wide to show whole
    start, break_next = 0, False
    for word_start, word_end in _words(text, width):
        ends_past = cell_len(text[start:word_end]) > width
        if break_next or (ends_past and text[start:word_start].strip()):
            cuts.append(start := word_start)
            break_next = False
        if cell_len(text[start:word_end]) <= width:
            continue
        if _ADDRESS.search(text[word_start:word_end]):
            cut_short.add(len(cuts))
            break_next = True
            continue
        used = 0  # a long word of another kind folds: nothing of it is lost
        for index in range(start, word_end):
            used += get_character_cell_size(text[index])
            if used > width:
                cuts.append(start := index)
                used = get_character_cell_size(text[index])
    lines = [part.rstrip() for part in line.divide(cuts)]
    for number in cut_short:
        lines[number] = lines[number].truncate(width, ellipsis=True)
    if NO_BREAK_SPACE in text:
        lines = [Content(part.plain.replace(NO_BREAK_SPACE, " "), list(part.spans)) for part in lines]
    return lines


def _words(text: str, width: int) -> Iterator[tuple[int, int]]:
    """Where each unbreakable run of `text` starts and ends; words joined by no-break spaces that make a run
    wider than a line come apart there rather than mid-word."""
    for word in _WORD.finditer(text):
        if NO_BREAK_SPACE in word.group() and cell_len(word.group()) > width:
            yield from (part.span() for part in _PLAIN_WORD.finditer(text, word.start(), word.end()))
        else:
            yield word.span()


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
