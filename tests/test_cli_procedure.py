"""Issue 22 through the installed command: an EPSO competition walked from the application to the reserve list,
and every date it set in the calendar export at its instant."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from .conftest import store_bytes

EUJOBS = Path(sys.executable).parent / "eujobs"
NOW = "2026-12-10T08:00:00+00:00"
NOTICE = """NOTICE OF OPEN COMPETITION

EPSO/AD/999/26 – ADMINISTRATORS (AD 7) IN THE FIELD OF STATISTICS

Deadline for application: 14 January 2027 at 12:00 (midday) Brussels time

The European Personnel Selection Office (EPSO) is organising an open competition to draw up a reserve list.

1.1.   Grade

AD 7
"""


def eujobs(store: Path, *argv: str, zone: str = "Europe/London") -> subprocess.CompletedProcess:
    environment = {**os.environ, "EUJOBS_NOW": NOW, "TZ": zone}
    return subprocess.run([str(EUJOBS), "--store", str(store), *argv], capture_output=True, text=True,
                          env=environment)


def ok(store: Path, *argv: str) -> str:
    result = eujobs(store, *argv)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def competition(tmp_path: Path) -> tuple[Path, str]:
    """A store holding one EPSO competition notice: its folder and the vacancy's id."""
    notice = tmp_path / "epso-ad-999-26.txt"
    notice.write_text(NOTICE, encoding="utf-8")
    store = tmp_path / "store"
    ok(store, "import", str(notice))
    (record,) = json.loads(ok(store, "list", "--json"))
    return store, record["id"]


def test_an_epso_competition_from_application_to_reserve_list(competition) -> None:
    store, vacancy_id = competition
    assert ok(store, "procedure", vacancy_id) == f"{vacancy_id}: EPSO competition (from the posting)\n"
    ok(store, "status", vacancy_id, "applied")
    added = ok(store, "deadline", vacancy_id, "documents", "25/01/2027 12:00", "--note", "diplomas")
    assert added.startswith(f"{vacancy_id}: supporting documents: 25/01/2027 12:00 Brussels time (11:00 London time)")
    for stage, on in (("reasoning tests", "20/02/2027"), ("field_test", "21/02/2027")):
        ok(store, "stage", vacancy_id, stage, "passed", "--on", on)
    event = ok(store, "event", vacancy_id, "test", "14/04/2027 09:30", "--place", "Brussels test centre")
    assert "test on 14/04/2027 09:30 Brussels time (08:30 London time), Brussels test centre" in event
    ok(store, "stage", vacancy_id, "written test", "passed", "--on", "30/04/2027", "--note", "case study")
    ok(store, "stage", vacancy_id, "reserve_list", "passed", "--on", "01/10/2027")
    ok(store, "deadline", vacancy_id, "reserve_list", "31/12/2028")
    cv = store.parent / "cv.pdf"
    cv.write_bytes(b"%PDF-1.4 my CV")
    ok(store, "attach", vacancy_id, str(cv), "--as", "cv")

    track = ok(store, "stage", vacancy_id).splitlines()
    assert track[0] == "EPSO competition (from the posting)"
    assert [line for line in track if "▶" in line] == ["  ▶ ✓ reserve list             passed   01/10/2027"]
    assert "    ✓ written test             passed   30/04/2027  — case study" in track
    assert track[-1].startswith("  on reserve list until 31/12/2028")
    shown = ok(store, "show", vacancy_id)
    assert "  on reserve list until 31/12/2028  [in 752 d]" in shown.splitlines()
    assert "  test on 14/04/2027 09:30 Brussels time (08:30 London time), Brussels test centre" in shown
    assert "  10/12/2026  cv.pdf  (14 bytes, as CV)" in shown.splitlines()

    record = json.loads(ok(store, "show", vacancy_id, "--json"))
    assert [(item["kind"], item["at"]) for item in record["deadlines"]] == [
        ("application", "2027-01-14T12:00:00+01:00"), ("documents", "2027-01-25T12:00:00+01:00"),
        ("reserve_list", "2028-12-31")]
    assert record["reserve_list_until"] == "2028-12-31"
    assert [(item["name"], item["size"], item["as"]) for item in record["attachments"]] == [("cv.pdf", 14, "cv")]
    assert [(stage["id"], stage["result"], stage["implied"]) for stage in record["stages"] if stage["result"]] == [
        ("application", "passed", True), ("documents", "passed", True), ("reasoning_tests", "passed", False),
        ("field_test", "passed", False), ("written_test", "passed", False), ("eligibility", "passed", True),
        ("reserve_list", "passed", False)]

    calendar = ok(store, "export", "--format", "ics")
    from icalendar import Calendar

    parsed = Calendar.from_ical(calendar)
    events = {str(event["summary"]).split(":")[0]: event for event in parsed.walk("VEVENT")}
    starts = {what: event.decoded("dtstart") for what, event in events.items()}
    assert starts["Deadline"].astimezone(timezone.utc) == datetime(2027, 1, 14, 11, 0, tzinfo=timezone.utc)
    assert starts["Supporting documents"].astimezone(timezone.utc) == datetime(2027, 1, 25, 11, 0, tzinfo=timezone.utc)
    assert starts["Test"].astimezone(timezone.utc) == datetime(2027, 4, 14, 7, 30, tzinfo=timezone.utc)  # summer time
    assert starts["Reserve list expires"] == date(2028, 12, 31)  # a day: all of it, in the calendar's own zone
    assert all(event.walk("VALARM") for event in events.values())
    assert [str(zone["tzid"]) for zone in parsed.walk("VTIMEZONE")] == ["Europe/Brussels"]
    assert "TZID=Europe/Brussels:20270414T093000" in calendar


