"""Eligibility verdicts: each profile against each seed, item by item, then the words and the fit."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, time, timezone

import pytest

from eujobs.store.eligibility import fits
from eujobs.store.eligibility.profile import Profile
from eujobs.store.eligibility.rules import Fit, Verdict, fit, verdicts
from eujobs.store.ingest.extract import load_file
from eujobs.store.ingest.importer import import_paths
from eujobs.store.listing.search import Finder
from eujobs.store.model import ChecklistItem, Language, Posting, Source, Vacancy
from eujobs.store.parse.posting import parse

from .conftest import POSTINGS, ROOT, SEEDS

TODAY = date(2026, 11, 27)
M, X, C = "meets", "does_not_meet", "check"

CNECT = "ec-cnect-r3-it-project-officer.md"
DIGIT = "ec-digit-b1-ict-security-officer.txt"
PMCO = "ep-traineeship-itec-pmco.txt"
SPEPRO = "ep-traineeship-itec-spepro.txt"
OPSYS = "opsys-junior-project-manager.txt"

PROFILES = {
    "example": json.loads((ROOT / "tests" / "spec" / "profile.example.json").read_text(encoding="utf-8")),
    "english_c1_french_b1": {
        "citizenships": ["France"],
        "languages": [{"language": "English", "level": "C1"}, {"language": "French", "level": "B1"}],
        "education": [{"level": "bachelor", "eqf": 6, "years": 3, "field": "Economics"}],
        "experience_years": 4,
    },
    "english_c1_german_b2": {  # no French at all; a CAST pass one function group below FG IV
        "citizenships": ["Austrian"],
        "languages": [{"language": "English", "level": "C1"}, {"language": "German", "level": "B2"}],
        "education": [{"level": "master", "eqf": 7, "years": 5}],
        "experience_years": 8,
        "epso_cast": [{"function_group": "FG III", "profile": "Finance", "passed": "2024-05-01"}],
        "available_from": "2026-04-01",
    },
    "non_eu_with_belgian_permit": {
        "citizenships": ["Canada"], "work_permits": ["Belgium"],
        "languages": [{"language": "English", "level": "C2"}, {"language": "French", "level": "C1"}],
        "education": [{"level": "master", "eqf": 7, "years": 5}],
        "experience_years": 3,
    },
    "junior": {  # one year of experience, a bachelor without its EQF level stated
        "citizenships": ["Italy"],
        "languages": [{"language": "Italian", "level": "C2"}, {"language": "English", "level": "B2"},
                      {"language": "French", "level": "A2"}],
        "education": [{"level": "bachelor", "years": 3}],
        "experience_years": 1,
        "available_from": "2026-09-01",
    },
    "non_eu_secondary": {  # experience only by domain, a non-EU European language among the others
        "citizenships": ["Norway"],
        "languages": [{"language": "Norwegian", "level": "C2"}, {"language": "English", "level": "C1"},
                      {"language": "German", "level": "B2"}],
        "education": [{"level": "secondary", "eqf": 4, "years": 12}],
        "experience_by_domain": {"administration": 3},
    },
    "empty": {},
}

# The verdict of every eligibility item of every seed, for every profile ('start-date' where flagged).
_CAST_ETC = {"elig-military-service": C, "elig-physical-fitness": C, "elig-character-references": C}
TABLE: dict[str, dict[str, dict[str, str]]] = {
    "example": {
        CNECT: {"elig-citizenship": M, **_CAST_ETC, "elig-education": M, "elig-experience": M,
                "elig-lang-english": M, "elig-lang-french": M, "elig-cast": M},
        DIGIT: {"elig-citizenship": M, **_CAST_ETC, "elig-education": M, "elig-lang-any-eu-official-language": M,
                "elig-lang-a-second-eu-official-language": M, "elig-cast": M},
        PMCO: {},
        SPEPRO: {"elig-lang-english": M, "start-date": X},
        OPSYS: {"elig-citizenship": M, "elig-education": M, "elig-experience": M, "elig-lang-french": M,
                "elig-lang-english": M},
    },
    "english_c1_french_b1": {
        CNECT: {"elig-citizenship": M, **_CAST_ETC, "elig-education": M, "elig-experience": X,
                "elig-lang-english": M, "elig-lang-french": X, "elig-cast": C},
        DIGIT: {"elig-citizenship": M, **_CAST_ETC, "elig-education": M, "elig-lang-any-eu-official-language": M,
                "elig-lang-a-second-eu-official-language": X, "elig-cast": C},
        PMCO: {},
        SPEPRO: {"elig-lang-english": M},
        OPSYS: {"elig-citizenship": M, "elig-education": X, "elig-experience": M, "elig-lang-french": M,
                "elig-lang-english": M},
    },
    "english_c1_german_b2": {
        CNECT: {"elig-citizenship": M, **_CAST_ETC, "elig-education": M, "elig-experience": M,
                "elig-lang-english": M, "elig-lang-french": X, "elig-cast": C},
        DIGIT: {"elig-citizenship": M, **_CAST_ETC, "elig-education": M, "elig-lang-any-eu-official-language": M,
                "elig-lang-a-second-eu-official-language": M, "elig-cast": C},
        PMCO: {"start-date": X},
        SPEPRO: {"elig-lang-english": M, "start-date": X},
        OPSYS: {"elig-citizenship": M, "elig-education": M, "elig-experience": M, "elig-lang-french": X,
                "elig-lang-english": M},
    },
    "non_eu_with_belgian_permit": {
        CNECT: {"elig-citizenship": X, **_CAST_ETC, "elig-education": M, "elig-experience": X,
                "elig-lang-english": M, "elig-lang-french": M, "elig-cast": C},
        DIGIT: {"elig-citizenship": X, **_CAST_ETC, "elig-education": M, "elig-lang-any-eu-official-language": M,
                "elig-lang-a-second-eu-official-language": M, "elig-cast": C},
        PMCO: {},
        SPEPRO: {"elig-lang-english": M},
        OPSYS: {"elig-citizenship": M, "elig-education": M, "elig-experience": M, "elig-lang-french": M,
                "elig-lang-english": M},
    },
    "junior": {
        CNECT: {"elig-citizenship": M, **_CAST_ETC, "elig-education": M, "elig-experience": X,
                "elig-lang-english": X, "elig-lang-french": X, "elig-cast": C},
        DIGIT: {"elig-citizenship": M, **_CAST_ETC, "elig-education": M, "elig-lang-any-eu-official-language": M,
                "elig-lang-a-second-eu-official-language": M, "elig-cast": C},
        PMCO: {"start-date": X},
        SPEPRO: {"elig-lang-english": M, "start-date": X},
        OPSYS: {"elig-citizenship": M, "elig-education": X, "elig-experience": X, "elig-lang-french": M,
                "elig-lang-english": M},
    },
    "non_eu_secondary": {
        CNECT: {"elig-citizenship": X, **_CAST_ETC, "elig-education": X, "elig-experience": C,
                "elig-lang-english": M, "elig-lang-french": X, "elig-cast": C},
        DIGIT: {"elig-citizenship": X, **_CAST_ETC, "elig-education": X, "elig-lang-any-eu-official-language": M,
                "elig-lang-a-second-eu-official-language": M, "elig-cast": C},
        PMCO: {},
        SPEPRO: {"elig-lang-english": M},
        OPSYS: {"elig-citizenship": X, "elig-education": X, "elig-experience": M, "elig-lang-french": X,
                "elig-lang-english": M},
    },
    "empty": {
        CNECT: {"elig-citizenship": C, **_CAST_ETC, "elig-education": C, "elig-experience": C,
                "elig-lang-english": C, "elig-lang-french": C, "elig-cast": C},
        DIGIT: {"elig-citizenship": C, **_CAST_ETC, "elig-education": C, "elig-lang-any-eu-official-language": C,
                "elig-lang-a-second-eu-official-language": C, "elig-cast": C},
        PMCO: {},
        SPEPRO: {"elig-lang-english": C},
        OPSYS: {"elig-citizenship": C, "elig-education": C, "elig-experience": C, "elig-lang-french": C,
                "elig-lang-english": C},
    },
}

FITS = {  # Fit.text of each profile for each seed, in the order CNECT, DIGIT, PMCO, SPEPRO, OPSYS
    "example": ("eligible, 3 to confirm", "eligible, 3 to confirm", "not checked", "not eligible: 1 rule not met",
                "eligible"),
    "english_c1_french_b1": ("not eligible: 2 rules not met", "not eligible: 1 rule not met", "not checked", "eligible",
                             "not eligible: 1 rule not met"),
    "english_c1_german_b2": ("not eligible: 1 rule not met", "eligible, 4 to confirm", "not eligible: 1 rule not met",
                             "not eligible: 1 rule not met", "not eligible: 1 rule not met"),
    "non_eu_with_belgian_permit": ("not eligible: 2 rules not met", "not eligible: 1 rule not met", "not checked",
                                   "eligible", "eligible"),
    "junior": ("not eligible: 3 rules not met", "eligible, 4 to confirm", "not eligible: 1 rule not met",
               "not eligible: 1 rule not met", "not eligible: 2 rules not met"),
    "non_eu_secondary": ("not eligible: 3 rules not met", "not eligible: 2 rules not met", "not checked", "eligible",
                         "not eligible: 3 rules not met"),
    "empty": ("eligible, 9 to confirm", "eligible, 8 to confirm", "not checked", "eligible, 1 to confirm",
              "eligible, 5 to confirm"),
}


@pytest.fixture(scope="module")
def seeds() -> dict[str, Vacancy]:
    """Each seed parsed as the importer would, as a vacancy with nothing ticked."""
    found = {}
    for name in SEEDS:
        extracted = load_file(POSTINGS / name)
        found[name] = Vacancy(name, parse(extracted.text), Source(str(POSTINGS / name), extracted.sha256, extracted.format,
                                                                  "2026-11-27T09:00:00+00:00"))
    return found


def profile(name: str) -> Profile:
    return Profile.from_json(PROFILES[name])


def test_the_table_covers_every_profile_and_seed() -> None:
    assert len(PROFILES) >= 6
    assert set(TABLE) == set(PROFILES) == set(FITS)
    assert all(set(row) == set(SEEDS) for row in TABLE.values())


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", list(PROFILES))
def test_every_eligibility_item_gets_its_verdict(name: str, seed: str, seeds: dict[str, Vacancy]) -> None:
    vacancy = seeds[seed]
    found = verdicts(profile(name), vacancy, TODAY)
    assert {item_id: v.verdict for item_id, v in found.items()} == TABLE[name][seed]
    eligibility = [item.id for item in vacancy.checklist if item.group == "eligibility"]
    assert [item_id for item_id in found if item_id != "start-date"] == eligibility  # one each, checklist order
    assert all(isinstance(v, Verdict) and v.reason and "\n" not in v.reason for v in found.values())


@pytest.mark.parametrize("name", list(PROFILES))
def test_fit_texts(name: str, seeds: dict[str, Vacancy]) -> None:
    texts = tuple(fit(profile(name), seeds[seed], TODAY).text for seed in (CNECT, DIGIT, PMCO, SPEPRO, OPSYS))
    assert texts == FITS[name]


def test_the_list_fits_are_worked_out_for_the_rows_asked_for_and_kept(seeds, monkeypatch) -> None:
    """The first screen of a large store must not wait for every vacancy's verdicts."""
    calls = []
    monkeypatch.setattr(fits, "fit", lambda *args: calls.append(args[1].id) or fit(*args))
    finder = Finder(seeds.values(), datetime.combine(TODAY, time(9), timezone.utc), profile("example"))
    texts = finder.fit_texts
    assert calls == [] and len(texts) == len(seeds)
    assert (texts[CNECT], texts.get(DIGIT), texts.get("no such id")) == (FITS["example"][0], FITS["example"][1], None)
    assert texts[CNECT] == FITS["example"][0] and calls == [CNECT, DIGIT]  # asked twice, worked out once
    ticked = replace(seeds[CNECT], ticks={item.id: True for item in seeds[CNECT].checklist})
    changed = finder.replacing(ticked)
    assert changed.fit_texts[CNECT] == "eligible" and changed.fit_texts[DIGIT] == FITS["example"][1]
    assert calls == [CNECT, DIGIT, CNECT] and finder.fit_texts[CNECT] == FITS["example"][0]
    assert dict(texts) == {name: fit(profile("example"), vacancy, TODAY).text for name, vacancy in seeds.items()}


