"""The checklist pane: a vacancy's items under their group headers, a cursor, and space to tick."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from store.model import GROUPS, ChecklistItem, Vacancy

from ..commands import command
from ..formatting import printable

TICK = command("toggle_item")  # the key and label come from the one table of commands

GROUP_NAMES = {"eligibility": "Eligibility", "selection": "Selection", "application": "Application",
               "custom": "Your items"}
EMPTY_HINT = "No checklist items. Press a to add your own."
MARK_WIDTH = 2  # "▶ " on the cursor's line, blanks elsewhere
BOX_WIDTH = 4  # "[x] "


@dataclass(frozen=True)
class _Line:
    """One screen line: a group header, a gap, or part of an item (long items wrap onto several)."""

    content: Content
    item: int | None = None  # index in `items` of the item this line shows
    first: bool = False  # the item's first line, where the cursor mark goes


class ChecklistPane(ScrollView, can_focus=True):
    """Renders only the visible lines; the screen applies ticks and sets `vacancy` back."""

    COMPONENT_CLASSES = {"checklist-pane--cursor"}
    DEFAULT_CSS = """
    ChecklistPane {
        overflow-x: hidden;
    }
    ChecklistPane > .checklist-pane--cursor {
        text-style: reverse;
    }
    """
    BINDINGS = [
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding(TICK.keys, "toggle", TICK.label, key_display=TICK.shown_key or None),
        Binding("enter", "toggle", TICK.label, show=False),
    ]

    vacancy: reactive[Vacancy | None] = reactive(None, always_update=True)
    cursor: reactive[int] = reactive(0)

    class Toggled(Message):
        """The user wants this item ticked (done=True) or unticked."""

        def __init__(self, vacancy_id: str, item_id: str, done: bool) -> None:
            super().__init__()
            self.vacancy_id = vacancy_id
            self.item_id = item_id
            self.done = done

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.items: list[ChecklistItem] = []  # in the order shown, group by group
        self._kept: str | None = None
        self._layout: tuple[int, list[_Line]] = (-1, [])

    @property
    def current_item(self) -> ChecklistItem | None:
        return self.items[self.cursor] if self.items else None

    def keep(self, item_id: str | None) -> None:
        """Put the cursor on this item, now if it is shown, else when `vacancy` is next set."""
        self._kept = item_id
        if self._index_of(item_id) is not None:
            self.cursor = self._index_of(item_id)
            self._kept = None

    def _index_of(self, item_id: str | None) -> int | None:
        return next((index for index, item in enumerate(self.items) if item.id == item_id), None)

    # ------------------------------------------------------------------ state

    def watch_vacancy(self, old: Vacancy | None, new: Vacancy | None) -> None:
        same_vacancy = old is not None and new is not None and old.id == new.id
        under_cursor = self.current_item
        wanted = self._kept or (under_cursor.id if same_vacancy and under_cursor else None)
        self._kept = None
        self.items = _in_groups(new.checklist) if new else []
        self._layout = (-1, [])
        found = self._index_of(wanted)
        if not same_vacancy:
            self.scroll_home(animate=False, immediate=True)
        self.cursor = found if found is not None else self.cursor if same_vacancy else 0
        self._update_virtual_size()
        self._scroll_to_cursor()
        self.refresh()

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self.items) - 1))

    def watch_cursor(self) -> None:
        self._scroll_to_cursor()
        self.refresh()

    # ------------------------------------------------------------------ actions

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self.items) - 1

    def action_page_up(self) -> None:
        self._move_page(-1)

    def action_page_down(self) -> None:
        self._move_page(1)

    def action_toggle(self) -> None:
        item, vacancy = self.current_item, self.vacancy
        if item is not None and vacancy is not None:
            self.post_message(self.Toggled(vacancy.id, item.id, not item.done))

    def _move_page(self, direction: int) -> None:
        """Move by a screenful of lines, landing on the item that starts nearest that far."""
        starts = self._item_starts()
        if not starts:
            return
        target = starts[self.cursor] + direction * max(self.scrollable_content_region.height - 1, 1)
        if direction > 0:
            below = [index for index, start in enumerate(starts) if start <= target]
            self.cursor = max(below[-1], self.cursor + 1)
        else:
            above = [index for index, start in enumerate(starts) if start >= target]
            self.cursor = min(above[0], self.cursor - 1)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        lines = self._lines()
        if offset is not None and 0 <= offset.y + self.scroll_offset.y < len(lines):
            item = lines[offset.y + self.scroll_offset.y].item
            if item is not None:
                self.cursor = item

    # ------------------------------------------------------------------ layout and rendering

    def _lines(self) -> list[_Line]:
        """The lines for the current width; wrapping depends on it, so they are rebuilt on resize."""
        width = self.scrollable_content_region.width
        if self._layout[0] != width:
            self._layout = (width, _layout(self.vacancy, self.items, width - MARK_WIDTH))
        return self._layout[1]

    def _item_starts(self) -> list[int]:
        return [y for y, line in enumerate(self._lines()) if line.first]

    def _update_virtual_size(self) -> None:
        size = Size(self.scrollable_content_region.width, len(self._lines()))
        if size != self.virtual_size:
            self.virtual_size = size

    def _scroll_to_cursor(self) -> None:
        lines = self._lines()
        rows = [y for y, line in enumerate(lines) if line.item == self.cursor]
        if rows and self.is_mounted:
            top = rows[0]
            while top > 0 and lines[top - 1].item is None:  # a group's heading shows with its first item
                top -= 1
            region = Region(0, top, self.scrollable_content_region.width, rows[-1] - top + 1)
            self.scroll_to_region(region, animate=False, force=True, immediate=True)

    def on_resize(self) -> None:
        # Laid out while hidden (narrow terminals) the pane had no width: place the cursor again.
        self._update_virtual_size()
        self._scroll_to_cursor()

    def render_lines(self, crop: Region) -> list[Strip]:
        # A scrollbar appearing narrows the lines and may add wrapped ones.
        self._update_virtual_size()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        lines = self._lines()
        number = self.scroll_offset.y + y
        if number >= len(lines):
            return Strip.blank(width, self.rich_style)
        line = lines[number]
        on_cursor = line.item is not None and line.item == self.cursor
        style = self.get_visual_style("checklist-pane--cursor") if on_cursor else self.visual_style
        content = Content("▶ " if on_cursor and line.first else "  ") + line.content
        return Strip(content.render_segments(style), content.cell_length).extend_cell_length(width, style.rich_style)


def _in_groups(items: list[ChecklistItem]) -> list[ChecklistItem]:
    order = {group: rank for rank, group in enumerate(GROUPS)}
    return sorted(items, key=lambda item: order.get(item.group, len(order)))


def _layout(vacancy: Vacancy | None, items: list[ChecklistItem], width: int) -> list[_Line]:
    if vacancy is None:
        return []
    if not items:
        return [_Line(Content.styled(EMPTY_HINT, "$text-muted"))]
    lines: list[_Line] = []
    text_width = max(width - BOX_WIDTH, 10)
    group = None
    for index, item in enumerate(items):
        if item.group != group:
            group = item.group
            if lines:
                lines.append(_Line(Content()))
            lines.append(_Line(_header(group, [other for other in items if other.group == group])))
        box = Content.styled("[x] ", "$success") if item.done else Content("[ ] ")
        text = Content.styled(printable(item.text), "$text-muted" if item.done else "")
        for number, part in enumerate(text.wrap(text_width)):
            lines.append(_Line((box if number == 0 else Content(" " * BOX_WIDTH)) + part, index, number == 0))
    return lines


def _header(group: str, items: list[ChecklistItem]) -> Content:
    done = sum(item.done for item in items)
    name = GROUP_NAMES.get(group, group.capitalize())
    complete = " ✓" if done == len(items) else ""
    return Content.styled(f"{name} {done}/{len(items)}{complete}", "bold $accent")
