"""The candidate profile: reading, checking and writing it back, and `eujobs profile set KEY=VALUE`."""

from __future__ import annotations

import copy
import json
import re
from datetime import date

import pytest

from eujobs.store.eligibility.profile import CastResult, Education, Profile, function_group, set_field
from eujobs.store.errors import ProfileError
from eujobs.store.model import Language

from .conftest import ROOT

EXAMPLE = json.loads((ROOT / "tests" / "spec" / "profile.example.json").read_text(encoding="utf-8"))


def test_the_example_reads_as_its_fields() -> None:
    profile = Profile.from_json(EXAMPLE)
    assert profile == Profile(
        citizenships=["Belgium"],
        work_permits=[],
        languages=[Language("Dutch", "C2"), Language("English", "C1"), Language("French", "B2"), Language("German", "A2")],
        education=[Education("master", 7, 5, "Information Systems", date(2018, 7, 1))],
        experience_years=7,
        experience_on=date(2025, 11, 1),
        experience_by_domain={"IT project management": 4, "IT security": 2},
        epso_cast=[CastResult("FG IV", "Information and communication technology", date(2025, 10, 2))],
        available_from=date(2026, 2, 1),
    )
    assert not profile.is_empty


def test_the_example_round_trips_to_the_same_json() -> None:
    profile = Profile.from_json(EXAMPLE)
    written = profile.to_json()
    assert written == {key: value for key, value in EXAMPLE.items() if not key.startswith("_")}
    assert Profile.from_json(written) == profile
    assert json.loads(json.dumps(written)) == written  # plain JSON: no dates, no floats for whole numbers


def test_a_profile_in_the_older_shape_still_loads() -> None:
    """Written before the diploma dates, the part-time years and the declarations: read as it was meant."""
    older = {key: value for key, value in EXAMPLE.items() if key not in ("experience_on", "in_work", "part_time",
                                                                         "declarations")}
    older["education"] = [{"level": "master", "eqf": 7, "years": 5, "field": "Information Systems"}]
    profile = Profile.from_json(older)
    assert profile.education[0].awarded is None and profile.experience_on is None
    assert (profile.in_work, profile.part_time, profile.declarations) == (False, None, [])
    assert profile.experience_years == 7 and not profile.is_empty


def test_the_new_fields_read_check_and_write_back() -> None:
    profile = Profile()
    for assignment in ("education=master 7 5 30/06/2019 Law", "experience_years=4", "in_work=yes",
                       "part_time=2 years at 50%", "declarations=Military service, physically fit, no conflict"):
        profile = set_field(profile, assignment, date(2026, 11, 27))
    assert profile.education[0].awarded == date(2019, 6, 30) and profile.education[0].field == "Law"
    assert (profile.experience_on, profile.in_work) == (date(2026, 11, 27), True)  # counted on the day they were set
    assert (profile.part_time.years, profile.part_time.percent) == (2, 50)
    assert profile.declarations == ["military_service", "physically_fit", "no_conflict_of_interest"]
    assert Profile.from_json(json.loads(json.dumps(profile.to_json()))) == profile
    assert set_field(profile, "experience_years=4", date(2027, 1, 1)).experience_on == date(2026, 11, 27)  # unchanged
    assert set_field(profile, "experience_years=", date(2027, 1, 1)).experience_on is None
    for assignment, message in (("in_work=maybe", "in_work: 'maybe' is not yes or no"),
                                ("part_time=half", "part_time: 'half' is not years and a percent of full time"),
                                ("part_time=2 at 100", "part_time.percent: 100 is not a part of full time (1 to 99)"),
                                ("declarations=flying", "declarations[0]: 'flying' is not a declaration eujobs knows")):
        with pytest.raises(ProfileError, match=re.escape(message)):
            set_field(profile, assignment)


def test_every_key_is_optional_and_an_empty_profile_is_empty() -> None:
    empty = Profile.from_json({"_about": "nothing yet", "_note": "ignored too"})
    assert empty == Profile() and empty.is_empty
    assert Profile.from_json(empty.to_json()) == empty
    assert not Profile.from_json({"experience_years": 0}).is_empty


