"""`eujobs demo` in December 2026, when every sample posting's own deadline has passed or was never given: its
throwaway store gets deadlines days from today, so countdowns, urgency and `due` show, and says so."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from eujobs.store.outputs.timeline import due
from eujobs.tui import cli
from eujobs.tui.formatting import countdown

from .conftest import POSTINGS

NOW = "2026-12-07T17:00:00+00:00"


@pytest.fixture
def demo_store(monkeypatch):
    """The demo's store as the dashboard gets it (the dashboard itself is not opened)."""
    monkeypatch.setenv("EUJOBS_NOW", NOW)
    monkeypatch.setattr(cli, "on_a_terminal", lambda: True, raising=False)
    monkeypatch.setattr(cli, "sample_postings", lambda: str(POSTINGS))
    opened = []
    monkeypatch.setattr(cli, "open_dashboard", lambda store, front=None: opened.append(store.vacancies()) or 0)
    assert cli.main(["demo"]) == 0
    return opened[0]


def test_the_demo_shows_countdowns_urgency_and_something_due(demo_store) -> None:
    now = datetime.fromisoformat(NOW)
    shown = sorted(countdown(v.posting.deadline, now) for v in demo_store)
    assert shown == ["closed", "in 2 d", "in 2 d", "in 21 d", "—"]  # two urgent, one closed, one left undated
    assert len(due(demo_store, now, 14)) == 2


def test_the_demo_says_where_a_deadline_was_moved_from(demo_store) -> None:
    cnect = next(v for v in demo_store if v.posting.reference == "EC/2026/CNECT/510505")
    assert cnect.edited == ("deadline",)  # the details mark it as changed from what the posting says
    assert cnect.notes == ("Demo: the deadline is set to 09/12/2026 12:00 (in 2 days) so that its countdown shows; "
                           "the posting itself says 23/03/2026 12:00.")
    undated = next(v for v in demo_store if v.posting.title == "Junior Project Manager Officer")
    assert undated.notes.endswith("the posting itself states no deadline.")


def test_a_demo_of_your_own_folder_keeps_its_deadlines(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("EUJOBS_NOW", NOW)
    monkeypatch.setattr(cli, "on_a_terminal", lambda: True, raising=False)
    opened = []
    monkeypatch.setattr(cli, "open_dashboard", lambda store, front=None: opened.append(store.vacancies()) or 0)
    assert cli.main(["demo", str(POSTINGS)]) == 0
    assert {v.posting.deadline for v in opened[0] if v.posting.deadline} == {
        datetime(2026, 3, 23, 11, tzinfo=timezone.utc), datetime(2026, 5, 15, 10, tzinfo=timezone.utc)}
