"""One thing the user does is one undo step, named in words; a vacancy can be deleted, and brought back whole."""

from __future__ import annotations

import io
import json
import threading
from pathlib import Path

import pytest

from eujobs.store.errors import StoreError
from eujobs.store.persistence.backup import restore_backup, write_backup
from eujobs.store.persistence.db import Store
from eujobs.store.persistence.state import REMOVED, Change, Step, add_item
from eujobs.tui.app import EujobsApp
from eujobs.tui.cli import main
from eujobs.tui.widgets.vacancy_list import VacancyList

from .conftest import TODAY, fixed_clock, incoming
from .test_app import press, settle

CNECT = "EC/2026/CNECT/510505"


@pytest.fixture
async def pilot(sample_store):
    app = EujobsApp(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        yield pilot
    app.saver.close()


def said(pilot) -> list[str]:
    return [n.message for n in pilot.app._notifications]


def worked_on(store: Store) -> str:
    """The CNECT vacancy with something in every part of the user's state; its id."""
    vacancy = store.find(CNECT)
    store.set_status(vacancy.id, "applied", "sent by e-mail")
    store.apply(Change(vacancy.id, "notes", "Ask Anna"))
    store.tick(vacancy.id, "app-cv")
    store.apply(add_item(vacancy, "Call HR"))
    store.apply(Change(vacancy.id, "field:grade", "AD 7"))
    store.apply(Change(vacancy.id, "next_action_on", "2026-03-20"))
    return vacancy.id


# ---------------------------------------------------------------------- the store


def test_a_deleted_vacancy_leaves_every_list_and_comes_back_whole(sample_store: Store) -> None:
    vacancy_id = worked_on(sample_store)
    before = sample_store.get(vacancy_id).to_json()
    count = len(sample_store.vacancies())
    bring_back = sample_store.remove(vacancy_id)
    assert sample_store.get(vacancy_id) is None and sample_store.find(CNECT) is None
    assert len(sample_store.vacancies()) == count - 1
    assert [r.id for r in sample_store.removed()] == [vacancy_id]
    with pytest.raises(StoreError, match="no vacancy"):
        sample_store.tick(vacancy_id, "app-cv", False)  # a deleted vacancy's state is not changed
    sample_store.apply(bring_back)
    assert sample_store.get(vacancy_id).to_json() == before and sample_store.removed() == []
    assert sample_store.text_of(sample_store.get(vacancy_id)).startswith("MAKE A DIFFERENCE")


def test_a_step_is_made_whole_or_not_at_all_and_undone_as_one(store: Store) -> None:
    store.save_imports([incoming()])
    vacancy_id = store.vacancies()[0].id
    dates = Step((Change(vacancy_id, "applied_on", "2026-03-01"), Change(vacancy_id, "next_action", "Call")), "dates")
    undo = store.apply_step(dates)
    assert undo.said == "dates" and len(undo.changes) == 2
    store.apply_step(undo)
    vacancy = store.get(vacancy_id)
    assert (vacancy.applied_on, vacancy.next_action) == (None, "")
    refused = Step((Change(vacancy_id, "next_action", "Call"), Change(vacancy_id, "tick:nothing", True)))
    with pytest.raises(StoreError, match="no checklist item"):
        store.apply_step(refused)
    assert store.get(vacancy_id).next_action == ""  # the first change of the refused step is not made either


def test_a_deleted_vacancys_text_outlives_later_imports(store: Store) -> None:
    store.save_imports([incoming()])
    vacancy = store.vacancies()[0]
    store.remove(vacancy.id)
    store.save_imports([incoming("EC/2026/TEST/2", sha="b" * 64, title="Other officer")])  # clears unnamed texts
    store.apply(Change(vacancy.id, REMOVED, False))
    assert store.text_of(store.get(vacancy.id)) == "full text of Test officer"


def test_a_deleted_vacancy_imported_again_does_not_come_back_over_it(store: Store) -> None:
    store.save_imports([incoming()])
    vacancy_id = store.vacancies()[0].id
    bring_back = store.remove(vacancy_id)
    store.save_imports([incoming()])  # the same posting, read again
    with pytest.raises(StoreError, match="imported again"):
        store.apply(bring_back)
    assert len(store.vacancies()) == 1


def test_a_backup_keeps_the_deleted_vacancies_and_a_restore_brings_them_back(sample_store, tmp_path) -> None:
    vacancy_id = worked_on(sample_store)
    before = sample_store.get(vacancy_id).to_json()
    sample_store.remove(vacancy_id)
    backup = write_backup(sample_store, tmp_path / "backup.zip", TODAY)
    sample_store.apply(Change(vacancy_id, REMOVED, False))
    sample_store.remove(vacancy_id)
    sample_store.apply(Change(vacancy_id, REMOVED, False))
    restore_backup(sample_store, backup, TODAY)
    assert sample_store.get(vacancy_id) is None and [r.id for r in sample_store.removed()] == [vacancy_id]
    sample_store.apply(Change(vacancy_id, REMOVED, False))
    assert sample_store.get(vacancy_id).to_json() == before


def test_a_damaged_deleted_vacancy_is_refused_in_one_line(sample_store) -> None:
    vacancy_id = worked_on(sample_store)
    sample_store.remove(vacancy_id)
    path = sample_store.root / "state.json"
    data = json.loads(path.read_text())
    next(iter(data["removed"].values()))["vacancy"]["posting"]["title"] = 7
    path.write_text(json.dumps(data))
    with pytest.raises(StoreError, match=f"the deleted vacancy '{vacancy_id}': vacancy '{vacancy_id}': its posting's "
                                         "title is a number"):
        Store.open(sample_store.root, fixed_clock)


# ---------------------------------------------------------------------- the dashboard


async def test_one_d_edit_is_one_undo_step_named_in_words(pilot, sample_store) -> None:
    await press(pilot, "D")
    for answer in ("12/03/2026", "20/03/2026", "Call HR"):
        await pilot.press("ctrl+u", *answer)
        await press(pilot, "enter")
    assert sample_store.find(CNECT).next_action == "Call HR"
    await press(pilot, "u")
    vacancy = sample_store.find(CNECT)
    assert (vacancy.applied_on, vacancy.next_action_on, vacancy.next_action) == (None, None, "")
    assert said(pilot)[-1] == "Undone: the dates and the next action"


async def test_u_after_adding_a_vacancy_deletes_it_and_nothing_else(pilot, sample_store) -> None:
    await press(pilot, "s", "4")  # applied, before the vacancy is added
    await press(pilot, "A")
    await pilot.press(*"Policy officer", "tab", *"European Parliament", "tab", *"EP/2026/1")
    await press(pilot, "ctrl+s")
    assert sample_store.find("EP/2026/1") is not None
    await press(pilot, "u")
    assert sample_store.find("EP/2026/1") is None and sample_store.find(CNECT).status == "applied"
    assert said(pilot)[-1] == "Undone: added “Policy officer”"
    assert all(v.posting.title != "Policy officer" for v in pilot.app.screen.model.listing.shown)
    await press(pilot, "u")
    assert sample_store.find(CNECT).status == "new" and said(pilot)[-1] == "Undone: status back to “new”"


async def test_x_asks_then_deletes_the_vacancy_and_u_brings_it_back_whole(pilot, sample_store) -> None:
    vacancy_id = worked_on(sample_store)
    before = sample_store.get(vacancy_id).to_json()
    pilot.app.screen.check_for_changes()
    await settle(pilot)
    await press(pilot, "x")
    question = str(pilot.app.screen.query_one("#dialog-title").render())
    assert question.startswith(
        "Delete “IT Project Officer – IT project leader” (European Commission, EC/2026/CNECT")
    await press(pilot, "escape")
    await press(pilot, "x", "n")
    assert sample_store.get(vacancy_id) is not None  # Escape and n keep it
    await press(pilot, "x", "y")
    assert sample_store.get(vacancy_id) is None
    assert all(v.id != vacancy_id for v in pilot.app.screen.model.listing.shown)
    await press(pilot, "u")
    assert sample_store.get(vacancy_id).to_json() == before
    assert said(pilot)[-1] == "Undone: deleted “IT Project Officer – IT project leader”"
    assert any(v.id == vacancy_id for v in pilot.app.screen.model.listing.shown)


async def test_u_after_a_delete_puts_the_cursor_back_on_the_vacancy_it_brings_back(pilot, sample_store) -> None:
    await press(pilot, "j")  # the second row: once it is deleted, the cursor is on the row after it
    deleted = pilot.app.screen.current
    await press(pilot, "x", "y")
    assert pilot.app.screen.current.id != deleted.id
    await press(pilot, "u")
    assert pilot.app.screen.query_one(VacancyList).highlighted.id == deleted.id
    assert pilot.app.screen.current.id == deleted.id  # the panes show it too


async def test_the_field_list_and_its_undo_name_fields_in_words(pilot, sample_store) -> None:
    await press(pilot, "E")
    listed = [str(option.prompt) for option in pilot.app.screen.query_one("OptionList").options]
    assert any(line.startswith("Experience (years)") for line in listed)
    assert any(line.startswith("Apply by e-mail") for line in listed)
    assert "Kind of post: contract agent" in listed  # values in words too, as the details pane says them
    assert not any("_" in line.partition(":")[0] or "." in line.partition(":")[0] for line in listed)
    await press(pilot, *["down"] * 9, "enter", "ctrl+u")  # the tenth field is the deadline
    await pilot.press(*"30/03/2026 12:00")
    await press(pilot, "enter")
    assert sample_store.find(CNECT).edited == ("deadline",)
    await press(pilot, "u")
    assert sample_store.find(CNECT).edited == () and said(pilot)[-1] == "Undone: your fix of “Deadline”"


CALL = ("Statistician\n\nEuropean Commission - Eurostat\nReference: ESTAT/2026/42\nDeadline: 20/12/2026 12:00\n\n"
        "We are looking for a statistician to work on the quality of European price statistics in Luxembourg, "
        "with a team of twelve colleagues.\n")


async def test_u_after_an_import_deletes_the_vacancies_it_added(pilot, sample_store, tmp_path) -> None:
    await press(pilot, "s", "4")  # the step before the import
    (tmp_path / "call.txt").write_text(CALL)
    await press(pilot, "i")
    await pilot.press(*str(tmp_path / "call.txt"))
    await press(pilot, "enter")
    await settle(pilot)
    assert sample_store.find("ESTAT/2026/42") is not None
    await press(pilot, "u")
    assert sample_store.find("ESTAT/2026/42") is None and sample_store.find(CNECT).status == "applied"
    assert said(pilot)[-1] == "Undone: the import of 1 new vacancy"


async def test_u_pressed_while_a_step_is_saved_undoes_that_step(pilot, sample_store, monkeypatch) -> None:
    await press(pilot, "s", "3")  # preparing: the step before
    gate = threading.Event()  # holds the next save back, as a slow disk would
    apply = sample_store.apply_step

    def slow_for_interview(step: Step) -> Step:
        if step.changes[0].value == "interview":
            gate.wait(30)
        return apply(step)

    monkeypatch.setattr(sample_store, "apply_step", slow_for_interview)
    await pilot.press("s", "5")  # interview, held back
    await pilot.press("u")  # before it is saved
    gate.set()
    await settle(pilot)
    await settle(pilot)
    assert sample_store.find(CNECT).status == "preparing"
    assert said(pilot)[-1] == "Undone: status back to “preparing”"


# ---------------------------------------------------------------------- the command line


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def cli_store(sample_store, monkeypatch) -> str:
    monkeypatch.setenv("EUJOBS_NOW", TODAY.isoformat())
    monkeypatch.delenv("EUJOBS_STORE", raising=False)
    return str(sample_store.root)


class Typed(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_rm_refuses_without_a_terminal_or_yes(capsys, cli_store, monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    code, out, err = run(capsys, "--store", cli_store, "rm", CNECT)
    assert code == 2 and out == "" and len(err.splitlines()) == 1 and "--yes" in err
    assert Store.open(Path(cli_store), fixed_clock).find(CNECT) is not None


def test_rm_asks_at_a_terminal_and_keeps_the_vacancy_unless_told_yes(capsys, cli_store, monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin", Typed("\n"))
    code, _, err = run(capsys, "--store", cli_store, "rm", CNECT)
    assert code == 1 and "[y/N]" in err and "Nothing deleted" in err
    monkeypatch.setattr("sys.stdin", Typed("y\n"))
    code, out, _ = run(capsys, "--store", cli_store, "rm", CNECT)
    assert code == 0 and out.startswith("Deleted ")


def test_rm_deletes_from_list_due_and_export_and_rm_undo_brings_it_back(capsys, cli_store) -> None:
    store = Store.open(Path(cli_store), fixed_clock)
    vacancy_id = worked_on(store)
    _, listed, _ = run(capsys, "--store", cli_store, "list", "--json")
    code, out, _ = run(capsys, "--store", cli_store, "rm", "--yes", CNECT)
    assert code == 0
    assert out.splitlines() == [
        f"Deleted {vacancy_id} “IT Project Officer – IT project leader”; its status, notes and ticks are kept "
        "with it.",
        f"To bring it back: eujobs --store {cli_store} rm --undo {vacancy_id}"]
    for command in (("list", "--json"), ("due", "--days", "60"), ("export", "--format", "json")):
        _, out, _ = run(capsys, "--store", cli_store, *command)
        assert vacancy_id not in out and CNECT not in out, command
    _, out, _ = run(capsys, "--store", cli_store, "rm", "--undo")
    assert out.startswith(f"{vacancy_id}  IT Project Officer")
    code, out, _ = run(capsys, "--store", cli_store, "rm", "--undo", vacancy_id)
    assert code == 0 and out == f"Brought back {vacancy_id} “IT Project Officer – IT project leader”.\n"
    assert run(capsys, "--store", cli_store, "list", "--json")[1] == listed
    code, _, err = run(capsys, "--store", cli_store, "rm", "--undo", vacancy_id)
    assert code == 1 and err == f"eujobs: no deleted vacancy with id '{vacancy_id}' (eujobs rm --undo lists them)\n"
