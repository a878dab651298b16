"""The checklist pane: a vacancy's items under their group headers, a cursor, and space to tick.

With a profile, each eligibility item also shows whether the user meets it (✓ ✗ ?) and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.style import Style as VisualStyle

from eujobs.store.eligibility.rules import CHECK, FAILS, MEETS, Verdict
from eujobs.store.eligibility.verdict import RULE_NAMES
from eujobs.store.model import GROUPS, ChecklistItem, Vacancy

from ..commands import command
from ..formatting import printable
from ..textual_hooks import set_virtual_size
from .line_view import NO_BREAK_SPACE, LineView, content_strip, wrap_text

if TYPE_CHECKING:
    from ..read_ahead import ReadAhead

TICK = command("toggle_item")  # the key and label come from the one table of commands

GROUP_NAMES = {"eligibility": "Eligibility", "selection": "Selection", "application": "Application",
               "custom": "Your items"}
EMPTY_HINT = "No checklist items. Press a to add your own."
MARK_WIDTH = 2  # "▶ " on the cursor's line, blanks elsewhere
BOX_WIDTH = 4  # "[x] "
VERDICT_WIDTH = 2  # "✗ "
# Each verdict's symbol says it without colour; the colour repeats it.
VERDICT_MARKS = {MEETS: ("✓", "$success"), FAILS: ("✗", "$error"), CHECK: ("?", "$warning")}
OVERRIDDEN = "✎ you ticked it"


@dataclass(frozen=True)
class _Line:
    """One screen line: a group header, a gap, or part of an item (long items wrap onto several)."""

    content: Content
    item: int | None = None  # index in `items` of the item this line shows
    first: bool = False  # the item's first line, where the cursor mark goes


class ChecklistPane(LineView, can_focus=True):
    """Renders only the visible lines, repaints only those that changed; a tick is posted (Toggled), saved by
    the screen, and comes back as `vacancy`."""

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
        Binding("end,G,shift+g", "last", "Last", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding(TICK.keys, "toggle", TICK.label, key_display=TICK.shown_key or None),
        Binding("enter", "toggle", TICK.label, show=False),
    ]

    vacancy: reactive[Vacancy | None] = reactive(None, always_update=True, repaint=False)
    # Eligibility item id -> verdict, for `vacancy`.
    verdicts: reactive[dict[str, Verdict]] = reactive(dict, repaint=False)
    cursor: reactive[int] = reactive(0, repaint=False)

    class Toggled(Message):
        """The user wants this item ticked (done=True) or unticked."""

        def __init__(self, vacancy_id: str, item_id: str, done: bool) -> None:
            super().__init__()
            self.vacancy_id = vacancy_id
            self.item_id = item_id
            self.done = done

    def __init__(self, *, id: str | None = None, classes: str | None = None,
                 read_ahead: ReadAhead | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.read_ahead = read_ahead  # the vacancy view's: lines laid out for the vacancy beforehand
        self.items: list[ChecklistItem] = []  # in the order shown, group by group
        self._kept: str | None = None
        self._wrapped: tuple[int, list[_Line]] = (-1, [])
        # The laid out lines as drawn, by (number, on the cursor, style): drawn once to compare, then painted.
        self._strips: dict[tuple[int, bool, VisualStyle], Strip] = {}
        self._rewrap_pending = False

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
        self._rewrap_pending = False  # laid out here, with the verdicts set before
        same_vacancy = old is not None and new is not None and old.id == new.id
        under_cursor = self.current_item
        wanted = self._kept or (under_cursor.id if same_vacancy and under_cursor else None)
        self._kept = None
        self.items = _in_groups(new.checklist) if new else []
        self._wrapped = (-1, [])
        found = self._index_of(wanted)
        if not same_vacancy:
            self.scroll_home(animate=False, immediate=True)
        self.cursor = found if found is not None else self.cursor if same_vacancy else 0
        self._update_virtual_size()
        self._scroll_to_cursor()
        self.refresh_changed()

    def watch_verdicts(self) -> None:
        # The vacancy view sets the verdicts just before the vacancy they are for: laid out once, with both, by
        # watch_vacancy, or after this step when the verdicts alone changed (another profile).
        self._wrapped = (-1, [])
        if not self._rewrap_pending:
            self._rewrap_pending = True
            self.call_next(self._rewrap)

    def _rewrap(self) -> None:
        if self._rewrap_pending:
            self._rewrap_pending = False
            self._update_virtual_size()
            self._scroll_to_cursor()
            self.refresh_changed()

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self.items) - 1))

    def watch_cursor(self) -> None:
        self._scroll_to_cursor()
        self.refresh_changed()

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

    # ------------------------------------------------------------------ lines and rendering

    def _lines(self) -> list[_Line]:
        """The lines for the current width; wrapping depends on it, so they are rebuilt on resize."""
        width = self.scrollable_content_region.width
        if width <= 0:
            return []  # not laid out yet (or hidden): wrapped to no width, each item took tens of lines
        if self._wrapped[0] != width:
            ahead = self.read_ahead.get(self.vacancy) if self.read_ahead is not None else None
            self._wrapped = (width, ahead.checklist if ahead is not None else
                            _item_lines(self.vacancy, self.items, self.verdicts, width - MARK_WIDTH))
            self._strips = {}
        return self._wrapped[1]

    def _item_starts(self) -> list[int]:
        return [y for y, line in enumerate(self._lines()) if line.first]

    def _update_virtual_size(self) -> None:
        size = Size(self.scrollable_content_region.width, len(self._lines()))
        set_virtual_size(self, size)

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

    def draw_line(self, y: int) -> Strip:
        lines = self._lines()
        width = self._wrapped[0]  # as _lines() just worked it out: each look at the region costs, line after line
        number = self.scroll_offset.y + y
        if number >= len(lines):
            return Strip.blank(width, self.rich_style)
        line = lines[number]
        on_cursor = line.item is not None and line.item == self.cursor
        style = self.get_visual_style("checklist-pane--cursor") if on_cursor else self.visual_style
        key = (number, on_cursor, style)
        if (strip := self._strips.get(key)) is None:
            content = Content("▶ " if on_cursor and line.first else "  ") + line.content
            strip = self._strips[key] = content_strip(content, style, width)
        return strip


def checklist_lines(vacancy: Vacancy, verdicts: dict[str, Verdict], width: int) -> list[_Line]:
    """The pane's lines for `vacancy` at the pane's `width`, as ChecklistPane lays them out; pure, so a
    worker may."""
    return _item_lines(vacancy, _in_groups(vacancy.checklist), verdicts, width - MARK_WIDTH)


def _in_groups(items: list[ChecklistItem]) -> list[ChecklistItem]:
    order = {group: rank for rank, group in enumerate(GROUPS)}
    return sorted(items, key=lambda item: order.get(item.group, len(order)))


def _item_lines(vacancy: Vacancy | None, items: list[ChecklistItem], verdicts: dict[str, Verdict],
            width: int) -> list[_Line]:
    if vacancy is None:
        return []
    lines: list[_Line] = []
    rules = _rule_lines(verdicts, width)  # the rules that are no item: the grade's, the start date
    if rules and not any(item.group == "eligibility" for item in items):
        lines += [*_header("eligibility", [], verdicts, width), *rules, _Line(Content())]
    if not items:
        return [*lines, *(_Line(part) for part in wrap_text(Content.styled(EMPTY_HINT, "$text-muted"), width))]
    group = None
    for index, item in enumerate(items):
        if item.group != group:
            if group == "eligibility":
                lines += rules
            group = item.group
            if lines and lines[-1].content:
                lines.append(_Line(Content()))
            lines += _header(group, [other for other in items if other.group == group], verdicts, width)
        box = Content.styled("[x] ", "$success") if item.done else Content("[ ] ")
        text = Content.styled(printable(item.text), "$text-muted" if item.done else "")
        verdict = verdicts.get(item.id) if item.group == "eligibility" else None
        if verdicts and item.group == "eligibility":
            box += _mark(verdict)
        text_width = max(width - box.cell_length, 10)
        for number, part in enumerate(wrap_text(text, text_width)):
            lines.append(_Line((box if number == 0 else Content(" " * box.cell_length)) + part, index, number == 0))
        if verdict is not None:
            lines += [_Line(Content(" " * box.cell_length) + part, index)
                      for part in wrap_text(_why(verdict, item.done), text_width)]
    if group == "eligibility":
        lines += rules
    return lines


def _mark(verdict: Verdict | None) -> Content:
    if verdict is None or verdict.verdict not in VERDICT_MARKS:
        return Content(" " * VERDICT_WIDTH)
    symbol, style = VERDICT_MARKS[verdict.verdict]
    return Content.styled(symbol, f"bold {style}") + " "


def reason_text(reason: str) -> str:
    """A verdict's reason (or a line ending in one) as shown: its closing ✓ never alone on a line of its own."""
    text = printable(reason)
    return f"{text[:-2]}{NO_BREAK_SPACE}✓" if text.endswith(" ✓") else text


