"""Processes changing one store at once: the lock must keep every change of every one of them."""

from __future__ import annotations

import multiprocessing
import os
import random
import re
import subprocess
import time
from pathlib import Path

import pytest

from eujobs.store.model import STATUSES
from eujobs.store.persistence.db import Store
from eujobs.store.persistence.state import Change

from .conftest import POSTINGS, fixed_clock, incoming
from .terminal import ENTER, EUJOBS, Terminal

ITEMS = tuple(f"item-{n}" for n in range(40))


def tick_half(root: str, vacancy_id: str, parity: int) -> None:
    store = Store.open(Path(root), fixed_clock)
    for item in ITEMS[parity::2]:
        store.tick(vacancy_id, item)


def test_two_processes_ticking_at_once_lose_nothing(tmp_path) -> None:
    store = Store.open(tmp_path / "store", fixed_clock)
    (saved,) = store.save_imports([incoming(items=ITEMS)])
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=tick_half, args=(str(store.root), saved.vacancy_id, p)) for p in (0, 1)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    ticked = {item.id for item in store.find(saved.vacancy_id).checklist if item.done}
    print(f"{len(ticked)} of {len(ITEMS)} ticks from two processes kept")
    assert ticked == set(ITEMS)


# Four processes, 250 changes each, all at once. Every change leaves its own trace, so a lost one shows:
#   ticks    the four share 4 vacancies of 100 items; process p ticks the items n with n % 4 == p (100 ticks)
#   statuses each process has 5 vacancies and moves each through 15 statuses, every change noted
#            "p<p> #<k>" (75 changes, each an entry in the vacancy's history)
#   notes    each process writes the notes of 75 vacancies of its own, once each (75 changes)
PROCESSES, CHANGES = 4, 250
MANY_ITEMS = tuple(f"item-{n}" for n in range(100))
SHARED, STATUS_VACANCIES, STATUS_CHANGES, NOTES = 4, 5, 15, 75


def plan(process: int, vacancies: dict[str, list[str]]) -> list[Change]:
    """The changes of one process, in a shuffled order so that the kinds interleave."""
    ticks = [Change(vacancy_id, f"tick:{item}", True) for vacancy_id in vacancies["shared"]
             for item in MANY_ITEMS[process::PROCESSES]]
    statuses = [Change(vacancy_id, "status", status_number(k), f"p{process} #{k}")
                for vacancy_id in vacancies[f"status-{process}"] for k in range(STATUS_CHANGES)]
    notes = [Change(vacancy_id, "notes", f"notes of p{process} #{k}")
             for k, vacancy_id in enumerate(vacancies[f"notes-{process}"])]
    changes = ticks + statuses + notes
    random.Random(process).shuffle(changes)
    # The status changes of a vacancy must stay in their order: put them back in it, in the shuffled slots.
    in_order = iter(statuses)
    return [next(in_order) if change.slot == "status" else change for change in changes]


def status_number(k: int) -> str:
    """The k-th status a vacancy is moved to: never 'new', never the one before, so each one is a change."""
    return STATUSES[1 + k % (len(STATUSES) - 1)]


def change_a_quarter(root: str, process: int, vacancies: dict[str, list[str]], start) -> None:
    store = Store.open(Path(root), fixed_clock)
    changes = plan(process, vacancies)
    start.wait(60)  # all four begin together
    for change in changes:
        store.apply(change)


