"""`eujobs show ID --sources`: each field beside where in the posting it was read, to check it in one look."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from eujobs.store.ingest.importer import import_paths
from eujobs.store.model import Posting, Source
from eujobs.store.parse.provenance import EARLIER
from eujobs.store.persistence.db import Incoming, Store
from eujobs.store.persistence.edit import field_change
from eujobs.tui.report import READ_FIELDS

from .conftest import TODAY, fixed_clock

EUJOBS = Path(sys.executable).parent / "eujobs"
DEADLINE = "14/04/2026 12:00 Brussels time (UTC+02:00)"
# A posting as a user saves one: its title carries a terminal escape (shown, never obeyed), and an impossible
# closing date stands before the deadline.
CALL = """Policy officer – data \x1b[31mprotection

Reference: COM/2026/AD/7
Place of work: Brussels, Luxembourg
Type of contract: Temporary agent
Grade: AD 7
Closing date: 31/02/2026
Deadline: 14/04/2026 - 12:00 (Brussels time)

The Directorate-General for Justice and Consumers (DG JUST) of the European Commission is looking for a policy officer
to work on the data protection rules of the Union, with the Member States and the data protection authorities.

Qualifications: a level of post-secondary education attested by a diploma, followed by at least three years of \
professional experience in data protection
Candidates must have a thorough knowledge of English at level C1.
Please send your application to just-hr@ec.europa.eu by 14 April 2026.
"""


@pytest.fixture
def vacancy(tmp_path) -> tuple[Path, str]:
    """A store holding one posting, imported as `eujobs import` imports it; the user has since fixed its grade."""
    (tmp_path / "call.txt").write_text(CALL, encoding="utf-8")
    root = tmp_path / "store"
    store = Store.open(root, fixed_clock)
    (outcome,) = import_paths(store, [str(tmp_path / "call.txt")])
    store.apply(field_change(store.find(outcome.vacancy_id), "grade", "AD 8"))
    return root, outcome.vacancy_id


def eujobs(root: Path, *argv: str, columns: int = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": str(columns), "LINES": "40", "EUJOBS_NOW": TODAY.isoformat()}
    return subprocess.run([str(EUJOBS), "--store", str(root), *argv], capture_output=True, text=True, env=env)


def test_each_field_beside_where_it_was_read(vacancy) -> None:
    root, vacancy_id = vacancy
    shown = eujobs(root, "show", vacancy_id, "--sources")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.splitlines() == [
        "FIELD                 VALUE                                       READ FROM",
        "title                 Policy officer – data ␛[31mprotection       line 1, the heading of the page's fields",
        'reference             COM/2026/AD/7                               line 3, label "Reference"',
        'institution           European Commission                         line 10, named as employer "…s (DG JUST) of the Europ…',
        "department            DG JUST                                     the Directorate-General the posting names",
        "unit                                                              not stated",
        'locations             Brussels, Luxembourg                        line 4, label "Place of work"',
        'kind                  temporary agent                             line 5, label "Type of contract"',
        "contract_type                                                     not stated",
        "grade                 AD 8                                        your value",
        'deadline              14/04/2026 12:00 Brussels time (UTC+02:00)  line 8, label "Deadline"',
        "start_date                                                        not stated",
        "duration                                                          not stated",
        "end_date                                                          not stated",
        'languages             English C1                                  line 13, text "Candidates must have a thorough knowle…',
        'min_experience_years  3                                           line 12, sentence "…three years of professional exper…',
        'education             post-secondary education                    line 12, label "Qualifications"',
        'apply.email           just-hr@ec.europa.eu                        line 14, sentence "…cation to just-hr@ec.europa.eu by…',
        "apply.url                                                         not stated",
        "apply.subject                                                     not stated",
        "",
        '! deadline "31/02/2026" is not a date (line 7, label "Closing date")',
    ]


@pytest.mark.parametrize("columns", [60, 80, 260])
def test_a_line_per_field_cut_to_the_terminal_never_wrapped(vacancy, columns: int) -> None:
    root, vacancy_id = vacancy
    lines = eujobs(root, "show", vacancy_id, "--sources", columns=columns).stdout.splitlines()
    assert len(lines) == 1 + len(READ_FIELDS) + 2
    assert all(len(line) <= columns for line in lines)
    assert [line.split()[0] for line in lines[1:1 + len(READ_FIELDS)]] == list(READ_FIELDS)
    deadline = next(line for line in lines if line.startswith("deadline"))
    assert (DEADLINE in deadline) == (columns == 260) and ("…" in deadline) == (columns != 260)
    starts = {line.index(" not stated") for line in lines if line.endswith(" not stated")}
    assert len(starts) == 1  # one column, whatever the values


def test_sources_as_json(vacancy) -> None:
    root, vacancy_id = vacancy
    shown = eujobs(root, "show", vacancy_id, "--sources", "--json")
    assert shown.returncode == 0, shown.stderr
    record = json.loads(shown.stdout)
    warning = 'deadline "31/02/2026" is not a date (line 7, label "Closing date")'
    assert record["id"] == vacancy_id and record["warnings"] == [warning]
    fields = {row["field"]: row for row in record["fields"]}
    assert [row["field"] for row in record["fields"]] == list(READ_FIELDS)
    assert fields["grade"] == {"field": "grade", "value": "AD 8", "source": "your value"}
    assert fields["deadline"] == {"field": "deadline", "value": "2026-04-14T12:00:00+02:00",
                                  "source": 'line 8, label "Deadline"'}
    assert fields["locations"]["value"] == ["Brussels", "Luxembourg"]
    assert fields["start_date"] == {"field": "start_date", "value": None, "source": None}
    assert fields["min_experience_years"]["value"] == 3
    # the record of `show --json` carries the warnings; where each field was read is --sources' to say
    full = json.loads(eujobs(root, "show", vacancy_id, "--json").stdout)
    assert full["warnings"] == [warning] and "sources" not in full


def test_a_value_read_by_an_earlier_eujobs_says_so(tmp_path) -> None:
    """A store keeps the values an earlier parser read: where the parser of today reads another value in the same
    text, the value is not said to come from where today's reading comes from."""
    root = tmp_path / "store"
    store = Store.open(root, fixed_clock)
    earlier = Posting(title="12:00 (Brussels time)", reference="COM/2026/AD/7", grade="AD 7",
                      locations=["Brussels", "Luxembourg"])
    source = Source("/tmp/call.txt", "d" * 64, "text", TODAY.isoformat())
    (saved,) = store.save_imports([Incoming(earlier, CALL, source)])
    record = json.loads(eujobs(root, "show", saved.vacancy_id, "--sources", "--json").stdout)
    fields = {row["field"]: row for row in record["fields"]}
    assert fields["title"]["source"] == EARLIER
    assert fields["reference"]["source"] == 'line 3, label "Reference"'
    assert fields["locations"]["source"] == 'line 4, label "Place of work"'


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
