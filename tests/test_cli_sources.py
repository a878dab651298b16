"""`eujobs show ID --sources`: each field beside where in the posting it was read, to check it in one look."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from store.db import Incoming, Store
from store.edit import field_change
from store.model import HowToApply, Language, Posting, Source
from tui.report import READ_FIELDS

from .conftest import TODAY, fixed_clock

EUJOBS = Path(sys.executable).parent / "eujobs"
EDUCATION = ("a level of post-secondary education attested by a diploma, followed by at least three years of "
             "professional experience in data protection")


@pytest.fixture
def vacancy(tmp_path) -> tuple[Path, str]:
    """A store holding one posting, as a parser that says where it read each field would have read it; the
    user has since fixed its grade."""
    posting = Posting(
        title="Policy officer – data protection", reference="COM/2026/AD/7", institution="European Commission",
        department="DG JUST", locations=["Brussels", "Luxembourg"], kind="temporary_agent", grade="AD 7",
        deadline=datetime(2026, 4, 14, 12, 0, tzinfo=ZoneInfo("Europe/Brussels")),
        languages=[Language("English", "C1")], min_experience_years=3, education=EDUCATION,
        apply=HowToApply(email="just-hr@ec.europa.eu"),
        sources={
            "title": "line 1, heading", "reference": 'line 3, label "Reference"',
            "institution": "page data, JobPosting.hiringOrganization",
            "locations": 'line 5, label "Place of \x1b[31mwork"',  # shown, never obeyed
            "kind": 'line 6, label "Type of contract"', "grade": 'line 7, label "Grade"',
            "deadline": 'line 9, label "Deadline"', "languages": 'line 22, sentence "…English at level C1…"',
            "education": 'line 18, label "Qualifications"',
            "apply.email": 'line 40, sentence "…send your application to just-hr@ec.europa.eu by 14 April…"',
        },
        warnings=['start date "31/02/2026" is not a date'],
    )
    root = tmp_path / "store"
    store = Store.open(root, fixed_clock)
    source = Source("/tmp/call.txt", "c" * 64, "text", TODAY.isoformat())
    (saved,) = store.save_imports([Incoming(posting, "the posting's text", source)])
    store.apply(field_change(store.find(saved.vacancy_id), "grade", "AD 8"))
    return root, saved.vacancy_id


def eujobs(root: Path, *argv: str, columns: int = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": str(columns), "LINES": "40", "EUJOBS_NOW": TODAY.isoformat()}
    return subprocess.run([str(EUJOBS), "--store", str(root), *argv], capture_output=True, text=True, env=env)


def test_each_field_beside_where_it_was_read(vacancy) -> None:
    root, vacancy_id = vacancy
    shown = eujobs(root, "show", vacancy_id, "--sources")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.splitlines() == [
        "FIELD                 VALUE                                             READ FROM",
        "title                 Policy officer – data protection                  line 1, heading",
        'reference             COM/2026/AD/7                                     line 3, label "Reference"',
        "institution           European Commission                               page data, JobPosting.hiringOrganization",
        "department            DG JUST                                           —",
        "unit                                                                    not stated",
        'locations             Brussels, Luxembourg                              line 5, label "Place of ␛[31mwork"',
        'kind                  temporary_agent                                   line 6, label "Type of contract"',
        "contract_type                                                           not stated",
        "grade                 AD 8                                              your value",
        'deadline              14/04/2026 12:00 Brussels time (UTC+02:00)        line 9, label "Deadline"',
        "start_date                                                              not stated",
        "duration                                                                not stated",
        "end_date                                                                not stated",
        'languages             English C1                                        line 22, sentence "…English at level C1…"',
        "min_experience_years  3                                                 —",
        'education             a level of post-secondary education attested by…  line 18, label "Qualifications"',
        'apply.email           just-hr@ec.europa.eu                              line 40, sentence "…send your application to ju…',
        "apply.url                                                               not stated",
        "apply.subject                                                           not stated",
        "",
        '! start date "31/02/2026" is not a date',
    ]


@pytest.mark.parametrize("columns", [60, 80, 260])
def test_a_line_per_field_cut_to_the_terminal_never_wrapped(vacancy, columns: int) -> None:
    root, vacancy_id = vacancy
    lines = eujobs(root, "show", vacancy_id, "--sources", columns=columns).stdout.splitlines()
    assert len(lines) == 1 + len(READ_FIELDS) + 2
    assert all(len(line) <= columns for line in lines)
    assert [line.split()[0] for line in lines[1:1 + len(READ_FIELDS)]] == list(READ_FIELDS)
    education = next(line for line in lines if line.startswith("education"))
    assert (EDUCATION in education) == (columns == 260) and ("…" in education) == (columns != 260)
    starts = {line.index(" not stated") for line in lines if line.endswith(" not stated")}
    assert len(starts) == 1  # one column, whatever the values


def test_sources_as_json(vacancy) -> None:
    root, vacancy_id = vacancy
    shown = eujobs(root, "show", vacancy_id, "--sources", "--json")
    assert shown.returncode == 0, shown.stderr
    record = json.loads(shown.stdout)
    assert record["id"] == vacancy_id and record["warnings"] == ['start date "31/02/2026" is not a date']
    fields = {row["field"]: row for row in record["fields"]}
    assert [row["field"] for row in record["fields"]] == list(READ_FIELDS)
    assert fields["grade"] == {"field": "grade", "value": "AD 8", "source": "your value"}
    assert fields["deadline"] == {"field": "deadline", "value": "2026-04-14T12:00:00+02:00",
                                  "source": 'line 9, label "Deadline"'}
    assert fields["locations"]["value"] == ["Brussels", "Luxembourg"]
    assert fields["department"] == {"field": "department", "value": "DG JUST", "source": None}
    assert fields["start_date"] == {"field": "start_date", "value": None, "source": None}
    assert fields["min_experience_years"]["value"] == 3
    full = json.loads(eujobs(root, "show", vacancy_id, "--json").stdout)
    assert full["sources"]["deadline"] == 'line 9, label "Deadline"' and full["warnings"] == record["warnings"]


def test_an_apply_field_the_user_set_is_theirs(vacancy) -> None:
    root, vacancy_id = vacancy
    store = Store.open(root, fixed_clock)
    store.apply(field_change(store.find(vacancy_id), "apply.url", "https://example.org/apply"))
    record = json.loads(eujobs(root, "show", vacancy_id, "--sources", "--json").stdout)
    fields = {row["field"]: row for row in record["fields"]}
    # The user's apply values are saved as one: the e-mail they kept is theirs now too.
    assert [fields[name]["source"] for name in ("apply.email", "apply.url", "apply.subject")] == ["your value"] * 3
    assert fields["apply.url"]["value"] == "https://example.org/apply"


def test_show_help_names_sources() -> None:
    shown = subprocess.run([str(EUJOBS), "show", "--help"], capture_output=True, text=True)
    assert shown.returncode == 0 and "--sources" in shown.stdout and "READ FROM" in shown.stdout
