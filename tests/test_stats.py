"""Issue 22, the funnel: applications per month and, per kind of procedure, how many reached each stage, how many
passed, and the pass rate; `eujobs stats` and the dashboard's statistics screen."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from eujobs.store.model import Posting, StageRecord, StatusChange, Vacancy
from eujobs.store.outputs.stats import funnel
from eujobs.store.persistence.db import Store
from eujobs.store.persistence.state import Change
from eujobs.tui.app import EujobsApp
from eujobs.tui.cli import main
from eujobs.tui.screens.main import MainScreen
from eujobs.tui.screens.stats import StatsChart, StatsScreen
from eujobs.tui.stats_report import stats_lines

from .conftest import fixed_clock, incoming

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=timezone.utc)
EPSO, CAST = "EPSO/AD/999/26", "EPSO/CAST/P/1/2017"


def vacancy(reference: str, status: str = "new", history: tuple[tuple[str, str], ...] = (),
            applied_on: date | None = None, **stages: StageRecord) -> Vacancy:
    return Vacancy("v1", Posting(title="Officer", reference=reference, kind="official"), None,
                   status=status, history=[StatusChange(at, went) for at, went in history], applied_on=applied_on,
                   stages=stages)


def passed(day: str) -> StageRecord:
    return StageRecord(date.fromisoformat(day), "passed")


def failed(day: str) -> StageRecord:
    return StageRecord(date.fromisoformat(day), "failed")


def stage(found, procedure: str, stage_id: str) -> tuple:
    kind = next(kind for kind in found.kinds if kind.procedure == procedure)
    counted = next(item for item in kind.stages if item.id == stage_id)
    return counted.reached, counted.passed, counted.failed, counted.waiting, counted.pass_rate


COMPETITIONS = [
    # applied, then passed a written test the user recorded
    vacancy(EPSO, "applied", (("2026-01-15T10:00:00+00:00", "applied"),), written_test=passed("2026-02-20")),
    # applied, failed the reasoning tests (recorded), rejected: the recorded stage keeps its own result
    vacancy(EPSO, "rejected", (("2026-01-20T10:00:00+00:00", "applied"), ("2026-02-25T10:00:00+00:00", "rejected")),
            reasoning_tests=failed("2026-02-25")),
    # straight to interview, nothing recorded: the status stands for the stages
    vacancy(EPSO, "interview", (("2026-03-02T10:00:00+00:00", "interview"),)),
    # not applied: no stage reached, left out
    vacancy(EPSO, "interested", (("2026-03-01T10:00:00+00:00", "interested"),)),
    # another kind
    vacancy(CAST, "rejected", (("2026-02-01T10:00:00+00:00", "applied"), ("2026-02-10T10:00:00+00:00", "rejected"))),
]


def test_a_stage_is_reached_when_recorded_or_implied_and_its_pass_rate_is_of_those_decided() -> None:
    found = funnel(COMPETITIONS, NOW)
    assert [(kind.procedure, kind.vacancies) for kind in found.kinds] == [("epso_competition", 3), ("cast", 1)]
    assert stage(found, "epso_competition", "application") == (3, 3, 0, 0, 1.0)
    # the one at the interviews passed every stage before them: counted as reached and passed
    assert stage(found, "epso_competition", "reasoning_tests") == (3, 2, 1, 0, 2 / 3)
    assert stage(found, "epso_competition", "written_test") == (2, 2, 0, 0, 1.0)
    assert stage(found, "epso_competition", "interviews") == (1, 0, 0, 1, None)  # none decided: no rate
    assert stage(found, "epso_competition", "medical") == (0, 0, 0, 0, None)
    assert stage(found, "cast", "registration") == (1, 0, 1, 0, 0.0)  # rejected at the stage it had reached


def test_applications_per_month_count_the_first_stage_and_list_the_quiet_months_up_to_now() -> None:
    found = funnel(COMPETITIONS, NOW)
    assert found.months == ((date(2026, 1, 1), 2), (date(2026, 2, 1), 1), (date(2026, 3, 1), 1))
    quiet = funnel([vacancy(EPSO, "applied", applied_on=date(2025, 11, 5))], NOW)
    assert [count for _, count in quiet.months] == [1, 0, 0, 0, 0]  # November to March


def test_an_application_rejected_in_a_later_month_counts_in_the_month_it_was_sent() -> None:
    # rejected at its first stage: the stage's record is dated the day of the rejection, not of the application
    found = funnel([vacancy(CAST, "rejected", (("2026-01-30T10:00:00+00:00", "applied"),
                                                ("2026-03-02T10:00:00+00:00", "rejected")))], NOW)
    assert found.months == ((date(2026, 1, 1), 1), (date(2026, 2, 1), 0), (date(2026, 3, 1), 0))


def test_an_applied_date_with_a_wrong_year_lists_only_the_months_with_applications() -> None:
    found = funnel([vacancy(EPSO, "applied", applied_on=date(1926, 1, 5)),
                    vacancy(EPSO, "applied", applied_on=date(2026, 2, 5))], NOW)
    assert found.months == ((date(1926, 1, 1), 1), (date(2026, 2, 1), 1))


def test_a_kind_asked_for_is_counted_alone_and_listed_even_with_nothing_in_it() -> None:
    only_cast = funnel(COMPETITIONS, NOW, "cast")
    assert [kind.procedure for kind in only_cast.kinds] == ["cast"] and only_cast.applications == 1
    assert [(kind.procedure, kind.vacancies) for kind in funnel(COMPETITIONS, NOW, "traineeship").kinds] == [
        ("traineeship", 0)]


def test_the_lines_fit_80_columns_and_say_no_rate_in_words() -> None:
    lines = stats_lines(funnel(COMPETITIONS, NOW), 80)
    assert max(len(line.text) for line in lines) <= 80
    interviews = next(line.text for line in lines if "recruitment interviews" in line.text)
    assert interviews.split()[-5:] == ["1", "0", "0", "1", "—"]
    assert "Mar 2026" in "\n".join(line.text for line in lines)


def tracked_store(root: Path) -> Store:
    """Three vacancies of the tests' own: two EPSO competitions applied to, one of them rejected, and a CAST one
    only noted."""
    store = Store.open(root, fixed_clock)
    saved = store.save_imports([incoming(EPSO, "1" * 64, "Administrator"), incoming(EPSO.replace("999", "998"),
                                "2" * 64, "Economist"), incoming(CAST, "3" * 64, "Finance")])
    first, second, third = (item.vacancy_id for item in saved)
    for change in (Change(first, "status", "applied"), Change(first, "applied_on", "2026-01-12"),
                   Change(second, "status", "applied"), Change(second, "status", "rejected"),
                   Change(third, "status", "interested")):
        store.apply(change)
    return store


def test_stats_json_prints_the_funnel_for_scripts(capsys, tmp_path, monkeypatch) -> None:
    tracked_store(tmp_path / "store")
    monkeypatch.setenv("EUJOBS_NOW", NOW.isoformat())
    assert main(["--store", str(tmp_path / "store"), "stats", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["on"] == "2026-03-10" and found["applications"] == 2
    assert found["months"] == [{"month": "2026-01", "applications": 1}, {"month": "2026-02", "applications": 0},
                               {"month": "2026-03", "applications": 1}]
    [epso] = found["procedures"]
    assert (epso["id"], epso["name"], epso["vacancies"]) == ("epso_competition", "EPSO competition", 2)
    assert epso["stages"][0] == {"id": "application", "label": "application", "reached": 2, "passed": 1,
                                 "failed": 1, "waiting": 0, "pass_rate": 0.5}
    assert epso["stages"][1]["pass_rate"] is None


def test_stats_prints_the_chart_and_an_empty_store_says_so(capsys, tmp_path, store) -> None:
    assert main(["--store", str(store.root), "stats"]) == 0
    assert capsys.readouterr().out.startswith("No applications yet in ")
    tracked_store(tmp_path / "tracked")
    assert main(["--store", str(tmp_path / "tracked"), "stats", "--kind", "EPSO competition"]) == 0
    out = capsys.readouterr().out
    assert "EPSO competition: 2 vacancies" in out and "█" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_stats_never_makes_a_store_and_a_wrong_kind_is_said(capsys, tmp_path) -> None:
    assert main(["--store", str(tmp_path / "none"), "stats"]) == 1
    assert "no store at" in capsys.readouterr().err and not (tmp_path / "none").exists()
    with pytest.raises(SystemExit) as exit_:
        main(["--store", str(tmp_path / "none"), "stats", "--kind", "lottery"])
    assert exit_.value.code == 2
    assert "'lottery' is no kind of procedure" in capsys.readouterr().err


async def test_percent_opens_the_statistics_and_esc_or_q_close_them(tmp_path) -> None:
    app = EujobsApp(tracked_store(tmp_path / "store"))
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("escape", "q"):
            await pilot.press("percent_sign")
            await pilot.pause()
            assert isinstance(app.screen, StatsScreen)
            assert "EPSO competition: 2 vacancies" in app.screen.query_one(StatsChart).render().plain
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, MainScreen) and app.is_running  # q closes the screen, not the app


def test_the_dashboards_start_loads_none_of_the_statistics(tmp_path) -> None:
    """They are loaded when the screen opens or the command runs: the start pays nothing for them."""
    code = ("import sys, eujobs.tui.launch, eujobs.tui.cli, eujobs.tui.app, eujobs.tui.screens.main\n"
            "print(sorted(m for m in sys.modules if m.endswith(('.stats', '.stats_report'))))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True)
    assert result.stdout.strip() == "[]"
