"""The vacancy list: its columns and urgency marks, its keys, and that it stays cheap at 10,000 rows."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from textual import events
from textual.app import App, ComposeResult
from textual.color import Color
from textual.content import Content
from textual.geometry import Region
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from eujobs.store.model import ChecklistItem, Posting, Source, Vacancy
from eujobs.tui.widgets.vacancy_list import WIDEST, Columns, VacancyList, lay_out, measure, short_institution

from .conftest import TODAY, incoming

BRUSSELS = ZoneInfo("Europe/Brussels")


def vacancy(number: int, title: str | None = None, deadline: datetime | date | None = None,
            institution: str | None = "European Commission", status: str = "new") -> Vacancy:
    posting = Posting(
        title=title or f"Officer {number}", institution=institution, reference=f"EC/2026/TEST/{number}",
        deadline=deadline,
        checklist=[ChecklistItem("elig-a", "eligibility", "a"), ChecklistItem("elig-b", "eligibility", "b")],
    )
    source = Source(None, f"{number:064d}", "text", TODAY.isoformat())
    return Vacancy(id=f"v{number:05d}", posting=posting, source=source, status=status, ticks={"elig-a": True})


def many(count: int) -> tuple[Vacancy, ...]:
    return tuple(vacancy(number) for number in range(count))


class Host(App):
    """Stands in for the main screen: owns the data and binds it into the list."""

    rows: reactive[tuple[Vacancy, ...]] = reactive(())
    now: reactive[datetime] = reactive(TODAY)

    def __init__(self, rows: tuple[Vacancy, ...] = ()) -> None:
        super().__init__()
        self.initial_rows = rows
        self.highlighted: list[Vacancy | None] = []
        self.chosen: list[Vacancy] = []

    def compose(self) -> ComposeResult:
        yield VacancyList().data_bind(vacancies=Host.rows, now=Host.now)

    def on_mount(self) -> None:
        self.watch(self.query_one(VacancyList), "highlighted", lambda vacancy: self.highlighted.append(vacancy), init=False)
        self.rows = self.initial_rows

    def watch_rows(self, rows: tuple[Vacancy, ...]) -> None:
        self.query_one(VacancyList).measure_over(rows)  # as the list side does, over every vacancy loaded

    def on_vacancy_list_chosen(self, message: VacancyList.Chosen) -> None:
        self.chosen.append(message.vacancy)


def lines(app: Host) -> list[str]:
    widget = app.query_one(VacancyList)
    return [widget.render_line(y).text for y in range(widget.scrollable_content_region.height)]


def row_of(app: Host, title: str) -> str:
    return next(line for line in lines(app) if title in line)


def style_of(app: Host, y: int, text: str):
    """The style a row's segment holding `text` is drawn in."""
    return next(segment.style for segment in app.query_one(VacancyList).render_line(y) if text in segment.text)


def color_of(app: Host, variable: str):
    return Color.parse(app.theme_variables[variable]).rich_color


async def test_rows_show_the_deadline_status_fit_and_title_with_an_urgency_symbol() -> None:
    rows = (
        vacancy(1, "Closed one", datetime(2026, 3, 1, 12, 0, tzinfo=BRUSSELS)),
        vacancy(2, "Urgent one", datetime(2026, 3, 12, 12, 0, tzinfo=BRUSSELS), status="preparing"),
        vacancy(3, "Soon one", date(2026, 3, 20)),
        vacancy(4, "Later one", date(2026, 5, 1)),
        vacancy(5, "Open-ended one"),
    )
    app = Host(rows)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = lines(app)
        assert screen[0].split() == ["DEADLINE", "STATUS", "FIT", "TITLE"]
        assert row_of(app, "Closed one").split()[:4] == ["▶✗", "closed", "new", "1/2"]
        assert row_of(app, "Urgent one").split()[:4] == ["‼", "in", "2", "d"]
        assert "preparing 1/2" in row_of(app, "Urgent one")  # each column as wide as its widest cell
        assert row_of(app, "Soon one").startswith(" ! in 10 d ")
        assert row_of(app, "Later one").startswith("   in 52 d ")
        assert row_of(app, "Open-ended one").startswith("   —  ")
        assert screen[6:] == [" " * 80] * 18

        # Colour repeats the symbol: error for ‼, warning for !, muted for a closed row (off the cursor).
        await pilot.press("j", "j", "j")
        assert style_of(app, 2, "‼").color == color_of(app, "error")
        assert style_of(app, 3, "!").color == color_of(app, "warning")
        muted = app.query_one(VacancyList).get_visual_style("vacancy-list--closed").rich_style.color
        assert style_of(app, 1, "Closed one").color == muted
        assert style_of(app, 5, "Open-ended one").color not in (muted, color_of(app, "error"))