def test_values_come_out_normalised() -> None:
    profile = Profile.from_json({
        "citizenships": ["belgian", " Czech Republic ", "Canada", "Belgium"],
        "work_permits": ["Dutch"],
        "languages": [{"language": "english", "level": "c1"}, {"language": "FR", "level": "b2"},
                      {"language": "Slovene", "level": "native"}, {"language": "Ukrainian", "level": "B1"}],
        "education": [{"level": "Master", "eqf": "7", "years": "5.5"}],
        "epso_cast": [{"function_group": "FGIV"}, {"function_group": "fg 3"}, {"function_group": "II"},
                      {"function_group": "ast"}],
        "available_from": "01/02/2026",
    })
    assert profile.citizenships == ["Belgium", "Czechia", "Canada"]
    assert profile.work_permits == ["Netherlands"]
    assert profile.languages == [Language("English", "C1"), Language("French", "B2"), Language("Slovenian", "C2"),
                                 Language("Ukrainian", "B1")]
    assert profile.education == [Education("master", 7, 5.5, None)]
    assert [c.function_group for c in profile.epso_cast] == ["FG IV", "FG III", "FG II", "AST"]
    assert profile.available_from == date(2026, 2, 1)


def _with(**changes) -> dict:
    data = copy.deepcopy(EXAMPLE)
    data.update(changes)
    return data


@pytest.mark.parametrize(("data", "message"), [
    (_with(languages=[{"language": "English", "level": "C1"}, {"language": "French", "level": "D1"}]),
     "languages[1].level: 'D1' is not a CEFR level (A1 to C2)"),
    (_with(experience_years=-1), "experience_years: cannot be negative"),
    (_with(languages=[{"language": "Klingon", "level": "B2"}]),
     "languages[0].language: 'Klingon' is not a language eujobs knows (EU official languages and the usual others)"),
    (_with(available_from="2026-13-01"), "available_from: '2026-13-01' is not a date (YYYY-MM-DD or DD/MM/YYYY)"),
    (_with(available_from="next spring"), "available_from: 'next spring' is not a date (YYYY-MM-DD or DD/MM/YYYY)"),
    (_with(hobbies=["chess"]),
     ("hobbies: not a profile field (citizenships, work_permits, languages, education, experience_years, "
      "experience_on, in_work, part_time, experience_by_domain, epso_cast, available_from, declarations)")),
    (_with(languages=[{"language": "English"}]), "languages[0].level: missing for English; give a CEFR level (A1 to C2)"),
    (_with(languages=[{"language": "English", "level": "C1"}, {"language": "english", "level": "B2"}]),
     "languages[1].language: English is listed twice"),
    (_with(languages=[{"language": "English", "level": "C1", "dialect": "Irish"}]),
     "languages[0].dialect: not a field of a language (language, level)"),
    (_with(education=[{"level": "master", "eqf": 9}]), "education[0].eqf: 9 is not an EQF level (1 to 8)"),
    (_with(education=[{"level": "master", "years": -5}]), "education[0].years: cannot be negative"),
    (_with(education=[{"eqf": 7}]), "education[0].level: expected the level (master, bachelor, ...) as text, got nothing"),
    (_with(experience_years="six"), "experience_years: 'six' is not a number"),
    (_with(experience_years=True), "experience_years: expected a number, got true/false"),
    (_with(experience_by_domain={"IT security": -2}), "experience_by_domain['IT security']: cannot be negative"),
    (_with(epso_cast=[{"function_group": "FG V"}]),
     "epso_cast[0].function_group: 'FG V' is not a function group (FG I to FG IV, AD or AST)"),
    (_with(epso_cast=[{"function_group": "FG IV", "passed": "2025-02-30"}]),
     "epso_cast[0].passed: '2025-02-30' is not a date (YYYY-MM-DD or DD/MM/YYYY)"),
    (_with(citizenships="Belgium"), "citizenships: expected a list of country names, got text"),
    (_with(citizenships=[""]), "citizenships[0]: empty; give a country name"),
    ([], "profile: expected a JSON object, got a list"),
])
def test_a_bad_value_gives_one_line_naming_the_field(data, message: str) -> None:
    with pytest.raises(ProfileError) as caught:
        Profile.from_json(data)
    assert str(caught.value) == message
    assert "\n" not in str(caught.value)


# ---------------------------------------------------------------- profile set KEY=VALUE