def test_four_processes_making_250_changes_each_at_once_lose_none(tmp_path, report) -> None:
    store = Store.open(tmp_path / "store", fixed_clock)
    names = ["shared"] * SHARED + [f"status-{p}" for p in range(PROCESSES) for _ in range(STATUS_VACANCIES)]
    names += [f"notes-{p}" for p in range(PROCESSES) for _ in range(NOTES)]
    saved = store.save_imports([
        incoming(f"EC/2026/MANY/{n}", f"{n:064x}", f"Officer {n}", MANY_ITEMS if name == "shared" else ("app-cv",))
        for n, name in enumerate(names)
    ])
    vacancies: dict[str, list[str]] = {}
    for name, result in zip(names, saved):
        vacancies.setdefault(name, []).append(result.vacancy_id)
    assert all(len(plan(p, vacancies)) == CHANGES for p in range(PROCESSES))

    context = multiprocessing.get_context("spawn")
    start = context.Barrier(PROCESSES)
    workers = [context.Process(target=change_a_quarter, args=(str(store.root), p, vacancies, start))
               for p in range(PROCESSES)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0

    by_id = {vacancy.id: vacancy for vacancy in store.vacancies()}
    kept = 0
    for vacancy_id in vacancies["shared"]:
        assert by_id[vacancy_id].ticks == dict.fromkeys(MANY_ITEMS, True)
        kept += len(by_id[vacancy_id].ticks)
    for p in range(PROCESSES):
        for vacancy_id in vacancies[f"status-{p}"]:
            vacancy = by_id[vacancy_id]
            assert [(change.status, change.note) for change in vacancy.history] == [
                (status_number(k), f"p{p} #{k}") for k in range(STATUS_CHANGES)
            ]
            assert vacancy.status == status_number(STATUS_CHANGES - 1)
            kept += len(vacancy.history)
        for k, vacancy_id in enumerate(vacancies[f"notes-{p}"]):
            assert by_id[vacancy_id].notes == f"notes of p{p} #{k}"
            kept += 1
    report(f"concurrency: {PROCESSES} processes × {CHANGES} changes at once on one store, "
           f"{kept:,} of {PROCESSES * CHANGES:,} kept")
    assert kept == PROCESSES * CHANGES



# A store file replaced by another process can look unchanged to a stat: ext4 hands a freed inode number to the
# very next new file, so two quick commits by others can leave state.json with the inode and size a reader saw,
# and on a file system with coarse timestamps also the same mtime. A change must still start from the file as
# it is (transactions read afresh under the lock), or it would undo the other process's commits. The test gives
# the file the mtime such a file system would give it, so it shows a lost change on any kernel.
def test_changes_by_another_process_within_one_timestamp_tick_are_not_undone(tmp_path) -> None:
    root = tmp_path / "store"
    other = Store.open(root, fixed_clock)  # say `eujobs tick` run from a script
    (saved,) = other.save_imports([incoming(items=("item-1", "item-2", "item-3"))])
    vacancy_id, state = saved.vacancy_id, root / "state.json"
    other.tick(vacancy_id, "item-1")
    dashboard = Store.open(root, fixed_clock)
    dashboard.vacancies()  # its poll reads state.json and keeps it, keyed on (inode, mtime, size)
    seen = os.stat(state)
    other.tick(vacancy_id, "item-1", False)
    other.tick(vacancy_id, "item-2")  # the same size as the file the dashboard read
    now = os.stat(state)
    if (now.st_ino, now.st_size) != (seen.st_ino, seen.st_size):
        pytest.skip("this file system gave the new state.json another inode")
    # Both commits within one tick of the file system's clock (1 s on ext4 with 128-byte inodes, FAT or HFS+;
    # a jiffy, 1-10 ms, for ext4 on Linux before the fine-grained timestamps of 6.13): the same mtime.
    os.utime(state, ns=(now.st_atime_ns, seen.st_mtime_ns))
    dashboard.tick(vacancy_id, "item-3")
    assert Store.open(root, fixed_clock).get(vacancy_id).ticks == {"item-2": True, "item-3": True}



# A dashboard and `eujobs import` at once: the real installed command in a pseudo-terminal ticks items and sets
# statuses while `eujobs import` runs beside it, again and again; afterwards the store holds both.
#
# Space toggles, from what the screen shows; the screen can show an older state for a moment (a reload that
# began before a save can land after it), so each item is pressed once, when it is still unticked everywhere:
# whatever the dashboard shows, that press ticks it.
ENV = {"EUJOBS_NOW": "2026-03-10T09:00:00+00:00"}
CNECT = "EC/2026/CNECT/510505"
ROUNDS, PER_ROUND = 4, 3
STATUS_KEYS = (("2", "interested"), ("3", "preparing"), ("4", "applied"), ("5", "interview"))
# The checklist's current item: its mark and first words, up to the pane's border or, when the checklist scrolls,
# its scrollbar (Textual draws the thumb's ends in these eighths of a block, the rest of it and the track blank).
CURSOR = re.compile(r"▶ \[([ x])\] (.*?)[\s▁▂▃▄▅▆▇]*[┃│]")


def posting(reference: str, title: str) -> str:
    return (f"{title}\nReference: {reference}\nInstitution: European Commission\nPlace of employment: Brussels\n"
            "Your tasks\nYou will support the unit in planning, reporting and following up the projects of the "
            "directorate, and in writing clear documents for management.\nRequirements\n"
            "- At least 3 years of professional experience in a field linked to the tasks;\n"
            "- Very good knowledge of English.\n")


def eujobs_import(store: Path, folder: Path) -> subprocess.Popen:
    return subprocess.Popen([str(EUJOBS), "--store", str(store), "import", str(folder)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, **ENV})


def cursor_item(line: str) -> tuple[bool, str] | None:
    """The checklist's current item on this screen line, if it is there: ticked or not, and its first words."""
    found = CURSOR.search(line)
    return (found[1] == "x", found[2]) if found else None


def test_the_cursor_is_read_beside_the_checklists_scrollbar() -> None:
    assert cursor_item("┃│▶ [ ] Methodical approach,       ▃▃││ Status") == (False, "Methodical approach,")
    assert cursor_item("┃│▶ [x] Methodical approach to     ││ Status") == (True, "Methodical approach to")


def wait_for_cursor(terminal: Terminal, text: str, ticked: bool, timeout: float = 15.0) -> None:
    """Until the checklist's cursor is on the item with this text, shown ticked or not."""
    def there() -> bool:
        for line in terminal.screen.display:
            found = cursor_item(line)
            if found:
                return found[0] == ticked and bool(found[1]) and text.startswith(found[1])
        return False

    deadline = time.monotonic() + timeout
    while not there():
        if time.monotonic() > deadline:
            raise AssertionError(f"the cursor never showed {text[:30]!r} {'ticked' if ticked else 'unticked'} "
                                 f"within {timeout} s; the screen:\n{terminal.text()}")
        terminal.pump(0.01)


def test_a_dashboard_and_eujobs_import_at_once_keep_both(tmp_path, report) -> None:
    root = tmp_path / "store"
    subprocess.run([str(EUJOBS), "--store", str(root), "import", str(POSTINGS)], check=True, capture_output=True,
                   env={**os.environ, **ENV})
    items = Store.open(root, fixed_clock).find(CNECT).checklist
    imported: dict[str, str] = {}
    ticked: list[str] = []
    statuses: list[str] = []
    # 120 columns: the list, the details, the checklist and the tracker are all on screen at once.
    terminal = Terminal("--store", str(root), env=ENV, columns=120, lines=40)
    try:
        terminal.wait_until(lambda _: "IT Project Office" in terminal.line_with("▶"), "the list showing the CNECT post")
        terminal.press(ENTER)
        terminal.wait_for("┏━ 2 Details")
        terminal.press("3")
        terminal.wait_for("┏━ 3 Checklist")
        wait_for_cursor(terminal, items[0].text, ticked=False)
        for round_ in range(ROUNDS):
            folder = tmp_path / f"new-{round_}"
            folder.mkdir()
            for k in range(PER_ROUND):
                reference, title = f"EC/2026/BOTH/{round_}{k}", f"Concurrent officer {round_}.{k}"
                (folder / f"posting-{k}.txt").write_text(posting(reference, title), encoding="utf-8")
                imported[reference] = title
            importer = eujobs_import(root, folder)
            # For as long as the import runs: tick the next item, and once a status.
            while True:
                if len(ticked) < len(items):
                    item = items[len(ticked)]
                    terminal.press(" ")
                    wait_for_cursor(terminal, item.text, ticked=True)
                    ticked.append(item.id)
                    if len(ticked) < len(items):
                        terminal.press("j")
                        wait_for_cursor(terminal, items[len(ticked)].text, ticked=False)
                if len(statuses) == round_:
                    key, status = STATUS_KEYS[round_]
                    terminal.press("s")
                    terminal.wait_for("Set status")
                    terminal.press(key)
                    terminal.wait_gone("Set status")
                    terminal.wait_for_line("Status", status)
                    statuses.append(status)
                if importer.poll() is not None:
                    break
            out, err = importer.communicate(timeout=60)
            assert importer.returncode == 0, err
            assert f"{PER_ROUND} files: {PER_ROUND} imported" in out, out
        total = 5 + ROUNDS * PER_ROUND
        terminal.wait_for(f"{total} vacancies")  # the dashboard noticed the imports by itself
        terminal.press("q")
        assert terminal.wait_exit() == 0
    finally:
        terminal.close()

    store = Store.open(root, fixed_clock)
    cnect = store.find(CNECT)
    assert [item.id for item in cnect.checklist if item.done] == ticked
    assert [change.status for change in cnect.history] == statuses
    assert {reference: store.find(reference).posting.title for reference in imported} == imported
    assert len(store.vacancies()) == total
    report(f"concurrency: a dashboard in a terminal made {len(ticked) + len(statuses)} changes ({len(ticked)} ticks, "
           f"{len(statuses)} statuses) while {ROUNDS} `eujobs import` runs added {len(imported)} postings; all kept")