def test_an_empty_profile_leaves_everything_to_check(seeds: dict[str, Vacancy]) -> None:
    for vacancy in seeds.values():
        assert {v.verdict for v in verdicts(Profile(), vacancy, TODAY).values()} <= {C}


# ---------------------------------------------------------------- the words

def reasons(name: str, seed: str, seeds: dict[str, Vacancy]) -> dict[str, str]:
    return {item_id: v.reason for item_id, v in verdicts(profile(name), seeds[seed], TODAY).items()}


def test_french_b1_fails_cnect_but_english_c1_passes(seeds) -> None:
    said = reasons("english_c1_french_b1", CNECT, seeds)
    assert said["elig-lang-french"] == "French B1, B2 required"
    assert said["elig-lang-english"] == "You have English C1; C1 required ✓"
    assert said["elig-experience"] == "6 years required, you have 4"


def test_digits_two_languages_are_solved_together(seeds) -> None:
    pair = ("Language 1 (any EU language at C1): your English C1 ✓",
            "Language 2 (another EU language at B2): your German B2 ✓")
    said = reasons("english_c1_german_b2", DIGIT, seeds)
    assert (said["elig-lang-any-eu-official-language"], said["elig-lang-a-second-eu-official-language"]) == pair
    # the best language first: Dutch C2 and English C1, not French B2 nor German A2
    said = reasons("example", DIGIT, seeds)
    assert (said["elig-lang-any-eu-official-language"], said["elig-lang-a-second-eu-official-language"]) == (
        "Language 1 (any EU language at C1): your Dutch C2 ✓",
        "Language 2 (another EU language at B2): your English C1 ✓")
    # Norwegian is no EU official language: English and German make the pair
    assert reasons("non_eu_secondary", DIGIT, seeds)["elig-lang-a-second-eu-official-language"] == pair[1]


