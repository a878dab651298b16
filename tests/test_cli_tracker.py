"""Where an application stands, from the shell: `show` prints the tracker, `status ID` the status, `note` the notes."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from eujobs.store.persistence.db import Store
from eujobs.store.persistence.state import Change
from eujobs.tui.cli import main

from .conftest import TODAY, fixed_clock, incoming, store_bytes


@pytest.fixture
def kept(tmp_path: Path, monkeypatch) -> tuple[str, str]:
    """A store holding one vacancy: its folder and the vacancy's id."""
    monkeypatch.setenv("EUJOBS_NOW", TODAY.isoformat())
    store = Store.open(tmp_path / "store", fixed_clock)
    (saved,) = store.save_imports([incoming()])
    return str(store.root), saved.vacancy_id


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_show_prints_status_dates_history_ticks_and_notes(kept, capsys) -> None:
    root, vacancy_id = kept
    run(capsys, "--store", root, "status", vacancy_id, "preparing")
    run(capsys, "--store", root, "status", vacancy_id, "applied", "--note", "sent by e-mail")
    run(capsys, "--store", root, "tick", vacancy_id, "app-cv")
    run(capsys, "--store", root, "note", vacancy_id, "Called Ms X\nShe calls back on Friday")
    store = Store.open(Path(root), fixed_clock)
    store.apply(Change(vacancy_id, "next_action_on", "2026-03-20"))
    store.apply(Change(vacancy_id, "next_action", "call Ms X"))

    code, out, _ = run(capsys, "--store", root, "show", vacancy_id)
    assert code == 0
    lines = out.splitlines()
    assert "Status:      applied" in lines
    assert "Applied:     10/03/2026" in lines
    assert "Next action: 20/03/2026  call Ms X" in lines
    assert [line for line in lines if line.startswith("  [x]")] == ["  [x] ? text of app-cv  (app-cv)"]
    history = lines.index("History")
    assert lines[history + 1:history + 3] == ["  10/03/2026 09:00  applied — sent by e-mail",
                                              "  10/03/2026 09:00  preparing"]
    notes = lines.index("Notes")
    assert lines[notes + 1:] == ["  Called Ms X", "  She calls back on Friday"]

    record = json.loads(run(capsys, "--store", root, "show", vacancy_id, "--json")[1])
    assert (record["status"], record["applied_date"], record["next_action_on"], record["next_action"]) == (
        "applied", "2026-03-10", "2026-03-20", "call Ms X")
    assert record["notes"] == "Called Ms X\nShe calls back on Friday"
    assert [change["status"] for change in record["history"]] == ["preparing", "applied"]
    assert [item["id"] for item in record["checklist"] if item["done"]] == ["app-cv"]


def test_show_says_when_there_is_no_history_and_no_notes_yet(kept, capsys) -> None:
    root, vacancy_id = kept
    lines = run(capsys, "--store", root, "show", vacancy_id)[1].splitlines()
    assert lines[-5:] == ["History", "  no status changes yet", "", "Notes",
                          f"  none yet (eujobs note {vacancy_id} TEXT writes some)"]


def test_status_without_a_value_prints_it_and_the_same_status_again_writes_nothing(kept, capsys) -> None:
    root, vacancy_id = kept
    assert run(capsys, "--store", root, "status", vacancy_id) == (0, f"{vacancy_id}: new\n", "")
    assert run(capsys, "--store", root, "status", vacancy_id, "preparing")[1] == f"{vacancy_id}: new -> preparing\n"
    before = store_bytes(Path(root))
    code, out, err = run(capsys, "--store", root, "status", vacancy_id, "preparing")
    assert (code, out, err) == (0, f"{vacancy_id}: already preparing; nothing changed\n", "")
    assert store_bytes(Path(root)) == before
    assert run(capsys, "--store", root, "status", vacancy_id)[1] == f"{vacancy_id}: preparing\n"


def test_note_writes_appends_prints_and_clears_the_notes(kept, capsys) -> None:
    root, vacancy_id = kept
    assert run(capsys, "--store", root, "note", vacancy_id, "Called Ms X") == (
        0, f"{vacancy_id}: notes written (1 line)\n", "")
    assert run(capsys, "--store", root, "note", vacancy_id, "--append", "She calls back") == (
        0, f"{vacancy_id}: added to the notes (now 2 lines)\n", "")
    assert run(capsys, "--store", root, "note", vacancy_id) == (0, "Called Ms X\nShe calls back\n", "")
    before = store_bytes(Path(root))
    assert run(capsys, "--store", root, "note", vacancy_id, "Called Ms X\nShe calls back")[1] == (
        f"{vacancy_id}: the notes already say that; nothing changed\n")
    assert store_bytes(Path(root)) == before
    assert run(capsys, "--store", root, "note", vacancy_id, "")[1] == f"{vacancy_id}: notes cleared\n"
    code, out, err = run(capsys, "--store", root, "note", vacancy_id)
    assert (code, out) == (0, "") and err == f"{vacancy_id}: no notes yet (eujobs note {vacancy_id} TEXT writes some)\n"


def test_note_reads_standard_input_for_a_dash(kept, capsys, monkeypatch) -> None:
    root, vacancy_id = kept
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("Gehalt: 4 200 €\nBrussels\n".encode())))
    assert run(capsys, "--store", root, "note", vacancy_id, "-")[0] == 0
    assert Store.open(Path(root), fixed_clock).get(vacancy_id).notes == "Gehalt: 4 200 €\nBrussels"


def test_notes_that_are_not_text_or_both_ways_at_once_are_one_line_and_nothing_is_saved(kept, capsys,
                                                                                         monkeypatch) -> None:
    root, vacancy_id = kept
    before = store_bytes(Path(root))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\xff\xfe caf\xe9")))
    assert run(capsys, "--store", root, "note", vacancy_id, "--append", "-") == (
        1, "", "eujobs: the notes on standard input are not UTF-8 text; nothing was saved\n")
    code, out, err = run(capsys, "--store", root, "note", vacancy_id, "new text", "--append", "more")
    assert (code, out) == (2, "") and err.count("\n") == 1 and "not both" in err
    assert store_bytes(Path(root)) == before
