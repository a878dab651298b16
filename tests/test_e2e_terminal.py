"""The installed command in a real pseudo-terminal at 80x24, as a person over SSH uses it: import from the
shell, open the dashboard, work in it, quit, and find the work in `eujobs show --json`."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from .conftest import POSTINGS
from .terminal import CTRL_S, ENTER, ESCAPE, EUJOBS, Terminal, focused

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


JUNIOR = "Junior Project Manager Officer"
OTHERS = ("IT Project Officer", "ICT Security Officer", "Trainee – Networks", "Trainee – Portfolio")


def eujobs(*args: str) -> str:
    return subprocess.run([str(EUJOBS), *args], check=True, capture_output=True, text=True,
                          env={**os.environ, **ENV}).stdout


def record(store, title: str) -> dict:
    """What `eujobs show ID --json` says about the vacancy with this title, as a script would read it."""
    [vacancy_id] = [v["id"] for v in json.loads(eujobs("--store", str(store), "list", "--json")) if v["title"] == title]
    return json.loads(eujobs("--store", str(store), "show", vacancy_id, "--json"))


def test_a_session_at_80x24_filters_ticks_sets_status_and_writes_a_note(filled_store) -> None:
    terminal = Terminal("--store", str(filled_store), env=ENV)
    try:
        terminal.wait_for_line("IT Project Officer", "▶")
        terminal.press("j")
        terminal.wait_for_line("ICT Security Officer", "▶")
        terminal.press("k")
        terminal.wait_for_line("IT Project Officer", "▶")

        terminal.press("/")
        terminal.wait_for("Filter: words")  # the input has focus before anything is typed into it
        terminal.press("junior manager")  # every word must match: only one posting has both
        terminal.wait_until(lambda text: JUNIOR in text and not any(other in text for other in OTHERS),
                            "the list shrinking to the matching title")
        terminal.press(ESCAPE)
        terminal.wait_until(lambda text: all(title in text for title in OTHERS) and "Filter: words" not in text,
                            "the full list coming back")
        terminal.wait_for_line(JUNIOR, "▶")  # the vacancy found stays chosen

        terminal.press(ENTER)
        terminal.wait_for(focused("2 Details"))
        terminal.wait_for("DG INTPA")
        first_item = terminal.tick_first_item()

        terminal.press("s")
        terminal.wait_for("Set status")
        terminal.press("3")  # the picker's third status
        terminal.wait_gone("Set status")
        terminal.press("4")
        terminal.wait_for(focused("4 Tracker"))
        terminal.wait_for_line("Status", "preparing")

        terminal.press("n")
        terminal.wait_for("ctrl+s save")
        terminal.press("Call HR on Monday")
        terminal.wait_for("Call HR on Monday")
        terminal.press(CTRL_S)
        terminal.wait_gone("ctrl+s save")
        terminal.wait_for("Call HR on Monday")  # now in the tracker's notes

        terminal.press(ESCAPE)
        terminal.wait_for(focused("1 Vacancies"))
        terminal.wait_for_line(JUNIOR, "preparing")
        terminal.press("q")
        assert terminal.wait_exit() == 0
    finally:
        terminal.close()

    shown = record(filled_store, JUNIOR)
    assert [item["text"] for item in shown["checklist"] if item["done"]] == [shown["checklist"][0]["text"]]
    assert shown["checklist"][0]["text"].startswith(first_item)
    assert shown["status"] == "preparing"
    assert shown["history"] == [{"at": ENV["EUJOBS_NOW"], "status": "preparing", "note": ""}]
    assert shown["notes"] == "Call HR on Monday"


def open_checklist(terminal: Terminal) -> None:
    terminal.wait_for_line("IT Project Officer", "▶")
    terminal.press(ENTER)
    terminal.wait_for(focused("2 Details"))
    terminal.press("3")
    terminal.wait_for(focused("3 Checklist"))


def test_two_dashboards_on_one_store_see_each_others_ticks(filled_store) -> None:
    first_item, second_item = "Are a citizen of a Member State", "Have fulfilled any obligations"
    first = Terminal("--store", str(filled_store), env=ENV)
    second = Terminal("--store", str(filled_store), env=ENV)
    try:
        open_checklist(first)
        open_checklist(second)
        second.wait_for_line(second_item, "[ ]")

        first.press(" ")
        first.wait_for_line(first_item, "[x]")
        second.wait_for_line(first_item, "[x]", timeout=3)  # the store is polled every second

        second.press("j")
        second.wait_for_line(second_item, "▶ [ ]")
        second.press(" ")
        second.wait_for_line(second_item, "▶ [x]")
        first.wait_for_line(second_item, "[x]", timeout=3)
        first.wait_for_line(first_item, "[x]")

        first.press("q")
        second.press("q")
        assert first.wait_exit() == 0
        assert second.wait_exit() == 0
    finally:
        first.close()
        second.close()

    shown = record(filled_store, "IT Project Officer – IT project leader")
    done = [item["text"] for item in shown["checklist"] if item["done"]]
    assert len(done) == 2 and done[0].startswith(first_item) and done[1].startswith(second_item)
