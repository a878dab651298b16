"""The record's JSON shape: Posting.to_json is written field by field for speed, so it must say what
dataclasses.asdict would, for every field of every nested record."""

from __future__ import annotations

from dataclasses import asdict

import pytest

from eujobs.store.parse.posting import parse
from tests.conftest import POSTINGS


@pytest.mark.parametrize("path", sorted(p for p in POSTINGS.iterdir() if p.suffix in (".txt", ".md")),
                         ids=lambda p: p.name)
def test_to_json_says_what_asdict_says(path) -> None:
    posting = parse(path.read_text(encoding="utf-8"))
    expected = asdict(posting)
    del expected["sources"]  # (read again from the text when asked: not part of the record)
    for key in ("deadline", "start_date", "end_date"):
        value = getattr(posting, key)
        expected[key] = value.isoformat() if value is not None else None
    if isinstance(posting.min_experience_years, float) and posting.min_experience_years.is_integer():
        expected["min_experience_years"] = int(posting.min_experience_years)

    record = posting.to_json()

    assert list(record) == list(expected)  # same keys in the same order: the store's files stay as they were
    assert record == expected
    assert posting.checklist and record["checklist"][0] == asdict(posting.checklist[0])
