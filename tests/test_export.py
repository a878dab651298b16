"""Exports: deadlines into a calendar (right instant in every season), a spreadsheet, and schema records."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import jsonschema
import pytest
from icalendar import Calendar

from eujobs.store.persistence.db import Store
from eujobs.store.outputs.export import (
    CSV_COLUMNS,
    FORMATS,
    export,
    select,
    to_csv,
    to_ics,
    to_json_list,
)
from eujobs.store.model import HowToApply
from eujobs.store.persistence.state import Change

from .conftest import EXPECTED, ROOT, TODAY, incoming

BRUSSELS = ZoneInfo("Europe/Brussels")
LUXEMBOURG = ZoneInfo("Europe/Luxembourg")
SCHEMA = json.loads((ROOT / "tests" / "spec" / "vacancy.schema.json").read_text(encoding="utf-8"))
HOUR = timedelta(hours=1)
NOTE = 'sent by e-mail, "as asked"\nsecond line'


def add(store: Store, title: str, deadline, reference: str | None = None, email: str | None = None,
        url: str | None = None, locations: tuple[str, ...] = ("Brussels",)) -> str:
    """A posting with that deadline and way to apply, saved as an import would save it."""
    item = incoming(reference=reference, sha=hashlib.sha256(title.encode()).hexdigest(), title=title)
    item.posting.deadline = deadline
    item.posting.locations = list(locations)
    item.posting.apply = HowToApply(email=email, url=url, subject=f"{reference} – your name",
                                    documents=["CV", "motivation letter"])
    return store.save_imports([item])[0].vacancy_id


@pytest.fixture
def dst_store(store: Store) -> Store:
    """Deadlines on both sides of both 2026 clock changes, in both zones, plus a closed one and a date-only one."""
    add(store, "Spring officer", datetime(2026, 3, 23, 12, tzinfo=BRUSSELS), "EC/2026/SPRING/1",
        email="spring@ec.europa.eu")
    add(store, "May officer", datetime(2026, 5, 15, 12, tzinfo=BRUSSELS), "EC/2026/MAY/2", email="may@ec.europa.eu")
    add(store, "October officer", datetime(2026, 10, 25, 12, tzinfo=BRUSSELS), "EC/2026/OCT/3",
        email="oct@ec.europa.eu")
    add(store, "Luxembourg officer", datetime(2026, 6, 30, 12, tzinfo=LUXEMBOURG), "OP/2026/LUX/4",
        url="https://op.europa.eu/apply", locations=("Luxembourg",))
    add(store, "Closed officer", datetime(2026, 3, 1, 12, tzinfo=BRUSSELS), "EC/2026/CLOSED/5",
        email="old@ec.europa.eu")
    add(store, "Day-only officer", date(2026, 4, 30), "EC/2026/DAY/6", email="day@ec.europa.eu",
        locations=("Brussels", "Luxembourg"))
    return store


def events(data: bytes) -> dict[str, object]:
    """The calendar's events by UID (each UID once)."""
    found = Calendar.from_ical(data).walk("VEVENT")
    by_uid = {str(event["UID"]): event for event in found}
    assert len(by_uid) == len(found)
    return by_uid


def deadline_events(data: bytes) -> dict[str, object]:
    """The deadline events by SUMMARY title."""
    return {str(e["SUMMARY"]).removeprefix("Deadline: "): e for e in events(data).values() if "-deadline@" in e["UID"]}


# Calendar


@pytest.mark.parametrize("title, local, offset", [
    ("Spring officer", datetime(2026, 3, 23, 12, tzinfo=BRUSSELS), 1),  # before the spring switch (29/03)
    ("May officer", datetime(2026, 5, 15, 12, tzinfo=BRUSSELS), 2),  # summer time
    ("October officer", datetime(2026, 10, 25, 12, tzinfo=BRUSSELS), 1),  # winter time again since 03:00 that day
    ("Luxembourg officer", datetime(2026, 6, 30, 12, tzinfo=LUXEMBOURG), 2),
])
def test_each_deadline_starts_at_its_instant_in_its_own_zone(dst_store: Store, title, local, offset) -> None:
    event = deadline_events(to_ics(dst_store.vacancies(), TODAY))[title]
    start = event.decoded("DTSTART")
    assert start.tzinfo is not None and start.utcoffset() == offset * HOUR
    assert (start.hour, start.minute) == (12, 0)
    assert start == local
    assert start.astimezone(timezone.utc).replace(tzinfo=None) == local.replace(tzinfo=None) - offset * HOUR
    assert event["DTSTART"].params["TZID"] == local.tzinfo.key
    assert "DTEND" not in event and event.end == start  # an instant: ends as it starts