def _why(verdict: Verdict, done: bool) -> Content:
    """The verdict's reason, muted; a tick against a failing verdict says the user overrode it."""
    reason = Content.styled(reason_text(verdict.reason), "$text-muted")
    if done and verdict.verdict != MEETS:
        return Content.assemble((OVERRIDDEN, "bold"), (" · ", "$text-muted"), reason)
    return reason


def _rule_lines(verdicts: dict[str, Verdict], width: int) -> list[_Line]:
    """The verdicts on rules that are no item (the grade's entry rules, the start date against the user's
    availability), under the eligibility items but not among them: there is nothing to tick."""
    indent = Content(" " * (BOX_WIDTH + VERDICT_WIDTH))
    text_width = max(width - indent.cell_length, 10)
    lines = []
    for key, name in RULE_NAMES.items():
        if verdict := verdicts.get(key):
            lines.append(_Line(Content(" " * BOX_WIDTH) + _mark(verdict) + name))
            lines += [_Line(indent + part) for part in wrap_text(_why(verdict, False), text_width)]
    return lines


def _open_counts(items: list[ChecklistItem], verdicts: dict[str, Verdict]) -> tuple[int, int]:
    """Failing and unsure verdicts the user has not ticked past (a tick counts as met), the rules that are no item
    included."""
    open_verdicts = [verdicts[item.id].verdict for item in items if not item.done and item.id in verdicts]
    open_verdicts += [verdicts[key].verdict for key in RULE_NAMES if key in verdicts]
    return open_verdicts.count(FAILS), open_verdicts.count(CHECK)


def _header(group: str, items: list[ChecklistItem], verdicts: dict[str, Verdict], width: int) -> list[_Line]:
    """'Eligibility 3/8 · 1 ✗ · 2 ?': on more lines in a narrow pane, never parting a count from its symbol."""
    done = sum(item.done for item in items)
    name = GROUP_NAMES.get(group, group.capitalize())
    parts = [f"{name} {done}/{len(items)}" if items else name]
    if done == len(items) and items:
        parts[0] += " ✓"
    if group == "eligibility" and verdicts:
        failing, unsure = _open_counts(items, verdicts)
        parts += [f"{count} {symbol}" for count, symbol in ((failing, "✗"), (unsure, "?")) if count]
    texts = [parts[0]]
    for part in parts[1:]:
        if len(texts[-1]) + len(" · ") + len(part) <= width:
            texts[-1] += f" · {part}"
        else:
            texts.append(f"· {part}")
    return [_Line(Content.styled(text, "bold $accent")) for text in texts]
