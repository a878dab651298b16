"""Issue 22: the stages of each kind of procedure, the status mapped onto them, the user's events and deadlines
kept as reversible changes, and a store written before any of it read as it was."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from eujobs.store.errors import StoreError
from eujobs.store.model import Posting, StageRecord, StatusChange, UserDeadline, Vacancy
from eujobs.store.outputs.timeline import by_deadline, due, pressing_deadline
from eujobs.store.persistence.db import Store
from eujobs.store.persistence.state import Change, apply_change, empty_state
from eujobs.store.procedure.changes import add_deadline, add_event, remove_event, set_procedure, set_stage
from eujobs.store.procedure.templates import PROCEDURES, find_stage, procedure_of
from eujobs.store.procedure.track import all_deadlines, next_deadline, reserve_list_until, stage_track
from eujobs.store.procedure.when import parse_when, when_text
from eujobs.tui.cli import main

from .conftest import TODAY, fixed_clock, incoming

BRUSSELS = ZoneInfo("Europe/Brussels")
AT = "2026-03-10T09:00:00+00:00"


def vacancy(reference: str | None = "EPSO/AD/999/26", kind: str = "official", status: str = "new",
            history: tuple[tuple[str, str], ...] = (), **state) -> Vacancy:
    posting = Posting(title="Statisticians (AD 7)", reference=reference, kind=kind,
                      deadline=datetime(2026, 4, 1, 12, 0, tzinfo=BRUSSELS))
    return Vacancy("v1", posting, None, status=status,
                   history=[StatusChange(at, went) for at, went in history], **state)


@pytest.mark.parametrize(("reference", "kind", "title", "expected"), [
    ("EPSO/AD/999/26", "other", "Administrators", "epso_competition"),
    ("EPSO/AST-SC/14/26", "official", "Secretaries", "epso_competition"),
    ("EPSO/CAST/P/1/2017", "contract_agent", "Finance", "cast"),
    (None, "contract_agent", "CAST Permanent – Project management", "cast"),
    ("EP/STAGES/2026", "traineeship", "Schuman traineeship", "traineeship"),
    ("FW-17", "consultancy", "Data consultant", "consultancy"),
    ("ECHA/TA/2026/01", "temporary_agent", "Scientific officer", "vacancy_notice"),
])
def test_the_procedure_comes_from_the_kind_and_reference(reference, kind, title, expected) -> None:
    posting = Posting(title=title, reference=reference, kind=kind)
    assert procedure_of(posting) == expected
    assert procedure_of(posting, "consultancy") == "consultancy"  # the user's choice wins


def test_each_procedure_names_stages_it_has() -> None:
    for procedure in PROCEDURES.values():
        ids = [stage.id for stage in procedure.stages]
        assert {procedure.first_stage, procedure.interview_stage, procedure.offer_stage} <= set(ids)
        assert len(set(ids)) == len(ids)
    epso = PROCEDURES["epso_competition"]
    assert find_stage(epso, "Written test").id == find_stage(epso, "written_test").id == "written_test"
    assert find_stage(epso, "field-related test").id == "field_test"


def track_of(v: Vacancy) -> list[tuple[str, str | None, date | None, bool, bool]]:
    return [(line.stage.id, line.record and line.record.result, line.record and line.record.on, line.implied,
             line.current) for line in stage_track(v) if line.record]


def test_statuses_map_onto_the_stages_the_user_did_not_record() -> None:
    applied = (("2026-03-02T09:00:00+00:00", "applied"),)
    assert track_of(vacancy()) == []
    assert track_of(vacancy(status="applied", history=applied)) == [
        ("application", "passed", date(2026, 3, 2), True, True)]
    interview = vacancy(status="interview", history=(*applied, ("2026-05-04T09:00:00+00:00", "interview")))
    # At the interviews, every stage before them was passed, on days not recorded: the funnel stays a funnel.
    between = ("documents", "reasoning_tests", "field_test", "written_test", "eligibility", "reserve_list")
    assert track_of(interview) == [("application", "passed", date(2026, 3, 2), True, False),
                                   *((stage, "passed", None, True, False) for stage in between),
                                   ("interviews", "waiting", date(2026, 5, 4), True, True)]
    accepted = vacancy(status="accepted", history=(*applied, ("2026-07-01T09:00:00+00:00", "accepted")))
    assert track_of(accepted)[-1] == ("offer", "passed", date(2026, 7, 1), True, True)
    offer = vacancy(status="offer", history=(*applied, ("2026-06-01T09:00:00+00:00", "offer")))
    assert track_of(offer)[-1] == ("offer", "waiting", date(2026, 6, 1), True, True)
    withdrawn = vacancy(status="withdrawn", history=(*applied, ("2026-04-01T09:00:00+00:00", "withdrawn")))
    assert track_of(withdrawn) == [("application", "passed", date(2026, 3, 2), True, True)]


def test_rejected_fails_the_stage_reached_and_what_the_user_recorded_wins() -> None:
    rejected = (("2026-03-02T09:00:00+00:00", "applied"), ("2026-04-20T09:00:00+00:00", "rejected"))
    assert track_of(vacancy(status="rejected", history=rejected)) == [
        ("application", "failed", date(2026, 4, 20), True, True)]
    tests_passed = {"reasoning_tests": StageRecord(date(2026, 4, 1), "passed"),
                    "written_test": StageRecord(date(2026, 4, 15), "waiting", "essay")}
    # The written test is recorded by the user: the rejection does not overwrite it.
    assert track_of(vacancy(status="rejected", history=rejected, stages=tests_passed)) == [
        ("application", "passed", date(2026, 3, 2), True, False),
        ("documents", "passed", None, True, False),
        ("reasoning_tests", "passed", date(2026, 4, 1), False, False),
        ("field_test", "passed", None, True, False),
        ("written_test", "waiting", date(2026, 4, 15), False, True)]
    recorded_application = {"application": StageRecord(date(2026, 2, 27), "passed", "sent online")}
    assert track_of(vacancy(status="applied", history=rejected[:1], stages=recorded_application)) == [
        ("application", "passed", date(2026, 2, 27), False, True)]


def test_all_deadlines_are_named_and_the_soonest_to_come_counts() -> None:
    documents = UserDeadline("dl-1", "documents", datetime(2026, 3, 20, 12, 0, tzinfo=BRUSSELS), note="diplomas")
    lapses = UserDeadline("dl-2", "reserve_list", date(2027, 12, 31))
    v = vacancy(deadlines=[lapses, documents])
    assert [(item.label, item.id) for item in all_deadlines(v)] == [
        ("supporting documents", "dl-1"), ("application", None), ("reserve list expires", "dl-2")]
    assert next_deadline(v, TODAY).label == "supporting documents"
    assert next_deadline(v, datetime(2026, 3, 25, tzinfo=timezone.utc)).label == "application"
    assert reserve_list_until(v) is None  # the expiry alone: not on the list until its stage is passed
    on_list = replace(v, stages={"reserve_list": StageRecord(date(2026, 11, 2), "passed")})
    assert reserve_list_until(on_list) == date(2027, 12, 31)


def test_the_list_orders_and_marks_by_the_soonest_deadline_of_any_kind() -> None:
    later = replace(vacancy(), id="later", posting=replace(vacancy().posting, deadline=date(2026, 3, 25)))
    documents = UserDeadline("dl-1", "documents", datetime(2026, 3, 12, 12, 0, tzinfo=BRUSSELS))
    pressed = replace(vacancy(), id="pressed", deadlines=[documents])  # the posting closes on 1 April
    assert [v.id for v in sorted([pressed, later], key=by_deadline(TODAY))] == ["pressed", "later"]
    assert pressing_deadline(pressed, TODAY) == documents.at
    assert pressing_deadline(pressed, datetime(2026, 3, 13, tzinfo=timezone.utc)) == pressed.posting.deadline


def test_due_names_each_deadline_and_warns_of_a_reserve_list_a_month_ahead() -> None:
    documents = UserDeadline("dl-1", "documents", datetime(2026, 3, 13, 12, 0, tzinfo=BRUSSELS))
    lapses = UserDeadline("dl-2", "reserve_list", date(2026, 4, 5))
    on_list = vacancy(status="interview", deadlines=[documents, lapses],
                      stages={"reserve_list": StageRecord(date(2025, 4, 5), "passed")})
    assert [(item.what, item.when.date()) for item in due([on_list], TODAY, 7)] == [
        ("supporting documents", date(2026, 3, 13)), ("reserve list expires", date(2026, 4, 5))]
    assert [item.what for item in due([replace(on_list, stages={})], TODAY, 7)] == ["supporting documents"]
    assert due([on_list], TODAY - timedelta(days=40), 7) == []  # more than a month before it lapses


def test_days_and_times_are_read_day_first_in_their_zone() -> None:
    at = parse_when("14/01/2027 10:00", "Europe/Brussels")
    assert at == datetime(2027, 1, 14, 9, 0, tzinfo=timezone.utc)
    assert parse_when("31/12/2027", "Europe/Brussels", day_allowed=True) == date(2027, 12, 31)
    assert when_text(at, "Europe/Brussels", "Europe/London") == "14/01/2027 10:00 Brussels time (09:00 London time)"
    assert when_text(at, "Europe/Brussels", "Europe/Paris") == "14/01/2027 10:00 Brussels time"
    for wrong, said in (("2027-13-01 10:00", "is no date"), ("14/01/2027", "is not a day and time"),
                        ("28/03/2027 02:30", "does not exist in Brussels time"), ("1/1/9999 10:00", "out of range")):
        with pytest.raises(StoreError, match=said):
            parse_when(wrong, "Europe/Brussels")
    with pytest.raises(StoreError, match="is not a time zone"):
        parse_when("14/01/2027 10:00", "Mars/Olympus")


def test_each_change_is_undone_by_the_change_it_returns() -> None:
    v = vacancy()
    state = empty_state(v.id)
    at = parse_when("14/01/2027 10:00", "Europe/Brussels")
    changes = [set_procedure(v, "cast"), set_stage(v, "written_test", "passed", date(2026, 3, 9), "essay"),
               add_event(v, "test", at, place="  online "), add_deadline(v, "review", date(2026, 3, 20))]
    undos = [apply_change(state, change, AT) for change in changes]
    assert state["procedure"] == "cast"
    assert state["stages"] == {"written_test": {"on": "2026-03-09", "result": "passed", "note": "essay"}}
    (event,) = state["events"]
    assert (event["kind"], event["at"], event["zone"], event["place"]) == (
        "test", "2027-01-14T10:00:00+01:00", "Europe/Brussels", "online")
    assert state["deadlines"][0]["id"].startswith("dl-") and state["deadlines"][0]["at"] == "2026-03-20"
    for undo in reversed(undos):
        apply_change(state, undo, AT)
    assert state == empty_state(v.id)


@pytest.mark.parametrize(("change", "said"), [
    (Change("v1", "procedure", "lottery"), "unknown procedure 'lottery'"),
    (Change("v1", "stage:bribe", {"on": "2026-03-09", "result": "passed", "note": ""}), "no stage of any"),
    (Change("v1", "stage:written_test", {"on": "09/03/2026", "result": "passed", "note": ""}), "is not a date"),
    (Change("v1", "stage:written_test", {"on": "2026-03-09", "result": "maybe", "note": ""}), "passed, failed"),
    (Change("v1", "event+", {"kind": "party", "at": "2027-01-14T10:00:00+01:00", "zone": "Europe/Brussels",
                             "place": "", "note": ""}), "an event is one of test"),
    (Change("v1", "event+", {"kind": "test", "at": "2027-01-14T10:00:00", "zone": "Europe/Brussels",
                             "place": "", "note": ""}), "with its offset"),
    (Change("v1", "deadline+", {"kind": "documents", "at": "2027-01-14", "zone": "../../etc/passwd", "note": ""}),
     "is not a time zone"),
    (Change("v1", "event:", None), "cannot change"),
])
def test_a_wrong_change_is_refused_in_one_line(change, said) -> None:
    with pytest.raises(StoreError, match=said) as refused:
        apply_change(empty_state("v1"), change, AT)
    assert "\n" not in str(refused.value)


def test_an_event_can_only_be_removed_when_it_is_there(store: Store) -> None:
    (saved,) = store.save_imports([incoming()])
    v = store.get(saved.vacancy_id)
    undo = store.apply(add_event(v, "interview", datetime(2026, 4, 2, 14, 30, tzinfo=BRUSSELS), note="panel"))
    (event,) = store.get(v.id).events
    assert (event.kind, event.at, event.note) == ("interview", datetime(2026, 4, 2, 14, 30, tzinfo=BRUSSELS), "panel")
    assert undo == remove_event(store.get(v.id), event.id)
    store.apply(undo)
    with pytest.raises(StoreError, match=f"has no event '{event.id}'"):
        remove_event(store.get(v.id), event.id)


# A store as eujobs wrote it before procedures (state and catalog in today's shape, made by `import`, `status`,
# `tick` and `note`): what it holds must read the same, with no rewrite of the files.
OLD_CATALOG = {"vacancies": {"1": {
    "id": "yekys", "key": "ref:EPSO/AD/999/26",
    "posting": {"title": "Administrators (AD 7) in the field of statistics", "job_title": None,
                "institution": "EU institutions", "department": None, "unit": None, "locations": [], "domain": None,
                "reference": "EPSO/AD/999/26", "kind": "official", "contract_type": None, "grade": "AD 7",
                "deadline": "2027-01-14T12:00:00+01:00", "start_date": None, "duration": None, "end_date": None,
                "languages": [{"language": "any EU official language", "level": "C1"}],
                "min_experience_years": None, "education": "university degree (3+ years)",
                "apply": {"email": None, "url": None, "subject": None, "documents": []}, "applicants": None,
                "checklist": '[["elig-education","eligibility","University degree (3+ years)",false],'
                             '["app-deadline","application","Before the deadline 14 January 2027",false]]',
                "warnings": [], "deadline_zone": "Europe/Brussels"},
    "source": {"path": "/tmp/epso.txt", "sha256": "f" * 64, "format": "text",
               "imported_at": "2026-12-01T09:00:00+00:00"},
    "seen": ["f" * 64]}}, "_meta": {"1": {"schema": 3}}}
OLD_STATE = {"state": {"1": {
    "id": "yekys", "status": "interview", "notes": "Sent the CV",
    "history": [{"at": "2026-12-01T09:00:00+00:00", "status": "interested", "note": "looks good"},
                {"at": "2026-12-03T10:00:00+00:00", "status": "applied", "note": ""},
                {"at": "2026-12-05T10:00:00+00:00", "status": "interview", "note": "invited"}],
    "ticks": {"app-deadline": True}, "item_texts": {}, "custom": [], "overrides": {}, "applied_on": None,
    "next_action_on": None, "next_action": ""}}, "_meta": {"1": {"schema": 3}}}


def old_store(root: Path) -> Path:
    (root / "texts").mkdir(parents=True, mode=0o700)
    root.chmod(0o700)
    for name, data in (("catalog.json", OLD_CATALOG), ("state.json", OLD_STATE)):
        (root / name).write_text(json.dumps(data))
        (root / name).chmod(0o600)
    (root / "texts" / f"{'f' * 64}.txt").write_text("NOTICE OF OPEN COMPETITION")
    return root


def test_a_store_of_before_procedures_reads_whole_and_unchanged(tmp_path: Path, monkeypatch, capsys) -> None:
    root = old_store(tmp_path / "store")
    before = {name: (root / name).read_bytes() for name in ("catalog.json", "state.json")}
    monkeypatch.setenv("EUJOBS_NOW", "2026-12-06T10:00:00+00:00")
    assert main(["--store", str(root), "show", "yekys", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert (record["status"], record["notes"], record["applied_date"]) == ("interview", "Sent the CV", "2026-12-03")
    assert [(c["status"], c["note"]) for c in record["history"]] == [
        ("interested", "looks good"), ("applied", ""), ("interview", "invited")]
    assert {item["id"]: item["done"] for item in record["checklist"]} == {"elig-education": False,
                                                                        "app-deadline": True}
    assert record["procedure"] == "epso_competition"
    stages = [(s["id"], s["result"], s["on"], s["implied"], s["current"]) for s in record["stages"] if s["result"]]
    assert stages[0] == ("application", "passed", "2026-12-03", True, False)
    assert stages[-1] == ("interviews", "waiting", "2026-12-05", True, True)
    assert {stage[1:] for stage in stages[1:-1]} == {("passed", None, True, False)}
    assert (record["events"], record["attachments"], record["reserve_list_until"]) == ([], [], None)
    assert record["deadlines"] == [{"id": None, "kind": "application", "label": "application",
                                    "at": "2027-01-14T12:00:00+01:00", "note": ""}]
    assert {name: (root / name).read_bytes() for name in before} == before  # read as it is: nothing rewritten


@pytest.mark.parametrize(("entry", "said"), [
    ({"events": [{"id": "ev-1", "kind": "test", "zone": "Europe/Brussels", "place": "", "note": ""}]},
     "its events: an event is its kind, its time and zone"),
    ({"events": [{"kind": "test", "at": "2027-01-14T10:00:00+01:00", "zone": "Europe/Brussels", "place": "",
                  "note": ""}]}, "its events hold one without an id"),
    ({"deadlines": [{"id": "dl-1", "kind": "documents", "at": "someday", "zone": "Europe/Brussels", "note": ""}]},
     "a deadline's day \"someday\" is not a date"),
    ({"stages": {"written_test": {"on": "2026-03-09", "result": "passed"}}}, "its stage 'written_test'"),
    ({"procedure": "lottery"}, "its procedure 'lottery'"),
    ({"stages": []}, "its stages is a list"),
])
def test_a_damaged_procedure_entry_is_refused_in_one_line(tmp_path: Path, entry, said) -> None:
    root = old_store(tmp_path / "store")
    damaged = json.loads(json.dumps(OLD_STATE))
    damaged["state"]["1"].update(entry)
    (root / "state.json").write_text(json.dumps(damaged))
    with pytest.raises(StoreError) as refused:
        Store.open(root, fixed_clock)
    message = str(refused.value)
    assert "state.json" in message and "yekys" in message and said in message and "\n" not in message


def test_the_dashboards_front_goes_stale_when_a_deadline_of_the_users_passes(tmp_path: Path) -> None:
    """The list sorts by the soonest deadline of any kind: once the user's own passes, the order of the saved
    front rows no longer holds."""
    store = Store.open(tmp_path / "store", fixed_clock)
    store.save_imports([incoming("EC/2026/A/1", "a" * 64, "First"), incoming("EC/2026/A/2", "b" * 64, "Second")])
    first = store.find("EC/2026/A/1")
    documents = datetime(2026, 3, 11, 12, 0, tzinfo=BRUSSELS)
    store.apply(add_deadline(first, "documents", documents))
    store.save_front()
    assert Store.open(store.root, lambda: documents, check_files=False).front() is not None
    later = documents + timedelta(seconds=1)
    assert Store.open(store.root, lambda: later, check_files=False).front() is None