@pytest.mark.parametrize(("assignment", "key", "value"), [
    ("citizenships=Belgium,France", "citizenships", ["Belgium", "France"]),
    ("citizenships = belgian, Canada", "citizenships", ["Belgium", "Canada"]),
    ("work_permits=Belgium", "work_permits", ["Belgium"]),
    ("work-permits=Belgian", "work_permits", ["Belgium"]),
    ("languages=English C1, French B2", "languages", [Language("English", "C1"), Language("French", "B2")]),
    ("languages=EN:c1, Dutch native, Irish mother tongue", "languages",
     [Language("English", "C1"), Language("Dutch", "C2"), Language("Irish", "C2")]),
    ("education=master 7 5 Information Systems", "education", [Education("master", 7, 5, "Information Systems")]),
    ("education=bachelor - 3 Law; doctorate", "education", [Education("bachelor", None, 3, "Law"), Education("doctorate")]),
    ("experience_years=6", "experience_years", 6),
    ("experience_years=2.5", "experience_years", 2.5),
    ("experience_by_domain=IT security:2, IT project management:4", "experience_by_domain",
     {"IT security": 2, "IT project management": 4}),
    ("epso_cast=FG IV Information and communication technology 2025-10-02", "epso_cast",
     [CastResult("FG IV", "Information and communication technology", date(2025, 10, 2))]),
    ("epso_cast=fgiii Finance; FG 2 Secretaries 01/02/2024", "epso_cast",
     [CastResult("FG III", "Finance"), CastResult("FG II", "Secretaries", date(2024, 2, 1))]),
    ("available_from=01/02/2026", "available_from", date(2026, 2, 1)),
    ("available_from=2026-02-01", "available_from", date(2026, 2, 1)),
])
def test_set_field_sets_one_key_and_leaves_the_rest(assignment: str, key: str, value) -> None:
    before = Profile.from_json(EXAMPLE)
    after = set_field(before, assignment)
    assert getattr(after, key) == value
    assert {k: v for k, v in vars(after).items() if k != key} == {k: v for k, v in vars(before).items() if k != key}
    assert before == Profile.from_json(EXAMPLE)  # a copy: the profile given is untouched


@pytest.mark.parametrize(("key", "cleared"), [
    ("citizenships", []), ("work_permits", []), ("languages", []), ("education", []), ("experience_years", None),
    ("experience_by_domain", {}), ("epso_cast", []), ("available_from", None),
])
def test_an_empty_value_clears_the_key(key: str, cleared) -> None:
    assert getattr(set_field(Profile.from_json(EXAMPLE), f"{key}="), key) == cleared


def test_clearing_every_key_empties_the_profile() -> None:
    profile = Profile.from_json(EXAMPLE)
    for key in EXAMPLE:
        if not key.startswith("_"):
            profile = set_field(profile, f"{key}=")
    assert profile.is_empty


@pytest.mark.parametrize(("assignment", "message"), [
    ("languages=English C1, French D1", "languages[1].level: 'D1' is not a CEFR level (A1 to C2)"),
    ("languages=Klingon B2",
     "languages[0].language: 'Klingon' is not a language eujobs knows (EU official languages and the usual others)"),
    ("languages=English", "languages[0].level: missing for English; give a CEFR level (A1 to C2)"),
    ("experience_years=-3", "experience_years: cannot be negative"),
    ("experience_years=lots", "experience_years: 'lots' is not a number"),
    ("available_from=31/02/2026", "available_from: '31/02/2026' is not a date (YYYY-MM-DD or DD/MM/YYYY)"),
    ("education=master 9", "education[0].eqf: '9' is not an EQF level (1 to 8)"),
    ("experience_by_domain=IT security", "experience_by_domain: 'IT security' needs its years, as in 'IT security:2'"),
    ("experience_by_domain=IT security:-1", "experience_by_domain['IT security']: cannot be negative"),
    ("epso_cast=FG V Finance", "epso_cast[0].function_group: 'FG V' is not a function group (FG I to FG IV, AD or AST)"),
    ("hobbies=chess", ("hobbies: not a profile field (citizenships, work_permits, languages, education, "
                       "experience_years, experience_on, in_work, part_time, experience_by_domain, epso_cast, "
                       "available_from, declarations)")),
    ("languages", "expected KEY=VALUE, e.g. languages=English C1, French B2"),
])
def test_set_field_errors_are_the_same_one_line_messages(assignment: str, message: str) -> None:
    with pytest.raises(ProfileError) as caught:
        set_field(Profile(), assignment)
    assert str(caught.value) == message


def test_a_function_group_with_letters_lower_spells_otherwise():
    # "ı" and "İ" are "i" to the case-insensitive pattern, and must be to the lookup after it
    assert [function_group(raw) for raw in ("ıv", "FG ıI", "fg İV")] == ["FG IV", "FG II", "FG IV"]
