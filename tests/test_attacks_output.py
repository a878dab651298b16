"""Attacks on what eujobs writes out (issue 19): a posting's escape sequences reach no terminal, a page's declared
charset cannot make one, and a date far in the future breaks neither an export nor `due`."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from eujobs.store.eligibility.profile import Profile
from eujobs.store.errors import ProfileError, StoreError
from eujobs.store.ingest.charsets import CODEC_OF_LABEL, declared_codec
from eujobs.store.ingest.extract import load_bytes
from eujobs.store.model import ChecklistItem, HowToApply, Posting, Source
from eujobs.store.outputs.safe_text import json_text, printable
from eujobs.store.parse.dates import parse_day, parse_deadline
from eujobs.store.parse.posting import parse
from eujobs.store.persistence.db import Incoming, Store
from eujobs.store.persistence.edit import date_change, field_change
from eujobs.store.persistence.state import ADD_ITEM, Change
from eujobs.tui.cli import main

from .conftest import TODAY, fixed_clock

BRUSSELS = ZoneInfo("Europe/Brussels")

# ------------------------------------------------------------------------------- escape sequences in every output

# OSC 52 (the clipboard: "rm -rf ~/*"), OSC 0 (the window title), CSI in its 7-bit and 8-bit forms, NEL, DEL
HOSTILE = "\x1b]52;c;cm0gLXJmIH4vKg==\x07\x1b]0;pwned\x07\x1b[2J\x9b31m\x85\x7f"
# C0, DEL and C1
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def controls(text: str) -> list[str]:
    """The control characters in text, but \\n (and \\r in \\r\\n, which CSV and iCalendar prescribe)."""
    return [char for char in text.replace("\r\n", "\n") if char != "\n" and CONTROL.match(char)]


def strings(value: object) -> list[str]:
    """Every string in a JSON value."""
    if isinstance(value, str):
        return [value]
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    return [text for key, item in items for text in [*strings(key), *strings(item)]]


@pytest.fixture
def hostile_store(tmp_path: Path) -> Store:
    """A vacancy with the escape sequences in every field a person reads, and in the user's notes and checklist."""
    store = Store.open(tmp_path / "store", fixed_clock)
    posting = Posting(
        title=f"Officer {HOSTILE}", institution=f"European Commission {HOSTILE}", department=f"DG {HOSTILE}",
        reference=f"EC/2026/{HOSTILE}", locations=[f"Brussels {HOSTILE}"],
        deadline=datetime(2026, 3, 20, 12, 0, tzinfo=BRUSSELS), education=f"Master {HOSTILE}",
        apply=HowToApply(email="jobs@ec.europa.eu", subject=f"Ref {HOSTILE}", documents=[f"CV {HOSTILE}"]),
        checklist=[ChecklistItem("elig-citizenship", "eligibility", f"EU citizenship {HOSTILE}"),
                   ChecklistItem("app-cv", "application", f"Send a CV {HOSTILE}")],
        warnings=[f"a warning {HOSTILE}"],
    )
    text = f"Officer {HOSTILE}\nReference: EC/2026/{HOSTILE}\nInstitution: European Commission {HOSTILE}\n"
    (saved,) = store.save_imports([Incoming(posting, text, Source(f"/tmp/{HOSTILE}.txt", "a" * 64, "text",
                                                                  TODAY.isoformat()))])
    vacancy_id = saved.vacancy_id
    store.set_status(vacancy_id, "interested", f"as {HOSTILE}")
    for slot, value in (("notes", f"Ask {HOSTILE}\nsecond line"), ("next_action", f"Call {HOSTILE}"),
                        ("next_action_on", "2026-03-12"), (ADD_ITEM, f"Mine {HOSTILE}")):
        store.apply(Change(vacancy_id, slot, value))
    store.save_profile(Profile.from_json({"citizenships": ["Belgium"],
                                          "education": [{"level": "master", "field": f"Law {HOSTILE}"}],
                                          "experience_by_domain": {f"IT {HOSTILE}": 3}}))
    return store


