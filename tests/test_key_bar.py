"""The footer (KeyBar): the keys where the focus is, the palette's key kept at the right, keys that click."""

from __future__ import annotations

import pytest

from store.db import Store
from tui.app import EujobsApp
from tui.widgets.key_bar import KeyBar

from .test_app import press, settle


@pytest.fixture
def store(sample_store: Store) -> Store:
    return sample_store


def footer(app) -> str:
    bar = app.screen.query_one(KeyBar)
    return "".join(segment.text for segment in bar.render_line(0)).rstrip()


async def test_the_footer_follows_the_focused_pane(store) -> None:
    app = EujobsApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert footer(app).startswith(" ? Help  q Quit  u Undo ") and footer(app).endswith("▏^p palette")
        assert "Tick" not in footer(app)
        await press(pilot, "3")
        assert footer(app).startswith(" Space Tick  ? Help ")
        await press(pilot, "1")
        assert "Tick" not in footer(app)
        await press(pilot, "slash")
        assert footer(app).startswith(" Esc Back ")
    app.saver.close()


async def test_a_narrow_terminal_crops_the_keys_not_the_palette(store) -> None:
    app = EujobsApp(store)
    async with app.run_test(size=(60, 24)) as pilot:
        await settle(pilot)
        line = footer(app)
        assert line.endswith("▏^p palette") and line.startswith(" ? Help ")
        assert line.index("▏") == 60 - len("▏^p palette ")
        assert "Notes" not in line and line.split("▏")[0].rstrip().endswith("Filter")  # whole keys, then room
    app.saver.close()


async def test_clicking_a_key_presses_it(store) -> None:
    app = EujobsApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.click(KeyBar, offset=(footer(app).index("Help"), 0))
        await settle(pilot)
        assert app.screen.__class__.__name__ == "HelpScreen"
    app.saver.close()


async def test_the_bar_repaints_only_when_its_keys_change(store) -> None:
    app = EujobsApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(KeyBar)
        refreshed = []
        bar.refresh = lambda *args, **kwargs: refreshed.append(args)
        await press(pilot, "j", "k")  # the same pane: the same keys
        assert refreshed == []
        await press(pilot, "3")
        assert refreshed
    app.saver.close()