def test_the_vtimezone_itself_knows_the_october_switch(dst_store: Store) -> None:
    """Read the zone from the file's VTIMEZONE, not from the reader's own tz database."""
    calendar = Calendar.from_ical(to_ics(dst_store.vacancies(), TODAY))
    brussels = next(tz for tz in calendar.walk("VTIMEZONE") if tz["TZID"] == "Europe/Brussels").to_tz(lookup_tzid=False)
    assert datetime(2026, 10, 24, 12, tzinfo=brussels).utcoffset() == 2 * HOUR
    assert datetime(2026, 10, 25, 12, tzinfo=brussels).utcoffset() == 1 * HOUR
    assert datetime(2026, 3, 23, 12, tzinfo=brussels).utcoffset() == 1 * HOUR
    assert datetime(2026, 5, 15, 12, tzinfo=brussels).utcoffset() == 2 * HOUR


def test_one_vtimezone_for_each_zone_used(dst_store: Store) -> None:
    calendar = Calendar.from_ical(to_ics(dst_store.vacancies(), TODAY))
    used = {event["DTSTART"].params["TZID"] for event in calendar.walk("VEVENT") if "TZID" in event["DTSTART"].params}
    zones = [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")]
    assert sorted(zones) == sorted(used) == ["Europe/Brussels", "Europe/Luxembourg"]
    assert (str(calendar["PRODID"]), str(calendar["VERSION"])) == ("-//eujobs//eujobs//EN", "2.0")


def test_closed_deadlines_are_left_out(dst_store: Store) -> None:
    assert "Closed officer" not in deadline_events(to_ics(dst_store.vacancies(), TODAY))
    later = datetime(2026, 5, 15, 10, 0, 1, tzinfo=timezone.utc)  # one second after 12:00 Brussels summer time
    assert sorted(deadline_events(to_ics(dst_store.vacancies(), later))) == ["Luxembourg officer", "October officer"]
    on_time = datetime(2026, 5, 15, 10, 0, tzinfo=timezone.utc)  # exactly the deadline: still open
    assert "May officer" in deadline_events(to_ics(dst_store.vacancies(), on_time))


def test_a_deadline_without_a_time_is_an_all_day_event(dst_store: Store) -> None:
    event = deadline_events(to_ics(dst_store.vacancies(), TODAY))["Day-only officer"]
    assert event.decoded("DTSTART") == date(2026, 4, 30) and not isinstance(event.decoded("DTSTART"), datetime)
    assert event.decoded("DTEND") == date(2026, 5, 1)
    assert str(event["LOCATION"]) == "Brussels, Luxembourg"


def test_a_deadline_with_only_an_offset_is_written_in_utc(store: Store) -> None:
    """A deadline typed in for a posting that had none keeps its offset but no zone name: UTC is exact."""
    vacancy_id = add(store, "Typed officer", None, "EC/2026/TYPED/7")
    store.apply(Change(vacancy_id, "field:deadline", "2026-04-02T12:00:00+02:00"))
    data = to_ics(store.vacancies(), TODAY)
    assert b"DTSTART:20260402T100000Z" in data and b"VTIMEZONE" not in data
    assert deadline_events(data)["Typed officer"].decoded("DTSTART") == datetime(2026, 4, 2, 10, tzinfo=timezone.utc)
    (row,) = read_csv(to_csv(store.vacancies()))
    assert (row["deadline"], row["deadline_local"]) == ("2026-04-02T12:00:00+02:00", "02/04/2026 12:00 UTC+02:00")


def test_every_deadline_has_two_display_alarms(dst_store: Store) -> None:
    found = deadline_events(to_ics(dst_store.vacancies(), TODAY))
    assert len(found) == 5
    for event in found.values():
        alarms = event.walk("VALARM")
        assert [str(alarm["ACTION"]) for alarm in alarms] == ["DISPLAY", "DISPLAY"]
        assert sorted(alarm.decoded("TRIGGER") for alarm in alarms) == [timedelta(days=-7), timedelta(days=-1)]
        assert {alarm["TRIGGER"].to_ical() for alarm in alarms} == {b"-P7D", b"-P1D"}
        assert all(str(alarm["DESCRIPTION"]) for alarm in alarms)


def test_uids_stay_the_same_between_exports_even_when_the_title_changes(dst_store: Store) -> None:
    first = events(to_ics(dst_store.vacancies(), TODAY))
    spring = next(v for v in dst_store.vacancies() if v.posting.title == "Spring officer")
    dst_store.apply(Change(spring.id, "field:title", "Spring officer (corrected)"))
    second = events(to_ics(dst_store.vacancies(), TODAY + timedelta(days=1)))
    assert set(second) == set(first)
    uid = f"{spring.id}-deadline@eujobs"
    assert str(first[uid]["SUMMARY"]) == "Deadline: Spring officer"
    assert str(second[uid]["SUMMARY"]) == "Deadline: Spring officer (corrected)"


def test_the_export_depends_on_now_only(dst_store: Store) -> None:
    data = to_ics(dst_store.vacancies(), TODAY)
    assert to_ics(dst_store.vacancies(), TODAY) == data
    stamps = {event.decoded("DTSTAMP") for event in events(data).values()}
    assert stamps == {TODAY}
    with pytest.raises(ValueError, match="timezone-aware"):
        to_ics(dst_store.vacancies(), TODAY.replace(tzinfo=None))


def test_description_says_how_to_apply(dst_store: Store) -> None:
    found = deadline_events(to_ics(dst_store.vacancies(), TODAY))
    spring = str(found["Spring officer"]["DESCRIPTION"])
    for part in ("EC/2026/SPRING/1", "spring@ec.europa.eu", "EC/2026/SPRING/1 – your name", "CV; motivation letter",
                 "23/03/2026 12:00 Brussels time", "Status: new"):
        assert part in spring
    luxembourg = found["Luxembourg officer"]
    assert "https://op.europa.eu/apply" in str(luxembourg["DESCRIPTION"])
    assert str(luxembourg["LOCATION"]) == "Luxembourg"


def test_next_actions_from_today_on_are_all_day_events(dst_store: Store) -> None:
    ids = {v.posting.title: v.id for v in dst_store.vacancies()}
    for title, day, action in (("May officer", "2026-03-20", "Call HR"), ("Closed officer", "2026-03-10", ""),
                               ("Spring officer", "2026-03-09", "Too late")):
        dst_store.apply(Change(ids[title], "next_action_on", day))
        dst_store.apply(Change(ids[title], "next_action", action))
    found = events(to_ics(dst_store.vacancies(), TODAY))
    may = found[f"{ids['May officer']}-next@eujobs"]
    assert str(may["SUMMARY"]) == "Next: Call HR – May officer"
    assert (may.decoded("DTSTART"), may.decoded("DTEND")) == (date(2026, 3, 20), date(2026, 3, 21))
    assert "EC/2026/MAY/2" in str(may["DESCRIPTION"])
    # Today's counts (even for a closed posting); yesterday's does not.
    assert str(found[f"{ids['Closed officer']}-next@eujobs"]["SUMMARY"]) == "Next: next action – Closed officer"
    assert f"{ids['Spring officer']}-next@eujobs" not in found


def test_sample_postings_calendar(sample_store: Store) -> None:
    found = deadline_events(to_ics(sample_store.vacancies(), TODAY))
    with_deadline = {name: seed for name, seed in EXPECTED.items() if not name.startswith("_") and seed.get("deadline")}
    by_reference = {str(e["DESCRIPTION"]).split("\n")[0].removeprefix("Reference: "): e for e in found.values()}
    assert len(found) == len(with_deadline) == 2
    for seed in with_deadline.values():
        event = by_reference[seed["reference"]]
        assert event.decoded("DTSTART").isoformat() == seed["deadline"]
        assert seed["apply"]["email"] in str(event["DESCRIPTION"])


# Spreadsheet


class SetClock:
    """A store clock the test moves on by hand, so each status change has its own date."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def next_day(self) -> None:
        self.now += timedelta(days=1)


@pytest.fixture
def tracked(sample_store: Store) -> tuple[Store, str]:
    """The sample store plus one posting taken through several dated status changes."""
    vacancy_id = add(sample_store, "Chargé de mission – données", datetime(2026, 4, 1, 12, tzinfo=BRUSSELS),
                     "EC/2026/TRACK/9", email="track@ec.europa.eu")
    sample_store.clock = clock = SetClock(TODAY)
    for status, note in (("interested", ""), ("applied", NOTE), ("interview", "panel; 3 people")):
        clock.next_day()
        sample_store.set_status(vacancy_id, status, note)
    sample_store.apply(Change(vacancy_id, "notes", NOTE))
    return sample_store, vacancy_id


def read_csv(data: bytes, encoding: str = "utf-8") -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(data.decode(encoding), newline=""))
    assert tuple(reader.fieldnames) == CSV_COLUMNS
    return list(reader)


def test_csv_has_every_vacancy_with_its_dated_history(tracked) -> None:
    store, vacancy_id = tracked
    rows = read_csv(to_csv(store.vacancies()))
    # A row per stage reached: the tracked vacancy (applied, then interview) has four, the two between passed
    # on days not recorded; the others one each.
    assert list(dict.fromkeys(row["id"] for row in rows)) == [v.id for v in store.vacancies()] and len(rows) == 9
    assert [(row["stage"], row["stage_on"], row["stage_result"], row["stage_from"])
            for row in rows if row["id"] == vacancy_id] == [("application", "2026-03-12", "passed", "status"),
                                                            ("eligibility check", "", "passed", "status"),
                                                            ("preselection", "", "passed", "status"),
                                                            ("test and interview", "2026-03-13", "waiting", "status")]
    row = next(row for row in rows if row["id"] == vacancy_id)
    assert row["history"] == (
        "2026-03-11T09:00:00+00:00 interested; "
        f"2026-03-12T09:00:00+00:00 applied ({NOTE}); "
        "2026-03-13T09:00:00+00:00 interview (panel; 3 people)"
    )
    assert row["notes"] == NOTE
    assert row["title"] == "Chargé de mission – données"
    assert (row["status"], row["applied_on"]) == ("interview", "2026-03-12")
    assert (row["deadline"], row["deadline_local"]) == ("2026-04-01T12:00:00+02:00", "01/04/2026 12:00 Brussels time")
    assert (row["apply_email"], row["apply_url"], row["reference"]) == ("track@ec.europa.eu", "", "EC/2026/TRACK/9")


def test_csv_sample_rows(sample_store: Store) -> None:
    rows = {row["reference"]: row for row in read_csv(to_csv(sample_store.vacancies()))}
    cnect = rows["EC/2026/CNECT/510505"]
    assert cnect["deadline"] == "2026-03-23T12:00:00+01:00"
    assert cnect["deadline_local"] == "23/03/2026 12:00 Brussels time"
    assert cnect["apply_email"] == "CNECT-R3@ec.europa.eu"
    assert cnect["source_path"].rsplit("/", 1)[-1].startswith("ec-cnect-r3-it-project-officer.")
    assert (cnect["history"], cnect["status"], cnect["applied_on"]) == ("", "new", "")


def test_csv_with_and_without_bom(tracked) -> None:
    store, _ = tracked
    plain, marked = to_csv(store.vacancies()), to_csv(store.vacancies(), bom=True)
    assert not plain.startswith(codecs.BOM_UTF8)
    assert marked == codecs.BOM_UTF8 + plain
    assert read_csv(marked, "utf-8-sig") == read_csv(plain)
    # Records end in CRLF; the newline inside a note stays a bare LF inside its quotes.
    assert plain.count(b"\r\n") == 1 + len(read_csv(plain))
    assert b'"sent by e-mail, ""as asked""\nsecond line"' in plain


# Records


def test_json_is_one_schema_record_per_vacancy(tracked) -> None:
    store, vacancy_id = tracked
    records = json.loads(to_json_list(store.vacancies()).decode("utf-8"))
    assert [record["id"] for record in records] == [v.id for v in store.vacancies()]
    validator = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    for record in records:
        validator.validate(record)
    tracked_record = next(record for record in records if record["id"] == vacancy_id)
    assert [change["status"] for change in tracked_record["history"]] == ["interested", "applied", "interview"]
    assert tracked_record["history"][1]["note"] == NOTE


# Choosing and dispatching


def test_select_by_status(tracked) -> None:
    store, vacancy_id = tracked
    vacancies = store.vacancies()
    assert select(vacancies, None) == vacancies
    assert [v.id for v in select(vacancies, ["interview"])] == [vacancy_id]
    assert len(select(vacancies, ["new", "interview"])) == len(vacancies)
    assert select(vacancies, ["rejected"]) == [] and select(vacancies, []) == []
    with pytest.raises(ValueError, match="unknown status 'sent'"):
        select(vacancies, ["sent"])


def test_export_dispatches_and_filters(tracked) -> None:
    store, vacancy_id = tracked
    vacancies = store.vacancies()
    assert FORMATS == ("ics", "csv", "json")
    assert export(vacancies, "ics", TODAY) == to_ics(vacancies, TODAY)
    assert export(vacancies, "csv", TODAY, bom=True) == to_csv(vacancies, bom=True)
    assert {row["id"] for row in read_csv(export(vacancies, "csv", TODAY, statuses=["interview"]))} == {vacancy_id}
    assert [r["id"] for r in json.loads(export(vacancies, "json", TODAY, statuses=["interview"]))] == [vacancy_id]
    ics = events(export(vacancies, "ics", TODAY, statuses=["interview"]))
    assert set(ics) == {f"{vacancy_id}-deadline@eujobs"}
    with pytest.raises(ValueError, match="unknown export format 'xlsx'"):
        export(vacancies, "xlsx", TODAY)


def test_csv_cells_that_look_like_formulas_are_made_inert(store) -> None:
    import csv
    import io

    from eujobs.store.outputs.export import to_csv

    from .conftest import incoming

    store.save_imports([incoming(reference="EC/1", title='=HYPERLINK("http://evil","click")')])
    (row,) = csv.DictReader(io.StringIO(to_csv(store.vacancies()).decode()))
    assert row["title"] == "'=HYPERLINK(\"http://evil\",\"click\")"
    assert row["reference"] == "EC/1"
