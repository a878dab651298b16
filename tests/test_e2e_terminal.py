"""The installed command in a real pseudo-terminal at 80x24: import from the shell, open the dashboard, quit."""

from __future__ import annotations

import os
import subprocess

import pytest

from .conftest import POSTINGS
from .terminal import EUJOBS, Terminal

ENV = {"EUJOBS_NOW": "2026-03-10T09:00:00+00:00"}


@pytest.fixture
def filled_store(tmp_path):
    store = tmp_path / "store"
    subprocess.run([str(EUJOBS), "--store", str(store), "import", str(POSTINGS)], check=True,
                   capture_output=True, env={**os.environ, **ENV})
    return store


def test_dashboard_opens_on_the_store_and_quits_with_q(filled_store) -> None:
    terminal = Terminal("--store", str(filled_store), env=ENV)
    try:
        terminal.wait_for("IT Project Officer")
        screen = terminal.text()
        assert "in 13 d" in screen and "ICT Security Officer" in screen
        terminal.press("q")
        assert terminal.wait_exit() == 0
    finally:
        terminal.close()


def test_empty_store_tells_how_to_import(tmp_path) -> None:
    terminal = Terminal("--store", str(tmp_path / "empty"), env=ENV)
    try:
        terminal.wait_for("eujobs import PATH")
        terminal.press("q")
        assert terminal.wait_exit() == 0
    finally:
        terminal.close()
