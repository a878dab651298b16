"""Each seed posting, cleaned and parsed, yields what tests/expected.json says.

Generic over expected.json: one test per seed and key, so a new posting is covered by adding its
file to sample_data/postings/ and its expected values to expected.json, with no code. The same holds
for tests/postings/ and its own expected.json, whose files are read through store.ingest.extract. A file with
a seed's name in another format (x.pdf beside x.txt) is read through store.ingest and must yield
the same values.
Conventions (see expected.json's _how_to_read): 'x_contains' lists substrings the field must
contain (case-insensitive; for a list field, each in some element), 'checklist_must_include'
maps a group to phrases that some item of that group must contain, nested objects (apply) follow
the same rules, any other key must equal the field's JSON value.
"""

from __future__ import annotations

import json
import sys
from functools import lru_cache

import pytest

from eujobs.store.ingest.clean import clean_text
from eujobs.store.ingest.extract import load_file
from eujobs.store.model import FORMATS
from eujobs.store.parse.posting import parse

from .conftest import EXPECTED, POSTINGS, ROOT, SEEDS

# Postings written after real formats (tests/postings/): same conventions, read as a user's file is
FIXTURES = ROOT / "tests" / "postings"
FIXTURE_EXPECTED = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
FIXTURE_NAMES = sorted(name for name in FIXTURE_EXPECTED if not name.startswith("_"))
SCHEMA = json.loads((ROOT / "tests" / "spec" / "vacancy.schema.json").read_text(encoding="utf-8"))


def fmt_of(name: str) -> str:
    return {"md": "markdown", "html": "html", "pdf": "pdf"}.get(name.rsplit(".", 1)[-1], "text")


@lru_cache(maxsize=None)
def parsed(name: str):
    raw = (POSTINGS / name).read_text(encoding="utf-8")
    return parse(clean_text(raw, fmt_of(name)))


def _contains(actual, needle: str) -> bool:
    if isinstance(actual, list):
        return any(_contains(element, needle) for element in actual)
    return actual is not None and needle.casefold() in str(actual).casefold()


def mismatches(record: dict, key: str, expected, path: str = "") -> list[str]:
    """What in record breaks the expectation `key: expected`; empty when it holds."""
    where = f"{path}{key}"
    if key == "checklist_must_include":
        return [f"no {group} item contains {phrase!r}" for group, phrases in expected.items() for phrase in phrases
                if not any(phrase.casefold() in item["text"].casefold()
                           for item in record["checklist"] if item["group"] == group)]
    if key.endswith("_contains"):
        field = key.removesuffix("_contains")
        return [f"{path}{field} = {record.get(field)!r} lacks {needle!r}" for needle in expected
                if not _contains(record.get(field), needle)]
    if isinstance(expected, dict) and isinstance(record.get(key), dict):
        return [m for sub, value in expected.items() for m in mismatches(record[key], sub, value, f"{where}.")]
    if key not in record:
        return [f"{where} is not a field of the record"]
    return [] if record[key] == expected else [f"{where} = {record[key]!r}, expected {expected!r}"]


CASES = [(seed, key) for seed in SEEDS for key in EXPECTED[seed]]
# the same posting in another format (the Commission calls also come as PDF) must read the same
TWINS = sorted((path.name, seed) for seed in SEEDS for path in POSTINGS.glob(f"{seed.rsplit('.', 1)[0]}.*")
               if path.name != seed)
TWIN_CASES = [(twin, seed, key) for twin, seed in TWINS for key in EXPECTED[seed]]


@lru_cache(maxsize=None)
def parsed_twin(name: str):
    return parse(load_file(POSTINGS / name).text)


@pytest.mark.parametrize(("seed", "key"), CASES, ids=[f"{seed}:{key}" for seed, key in CASES])
def test_seed_yields_expected_value(seed: str, key: str) -> None:
    assert mismatches(parsed(seed).to_json(), key, EXPECTED[seed][key]) == []


@pytest.mark.parametrize(("twin", "seed", "key"), TWIN_CASES, ids=[f"{twin}:{key}" for twin, _, key in TWIN_CASES])
def test_twin_in_another_format_yields_the_seeds_expected_value(twin: str, seed: str, key: str) -> None:
    assert mismatches(parsed_twin(twin).to_json(), key, EXPECTED[seed][key]) == []


