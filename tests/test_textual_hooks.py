"""Textual's private parts that eujobs hooks (tui/textual_hooks.py) are still there, as they were written
against: an upgrade that changes one fails here instead of leaving a pane quietly wrong."""

from __future__ import annotations

import importlib
import inspect

import pytest
from textual.app import App, ComposeResult
from textual.widget import Widget
from textual.widgets import Static

from eujobs.tui.textual_hooks import HOOKED, TOAST_RACK_ID, SizedScrollView, has_pending_messages, hide_toast_rack


def resolve(dotted: str):
    module_name, owner, name = dotted.rsplit(".", 2)
    return getattr(getattr(importlib.import_module(module_name), owner), name)


@pytest.mark.parametrize("dotted", sorted(HOOKED))
def test_each_hooked_signature_is_the_one_written_against(dotted: str) -> None:
    assert str(inspect.signature(resolve(dotted))) == HOOKED[dotted]


def test_the_vertical_scrollbar_replaced_is_still_made_as_textual_makes_it() -> None:
    """SizedScrollView.vertical_scrollbar is Textual's property with another class: Textual's must still
    keep the bar in _vertical_scrollbar and start it with _start_widget."""
    textual_source = inspect.getsource(Widget.vertical_scrollbar.fget)
    assert "self._vertical_scrollbar" in textual_source and "self.app._start_widget(self," in textual_source
    assert isinstance(SizedScrollView.vertical_scrollbar, property)


class Notifying(App):
    def compose(self) -> ComposeResult:
        yield Static("x")


async def test_the_toast_rack_has_the_id_hidden() -> None:
    app = Notifying()
    async with app.run_test(notifications=True) as pilot:
        await pilot.pause()
        racks = app.screen.query(f"#{TOAST_RACK_ID}")
        assert type(racks.first()).__name__ == "ToastRack"
        hide_toast_rack(app.screen)
        assert racks.first().display is False


async def test_a_message_posted_and_not_yet_handled_is_pending() -> None:
    """The key gate (tui/key_order.py) reads a widget's queue to know it is done with the keys before."""
    app = Notifying()
    async with app.run_test() as pilot:
        await pilot.pause()
        static = app.query_one(Static)
        assert not has_pending_messages(static)
        static.call_later(lambda: None)
        assert has_pending_messages(static)
        await pilot.pause()
        assert not has_pending_messages(static)