OUTPUTS = {
    "list": ["list"], "list --json": ["list", "--json"],
    "show": ["show", "{id}"], "show --json": ["show", "{id}", "--json"],
    "show --sources": ["show", "{id}", "--sources"], "show --sources --json": ["show", "{id}", "--sources", "--json"],
    "due": ["due", "--days", "30"],
    "export csv": ["export", "--format", "csv"], "export ics": ["export", "--format", "ics"],
    "export json": ["export", "--format", "json"],
    "profile show": ["profile", "show"], "profile show --json": ["profile", "show", "--json"],
}


@pytest.mark.parametrize("name", OUTPUTS)
def test_no_output_carries_a_postings_control_characters(name, hostile_store, capsysbinary, monkeypatch) -> None:
    monkeypatch.setenv("EUJOBS_NOW", TODAY.isoformat())
    (vacancy_id,) = [vacancy.id for vacancy in hostile_store.vacancies()]
    command = [part.format(id=vacancy_id) for part in OUTPUTS[name]]
    assert main(["--store", str(hostile_store.root), *command]) == 0
    captured = capsysbinary.readouterr()
    out, err = captured.out.decode("utf-8"), captured.err.decode("utf-8")
    assert controls(out) == [] and controls(err) == []
    if name.endswith("--json") or name == "export json":
        # escaped, not dropped: a program reading the JSON gets the text as it was
        assert any("\x1b]52;c;" in text and "\x9b" in text for text in strings(json.loads(out)))
    else:
        assert "␛" in out and "x9b" in out  # shown, for the reader to see what the posting holds