def test_the_second_language_must_differ_from_the_first(seeds) -> None:
    said = reasons("english_c1_french_b1", DIGIT, seeds)
    assert said["elig-lang-any-eu-official-language"] == "Language 1 (any EU language at C1): your English C1 ✓"
    assert said["elig-lang-a-second-eu-official-language"] == (
        "Language 2 (another EU language at B2), another language: English C1 is your language 1; French B1, "
        "B2 required")


def test_a_language_without_a_level_is_met_at_any_level(seeds) -> None:
    assert reasons("example", SPEPRO, seeds)["elig-lang-english"] == "level not stated; you have English C1"
    assert reasons("junior", OPSYS, seeds)["elig-lang-french"] == "level not stated; you have French A2"
    assert reasons("english_c1_german_b2", OPSYS, seeds)["elig-lang-french"] == "French required; not among your languages"


def test_experience_reasons(seeds) -> None:
    assert reasons("example", CNECT, seeds)["elig-experience"] == "6 years required, you have 7"
    assert reasons("junior", OPSYS, seeds)["elig-experience"] == "2 years required, you have 1"
    assert reasons("empty", CNECT, seeds)["elig-experience"] == (
        "6 years required; your years of experience are not in your profile")
    assert reasons("non_eu_secondary", OPSYS, seeds)["elig-experience"] == "2 years required, you have at least 3"


