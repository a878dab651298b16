"""Resizing a line-drawn scroll view's content without laying out the whole screen."""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView


def set_virtual_size(view: ScrollView, size: Size) -> None:
    """Give `view` a new content size. Assigning `virtual_size` lays out the whole screen (about 20 ms),
    which a cursor move would pay each time the next posting has another length; only the scrollbar needs
    to know, and showing or hiding it still lays out, as it must."""
    if size != view.virtual_size:
        view.set_reactive(ScrollView.virtual_size, size)
        view._scroll_update(size)  # the scrollbar's length and thumb, and the scroll offset kept in range
        view.refresh()
