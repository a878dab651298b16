"""What the dashboard looks like, screen by screen, kept as SVG snapshots (pytest-textual-snapshot).

Regenerate after an intended change of look with `pytest tests/test_snapshots.py --snapshot-update`,
then look at the new SVGs before committing them.

The store lives at one fixed path because the header shows it: a per-test tmp_path would make every
snapshot differ. The clock is fixed so countdowns ("in 13 d") never move.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from textual.pilot import Pilot

from eujobs.store.eligibility.profile import Profile, set_field
from eujobs.store.ingest.importer import import_paths
from eujobs.store.persistence.db import Store
from eujobs.store.persistence.attachments import keep_file
from eujobs.store.persistence.state import ATTACH, Change, add_item
from eujobs.store.procedure.changes import add_deadline, add_event, set_stage
from eujobs.tui.app import EujobsApp
from eujobs.tui.widgets.checklist import ChecklistPane

from .conftest import POSTINGS, ROOT, fixed_clock, incoming

SNAPSHOT_STORE = Path("/tmp/eujobs-snapshot-store")
WIDE = (120, 40)
NARROW = (80, 24)

HOSTILE_TITLE = "Officer [bold]not bold[/bold] [link=x]not a link[/link] \x1b[31mnot red"
HOSTILE_NOTES = "Call [bold]Anna[/bold] about [link=x]the form[/link]; \x1b[31mstill not red\x1b[0m."
HOSTILE_REFERENCE = "EC/[b]2026[/b]/\x1b[7mX/1"
HOSTILE_ITEM = "Send the [bold]CV[/bold] via [link=x]the portal[/link] \x1b[31mtoday"


def empty_store() -> Store:
    shutil.rmtree(SNAPSHOT_STORE, ignore_errors=True)
    return Store.open(SNAPSHOT_STORE, fixed_clock)


@pytest.fixture
def samples() -> Iterator[Store]:
    store = empty_store()
    outcomes = import_paths(store, [str(POSTINGS)])
    assert not [outcome for outcome in outcomes if outcome.failed]
    yield store
    shutil.rmtree(SNAPSHOT_STORE, ignore_errors=True)


@pytest.fixture
def hostile() -> Iterator[Store]:
    """One posting whose title, reference, checklist and notes are full of markup and an escape sequence."""
    store = empty_store()
    [saved] = store.save_imports([incoming(reference=HOSTILE_REFERENCE, title=HOSTILE_TITLE,
                                           items=("elig-[bold]citizenship[/bold]", "app-cv"))])
    vacancy = store.get(saved.vacancy_id)
    store.apply(add_item(vacancy, HOSTILE_ITEM))
    store.apply(Change(vacancy.id, "notes", HOSTILE_NOTES))
    yield store
    shutil.rmtree(SNAPSHOT_STORE, ignore_errors=True)


async def settle(pilot: Pilot) -> None:
    """Wait until loading, filtering and reading the posting's text (thread workers, each starting the
    next through a message) are all done, so the screen shows the data and not a half-loaded state."""
    for _ in range(50):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not len(pilot.app.workers):
            return
    raise AssertionError(f"workers still running: {list(pilot.app.workers)}")


def pressing(*keys: str):
    """A run_before that lets the data load, presses the keys, and lets their effects load too."""

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run_before


def test_wide_dashboard_shows_all_four_panes(snap_compare, samples) -> None:
    assert snap_compare(EujobsApp(samples), terminal_size=WIDE, run_before=pressing())


def test_narrow_dashboard_shows_only_the_list(snap_compare, samples) -> None:
    assert snap_compare(EujobsApp(samples), terminal_size=NARROW, run_before=pressing())


def test_narrow_enter_opens_the_details_tab(snap_compare, samples) -> None:
    assert snap_compare(EujobsApp(samples), terminal_size=NARROW, run_before=pressing("enter"))


def test_narrow_3_opens_the_checklist_tab(snap_compare, samples) -> None:
    assert snap_compare(EujobsApp(samples), terminal_size=NARROW, run_before=pressing("3"))


def test_help_screen(snap_compare, samples) -> None:
    assert snap_compare(EujobsApp(samples), terminal_size=WIDE, run_before=pressing("question_mark"))


def test_status_picker(snap_compare, samples) -> None:
    assert snap_compare(EujobsApp(samples), terminal_size=WIDE, run_before=pressing("s"))


def test_no_color(snap_compare, samples, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")  # read when the app is created
    assert snap_compare(EujobsApp(samples), terminal_size=WIDE, run_before=pressing())


def test_markup_and_escapes_in_posting_text_are_shown_literally(snap_compare, hostile) -> None:
    assert snap_compare(EujobsApp(hostile), terminal_size=WIDE, run_before=pressing())


# Laid out while hidden (narrow) or after G then g, the first group's heading once scrolled off.
@pytest.mark.parametrize(("size", "keys"), [(NARROW, ("3",)), (WIDE, ("3", "G", "g"))], ids=["narrow-3", "wide-G-g"])
async def test_the_checklist_at_its_first_item_shows_the_group_heading(samples, size, keys) -> None:
    app = EujobsApp(samples)
    async with app.run_test(size=size) as pilot:
        await pressing(*keys)(pilot)
        pane = app.screen.query_one(ChecklistPane)
        assert pane.current_item is pane.items[0]
        assert pane.render_line(0).text.strip() == "Eligibility 0/9"


@pytest.fixture
def candidate(samples: Store) -> Store:
    """The samples with a profile that meets some rules and fails others (French B1 where B2 is asked)."""
    example = json.loads((ROOT / "tests" / "spec" / "profile.example.json").read_text())
    profile = Profile.from_json(example)
    samples.save_profile(set_field(profile, "languages=English C1, French B1, German B2"))
    return samples


def test_verdicts_and_fit_column(snap_compare, candidate) -> None:
    assert snap_compare(EujobsApp(candidate), terminal_size=WIDE, run_before=pressing("3"))


def test_profile_form_at_80x24(snap_compare, candidate) -> None:
    assert snap_compare(EujobsApp(candidate), terminal_size=NARROW, run_before=pressing("p"))


@pytest.fixture
def four_states(tmp_path) -> Iterator[Store]:
    """Four postings of the tests' own, one in each fit state for one profile: not eligible, eligible with one item
    to confirm, eligible, not checked."""
    from .test_eligibility_states import PERSON, import_four, profile_of

    store = empty_store()
    import_four(store, tmp_path)
    store.save_profile(profile_of(*PERSON))
    yield store
    shutil.rmtree(SNAPSHOT_STORE, ignore_errors=True)


def test_the_four_fit_states(snap_compare, four_states) -> None:
    assert snap_compare(EujobsApp(four_states), terminal_size=WIDE, run_before=pressing())


@pytest.fixture
def funnel_store() -> Iterator[Store]:
    """Vacancies of the tests' own gone through three kinds of procedure, applied to over three months: some
    stages recorded, the rest standing for their status."""
    store = empty_store()
    postings = [("EPSO/AD/401/25", "Administrators"), ("EPSO/AD/402/25", "Economists"),
                ("EPSO/AST/150/25", "Secretaries"), ("EPSO/CAST/P/1/2017", "Finance"),
                ("EPSO/CAST/P/2/2017", "Communication"), ("EC/2026/TEST/7", "Project officer")]
    saved = store.save_imports([incoming(reference, str(number) * 64, title)
                                for number, (reference, title) in enumerate(postings, 1)])
    ids = [item.vacancy_id for item in saved]
    stage = {"on": "2026-02-20", "note": ""}
    for number, applied_on, status in [(0, "2026-01-08", "interview"), (1, "2026-01-19", "rejected"),
                                       (2, "2026-02-03", "applied"), (3, "2026-02-11", "offer"),
                                       (4, "2026-01-26", "rejected"), (5, "2026-03-04", "applied")]:
        store.apply(Change(ids[number], "status", status))
        store.apply(Change(ids[number], "applied_on", applied_on))
    for number, stage_id, result in [(0, "written_test", "passed"), (1, "reasoning_tests", "failed"),
                                     (2, "reasoning_tests", "passed"), (3, "tests", "passed")]:
        store.apply(Change(ids[number], f"stage:{stage_id}", {**stage, "result": result}))
    yield store
    shutil.rmtree(SNAPSHOT_STORE, ignore_errors=True)


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "120x40"])
def test_stats_screen(snap_compare, funnel_store, size) -> None:
    assert snap_compare(EujobsApp(funnel_store), terminal_size=size, run_before=pressing("percent_sign"))


@pytest.fixture
def competition(tmp_path, monkeypatch) -> Iterator[Store]:
    """An EPSO competition of the tests' own on its way: stages passed (one standing for the status, one with a note
    full of markup), the field test waited for, a test ahead, deadlines of three kinds and a letter sent. The user
    lives in London: times show there too."""
    monkeypatch.setenv("TZ", "Europe/London")
    brussels = ZoneInfo("Europe/Brussels")
    store = empty_store()
    [saved] = store.save_imports([incoming("EPSO/AD/999/26", "e" * 64, "Administrators in digital policy (AD 7)")])
    store.apply(Change(saved.vacancy_id, "status", "applied"))
    vacancy = store.get(saved.vacancy_id)
    letter = tmp_path / "motivation letter.pdf"
    letter.write_bytes(b"%PDF-1.4 a letter\n" * 100)
    kept = keep_file(store.root, letter)
    for change in (set_stage(vacancy, "documents", "passed", date(2026, 2, 20)),
                   set_stage(vacancy, "reasoning_tests", "passed", date(2026, 3, 2), HOSTILE_ITEM),
                   set_stage(vacancy, "field_test", "waiting", date(2026, 3, 9)),
                   add_event(vacancy, "test", datetime(2026, 3, 24, 10, 0, tzinfo=brussels), place="online",
                             note="written test, French"),
                   add_event(vacancy, "call", datetime(2026, 3, 3, 15, 0, tzinfo=brussels), note="EPSO helpdesk"),
                   add_deadline(vacancy, "review", date(2026, 3, 12), note="the field test's marking"),
                   add_deadline(vacancy, "reserve_list", date(2027, 12, 31)),
                   Change(vacancy.id, ATTACH, {"sha256": kept.sha256, "name": kept.name, "size": kept.size,
                                               "as": "letter"})):
        store.apply(change)
    yield store
    shutil.rmtree(SNAPSHOT_STORE, ignore_errors=True)


def test_tracker_with_stages_at_80x24(snap_compare, competition) -> None:
    assert snap_compare(EujobsApp(competition), terminal_size=NARROW, run_before=pressing("4"))


def test_tracker_with_stages_at_120x40(snap_compare, competition) -> None:
    assert snap_compare(EujobsApp(competition), terminal_size=WIDE, run_before=pressing("4", "pagedown"))