async def test_the_cursor_row_is_marked_without_colour() -> None:
    app = Host(many(3))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down")
        assert [line[0] for line in lines(app)[1:4]] == [" ", "▶", " "]
        assert style_of(app, 2, "Officer 1").bold
        assert not style_of(app, 1, "Officer 0").bold


async def test_keys_move_the_cursor_and_announce_the_highlighted_vacancy() -> None:
    rows = many(100)
    app = Host(rows)
    async with app.run_test(size=(80, 24)) as pilot:
        widget = app.query_one(VacancyList)
        await pilot.pause()
        assert app.highlighted == [rows[0]]
        page = widget.scrollable_content_region.height - 1  # the rows under the header
        expected = []
        for key, index in [("j", 1), ("down", 2), ("k", 1), ("up", 0), ("up", 0), ("G", 99), ("g", 0),
                           ("end", 99), ("home", 0), ("pagedown", page), ("pagedown", 2 * page), ("pageup", page)]:
            await pilot.press(key)
            assert (key, widget.cursor) == (key, index)
            assert widget.highlighted is rows[index]
            if not expected or expected[-1] is not rows[index]:
                expected.append(rows[index])
        await pilot.pause()
        assert app.highlighted == [rows[0], *expected]


async def test_a_cursor_move_repaints_the_two_rows_and_not_the_scrollbar(monkeypatch) -> None:
    """Over SSH each row rewritten costs bytes: the row left and the row reached, nothing else."""
    app = Host(many(100))
    async with app.run_test(size=(80, 24)) as pilot:
        widget = app.query_one(VacancyList)
        await pilot.pause()
        asked: list[tuple[Widget, tuple[Region, ...]]] = []
        refresh = Widget.refresh

        def spy(self, *regions, **kwargs):
            asked.append((self, regions))
            return refresh(self, *regions, **kwargs)

        monkeypatch.setattr(Widget, "refresh", spy)
        await pilot.press("down")
        width = widget.scrollable_content_region.width
        assert width < widget.size.width  # the scrollbar's column is beside the rows
        assert [regions for asker, regions in asked if asker is widget] == [(Region(0, 1, width, 1),),
                                                                             (Region(0, 2, width, 1),)]