def test_education_reasons(seeds) -> None:
    assert reasons("example", CNECT, seeds)["elig-education"] == (
        "university degree (3+ years) required: your master (EQF 7, 5 years) ✓")
    assert reasons("junior", CNECT, seeds)["elig-education"] == (
        "university degree (3+ years) required: your bachelor (EQF 6, 3 years) ✓")
    assert reasons("junior", OPSYS, seeds)["elig-education"] == (
        "EQF level 7 (master) required, you have bachelor (EQF 6, 3 years)")
    # twelve years of school are no university studies
    assert reasons("non_eu_secondary", CNECT, seeds)["elig-education"] == (
        "university degree (3+ years) required, you have secondary (EQF 4, 12 years)")


def test_citizenship_and_work_permit_reasons(seeds) -> None:
    assert reasons("example", CNECT, seeds)["elig-citizenship"] == "EU citizen (Belgium) ✓"
    assert reasons("non_eu_with_belgian_permit", OPSYS, seeds)["elig-citizenship"] == "work permit for Belgium ✓"
    assert reasons("non_eu_with_belgian_permit", CNECT, seeds)["elig-citizenship"] == (
        "EU citizenship required: you are a citizen of Canada")
    assert reasons("non_eu_secondary", OPSYS, seeds)["elig-citizenship"] == (
        "EU citizenship or a work permit for Belgium required: you are a citizen of Norway")
    assert reasons("empty", OPSYS, seeds)["elig-citizenship"] == "No citizenship in your profile"


