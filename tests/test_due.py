"""`eujobs due`: what needs doing in the coming days, with a fixed clock."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from eujobs.store.model import Posting, Source
from eujobs.store.outputs.timeline import due
from eujobs.store.persistence.db import Incoming, Store
from eujobs.store.persistence.state import Change
from eujobs.tui.cli import main

from .conftest import TODAY, fixed_clock

BRUSSELS = ZoneInfo("Europe/Brussels")


def posting(store: Store, reference: str, deadline) -> str:
    item = Incoming(Posting(title=f"Post {reference}", reference=reference, deadline=deadline), "text",
                    Source(None, reference.ljust(64, "0"), "text", TODAY.isoformat()))
    return store.save_imports([item])[0].vacancy_id


@pytest.fixture
def calendar(tmp_path) -> Store:
    store = Store.open(tmp_path / "store", fixed_clock)
    noon = datetime(2026, 3, 10, 12, 0, tzinfo=BRUSSELS)
    posting(store, "IN-2-DAYS", noon + timedelta(days=2))
    posting(store, "TODAY-NOON", noon)
    posting(store, "CLOSED", noon - timedelta(days=1))
    posting(store, "IN-20-DAYS", noon + timedelta(days=20))
    posting(store, "DATE-ONLY", (noon + timedelta(days=5)).date())
    applied = posting(store, "APPLIED", noon + timedelta(days=3))
    store.set_status(applied, "applied")
    store.apply(Change(applied, "next_action_on", "2026-03-12"))
    store.apply(Change(applied, "next_action", "Call HR"))
    return store


def test_due_lists_the_window_soonest_first_without_closed_or_applied(calendar: Store) -> None:
    items = due(calendar.vacancies(), TODAY, 14)
    assert [(i.what, i.vacancy.posting.reference) for i in items] == [
        ("deadline", "TODAY-NOON"), ("next action", "APPLIED"), ("deadline", "IN-2-DAYS"), ("deadline", "DATE-ONLY")]
    assert [i.vacancy.posting.reference for i in due(calendar.vacancies(), TODAY, 30)][-1] == "IN-20-DAYS"
    assert due(calendar.vacancies(), datetime(2026, 3, 10, 11, 30, tzinfo=timezone.utc), 1) == []


def test_due_command_prints_one_line_each_and_quiet_prints_nothing(calendar: Store, capsys, monkeypatch) -> None:
    monkeypatch.setenv("EUJOBS_NOW", TODAY.isoformat())
    assert main(["--store", str(calendar.root), "due", "--days", "3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("10/03/2026 12:00  today 12:00    deadline: Post TODAY-NOON  TODAY-NOON  [")
    assert lines[1].startswith("12/03/2026        in 2 d         Call HR: Post APPLIED  APPLIED  [")
    assert len(lines) == 3
    monkeypatch.setenv("EUJOBS_NOW", "2027-01-01T00:00:00+00:00")
    assert main(["--store", str(calendar.root), "due", "--quiet"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["--store", str(calendar.root), "due"]) == 0
    assert capsys.readouterr().out == "Nothing due in the next 14 days.\n"
