"""The vacancy list: one line per vacancy, drawn a line at a time so 10,000 rows cost what 10 do."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import ClassVar, NamedTuple

from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.style import Style as VisualStyle

from eujobs.store.listing.order import fit_text
from eujobs.store.model import STATUSES, Vacancy
from eujobs.store.outputs.timeline import deadline_instant, pressing_deadline

from ..formatting import NOT_YET, countdown, printable
from ..new_postings import NEW_MARK
from ..textual_hooks import SizedScrollView, set_virtual_size
from .line_view import content_strip

# Acronyms people use for the institutions the parser names without one in brackets.
_ACRONYMS = {
    "European Commission": "EC",
    "European Parliament": "EP",
    "Council of the European Union": "Council",
    "European External Action Service": "EEAS",
    "Court of Justice of the European Union": "CJEU",
    "European Court of Auditors": "ECA",
    "European Economic and Social Committee": "EESC",
    "European Committee of the Regions": "CoR",
    "European Investment Bank": "EIB",
    "European Investment Fund": "EIF",
    "European Central Bank": "ECB",
    "European Ombudsman": "Ombudsman",
}
_BRACKETED = re.compile(r"\(([^()]+)\)\s*$")


def short_institution(name: str | None) -> str:
    """'European Commission' -> 'EC', 'European Medicines Agency (EMA)' -> 'EMA'; other names whole
    (the column cuts them, so their first words show)."""
    if not name:
        return "—"
    name = name.strip()
    if name in _ACRONYMS:
        return _ACRONYMS[name]
    bracketed = _BRACKETED.search(name)
    return bracketed.group(1).strip() if bracketed else name


# Urgency levels, each with the symbol that says it without colour.
CLOSED, URGENT, SOON, CALM = "closed", "urgent", "soon", "calm"
SYMBOLS = {CLOSED: "✗", URGENT: "‼", SOON: "!", CALM: " "}


def urgency(deadline: datetime | date | None, now: datetime) -> str:
    """How pressing a deadline is, counted in the posting's calendar days like `countdown()` does,
    so "in 3 d" and "‼" always agree."""
    instant = deadline_instant(deadline)
    if instant is None:
        return CALM
    if instant < now:
        return CLOSED
    days = (instant.date() - now.astimezone(instant.tzinfo).date()).days
    return URGENT if days <= 3 else SOON if days <= 14 else CALM


_FIT = re.compile(r"^(?:(?P<eligible>eligible)(?:, (?P<confirm>\d+) to confirm)?"
                  r"|not eligible: (?P<fails>\d+) rules? not met|(?P<unchecked>not checked))$")


def short_fit(text: str) -> tuple[str, str | None]:
    """A fit as the list's narrow column says it, symbol and count, with the colour that repeats the symbol:
    'eligible' -> '✓ ok', 'eligible, 2 to confirm' -> '✓ ?2', 'not eligible: 2 rules not met' -> '✗ 2',
    'not checked' -> '?' (no rule could be read); anything else (the ticks without a profile) as it is."""
    found = _FIT.match(text)
    if found is None:
        return text, None
    if found["confirm"]:
        return f"✓ ?{found['confirm']}", "$warning"
    if found["eligible"]:
        return "✓ ok", "$success"
    if found["fails"]:
        return f"✗ {found['fails']}", "$error"
    return "?", "$text-muted"


def one_line(text: str | None) -> str:
    """Posting text made safe for a single list cell: escapes shown, line breaks and tabs as spaces."""
    return " ".join(printable(text or "").split())


class Columns(NamedTuple):
    """The cells each column but the title takes (the title takes what they leave)."""

    deadline: int  # with the cursor marker and the urgency symbol before the countdown
    status: int
    fit: int
    institution: int
    reference: int


HEADINGS = ("   DEADLINE", "STATUS", "FIT", "INST.", "REFERENCE")  # in the order of Columns
LEAD = 3  # the cursor marker, the urgency symbol and a space, before the countdown
NARROWEST = Columns(*map(len, HEADINGS))  # a column is as wide as its heading at least...
WIDEST = Columns(LEAD + len("tomorrow 12:00"), max(map(len, STATUSES)), 5, 9, 20)  # ...and this at most
# Institution and reference join on terminals this wide, where the list has room for them (app.tcss).
WIDE_FROM = 140


def measure(vacancies: Sequence[Vacancy], now: datetime) -> Columns:
    """Each column as wide as its widest cell among these vacancies needs, between NARROWEST and WIDEST.
    Measured over distinct values, as 10,000 vacancies share few deadlines, statuses and institutions. The FIT
    column keeps its widest ('10/12', '✓ ?12'): fits are worked out as rows are drawn, not for every vacancy."""
    postings = [vacancy.posting for vacancy in vacancies]
    needed = Columns(
        deadline=LEAD + max((len(countdown(deadline, now)) for deadline in {p.deadline for p in postings}), default=0),
        status=max(map(len, {vacancy.status for vacancy in vacancies}), default=0),
        fit=WIDEST.fit,
        institution=max((len(one_line(short_institution(name))) for name in {p.institution for p in postings}),
                        default=0),
        reference=max((_shown_length(p.reference) for p in postings), default=0),
    )
    return Columns(*(max(low, min(need, high)) for need, low, high in zip(needed, NARROWEST, WIDEST)))


def _shown_length(text: str | None) -> int:
    """The length of one_line(text), built only for text it changes: every reference is measured."""
    return len(text) if text and text.isprintable() and "  " not in text else len(one_line(text))


@functools.lru_cache(maxsize=16)
def lay_out(measured: Columns, width: int, wide: bool) -> tuple[Columns, int]:
    """The columns of a list `width` cells wide, institution and reference 0 unless `wide`, and the title's width:
    what the others leave. Where that would make the title narrower than another column (a narrow list), the
    widest ones are cut until it is not."""
    shown = measured if wide else measured._replace(institution=0, reference=0)
    room = width - (5 if wide else 3)  # a space before each column but the first
    widest = max(shown)
    while widest > 0 and room - sum(min(cells, widest) for cells in shown) < widest:
        widest -= 1
    columns = Columns(*(min(cells, widest) for cells in shown))
    return columns, max(room - sum(columns), 0)


def _cell(text: str, width: int) -> Content:
    return Content(text).truncate(max(width, 0), ellipsis=True, pad=True)


class VacancyMessage(Message):
    def __init__(self, vacancy_list: VacancyList, vacancy: Vacancy | None) -> None:
        super().__init__()
        self.vacancy_list = vacancy_list
        self.vacancy = vacancy

    @property
    def control(self) -> VacancyList:
        return self.vacancy_list


class VacancyList(SizedScrollView, can_focus=True):
    """The filtered, sorted vacancies the list side binds in; the cursor picks the one shown in detail."""

    DEFAULT_CSS = """
    VacancyList {
        height: 1fr;
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
        & > .vacancy-list--header { text-style: bold; background: $boost; }
        & > .vacancy-list--cursor { background: $accent 40%; text-style: bold; }
        &:focus > .vacancy-list--cursor { background: $accent; color: $text; }
        & > .vacancy-list--urgent { color: $error; text-style: bold; }
        & > .vacancy-list--soon { color: $warning; }
        & > .vacancy-list--closed { color: $text-muted; }
        & > .vacancy-list--hint { color: $text-muted; text-style: italic; }
        & > .vacancy-list--new { color: $success; text-style: bold; }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "vacancy-list--header",
        "vacancy-list--cursor",
        "vacancy-list--urgent",
        "vacancy-list--soon",
        "vacancy-list--closed",
        "vacancy-list--hint",
        "vacancy-list--new",
    }

    # Arrows are not commands: the footer stays for what the user can do, not how to move.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("home,g", "cursor_first", "First", show=False),
        Binding("end,G,shift+g", "cursor_last", "Last", show=False),
        Binding("pageup", "cursor_page_up", "Page up", show=False),
        Binding("pagedown", "cursor_page_down", "Page down", show=False),
        Binding("enter", "choose", "Open", show=False),
    ]

    # always_update: comparing 10,000 distinct-but-equal rows costs more (~90 ms) than redrawing a screenful.
    vacancies: reactive[tuple[Vacancy, ...]] = reactive((), always_update=True)
    now: reactive[datetime] = reactive(NOT_YET)
    # Vacancy id -> how the profile fits it ('eligible', 'not checked'...); without a profile the FIT
    # column shows the eligibility items ticked. always_update: the fits are worked out as rows ask for them,
    # and comparing two sets of them by value would work out every one.
    fits: reactive[Mapping[str, str]] = reactive(dict, always_update=True)
    # Its watcher repaints the two rows the cursor leaves and reaches, not the whole list.
    cursor: reactive[int] = reactive(0, repaint=False)
    # The vacancy under the cursor, set again when it is another row or new data for the same one (None:
    # no rows). A reactive rather than a message: the screen's watcher runs before the next frame, so the
    # list and the panes repaint together.
    highlighted: reactive[Vacancy | None] = reactive(None, always_update=True, repaint=False)

    class Chosen(VacancyMessage):
        """The user pressed Enter (or double-clicked) on a vacancy."""

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._row_cache: LRUCache[tuple, Strip] = LRUCache(maxsize=512)
        self._expected = 0  # rows of the whole list while only its front is here
        self._measured_over: tuple[Vacancy, ...] = ()
        self._measured = NARROWEST
        # The screen's: is the vacancy new since the last look (found by a watch)? Fixed for the session.
        self.is_new: Callable[[Vacancy], bool] = lambda vacancy: False

    def expect(self, count: int) -> None:
        """Size the list (its scrollbar) for `count` rows while only the first ones are here, the front of the
        list; 0 when all are."""
        self._expected = count
        self._update_virtual_size()

    def measure_over(self, vacancies: tuple[Vacancy, ...]) -> None:
        """Size the columns for these vacancies: all those loaded, not only the rows the filter keeps, so that the
        columns hold still while the user types. Measured again only for other vacancies (a tuple not seen)."""
        if vacancies is not self._measured_over:
            self._measured_over = vacancies
            self._take_measure(measure(vacancies, self.now))

    def _take_measure(self, measured: Columns) -> None:
        if measured != self._measured:  # (else the rows drawn are right: no repaint)
            self._measured = measured
            self._row_cache.clear()
            self.refresh()

    def take_quietly(self, vacancies: tuple[Vacancy, ...], fits: Mapping[str, str]) -> None:
        """The whole list, whose first rows and length are those shown: taken without a repaint."""
        self.set_reactive(VacancyList.vacancies, vacancies)
        self.set_reactive(VacancyList.fits, fits)
        self._expected = 0

    def around_cursor(self, rows: int) -> list[Vacancy]:
        """The vacancies within `rows` of the cursor, nearest first."""
        order = sorted(range(max(0, self.cursor - rows), min(len(self.vacancies), self.cursor + rows + 1)),
                       key=lambda index: abs(index - self.cursor))
        return [self.vacancies[index] for index in order]

    # ------------------------------------------------------------------ rows and cursor

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self.vacancies) - 1))

    def watch_vacancies(self, old: tuple[Vacancy, ...], _new: tuple[Vacancy, ...]) -> None:
        # Follow the highlighted vacancy, not its index: another process re-sorting or adding rows
        # must not move the user's place. keep() lets the screen name another one.
        self._row_cache.clear()
        self._update_virtual_size()
        previous = old[self.cursor].id if self.cursor < len(old) else None
        self._place_cursor(previous, screen_line=self.cursor - self.scroll_offset.y)
        self.refresh()
        self._announce()

    def watch_fits(self) -> None:
        self.refresh()

    def watch_now(self) -> None:
        # A countdown's width changes with the time ("tomorrow 12:00", then "closed").
        self._take_measure(measure(self._measured_over, self.now))

    def keep(self, vacancy_id: str | None) -> None:
        """Put the cursor on this vacancy if it is still listed (else keep the index, clamped),
        on the same screen line as before, so neither the cursor nor the viewport jumps."""
        self._place_cursor(vacancy_id, screen_line=self.cursor - self.scroll_offset.y)
        self._announce()

    def _place_cursor(self, vacancy_id: str | None, screen_line: int) -> None:
        index = self.cursor if vacancy_id is None else \
            next((i for i, vacancy in enumerate(self.vacancies) if vacancy.id == vacancy_id), self.cursor)
        index = self.validate_cursor(index)
        if self.is_mounted:
            self.scroll_to(y=index - screen_line, animate=False, force=True)
        self.cursor = index

    def watch_cursor(self, old: int, new: int) -> None:
        for index in (old, new):
            self._refresh_row(index)
        self._scroll_to_cursor()
        self._announce()

    def _announce(self) -> None:
        vacancy = self.vacancies[self.cursor] if self.vacancies else None
        if vacancy is not self.highlighted and vacancy != self.highlighted:
            self.highlighted = vacancy

    @property
    def _page(self) -> int:
        """How many rows fit under the header."""
        return max(1, self.scrollable_content_region.height - 1)

    def _scroll_to_cursor(self) -> None:
        """A cursor leaving the rows shown brings them half a page on, the cursor then mid-list. Every scroll
        rewrites the whole list on the terminal (some 5 KB at 120x40, 15 ms): one row per key past the edge
        would pay that on every key, this once per half page."""
        if not self.is_mounted:
            return
        top = self.scroll_offset.y
        if not top <= self.cursor < top + self._page:
            self.scroll_to(y=self.cursor - self._page // 2, animate=False, force=True)

    def _refresh_row(self, index: int) -> None:
        # The row's text only: ScrollView.refresh_line would rewrite the scrollbar's cell too.
        y = index + 1 - self.scroll_offset.y  # under the header
        self.refresh(Region(0, y, self.scrollable_content_region.width, 1))

    def _update_virtual_size(self) -> None:
        # One line for the header, and one for the hint when there are no rows.
        rows = max(len(self.vacancies), self._expected, 1)
        set_virtual_size(self, Size(self.scrollable_content_region.width, 1 + rows))

    def on_resize(self) -> None:
        self._update_virtual_size()
        self._scroll_to_cursor()

    def notify_style_update(self) -> None:
        # A new theme or CSS: the cached rows hold the old colours.
        self._row_cache.clear()
        super().notify_style_update()

    # ------------------------------------------------------------------ input

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_first(self) -> None:
        self.cursor = 0

    def action_cursor_last(self) -> None:
        self.cursor = len(self.vacancies) - 1

    def action_cursor_page_up(self) -> None:
        self.cursor -= self._page

    def action_cursor_page_down(self) -> None:
        self.cursor += self._page

    def action_choose(self) -> None:
        if self.vacancies:
            self.post_message(self.Chosen(self, self.vacancies[self.cursor]))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y == 0:
            return
        index = self.scroll_offset.y + offset.y - 1
        if index < len(self.vacancies):
            self.cursor = index
            if event.chain == 2:
                self.action_choose()

    # ------------------------------------------------------------------ drawing

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            return self._header(width)
        index = self.scroll_offset.y + y - 1
        if index < len(self.vacancies):
            return self._row(index, width)
        if not self.vacancies and y == 1:
            return self._strip(Content(" No vacancies match."), width, self.get_visual_style("vacancy-list--hint"))
        return Strip.blank(width, self.get_visual_style().rich_style)

    def _strip(self, content: Content, width: int, base: VisualStyle) -> Strip:
        return content_strip(content, base, width, simplified=False)

    def _columns(self, width: int) -> tuple[Columns, int, bool]:
        """The columns, the title's width, and whether institution and reference are shown."""
        wide = self.app.size.width >= WIDE_FROM
        return *lay_out(self._measured, width, wide), wide

    def _header(self, width: int) -> Strip:
        columns, title_width, wide = self._columns(width)
        heading = [_cell(text, cells) for text, cells in zip(HEADINGS, columns)]
        parts = [heading[0], " ", heading[1], " ", heading[2], " ", _cell("TITLE", title_width)]
        if wide:
            parts += [" ", heading[3], " ", heading[4]]
        return self._strip(Content.assemble(*parts), width, self.get_visual_style("vacancy-list--header"))

    def _row(self, index: int, width: int) -> Strip:
        vacancy = self.vacancies[index]
        on_cursor = index == self.cursor
        cursor_state = ("focused" if self.has_focus else "blurred") if on_cursor else None
        key = (vacancy.id, width, self.app.size.width >= WIDE_FROM, cursor_state, int(self.now.timestamp() // 60),
               self._fit(vacancy))
        if (strip := self._row_cache.get(key)) is None:
            strip = self._row_cache[key] = self._format_row(vacancy, width, on_cursor)
        return strip

    def _fit(self, vacancy: Vacancy) -> str:
        return self.fits.get(vacancy.id) or fit_text(vacancy)

    def _format_row(self, vacancy: Vacancy, width: int, on_cursor: bool) -> Strip:
        posting = vacancy.posting
        level = urgency(pressing_deadline(vacancy, self.now), self.now)  # a deadline of the user's counts too
        # The cursor row has one style throughout; elsewhere colour repeats what the symbol says.
        if on_cursor:
            base, accent = self.get_visual_style("vacancy-list--cursor"), None
        elif level == CLOSED:
            base, accent = self.get_visual_style("vacancy-list--closed"), None
        else:
            base = self.get_visual_style()
            component = {URGENT: "vacancy-list--urgent", SOON: "vacancy-list--soon"}.get(level)
            accent = self.get_visual_style(component, partial=True) if component else None
        columns, title_width, wide = self._columns(width)
        marker = "▶" if on_cursor else " "
        deadline = _cell(f"{marker}{SYMBOLS[level]} {countdown(posting.deadline, self.now)}", columns.deadline)
        fit_shown, fit_colour = short_fit(self._fit(vacancy))
        fit_cell = _cell(fit_shown, columns.fit)
        if fit_colour and not on_cursor and level != CLOSED:
            fit_cell = fit_cell.stylize(fit_colour, 0, 1)
        new = self.is_new(vacancy)
        title_cell = _cell(f"{NEW_MARK} {one_line(posting.title)}" if new else one_line(posting.title), title_width)
        if new and not on_cursor and level != CLOSED:
            title_cell = title_cell.stylize(self.get_visual_style("vacancy-list--new", partial=True), 0, 1)
        parts = [
            deadline.stylize(accent) if accent else deadline,
            " ", _cell(vacancy.status, columns.status), " ", fit_cell,
            " ", title_cell,
        ]
        if wide:
            parts += [" ", _cell(one_line(short_institution(posting.institution)), columns.institution),
                      " ", _cell(one_line(posting.reference) or "—", columns.reference)]
        return self._strip(Content.assemble(*parts), width, base)