def test_cast_reasons(seeds) -> None:
    assert reasons("example", CNECT, seeds)["elig-cast"] == "CAST FG IV passed 02/10/2025 ✓"
    assert reasons("english_c1_german_b2", CNECT, seeds)["elig-cast"] == "You passed CAST FG III; this post is FG IV"
    assert reasons("junior", DIGIT, seeds)["elig-cast"] == (
        "No CAST result in your profile: register in EPSO CAST (FG IV) before you apply")


def test_what_only_the_person_knows_is_to_confirm(seeds) -> None:
    said = reasons("example", CNECT, seeds)
    assert said["elig-physical-fitness"] == (
        "Only you can confirm: physically fit for the duties (tick it, or declare it in your profile)")
    assert said["elig-military-service"].startswith("Only you can confirm: military service obligations fulfilled")
    assert said["elig-character-references"].startswith("Only you can confirm: character references")


# ---------------------------------------------------------------- start date, ticks, fit

def test_the_start_date_is_flagged_when_it_is_before_the_candidate_is_available(seeds) -> None:
    pmco = seeds[PMCO]  # starts 1 March 2026
    late = replace(profile("example"), available_from=date(2026, 4, 1))
    assert verdicts(late, pmco, TODAY)["start-date"] == Verdict(
        "does_not_meet", "Starts 01/03/2026, you are available from 01/04/2026")
    assert fit(late, pmco, TODAY) == Fit("not eligible", fails=1, to_confirm=0)
    for available in (date(2026, 3, 1), date(2026, 2, 1), None):  # on the day, before, or not said
        assert "start-date" not in verdicts(replace(late, available_from=available), pmco, TODAY)
    assert "start-date" not in verdicts(late, seeds[OPSYS], TODAY)  # the posting states no start date


def test_a_manual_tick_overrides_a_failing_verdict(store) -> None:
    [outcome] = import_paths(store, [str(POSTINGS / CNECT)])
    someone = profile("english_c1_french_b1")
    assert fit(someone, store.get(outcome.vacancy_id), TODAY) == Fit("not eligible", fails=2, to_confirm=4)
    store.tick(outcome.vacancy_id, "elig-lang-french")  # they know their French is good enough
    vacancy = store.get(outcome.vacancy_id)
    assert verdicts(someone, vacancy, TODAY)["elig-lang-french"].verdict == "does_not_meet"  # the verdict stays
    assert fit(someone, vacancy, TODAY).text == "not eligible: 1 rule not met"
    for item_id in ("elig-experience", "elig-military-service", "elig-physical-fitness",
                    "elig-character-references", "elig-cast"):
        store.tick(outcome.vacancy_id, item_id)
    done = fit(someone, store.get(outcome.vacancy_id), TODAY)
    assert done == Fit("eligible") and done.text == "eligible" and done.eligible