def test_due_names_each_deadline_and_the_list_puts_the_soonest_of_any_first(competition, tmp_path) -> None:
    store, vacancy_id = competition
    sooner = tmp_path / "epso-ad-998-26.txt"
    sooner.write_text(NOTICE.replace("999", "998").replace("14 January 2027", "20 December 2026"), encoding="utf-8")
    ok(store, "import", str(sooner))
    assert [row["reference"] for row in json.loads(ok(store, "list", "--json"))] == ["EPSO/AD/998/26",
                                                                                   "EPSO/AD/999/26"]
    ok(store, "deadline", vacancy_id, "documents", "12/12/2026 12:00")
    # Its supporting documents are due before the other posting closes: it comes first now.
    assert [row["reference"] for row in json.loads(ok(store, "list", "--json"))] == ["EPSO/AD/999/26",
                                                                                   "EPSO/AD/998/26"]
    due = ok(store, "due").splitlines()
    assert due[0].startswith("12/12/2026 12:00  in 2 d         supporting documents: Administrators (AD 7)")
    assert due[1].startswith("20/12/2026 12:00  in 10 d        deadline: Administrators (AD 7)")
    lines = ok(store, "deadline", vacancy_id).splitlines()
    assert lines[0].split(maxsplit=1)[1].startswith("supporting documents: 12/12/2026 12:00 Brussels time")
    assert lines[1].startswith("posting    application: 14/01/2027 12:00 Brussels time")