@lru_cache(maxsize=None)
def parsed_fixture(name: str):
    return parse(load_file(FIXTURES / name).text)


FIXTURE_CASES = [(name, key) for name in FIXTURE_NAMES for key in FIXTURE_EXPECTED[name]]


@pytest.mark.parametrize(("name", "key"), FIXTURE_CASES, ids=[f"{name}:{key}" for name, key in FIXTURE_CASES])
def test_fixture_yields_expected_value(name: str, key: str) -> None:
    assert mismatches(parsed_fixture(name).to_json(), key, FIXTURE_EXPECTED[name][key]) == []


# Notices that come as PDFs: laid out at test time as a PDF of their text, they must read as their text does
PDF_TWINS = ("com-internal-competition-ad5-en.txt", "com-internal-competition-ad5-fr.txt")
PDF_TWIN_CASES = [(name, key) for name in PDF_TWINS for key in FIXTURE_EXPECTED[name]]


@pytest.fixture(scope="module")
def pdf_twins(tmp_path_factory) -> dict:
    sys.path.insert(0, str(ROOT / "sample_data"))
    import make_pdfs

    folder = tmp_path_factory.mktemp("pdf-twins")
    missing = [name for name in make_pdfs.FONTS.values() if not (make_pdfs.FONT_DIR / name).exists()]
    if missing:
        pytest.skip(f"the fonts make_pdfs lays out with are missing: {', '.join(missing)}")
    twins = {}
    for name in PDF_TWINS:
        make_pdfs.build(FIXTURES / name, folder / f"{name}.pdf")
        twins[name] = parse(load_file(folder / f"{name}.pdf").text)
    return twins


@pytest.mark.parametrize(("name", "key"), PDF_TWIN_CASES, ids=[f"{name}.pdf:{key}" for name, key in PDF_TWIN_CASES])
def test_notice_as_pdf_yields_expected_value(pdf_twins, name: str, key: str) -> None:
    assert mismatches(pdf_twins[name].to_json(), key, FIXTURE_EXPECTED[name][key]) == []


@pytest.mark.parametrize("seed", SEEDS + FIXTURE_NAMES)
def test_seed_record_validates_against_vacancy_schema(seed: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    posting = parsed(seed) if seed in SEEDS else parsed_fixture(seed)
    record = posting.to_json() | {
        "id": "placeholder", "status": "new",
        "source": {"path": None, "sha256": "0" * 64, "format": fmt_of(seed), "imported_at": "2026-11-27T00:00:00+00:00"},
    }
    assert record["source"]["format"] in FORMATS
    validator = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert [error.message for error in validator.iter_errors(record)] == []


@pytest.mark.parametrize("seed", SEEDS + FIXTURE_NAMES)
def test_seed_checklist_ids_are_unique_and_stable(seed: str) -> None:
    read = parsed if seed in SEEDS else parsed_fixture
    first = [item.id for item in read(seed).checklist]
    read.cache_clear()
    assert len(first) == len(set(first))
    assert [item.id for item in read(seed).checklist] == first


def test_the_helper_reads_the_conventions() -> None:
    record = {"title": "Trainee – PMCO", "languages": [{"language": "English", "level": None}],
              "apply": {"email": "a@b.eu", "documents": ["CV", "application form"]},
              "checklist": [{"group": "selection", "text": "Interest in IT", "done": False, "id": "sel-1"}]}
    assert mismatches(record, "title_contains", ["trainee", "pmco"]) == []
    assert mismatches(record, "title_contains", ["officer"]) != []
    assert mismatches(record, "languages", [{"language": "English", "level": None}]) == []
    assert mismatches(record, "apply", {"email": "a@b.eu", "documents_contains": ["cv", "FORM"]}) == []
    assert mismatches(record, "apply", {"email": "x@b.eu"}) == ["apply.email = 'a@b.eu', expected 'x@b.eu'"]
    assert mismatches(record, "checklist_must_include", {"selection": ["interest in it"]}) == []
    assert mismatches(record, "checklist_must_include", {"eligibility": ["IT"]}) != []