async def test_the_cursor_stays_on_screen_and_the_list_scrolls_half_a_page_at_a_time() -> None:
    app = Host(many(100))
    async with app.run_test(size=(80, 24)) as pilot:
        widget = app.query_one(VacancyList)
        page = widget.scrollable_content_region.height - 1
        await pilot.press(*["j"] * (page - 1))
        assert widget.scroll_y == 0 and lines(app)[-1].startswith("▶")  # the last row shown: no scroll yet
        await pilot.press("j")
        assert widget.scroll_y == page - page // 2  # the cursor now mid-list
        assert lines(app)[1 + page // 2].startswith("▶") and f"Officer {page}" in lines(app)[1 + page // 2]
        scrolled = widget.scroll_y
        await pilot.press(*["j"] * (page - 1 - page // 2))
        assert widget.scroll_y == scrolled and lines(app)[-1].startswith("▶")  # no scroll until the edge
        assert lines(app)[0].split()[0] == "DEADLINE"  # the header does not scroll away
        await pilot.press("k")
        assert widget.scroll_y == scrolled
        await pilot.press("G")
        assert "Officer 99" in lines(app)[-1] and lines(app)[-1].startswith("▶")
        await pilot.press("g")
        assert widget.scroll_y == 0 and "Officer 0" in lines(app)[1]


async def test_enter_chooses_the_highlighted_vacancy() -> None:
    rows = many(5)
    app = Host(rows)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "j", "enter")
        await pilot.pause()
        assert app.chosen == [rows[2]]


async def test_a_click_highlights_the_row_and_a_double_click_chooses_it() -> None:
    rows = many(5)
    app = Host(rows)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.click(VacancyList, offset=(40, 4))
        assert app.query_one(VacancyList).highlighted is rows[3]
        await pilot.click(VacancyList, offset=(40, 0))  # the header is not a row
        assert app.query_one(VacancyList).highlighted is rows[3]
        await pilot.click(VacancyList, offset=(40, 2), times=2)
        await pilot.pause()
        assert app.chosen == [rows[1]]


async def test_the_wheel_scrolls_the_rows_under_a_fixed_header() -> None:
    app = Host(many(100))
    async with app.run_test(size=(80, 24)) as pilot:
        widget = app.query_one(VacancyList)
        for _ in range(3):
            widget.post_message(events.MouseScrollDown(widget, 10, 5, 0, 1, 0, False, False, False))
        await pilot.pause()
        assert widget.scroll_y > 0
        assert lines(app)[0].split()[0] == "DEADLINE"
        assert f"Officer {round(widget.scroll_y)} " in lines(app)[1]


async def test_keep_holds_the_cursor_and_the_viewport_when_rows_are_reordered_or_added() -> None:
    rows = many(200)
    app = Host(rows)
    async with app.run_test(size=(80, 24)) as pilot:
        widget = app.query_one(VacancyList)
        await pilot.press("G", *["k"] * 10)
        assert widget.highlighted is rows[189]
        line_before = lines(app).index(row_of(app, "Officer 189 "))

        # Another process imported postings that sort first, and the screen re-sorted everything.
        app.rows = (*(vacancy(number) for number in range(500, 530)), *reversed(rows))
        widget.keep("v00189")
        await pilot.pause()
        assert widget.highlighted.id == "v00189"
        assert lines(app).index(row_of(app, "Officer 189 ")) == line_before
        assert app.highlighted[-1].id == "v00189"

        # A vacancy that left the list: the cursor stays at its index (40), clamped to the rows.
        app.rows = rows[:50]
        widget.keep("v00189")
        await pilot.pause()
        assert widget.highlighted is rows[40]
        assert app.highlighted[-1] is rows[40]
        app.rows = rows[:10]
        widget.keep("v00189")
        await pilot.pause()
        assert widget.highlighted is rows[9]


async def test_new_data_for_the_highlighted_vacancy_is_redrawn_and_announced() -> None:
    rows = many(3)
    app = Host(rows)
    async with app.run_test(size=(80, 24)) as pilot:
        updated = vacancy(0, status="applied")
        app.rows = (updated, *rows[1:])
        await pilot.pause()
        assert "applied" in lines(app)[1]
        assert app.highlighted[-1] is updated


async def test_countdowns_follow_the_clock() -> None:
    app = Host((vacancy(1, deadline=datetime(2026, 3, 12, 12, 0, tzinfo=BRUSSELS)),))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert lines(app)[1].startswith("▶‼ in 2 d")
        app.now = TODAY + timedelta(days=3)
        await pilot.pause()
        assert lines(app)[1].startswith("▶✗ closed")


async def test_an_empty_list_says_so() -> None:
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert lines(app)[1].strip() == "No vacancies match."
        await pilot.press("j", "G", "enter")
        assert app.chosen == [] and app.highlighted == []


async def test_markup_and_escape_codes_in_a_title_are_shown_literally() -> None:
    app = Host((vacancy(1, "[bold]Officer[/bold] \x1b[31mred\nline"),))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        row = lines(app)[1]
        assert "[bold]Officer[/bold] ␛[31mred line" in row
        assert "\x1b" not in row and len(row) == 80


async def test_institution_and_reference_join_from_140_columns() -> None:
    rows = (vacancy(1, institution="European Medicines Agency (EMA)"), vacancy(2))
    for size, wide in [((80, 24), False), ((139, 40), False), ((140, 40), True)]:
        app = Host(rows)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            header, first, second = lines(app)[:3]
            assert ("REFERENCE" in header) is wide
            assert ("EC/2026/TEST/1" in first) is wide
            assert first.split()[-2:] == (["EMA", "EC/2026/TEST/1"] if wide else ["Officer", "1"])
            assert second.split()[-2:] == (["EC", "EC/2026/TEST/2"] if wide else ["Officer", "2"])


async def test_a_long_title_is_cut_to_fit() -> None:
    app = Host((vacancy(1, "Policy officer " * 10),))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert lines(app)[1].rstrip().endswith("…") and len(lines(app)[1]) == 80


def test_each_column_but_the_title_is_as_wide_as_its_widest_cell_needs() -> None:
    rows = (vacancy(1, deadline=date(2026, 9, 13)), vacancy(2, status="preparing"),
            vacancy(3, institution="European Medicines Agency (EMA)"))
    # "in 187 d" after the cursor marker, the symbol and a space; "preparing"; "EMA" and the FIT column's values
    # narrower than their headings; "EC/2026/TEST/1"
    assert measure(rows, TODAY) == Columns(deadline=11, status=9, fit=5, institution=5, reference=14)
    due_tomorrow = vacancy(4, deadline=datetime(2026, 3, 11, 12, 0, tzinfo=BRUSSELS))
    long_reference = replace(vacancy(5), posting=replace(vacancy(5).posting, reference="EPSO/AD/403/2026\nEN-42\t"))
    assert measure((due_tomorrow, long_reference), TODAY) == Columns(17, 6, 5, 5, 20)  # 'tomorrow 12:00'; cut
    assert measure((), TODAY) == Columns(11, 6, 3 + 2, 5, 9)  # the headings


def test_the_title_takes_what_the_other_columns_leave_and_stays_the_widest() -> None:
    measured = Columns(deadline=11, status=10, fit=5, institution=5, reference=20)
    # The list's rows inside its border and scrollbar at 80 columns (where it takes the screen), 100 and 120:
    for width in (77, 43, 53):
        columns, title = lay_out(measured, width, wide=False)
        assert columns == measured._replace(institution=0, reference=0)
        assert title == width - 11 - 10 - 5 - 3 and title > max(columns)
    columns, title = lay_out(measured, 77, wide=True)  # at 140 columns
    assert (columns, title) == (measured, 77 - 51 - 5)
    # 'tomorrow 12:00' and 'interested' in a list at 100 columns: the widest columns are cut to the title's width
    assert lay_out(WIDEST, 43, wide=False) == (Columns(12, 10, 5, 0, 0), 13)


async def test_the_title_is_the_widest_column_of_the_dashboard_at_80_and_100_columns(sample_store) -> None:
    from eujobs.tui.app import EujobsApp

    from .test_app import settle

    for size, shown in [((80, 24), "IT Project Officer – IT project leader"), ((100, 30), "IT Project Officer"),
                        ((140, 40), "EC/2026/CNECT/510505")]:
        app = EujobsApp(sample_store)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            rows = app.screen.query_one(VacancyList)
            header, first = (rows.render_line(y).text for y in (0, 1))
            assert shown in first
            headings = header.split()
            assert headings == ["DEADLINE", "STATUS", "FIT", "TITLE", *(["INST.", "REFERENCE"] * (size[0] >= 140))]
            starts = [0, *(header.index(heading) for heading in headings[1:]), len(header) + 1]
            widths = dict(zip(headings, (end - start - 1 for start, end in zip(starts, starts[1:]))))
            assert widths.pop("TITLE") > max(widths.values())
        app.saver.close()


async def test_the_lists_border_says_how_many_it_shows_what_the_filter_keeps_and_the_order(sample_store) -> None:
    from eujobs.tui.app import EujobsApp

    from .test_app import DIGIT, press, save_the_example_profile, settle

    sample_store.set_status(sample_store.find(DIGIT).id, "applied")
    save_the_example_profile(sample_store)
    app = EujobsApp(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        rows = app.screen.query_one(VacancyList)

        def border() -> str:
            return Content.from_markup(rows.border_title).plain  # as drawn

        assert border() == "1 Vacancies · all 5 · by deadline"
        await press(pilot, "o")
        assert border() == "1 Vacancies · all 5 · by title"
        await press(pilot, "f", "4")  # applied
        assert border() == "1 Vacancies · 1 of 5 · status applied · by title"
        await press(pilot, "slash", *"ict")  # the same one row, now also found by its title
        assert border() == "1 Vacancies · 1 of 5 · /ict · status applied · by title"
        await press(pilot, "escape", "f", "F")
        eligible = len(app.screen.model.listing.shown)
        assert border() == f"1 Vacancies · {eligible} of 5 · eligible · by title" and 0 < eligible < 5
        await press(pilot, "F", "slash", *"[b]officer")
        assert border() == "1 Vacancies · 0 of 5 · /[b]officer · by title"  # typed text is never markup
        await press(pilot, *["backspace"] * 10, *"officer")
        officers = len(app.screen.model.listing.shown)
        assert border() == f"1 Vacancies · {officers} of 5 · /officer · by title"

        # Another eujobs imports a posting: the count follows.
        sample_store.save_imports([incoming(reference="EC/2026/TEST/9", title="Officer for statistics")])
        app.screen.check_for_changes()
        await settle(pilot)
        assert border() == f"1 Vacancies · {officers + 1} of 6 · /officer · by title"
    app.saver.close()


def test_short_institution() -> None:
    assert short_institution("European Commission") == "EC"
    assert short_institution("European Parliament") == "EP"
    assert short_institution("European Union Agency for Cybersecurity (ENISA)") == "ENISA"
    assert short_institution("Some Joint Undertaking") == "Some Joint Undertaking"
    assert short_institution(None) == "—"


class CountingList(VacancyList):
    """Counts the rows it formats, to show it never formats the ones off screen."""

    formatted: list[int] = []

    def _format_row(self, vacancy: Vacancy, width: int, on_cursor: bool) -> Strip:
        CountingList.formatted.append(int(vacancy.id[1:]))
        return super()._format_row(vacancy, width, on_cursor)


class CountingHost(Host):
    def compose(self) -> ComposeResult:
        yield CountingList().data_bind(vacancies=Host.rows, now=Host.now)


async def test_ten_thousand_rows_render_only_the_visible_lines() -> None:
    CountingList.formatted = []
    rows = many(10_000)
    app = CountingHost(rows)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        widget = app.query_one(VacancyList)
        assert widget.virtual_size.height == 10_001
        assert max(CountingList.formatted) < 23
        await pilot.press("G")
        await pilot.pause()
        assert widget.highlighted is rows[-1]
        assert "Officer 9999" in lines(app)[-1]
        assert len(set(CountingList.formatted)) < 60