@pytest.mark.parametrize(("state", "fails", "to_confirm", "text", "short", "eligible", "possible"), [
    ("eligible", 0, 0, "eligible", "eligible", True, True),
    ("to confirm", 0, 3, "eligible, 3 to confirm", "3 to confirm", False, True),
    ("not eligible", 1, 0, "not eligible: 1 rule not met", "1 not met", False, False),
    ("not eligible", 2, 5, "not eligible: 2 rules not met", "2 not met", False, False),
    ("not checked", 0, 0, "not checked", "not checked", False, False),
])
def test_fit_texts_say_the_state(state, fails, to_confirm, text, short, eligible, possible) -> None:
    result = Fit(state, fails, to_confirm)
    assert (result.text, result.short, result.eligible, result.possible) == (text, short, eligible, possible)


# ---------------------------------------------------------------- items in other words

def _vacancy(items: list[tuple[str, str]], **fields) -> Vacancy:
    posting = Posting(title="Officer", checklist=[ChecklistItem(i, "eligibility", t) for i, t in items], **fields)
    return Vacancy("v1", posting, Source(None, "a" * 64, "text", "2026-11-27T09:00:00+00:00"))


def _one(profile_data: dict, item_id: str, text: str, **fields) -> Verdict:
    return verdicts(Profile.from_json(profile_data), _vacancy([(item_id, text)], **fields), TODAY)[item_id]


def test_alternative_languages_are_met_by_either() -> None:
    fields = {"languages": [Language("English or French", "B2")]}
    item = ("elig-lang-english-or-french", "English or French at B2")
    assert _one({"languages": [{"language": "French", "level": "C1"}]}, *item, **fields) == Verdict(
        "meets", "English or French at B2: your French C1 ✓")
    assert _one({"languages": [{"language": "English", "level": "B1"}]}, *item, **fields) == Verdict(
        "does_not_meet", "English or French at B2: English B1, B2 required")
    assert _one({"languages": [{"language": "German", "level": "C2"}]}, *item, **fields) == Verdict(
        "does_not_meet", "English or French at B2: none of your languages is English or French")


def test_language_items_are_read_from_their_text_when_the_posting_lists_none() -> None:
    assert _one({"languages": [{"language": "Spanish", "level": "B1"}]}, "elig-lang-spanish", "Spanish at B2") == Verdict(
        "does_not_meet", "Spanish B1, B2 required")


def test_eea_citizens_meet_an_item_that_names_the_eea() -> None:
    text = "National of a Member State of the EU or of the EEA (Iceland, Liechtenstein, Norway)"
    assert _one({"citizenships": ["Norway"]}, "elig-citizenship", text) == Verdict("meets", "EU/EEA citizen (Norway) ✓")


def test_a_permit_for_another_country_does_not_count() -> None:
    text = "Belgian work permit or EU citizenship"
    assert _one({"citizenships": ["Canada"], "work_permits": ["France"]}, "elig-citizenship", text).verdict == "does_not_meet"
    assert _one({"work_permits": ["Belgium"]}, "elig-citizenship", text).verdict == "meets"


def test_a_higher_cast_group_is_to_check_and_no_group_stated_accepts_any() -> None:
    higher = {"epso_cast": [{"function_group": "FG IV"}]}
    assert _one(higher, "elig-cast", "Registered in EPSO CAST (FG III)") == Verdict(
        "check", "You passed CAST FG IV; this post is FG III: check it counts")
    assert _one(higher, "elig-cast", "Registered in EPSO CAST").verdict == "meets"


def test_experience_and_education_from_the_item_text_when_the_fields_are_empty() -> None:
    assert _one({"experience_years": 2}, "elig-experience", "At least 3 years of professional experience") == Verdict(
        "does_not_meet", "3 years required, you have 2")
    assert _one({"education": [{"level": "master"}]}, "elig-education",
                "A level of education corresponding to a master's degree").verdict == "meets"


def test_unrecognised_items_are_to_check_with_their_own_words() -> None:
    assert _one({"citizenships": ["Belgium"]}, "elig-3f9a1c", "Hold a valid driving licence") == Verdict(
        "check", "Check yourself: hold a valid driving licence")