@pytest.mark.parametrize("fmt", ["csv", "ics", "json"])
def test_an_export_to_a_file_carries_no_control_characters(fmt, hostile_store, tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("EUJOBS_NOW", TODAY.isoformat())  # (the deadline and the next action still to come)
    out = tmp_path / f"export.{fmt}"
    assert main(["--store", str(hostile_store.root), "export", "--format", fmt, "--out", str(out)]) == 0
    written = out.read_text(encoding="utf-8")
    assert controls(written) == [] and ("\\u001b" if fmt == "json" else "␛") in written


def test_the_import_report_carries_no_control_characters(tmp_path, capsysbinary) -> None:
    posting = tmp_path / "hostile.txt"
    posting.write_text(f"Policy Officer {HOSTILE}\n\nReference: EC/2026/TEST/7\nDeadline: 20/03/2026 12:00\n\n"
                       + "The unit looks for a policy officer to work on digital policy files. " * 40, encoding="utf-8")
    for command in (["import", str(posting), "--json"], ["import", str(posting)]):
        assert main(["--store", str(tmp_path / "store"), *command]) == 0
        captured = capsysbinary.readouterr()
        assert controls(captured.out.decode("utf-8")) == [] and controls(captured.err.decode("utf-8")) == []


def test_json_text_escapes_every_control_and_keeps_letters_readable() -> None:
    text = json_text({"t": "é ł Ω – € \x1b \x9b \x85 \x7f \x00 \n"}, indent=None)
    assert text == '{"t": "é ł Ω – € \\u001b \\u009b \\u0085 \\u007f \\u0000 \\n"}'
    assert json.loads(text) == {"t": "é ł Ω – € \x1b \x9b \x85 \x7f \x00 \n"}


def test_printable_shows_every_control_but_newline_and_tab() -> None:
    shown = printable("".join(map(chr, range(0xA0))))
    assert controls(shown.replace("\t", "")) == [] and "\n" in shown and "\t" in shown and "␛" in shown


# ------------------------------------------------------------------------------- only a real charset is honoured

def page(charset: str | None) -> bytes:
    """A page whose title holds the text \\x1b and \\u001b (backslashes: no escape) and an é in UTF-8; long enough
    that the escapes unicode_escape would make of them are too few to be taken for binary data."""
    meta = f'<meta charset="{charset}">' if charset else ""
    title = r"Officer \x1b]0;pwned\x07 \u001b[2J café"
    return (f"<!doctype html><html><head>{meta}</head><body><main><h1>{title}</h1>"
            f"<p>Reference: EC/2026/X/1</p><p>{'The unit looks for an officer. ' * 40}</p></main></body></html>"
            ).encode("utf-8")


@pytest.mark.parametrize("charset", ["unicode_escape", "raw_unicode_escape", "unicode-escape", "punycode", "idna",
                                     "utf-7", "rot13", "hex", "base64", "zlib", "x-unknown", "utf-16", "cp037"])
def test_a_charset_that_is_not_a_text_encoding_of_the_web_is_read_as_none(charset) -> None:
    text = load_bytes(page(charset), fmt="html").text
    assert text == load_bytes(page(None), fmt="html").text
    assert r"Officer \x1b]0;pwned\x07 \u001b[2J café" in text and controls(text) == []


@pytest.mark.parametrize(("charset", "data", "expected"), [
    ("utf-8", "é€".encode(), "é€"),
    ("windows-1252", b"\xe9\x80", "é€"),
    ("iso-8859-1", b"\xe9\x80", "é€"),  # as browsers read it: windows-1252
    ("latin2", b"\xb3\xf3d\xbc", "łódź"),
    ("windows-874", b"\xa1", "ก"),  # a name Python's codecs do not know
    ("x-mac-roman", b"\x8e", "é"),
    ("Shift_JIS", "東京".encode("cp932"), "東京"),
])
def test_a_charset_the_web_knows_is_honoured(charset, data, expected) -> None:
    html = f'<html><head><meta charset="{charset}"></head><body><main><p>'.encode() + data + b"</p></main></body>"
    assert load_bytes(html, fmt="html").text == expected


def test_every_label_names_a_text_codec() -> None:
    import codecs

    assert all(codecs.lookup(codec)._is_text_encoding for codec in set(CODEC_OF_LABEL.values()))
    assert declared_codec(" UTF-8 ") == "utf-8" and declared_codec("unicode_escape") is None


# ------------------------------------------------------------------------------- dates a posting can have

def test_a_posting_date_outside_the_years_a_posting_can_have_is_no_date() -> None:
    assert parse_deadline("31/12/9999 12:00 CET") is None and parse_day("9999-12-31") is None
    assert parse_day("01/01/0001") is None  # (the year 1 was read as 2001)
    assert parse_day("01/01/1900") == date(1900, 1, 1) and parse_day("31/12/2200") == date(2200, 12, 31)
    assert parse_day("23.03.26") == date(2026, 3, 23)
    posting = parse("Policy officer\n\nReference: EC/2026/X/1\nDeadline: 31/12/9999 12:00\n\n"
                    + "The unit looks for a policy officer to work on digital files. " * 5)
    assert posting.deadline is None and any('"31/12/9999" is not a date' in w for w in posting.warnings)


def test_a_duration_past_the_end_of_the_calendar_gives_no_end_date() -> None:
    posting = parse("Trainee\n\nReference: EC/2026/X/2\nStart date: 01/03/2026\nDuration: 99999 years\n\n"
                    + "The unit looks for a trainee to work on digital files. " * 5)
    assert posting.start_date == date(2026, 3, 1) and posting.end_date is None


@pytest.fixture
def far_future_store(tmp_path: Path) -> Store:
    """What an earlier eujobs kept: a deadline and a next action in the year 9999, beside a good posting."""
    store = Store.open(tmp_path / "store", fixed_clock)
    deadlines = {"FAR-DATE": date(9999, 12, 31), "FAR-TIME": datetime(9999, 12, 31, 12, 0, tzinfo=BRUSSELS),
                 "GOOD": datetime(2026, 3, 20, 12, 0, tzinfo=BRUSSELS)}
    ids = {}
    for reference, deadline in deadlines.items():
        item = Incoming(Posting(title=f"Post {reference}", reference=reference, deadline=deadline), "text",
                        Source(None, reference.ljust(64, "0"), "text", TODAY.isoformat()))
        ids[reference] = store.save_imports([item])[0].vacancy_id
    store.apply(Change(ids["GOOD"], "next_action_on", "9999-12-31"))
    return store


def test_an_ics_export_skips_a_date_out_of_range_and_writes_the_rest(far_future_store, capsysbinary,
                                                                     monkeypatch) -> None:
    monkeypatch.setenv("EUJOBS_NOW", TODAY.isoformat())
    assert main(["--store", str(far_future_store.root), "export", "--format", "ics"]) == 0
    calendar = capsysbinary.readouterr().out.decode()
    assert calendar.count("BEGIN:VEVENT") == 1 and "SUMMARY:Deadline: Post GOOD" in calendar
    assert "9999" not in calendar


def test_due_looks_up_to_a_century_ahead_and_refuses_more_in_one_line(far_future_store, capsys, monkeypatch) -> None:
    monkeypatch.setenv("EUJOBS_NOW", TODAY.isoformat())
    assert main(["--store", str(far_future_store.root), "due", "--days", "36525"]) == 0
    assert "Post GOOD" in capsys.readouterr().out
    for days in ("3000000", "-1", "soon"):
        with pytest.raises(SystemExit) as exit_:
            main(["--store", str(far_future_store.root), "due", "--days", days])
        assert exit_.value.code == 2
        error = capsys.readouterr().err.splitlines()[-1]
        assert error == f"eujobs due: error: argument --days: '{days}' is not a number of days from 0 to 36525"


def test_a_date_the_user_types_out_of_range_is_refused_in_one_line(far_future_store) -> None:
    vacancy = next(v for v in far_future_store.vacancies() if v.posting.reference == "GOOD")
    for change in (lambda: field_change(vacancy, "deadline", "31/12/9999 12:00"),
                   lambda: date_change(vacancy, "next_action_on", "01/01/9999")):
        with pytest.raises(StoreError, match="is not a date a posting can have: the year must be from 1900 to 2200"):
            change()
    assert date_change(vacancy, "next_action_on", "01/01/2200").value == "2200-01-01"
    with pytest.raises(ProfileError, match=r"available_from: '01/01/9999' is not a date a posting can have \(years"):
        Profile.from_json({"available_from": "01/01/9999"})


# ------------------------------------------------------------------------------- depth and length, in linear time

TEXT = "The unit looks for a policy officer to work on digital policy files. " * 5


def test_a_page_nested_200000_deep_imports_with_its_text(tmp_path, capsys) -> None:
    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + "<div>" * 200_000 + f"<h1>Deep officer</h1><p>Reference: EC/2026/DEEP/1</p>"
                    f"<p>{TEXT}</p>" + "</div>" * 200_000 + "</body></html>", encoding="utf-8")
    assert main(["--store", str(tmp_path / "store"), "import", str(page)]) == 0
    (vacancy,) = Store.open(tmp_path / "store", fixed_clock).vacancies()
    assert (vacancy.posting.title, vacancy.posting.reference) == ("Deep officer", "EC/2026/DEEP/1")


def test_a_requirements_list_of_80000_lines_is_one_checklist_item_each() -> None:
    lines = [f"- Requirement {n}" for n in range(80_000)]
    posting = parse("Policy officer\n\nReference: EC/2026/LONG/1\n\n" + TEXT + "\n\nEligibility criteria\n\n"
                    + "\n".join(lines) + "\n")
    texts = {item.text for item in posting.checklist}
    assert all(line[2:] in texts for line in lines)
