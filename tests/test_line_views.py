"""Line-drawn scroll views (tui/widgets/line_view.py, tui/textual_hooks.py): their scrollbar repaints only the
rows that changed, and paints them as Textual's own scrollbar would; their content's size is known in the layout
that sizes them."""

from __future__ import annotations

from rich.segment import Segment
from textual.app import App, ComposeResult
from textual.geometry import Region, Size
from textual.scrollbar import ScrollBar
from textual.strip import Strip
from textual.widget import Widget

from eujobs.tui.textual_hooks import set_virtual_size
from eujobs.tui.widgets.line_view import LineView

HEIGHT = 20


class Lines(LineView):
    DEFAULT_CSS = f"Lines {{ height: {HEIGHT}; overflow-x: hidden; }}"

    def __init__(self) -> None:
        super().__init__()
        self.count = 0
        self.sizes_when_resized: list[Size] = []  # the content's size as each Resize event finds it

    def draw_line(self, y: int) -> Strip:
        number = self.scroll_offset.y + y
        return Strip([Segment(f"line {number}" if number < self.count else "")])

    def show(self, count: int) -> None:
        self.count = count
        self._update_virtual_size()
        self.refresh_changed()

    def _update_virtual_size(self) -> None:
        set_virtual_size(self, Size(self.scrollable_content_region.width, self.count))

    def on_resize(self) -> None:
        self.sizes_when_resized.append(self.virtual_size)


class Host(App):
    def compose(self) -> ComposeResult:
        yield Lines()


def as_textual_draws_it(bar: ScrollBar) -> list[list[Segment]]:
    bar._render_content()
    return [list(Widget.render_line(bar, y)) for y in range(bar.size.height)]


def painted(bar: ScrollBar) -> list[list[Segment]]:
    return [list(bar.render_line(y)) for y in range(bar.size.height)]


async def test_the_scrollbar_paints_its_rows_as_textual_would() -> None:
    app = Host()
    async with app.run_test(size=(60, 30)) as pilot:
        lines = app.query_one(Lines)
        for count in (100, 104, 40, 400):
            lines.show(count)
            await pilot.pause()
            bar = lines.vertical_scrollbar
            assert bar.display and bar.size.height == HEIGHT
            assert painted(bar) == as_textual_draws_it(bar)


async def test_a_longer_text_repaints_only_the_scrollbar_rows_that_changed(monkeypatch) -> None:
    app = Host()
    async with app.run_test(size=(60, 30)) as pilot:
        lines = app.query_one(Lines)
        lines.show(100)
        await pilot.pause()
        bar = lines.vertical_scrollbar
        before = painted(bar)
        repainted: list[Region] = []
        widget_refresh = Widget.refresh

        def refresh(widget: Widget, *regions: Region, **options) -> Widget:
            if widget is bar:
                repainted.extend(regions or [Region(0, 0, *bar.size)])
            return widget_refresh(widget, *regions, **options)

        monkeypatch.setattr(Widget, "refresh", refresh)
        lines.show(130)  # the thumb shrinks from 4 rows to 3
        await pilot.pause()
        after = painted(bar)

        changed = {y for y, (old, new) in enumerate(zip(before, after)) if old != new}
        assert changed and len(changed) < HEIGHT
        assert {y for region in repainted for y in region.line_range} == changed


async def test_the_content_size_comes_with_the_size_not_a_frame_later() -> None:
    app = Host()
    async with app.run_test(size=(60, 30)) as pilot:
        lines = app.query_one(Lines)
        lines.show(100)
        await pilot.pause()
        lines.sizes_when_resized.clear()
        await pilot.resize_terminal(40, 30)
        await pilot.pause()
        # Known in the layout that gave the new width, before the Resize event that follows it
        assert lines.sizes_when_resized == [Size(40 - lines.scrollbar_size_vertical, 100)]
