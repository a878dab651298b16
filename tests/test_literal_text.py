"""Posting text is data: markup stays literal and escape sequences are shown, never sent to the terminal."""

from __future__ import annotations

import pytest

from eujobs.store.persistence.db import Store
from eujobs.tui.cli import main
from eujobs.tui.formatting import printable

from .conftest import fixed_clock, incoming
from .terminal import Terminal

HOSTILE_TITLE = "Junior [bold]PM[/bold] [link=x]\x1b[31mOfficer\x1b[0m\x1b]52;c;aGk=\x07"
SHOWN_TITLE = "Junior [bold]PM[/bold] [link=x]␛[31mOfficer␛[0m␛]52;c;aGk=\\x07"


@pytest.fixture
def hostile_store(tmp_path) -> Store:
    store = Store.open(tmp_path / "store", fixed_clock)
    store.save_imports([incoming(reference="EC/2026/X/1", title=HOSTILE_TITLE)])
    return store


def test_printable_shows_controls_and_keeps_text() -> None:
    assert printable("a\x1b[2Jb\x07c\x9bd\x7f\n\tÉ–€") == "a␛[2Jb\\x07c\\x9bd\\x7f\n\tÉ–€"


@pytest.mark.parametrize("command", [["list"], ["show", "EC/2026/X/1"]])
def test_the_command_line_prints_markup_literally_and_no_escape(hostile_store, capsys, command) -> None:
    assert main(["--store", str(hostile_store.root), *command]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert SHOWN_TITLE in out


def test_the_dashboard_shows_the_hostile_title_literally(hostile_store) -> None:
    terminal = Terminal("--store", str(hostile_store.root), columns=120)
    try:
        terminal.wait_for("[link=x]␛[31mOfficer␛[0m␛]52;c;aGk=\\x07")  # the details pane wraps the title here
        assert "Junior [bold]PM[/bold]" in terminal.text()
        terminal.press("q")
        assert terminal.wait_exit() == 0
    finally:
        terminal.close()
