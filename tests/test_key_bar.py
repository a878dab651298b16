"""The footer (KeyBar): the keys where the focus is, the palette's key kept at the right, keys that click."""

from __future__ import annotations

from contextlib import asynccontextmanager

from eujobs.store.persistence.db import Store
from eujobs.tui.app import EujobsApp
from eujobs.tui.widgets.key_bar import KeyBar

from .test_app import press, settle


@asynccontextmanager
async def dashboard(store: Store, size: tuple[int, int] = (120, 40)):
    app = EujobsApp(store)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        yield pilot
    app.saver.close()


def footer(app) -> str:
    bar = app.screen.query_one(KeyBar)
    return "".join(segment.text for segment in bar.render_line(0)).rstrip()


async def test_the_footer_follows_the_focused_pane(sample_store) -> None:
    async with dashboard(sample_store) as pilot:
        app = pilot.app
        assert footer(app).startswith(" ? Help  q Quit  u Undo ") and footer(app).endswith("▏^p palette")
        assert "Tick" not in footer(app)
        await press(pilot, "3")
        assert footer(app).startswith(" Space Tick  ? Help ")
        await press(pilot, "1")
        assert "Tick" not in footer(app)
        await press(pilot, "slash")
        assert footer(app).startswith(" Esc Back ")


async def test_a_narrow_terminal_crops_the_keys_not_the_palette(sample_store) -> None:
    async with dashboard(sample_store, (60, 24)) as pilot:
        app = pilot.app
        line = footer(app)
        assert line.endswith("▏^p palette") and line.startswith(" ? Help ")
        assert line.index("▏") == 60 - len("▏^p palette ")
        assert "Notes" not in line and line.split("▏")[0].rstrip().endswith("Filter")  # whole keys, then room


async def test_clicking_a_key_presses_it(sample_store) -> None:
    async with dashboard(sample_store) as pilot:
        app = pilot.app
        await pilot.click(KeyBar, offset=(footer(app).index("Help"), 0))
        await settle(pilot)
        assert app.screen.__class__.__name__ == "HelpScreen"


async def test_the_bar_repaints_only_when_its_keys_change(sample_store) -> None:
    async with dashboard(sample_store) as pilot:
        app = pilot.app
        bar = app.screen.query_one(KeyBar)
        refreshed = []
        bar.refresh = lambda *args, **kwargs: refreshed.append(args)
        await press(pilot, "j", "k")  # the same pane: the same keys
        assert refreshed == []
        await press(pilot, "3")
        assert refreshed