def test_an_event_and_a_deadline_are_listed_and_removed(competition) -> None:
    store, vacancy_id = competition
    none_yet = f"{vacancy_id}: no events yet (eujobs event {vacancy_id} KIND WHEN adds one)\n"
    assert ok(store, "event", vacancy_id) == none_yet
    ok(store, "event", vacancy_id, "interview", "03/02/2027 14:00", "--zone", "Europe/Lisbon", "--place", "online")
    (line,) = ok(store, "event", vacancy_id).splitlines()
    event_id = line.split()[0]
    assert line.split(maxsplit=1)[1] == "interview on 03/02/2027 14:00 Lisbon time, online"
    removed = ok(store, "event", vacancy_id, "--remove", event_id)
    assert removed.startswith(f"{vacancy_id}: removed the interview on 03/02/2027 14:00 Lisbon time")
    assert ok(store, "event", vacancy_id) == none_yet
    added = ok(store, "deadline", vacancy_id, "review", "20/02/2027", "--note", "ask for the marks")
    deadline_id = added.rsplit("[", 1)[1].rstrip("]\n")
    assert added == f"{vacancy_id}: request for review: 20/02/2027  [in 72 d]  — ask for the marks  [{deadline_id}]\n"
    removed = ok(store, "deadline", vacancy_id, "--remove", deadline_id)
    assert removed == f"{vacancy_id}: removed the deadline {added.split(': ', 1)[1].rsplit('  [', 1)[0]}\n"
    assert [line.split()[0] for line in ok(store, "deadline", vacancy_id).splitlines()] == ["posting"]


@pytest.mark.parametrize(("argv", "said"), [
    (("event", "{id}", "test", "31/02/2027 10:00"), "eujobs: '31/02/2027 10:00' is no date (day first, e.g. "
                                                    "14/01/2027 10:00)"),
    (("event", "{id}", "test", "28/03/2027 02:30"), "eujobs: '28/03/2027 02:30' does not exist in Brussels time: "
                                                    "the clocks skip that hour"),
    (("event", "{id}", "test"), "eujobs: say when the event is, day first: e.g. 14/01/2027 10:00"),
    (("event", "{id}", "test", "14/01/2027 10:00", "--zone", "Mars/Olympus"),
     'eujobs: "Mars/Olympus" is not a time zone (e.g. Europe/Brussels)'),
    (("event", "{id}", "--remove", "ev-nope"), "eujobs: vacancy {id} has no event 'ev-nope' (eujobs event {id} "
                                               "lists them)"),
    (("deadline", "{id}", "documents", "next week"), "eujobs: 'next week' is not a day and time: write it day "
                                                     "first, e.g. 14/01/2027 10:00 or 14/01/2027"),
    (("stage", "{id}", "oral", "passed"), "eujobs: 'oral' is no stage of the EPSO competition procedure"),
    (("stage", "{id}", "written test", "passed", "--on", "30/04/2027 10:00"),
     "eujobs: --on is a day, without a time: e.g. 30/04/2027"),
    (("procedure", "{id}", "lottery"), "eujobs: unknown procedure 'lottery'"),
])
def test_bad_input_is_one_line_and_changes_nothing(competition, argv, said) -> None:
    store, vacancy_id = competition
    before = store_bytes(store)
    result = eujobs(store, *(arg.format(id=vacancy_id) for arg in argv))
    assert result.returncode != 0 and result.stdout == ""
    assert result.stderr.startswith(said.format(id=vacancy_id)) and result.stderr.count("\n") == 1
    assert store_bytes(store) == before


def test_the_procedure_can_be_chosen_and_given_back_to_the_posting(competition) -> None:
    store, vacancy_id = competition
    assert ok(store, "procedure", vacancy_id, "CAST Permanent") == (
        f"{vacancy_id}: procedure EPSO competition -> CAST Permanent\n")
    assert ok(store, "procedure", vacancy_id) == f"{vacancy_id}: CAST Permanent (your choice)\n"
    ok(store, "stage", vacancy_id, "shortlisted", "waiting")
    assert ok(store, "procedure", vacancy_id, "auto").endswith("-> EPSO competition\n")
    assert "shortlisted" not in ok(store, "stage", vacancy_id)
    ok(store, "procedure", vacancy_id, "cast")  # the record of a stage of the other procedure was kept
    assert "  ▶ … shortlisted              waiting  10/12/2026" in ok(store, "stage", vacancy_id).splitlines()
