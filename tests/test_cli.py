"""The command line as scripts and people use it: import, list, show, help, version, store location."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from eujobs.tui.cli import build_parser, dashboard_arguments, main

from .conftest import POSTINGS, ROOT, store_bytes

SCHEMA = json.loads((ROOT / "tests" / "spec" / "vacancy.schema.json").read_text())
EUJOBS = Path(sys.executable).parent / "eujobs"
NOW = "2026-03-10T09:00:00+00:00"


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch, tmp_path):
    monkeypatch.setenv("EUJOBS_NOW", NOW)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("EUJOBS_STORE", raising=False)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def seeds() -> list[str]:
    return sorted(str(p) for p in POSTINGS.iterdir() if p.suffix in (".txt", ".md"))


def test_import_twice_reports_unchanged_and_never_duplicates(capsys, tmp_path) -> None:
    store = str(tmp_path / "s")
    code, out, _ = run(capsys, "--store", store, "import", str(POSTINGS))
    assert code == 0, out
    files = len(list(POSTINGS.iterdir()))
    # each Commission call comes as text and as PDF: the second of the two updates the first
    assert out.splitlines()[-1] == f"{files} files: {files - 2} imported, 2 updated, 0 unchanged, 0 conflicts, 0 failed"
    code, out, _ = run(capsys, "--store", store, "import", str(POSTINGS), "--json")
    outcomes = json.loads(out)
    assert code == 0 and {o["outcome"] for o in outcomes} == {"unchanged"} and len(outcomes) == files
    code, out, _ = run(capsys, "list", "--json", "--store", store)
    assert len(json.loads(out)) == files - 2


def test_show_json_validates_against_the_schema_for_every_sample(capsys, tmp_path) -> None:
    store = str(tmp_path / "s")
    run(capsys, "--store", store, "import", str(POSTINGS))
    _, out, _ = run(capsys, "--store", store, "list", "--json")
    for record in json.loads(out):
        code, shown, _ = run(capsys, "--store", store, "show", record["id"], "--json")
        assert code == 0
        jsonschema.validate(json.loads(shown), SCHEMA)


def test_show_by_reference_and_in_words(capsys, tmp_path) -> None:
    store = str(tmp_path / "s")
    run(capsys, "--store", store, "import", *seeds())
    code, out, _ = run(capsys, "--store", store, "show", "EC/2026/CNECT/510505")
    assert code == 0
    assert "IT Project Officer – IT project leader" in out
    assert "23/03/2026 12:00 Brussels time (UTC+01:00)  [in 13 d]" in out
    assert "CNECT-R3@ec.europa.eu" in out
    code, _, err = run(capsys, "--store", store, "show", "nothing-like-this")
    assert code == 1 and err == "eujobs: no vacancy with id or reference 'nothing-like-this' (see: eujobs list)\n"


def test_list_puts_open_deadlines_first(capsys, tmp_path) -> None:
    store = str(tmp_path / "s")
    run(capsys, "--store", store, "import", *seeds())
    _, out, _ = run(capsys, "--store", store, "list")
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["ID", "DEADLINE", "STATUS"]
    assert "in 13 d" in lines[1] and "EC/2026/CNECT/510505" in lines[1]
    assert "in 66 d" in lines[2] and "EC/2026/DIGIT/496629" in lines[2]


def test_empty_store_says_how_to_import(capsys, tmp_path) -> None:
    code, out, _ = run(capsys, "list")  # the default store, on a first run
    assert code == 0 and "eujobs import PATH" in out


def test_store_location_flag_then_environment_then_user_folder(capsys, tmp_path, monkeypatch) -> None:
    posting = seeds()[0]
    run(capsys, "import", posting)
    assert (tmp_path / "xdg" / "eujobs" / "store" / "catalog.json").exists()
    monkeypatch.setenv("EUJOBS_STORE", str(tmp_path / "from-env"))
    run(capsys, "import", posting)
    assert (tmp_path / "from-env" / "catalog.json").exists()
    run(capsys, "import", posting, "--store", str(tmp_path / "from-flag"))
    assert (tmp_path / "from-flag" / "catalog.json").exists()


@pytest.mark.parametrize("command", [[], ["import"], ["list"], ["show"], ["status"], ["note"], ["tick"], ["demo"]])
def test_every_command_has_help(command: list[str]) -> None:
    result = subprocess.run([str(EUJOBS), *command, "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.startswith("usage: eujobs")
    assert ("--store" in result.stdout) == (command != ["demo"])  # the demo's store is a throwaway one


def test_the_demo_refuses_a_store_of_the_users(tmp_path) -> None:
    for args in (["demo", "--store", str(tmp_path)], ["--store", str(tmp_path), "demo"]):
        result = subprocess.run([str(EUJOBS), *args], capture_output=True, text=True)
        assert result.returncode == 2 and "--store" in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_version() -> None:
    result = subprocess.run([str(EUJOBS), "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == "eujobs 0.1.0"


@pytest.mark.parametrize("argv", [[], ["--store", "s"], ["--store=s"], ["--store="], ["--debug"],
                                  ["--debug", "--store", "s"], ["--store", "a", "--store", "b", "--debug"]])
def test_the_dashboard_is_opened_with_the_arguments_the_parser_would_give(argv: list[str]) -> None:
    assert vars(dashboard_arguments(argv)) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize("argv", [["--sto", "s"], ["list"], ["--store", "s", "list"], ["--version"], ["-h"],
                                  ["--store"], ["--store", "--debug"], ["--colour"], ["s"]])
def test_anything_but_opening_the_dashboard_goes_to_the_parser(argv: list[str]) -> None:
    assert dashboard_arguments(argv) is None


@pytest.mark.parametrize("argv", [["--colour"], ["list", "--nope"], ["frobnicate"], ["show"]])
def test_wrong_command_line_is_one_clear_error(argv: list[str], tmp_path) -> None:
    result = subprocess.run([str(EUJOBS), "--store", str(tmp_path / "s"), *argv], capture_output=True, text=True)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1].startswith("eujobs")
    assert not (tmp_path / "s").exists()


def test_corrupt_store_is_one_line_without_traceback_unless_debug(tmp_path) -> None:
    store = tmp_path / "s"
    store.mkdir()
    (store / "state.json").write_text("{ truncated")
    before = store_bytes(store)
    result = subprocess.run([str(EUJOBS), "--store", str(store), "list"], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "state.json is not valid JSON" in result.stderr
    debug = subprocess.run([str(EUJOBS), "--store", str(store), "list", "--debug"], capture_output=True, text=True)
    assert debug.returncode == 1 and "Traceback" in debug.stderr
    assert store_bytes(store) == before


def test_a_new_version_of_a_posting_updates_it_and_keeps_ticks_status_and_history(capsys, tmp_path) -> None:
    from eujobs.store.persistence.db import Store

    from .conftest import fixed_clock

    posting = tmp_path / "call.md"
    original = (POSTINGS / "ec-cnect-r3-it-project-officer.md").read_text()
    posting.write_text(original)
    store_dir = tmp_path / "s"
    run(capsys, "--store", str(store_dir), "import", str(posting))
    store = Store.open(store_dir, fixed_clock)
    (vacancy,) = store.vacancies()
    store.tick(vacancy.id, "app-cv")
    store.set_status(vacancy.id, "preparing")

    posting.write_text(original.replace("23/03/2026 - 12.00", "30/03/2026 - 12.00"))
    code, out, _ = run(capsys, "--store", str(store_dir), "import", str(posting))
    assert code == 0 and out.startswith(f"updated    {vacancy.id}")
    (updated,) = store.vacancies()
    assert updated.posting.deadline.isoformat() == "2026-03-30T12:00:00+02:00"
    assert updated.status == "preparing" and [c.status for c in updated.history] == ["preparing"]
    assert {item.id for item in updated.checklist if item.done} == {"app-cv"}


def test_progress_bar_only_on_a_terminal_and_only_for_many_files() -> None:
    import io

    from eujobs.tui.report import ProgressBar

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    shown, piped = Terminal(), io.StringIO()
    for stream in (shown, piped):
        with ProgressBar(stream) as bar:
            for done in range(1, 11):
                bar.update(done, 10)
    assert "\rreading 5/10 [###############...............]" in shown.getvalue()
    assert shown.getvalue().endswith("\r\033[K")
    assert piped.getvalue() == ""
    few = Terminal()
    with ProgressBar(few) as bar:
        bar.update(1, 2)
    assert few.getvalue() == ""


def test_status_and_tick_from_the_shell(capsys, tmp_path) -> None:
    store = str(tmp_path / "s")
    run(capsys, "--store", store, "import", *seeds())
    code, out, _ = run(capsys, "--store", store, "status", "EC/2026/CNECT/510505", "applied", "--note", "by e-mail")
    assert code == 0 and out.endswith(": new -> applied\n")
    assert run(capsys, "--store", store, "tick", "EC/2026/CNECT/510505", "app-cv")[0] == 0
    assert run(capsys, "--store", store, "tick", "EC/2026/CNECT/510505", "app-email")[0] == 0
    assert run(capsys, "--store", store, "tick", "EC/2026/CNECT/510505", "app-email", "--undo")[0] == 0
    record = json.loads(run(capsys, "--store", store, "show", "EC/2026/CNECT/510505", "--json")[1])
    assert record["status"] == "applied"
    assert record["history"] == [{"at": NOW, "status": "applied", "note": "by e-mail"}]
    assert [item["id"] for item in record["checklist"] if item["done"]] == ["app-cv"]
    code, _, err = run(capsys, "--store", store, "tick", "EC/2026/CNECT/510505", "no-such-item")
    assert code == 1 and err == f"eujobs: vacancy {record['id']} has no checklist item 'no-such-item'\n"
    with pytest.raises(SystemExit) as exit_info:
        main(["--store", store, "status", "EC/2026/CNECT/510505", "hired"])
    assert exit_info.value.code == 2


PROFILE_EXAMPLE = ROOT / "tests" / "spec" / "profile.example.json"


def test_profile_load_show_and_set_from_the_shell(capsys, tmp_path) -> None:
    store = str(tmp_path / "s")
    code, out, _ = run(capsys, "profile", "show")  # the default store, on a first run
    assert code == 0 and out.startswith("No profile yet")
    assert run(capsys, "--store", store, "profile", "load", str(PROFILE_EXAMPLE))[0] == 0
    shown = json.loads(run(capsys, "--store", store, "profile", "show", "--json")[1])
    example = {key: value for key, value in json.loads(PROFILE_EXAMPLE.read_text()).items() if not key.startswith("_")}
    assert shown == example
    assert run(capsys, "--store", store, "profile", "set", "experience_years=4", "languages=English C1, French B1")[0] == 0
    shown = json.loads(run(capsys, "--store", store, "profile", "show", "--json")[1])
    assert shown["experience_years"] == 4 and shown["experience_on"] == NOW[:10]  # counted on the day they were set
    assert shown["languages"] == [{"language": "English", "level": "C1"}, {"language": "French", "level": "B1"}]


@pytest.mark.parametrize("assignment, message", [
    ("languages=English D1", "languages[0].level: 'D1' is not a CEFR level (A1 to C2)"),
    ("experience_years=-3", "experience_years: cannot be negative"),
    ("languages=Klingon C1", "'Klingon' is not a language eujobs knows"),
])
def test_a_bad_profile_value_is_one_clear_line_and_nothing_is_saved(capsys, tmp_path, assignment, message) -> None:
    store = tmp_path / "s"
    run(capsys, "--store", str(store), "profile", "load", str(PROFILE_EXAMPLE))
    before = store_bytes(store)
    code, _, err = run(capsys, "--store", str(store), "profile", "set", "experience_years=9", assignment)
    assert code == 1 and message in err and err.endswith("; nothing was saved\n") and err.count("\n") == 1
    assert store_bytes(store) == before


def test_verdicts_in_show_and_list_eligible(capsys, tmp_path) -> None:
    store = str(tmp_path / "s")
    run(capsys, "--store", store, "import", *seeds())
    run(capsys, "--store", store, "profile", "load", str(PROFILE_EXAMPLE))
    run(capsys, "--store", store, "profile", "set", "languages=English C1, French B1, German B2")
    record = json.loads(run(capsys, "--store", store, "show", "EC/2026/CNECT/510505", "--json")[1])
    french = next(item for item in record["checklist"] if item["id"] == "elig-lang-french")
    assert french["verdict"] == "does_not_meet" and "French B1" in french["reason"]
    assert all("verdict" not in item for item in record["checklist"] if item["group"] != "eligibility")
    jsonschema.validate(record, SCHEMA)
    digit = json.loads(run(capsys, "--store", store, "show", "EC/2026/DIGIT/496629", "--json")[1])
    assert {item["verdict"] for item in digit["checklist"] if item["id"].startswith("elig-lang")} == {"meets"}
    _, words, _ = run(capsys, "--store", store, "show", "EC/2026/CNECT/510505")
    assert "  [ ] ✗ French at B2  (elig-lang-french)\n        French B1, B2 required\n" in words
    assert "Fit:         not eligible: 1 rule not met\n" in words
    assert record["fit"] == {"state": "not eligible", "text": "not eligible: 1 rule not met", "fails": 1,
                             "to_confirm": 3}
    eligible = json.loads(run(capsys, "--store", store, "list", "--eligible", "--json")[1])
    assert "EC/2026/CNECT/510505" not in {r["reference"] for r in eligible}


def test_export_from_the_shell_to_a_file_and_to_stdout(capsys, tmp_path) -> None:
    import csv
    import io

    from icalendar import Calendar

    store = str(tmp_path / "s")
    run(capsys, "--store", store, "import", *seeds())
    run(capsys, "--store", store, "status", "EC/2026/DIGIT/496629", "applied")
    out_file = tmp_path / "deadlines.ics"
    code, _, err = run(capsys, "--store", store, "export", "--format", "ics", "--out", str(out_file))
    assert code == 0 and err == f"Wrote 2 deadlines from 5 vacancies to {out_file}\n"
    events = [e for e in Calendar.from_ical(out_file.read_bytes()).walk("VEVENT")]
    assert sorted(e.decoded("dtstart").isoformat() for e in events) == [
        "2026-03-23T12:00:00+01:00", "2026-05-15T12:00:00+02:00"]
    code, out, _ = run(capsys, "--store", store, "export", "--format", "csv", "--status", "applied")
    (row,) = csv.DictReader(io.StringIO(out))
    assert row["reference"] == "EC/2026/DIGIT/496629" and row["history"].startswith(NOW)


def test_import_says_conflicts_and_warnings_and_fails_only_for_a_failed_file(capsys, tmp_path, monkeypatch) -> None:
    """Files read as the parser would read them (a stand-in keyed by the file's first word), into two stores:
    the ids are the same in both."""
    from eujobs.store.ingest import importer
    from eujobs.store.model import Posting

    read = {
        "economist": Posting("Economist", reference="EPSO/AD/425/25 - 4",
                             warnings=['deadline "31/02/2026" is not a date', "a title in \x1b[31mred"]),
        "statistician": Posting("Statistician", reference="EPSO/AD/425/25-4"),
        "field5": Posting("Economist", reference="EPSO/AD/425/25 - 5"),
    }
    monkeypatch.setattr(importer, "parse", lambda text: read[text.split()[0]])
    for word in read:
        (tmp_path / f"{word}.txt").write_text(f"{word} posting\n")
    files = [str(tmp_path / f"{word}.txt") for word in read]

    code, out, _ = run(capsys, "--store", str(tmp_path / "s1"), "import", "--json", *files)
    outcomes = json.loads(out)
    assert code == 0 and [o["outcome"] for o in outcomes] == ["imported", "conflict", "imported"]
    economist, statistician, field_5 = (o["vacancy_id"] for o in outcomes)
    assert outcomes[1]["conflict"] == {"id": economist, "title": "Economist", "differs": "title"}
    assert outcomes[0]["warnings"][0] == 'deadline "31/02/2026" is not a date' and outcomes[0]["conflict"] is None

    code, out, _ = run(capsys, "--store", str(tmp_path / "s2"), "import", *files)
    assert code == 0
    assert out.splitlines() == [
        f'imported   {economist}   {files[0]}  (Economist)  ! deadline "31/02/2026" is not a date  ! a title in ␛[31mred',
        f"conflict   {statistician}   {files[1]}  (Statistician)  another title than {economist} (Economist): both kept",
        f"imported   {field_5}   {files[2]}  (Economist)",
        "3 files: 2 imported, 0 updated, 0 unchanged, 1 conflict, 0 failed",
    ]
    code, out, _ = run(capsys, "--store", str(tmp_path / "s2"), "import", *files, str(tmp_path / "missing.txt"))
    assert code == 1
    assert out.splitlines()[-1] == "4 files: 0 imported, 0 updated, 3 unchanged, 0 conflicts, 1 failed"


@pytest.mark.parametrize("argv", [["list", "--json"], ["list"], ["export", "--format", "csv"], ["due", "--days", "3650"]])
def test_a_reader_that_goes_away_ends_the_command_quietly(argv, tmp_path) -> None:
    store = tmp_path / "store"
    imported = subprocess.run([str(EUJOBS), "--store", str(store), "import", str(POSTINGS)], capture_output=True)
    assert imported.returncode == 0
    # The pipe's reading end is closed before eujobs writes: its first write meets a pipe nobody reads.
    process = subprocess.Popen([str(EUJOBS), "--store", str(store), *argv], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    process.stdout.close()
    err = process.stderr.read()
    assert process.wait(timeout=60) == 141
    assert err == b""
