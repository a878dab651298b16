"""Eligibility that tells the truth: four fit states, confirmations, the EU's own rules judged at the deadline, and
`list --eligible` / the dashboard's F listing open postings one is eligible to. The postings are written here."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from textual.app import App, ComposeResult

from eujobs.store.eligibility.profile import Profile, set_field
from eujobs.store.eligibility.rules import fit, fit_of, verdicts
from eujobs.store.eligibility.verdict import GRADE_RULES, NOT_CHECKED_REASON
from eujobs.store.ingest.importer import import_paths
from eujobs.store.listing.search import Finder
from eujobs.store.model import ChecklistItem, Language, Posting, Source, Vacancy
from eujobs.store.parse.posting import parse
from eujobs.store.persistence.db import Store
from eujobs.tui.cli import main
from eujobs.tui.dashboard import Dashboard
from eujobs.tui.widgets.detail import detail_lines
from eujobs.tui.widgets.vacancy_list import VacancyList

TODAY = date(2026, 11, 27)

EPSO_AD5 = """NOTICE OF OPEN COMPETITION

EPSO/AD/999/26 – ADMINISTRATORS (AD 5) IN EUROPEAN PUBLIC ADMINISTRATION

Deadline for applications: 3 March 2027 at 12:00 (midday) Brussels time

1. GRADE

AD 5

2. AM I ELIGIBLE?

You must meet all the following conditions on the closing date for applications.

General conditions

- Be a citizen of a Member State of the European Union
- Have fulfilled any obligations under national laws on military service
- Meet the character requirements for the duties concerned

Specific conditions – languages

Language 1: minimum level C1 in one of the 24 official languages of the EU
Language 2: minimum level B2 in English, French or German; must be different from language 1

Specific conditions – qualifications

- A level of education which corresponds to completed university studies of at least 3 years attested by a diploma
- Professional experience: none required
"""

# An agency's senior post whose notice is a link to a PDF: the page states a grade and nothing to check.
AGENCY_AD12 = """VACANCY NOTICE
Head of the Digital Services Unit (AD 12)
European Agency for Example Affairs
Reference: EAEA/TA/2027/01
Deadline for applications: 15 January 2027

The full vacancy notice, with the eligibility and selection criteria, is in the attached PDF.
"""

COMBINED = """VACANCY NOTICE – SENIOR ADVISER (AD 9)
Reference: AGENCY/TA/2027/05
Deadline for applications: 31 March 2027

Eligibility criteria

- Be a national of a Member State of the European Union
- A 3-year degree and 7 years of professional experience, or a 4-year degree and 6 years of professional experience
"""

DOCTORATE = """VACANCY NOTICE – SCIENTIFIC OFFICER (AD 8)
Reference: AGENCY/TA/2027/07
Deadline for applications: 30 April 2027

Eligibility criteria

- Be a national of a Member State of the European Union
- A level of education which corresponds to completed university studies of at least 4 years attested by a diploma
- At least 9 years of professional experience after the diploma

A completed doctorate may be counted as professional experience, up to a maximum of 3 years.
"""

CAST_FG2 = """CALL FOR EXPRESSION OF INTEREST – ADMINISTRATIVE ASSISTANT (FG II)
Reference: EC/2027/CAST/12
Deadline for applications: 10 February 2027

Eligibility criteria

- Be a citizen of a Member State of the EU
- Be registered in EPSO CAST for function group II
"""


def vacancy_of(text: str, vacancy_id: str = "v1") -> Vacancy:
    source = Source(None, vacancy_id.rjust(64, "0"), "text", "2026-11-27T09:00:00+00:00")
    return Vacancy(vacancy_id, parse(text), source)


def profile_of(*assignments: str) -> Profile:
    profile = Profile()
    for assignment in assignments:
        profile = set_field(profile, assignment, TODAY)
    return profile


def said(profile: Profile, vacancy: Vacancy) -> dict[str, tuple[str, str]]:
    return {key: (v.verdict, v.reason) for key, v in verdicts(profile, vacancy, TODAY).items()}


ISSUE_PROFILE = ("citizenships=Germany", "languages=German C2, English C1", "education=bachelor 6 3 Economics")
SAME_LANGUAGE = ("citizenships=Germany", "languages=German C2, French B1, English A2",
                 "education=bachelor 6 3 Economics")


# ---------------------------------------------------------------- the four states

def test_the_profile_of_the_issue_is_eligible_to_the_epso_ad5_competition_once_it_confirms_two_items() -> None:
    vacancy = vacancy_of(EPSO_AD5)
    found = said(profile_of(*ISSUE_PROFILE), vacancy)
    assert found["elig-lang-any-eu-official-language"] == (
        "meets", "Language 1 (any EU language at C1): your German C2 ✓")
    assert found["elig-lang-english-french-or-german"] == (
        "meets", "Language 2 (English, French or German at B2): your English C1 ✓")
    assert {verdict for verdict, _ in found.values()} == {"meets", "check"}
    result = fit(profile_of(*ISSUE_PROFILE), vacancy, TODAY)
    assert (result.state, result.text, result.possible) == ("to confirm", "eligible, 2 to confirm", True)


def test_language_2_must_be_another_language_than_language_1() -> None:
    vacancy = vacancy_of(EPSO_AD5)
    found = said(profile_of(*SAME_LANGUAGE), vacancy)
    assert found["elig-lang-any-eu-official-language"][0] == "meets"
    assert found["elig-lang-english-french-or-german"] == (
        "does_not_meet", "Language 2 (English, French or German at B2), another language: German C2 is your "
                         "language 1; French B1, English A2, B2 required")
    # German alone served as language 2 before; it cannot be both
    alone = said(profile_of("languages=German C2"), vacancy)["elig-lang-english-french-or-german"]
    assert alone == ("does_not_meet", "Language 2 (English, French or German at B2), another language: German C2 is "
                                      "your language 1, and you have no other of these languages")
    assert fit(profile_of(*SAME_LANGUAGE), vacancy, TODAY).text == "not eligible: 1 rule not met"


def test_the_languages_allowed_for_language_2_are_those_the_notice_states() -> None:
    epso = vacancy_of(EPSO_AD5)  # language 2 in English, French or German
    polish = profile_of("languages=Polish C2, Czech C1")
    assert said(polish, epso)["elig-lang-english-french-or-german"] == (
        "does_not_meet", "Language 2 (English, French or German at B2): none of your languages is English, French or "
                         "German")
    # Polish may be language 1 so that German is language 2: the languages are solved together
    assert said(profile_of("languages=German C2, Polish C1"), epso)["elig-lang-english-french-or-german"] == (
        "meets", "Language 2 (English, French or German at B2): your German C2 ✓")
    any_second = replace(epso, posting=replace(epso.posting, languages=[
        Language("any EU official language", "C1"), Language("a second EU official language", "B2")]),
        id="v2")
    items = [ChecklistItem("elig-lang-any-eu-official-language", "eligibility", "Any EU official language at C1"),
             ChecklistItem("elig-lang-a-second-eu-official-language", "eligibility",
                           "A second EU official language at B2")]
    any_second = replace(any_second, posting=replace(any_second.posting, checklist=items))
    assert said(polish, any_second)["elig-lang-a-second-eu-official-language"] == (
        "meets", "Language 2 (another EU language at B2): your Czech C1 ✓")  # any of the 24


def test_each_language_is_judged_at_its_own_level() -> None:
    vacancy = vacancy_of(EPSO_AD5)
    low_first = said(profile_of("languages=German B2, English C1"), vacancy)
    # English C1 is language 1, and German B2 is no language 2 of this notice's choice... but German is: B2 is enough
    assert low_first["elig-lang-any-eu-official-language"] == (
        "meets", "Language 1 (any EU language at C1): your English C1 ✓")
    assert low_first["elig-lang-english-french-or-german"] == (
        "meets", "Language 2 (English, French or German at B2): your German B2 ✓")
    too_low = said(profile_of("languages=German B2, English B2"), vacancy)
    assert too_low["elig-lang-any-eu-official-language"] == (
        "does_not_meet", "Language 1 (any EU language at C1): German B2, English B2, C1 required")


def test_a_posting_with_no_eligibility_rule_is_not_checked_never_eligible() -> None:
    someone = profile_of(*ISSUE_PROFILE, "education=master 7 5 Law")
    by_hand = Vacancy("v9", Posting(title="Desk officer", deadline=date(2027, 1, 31)),
                      Source(None, "9" * 64, "text", "2026-11-27T09:00:00+00:00"))
    for vacancy in (by_hand, vacancy_of(AGENCY_AD12)):
        result = fit(someone, vacancy, TODAY)
        assert (result.state, result.text, result.eligible, result.possible) == (
            "not checked", "not checked", False, False)
    # The AD 12 post's grade brings its entry rules: met here, which makes it no more than 'not checked'...
    assert said(someone, vacancy_of(AGENCY_AD12))[GRADE_RULES] == (
        "meets", "AD 12 (Staff Regulations, Art. 5): university degree (4+ years) required: your master "
                 "(EQF 7, 5 years) ✓")
    # ...and failed, the post is not eligible however little else was read.
    newcomer = profile_of(*ISSUE_PROFILE, "experience_years=0")
    assert said(newcomer, vacancy_of(AGENCY_AD12))[GRADE_RULES] == (
        "does_not_meet", "AD 12 (Staff Regulations, Art. 5): university degree (4+ years) or university degree "
                         "(3+ years) and 1 year of experience required: your bachelor (EQF 6, 3 years), but 0 years "
                         "of experience")
    assert fit(newcomer, vacancy_of(AGENCY_AD12), TODAY).state == "not eligible"


# ---------------------------------------------------------------- confirmations

def test_a_standing_declaration_confirms_for_every_posting_and_a_tick_for_one() -> None:
    vacancy = vacancy_of(EPSO_AD5)
    declared = profile_of(*ISSUE_PROFILE, "declarations=military service, character references")
    assert said(declared, vacancy)["elig-military-service"] == (
        "meets", "declared in your profile: military service obligations fulfilled ✓")
    assert fit(declared, vacancy, TODAY).text == "eligible"
    undeclared = profile_of(*ISSUE_PROFILE)
    assert said(undeclared, vacancy)["elig-character-references"] == (
        "check", "Only you can confirm: character references (good character) (tick it, or declare it in your "
                 "profile)")
    ticked = replace(vacancy, ticks={"elig-military-service": True, "elig-character-references": True})
    assert fit(undeclared, ticked, TODAY).text == "eligible"  # confirmed for this posting only
    assert fit(undeclared, vacancy, TODAY).text == "eligible, 2 to confirm"


def test_none_required_is_met_not_a_question() -> None:
    vacancy = vacancy_of(EPSO_AD5)
    item = next(item for item in vacancy.checklist if "none required" in item.text)
    assert said(profile_of(*ISSUE_PROFILE), vacancy)[item.id] == ("meets", "none required ✓")
    as_field = Vacancy("v3", Posting(title="Trainee", min_experience_years=0, checklist=[
        ChecklistItem("elig-experience", "eligibility", "No professional experience is required")]),
        Source(None, "3" * 64, "text", "2026-11-27T09:00:00+00:00"))
    assert said(Profile(), as_field)["elig-experience"] == ("meets", "no professional experience required ✓")


def test_conflict_of_interest_and_full_rights_are_declarations_too() -> None:
    items = [ChecklistItem("elig-citizenship", "eligibility", "Be a citizen of a Member State of the EU"),
             ChecklistItem("elig-citizenship-2", "eligibility", "Enjoy full rights as a citizen"),
             ChecklistItem("elig-4f2a9c", "eligibility", "Have no conflict of interest with the duties")]
    vacancy = Vacancy("v4", Posting(title="Officer", checklist=items), Source(None, "4" * 64, "text", "x"))
    found = said(profile_of("citizenships=Malta", "declarations=full rights, no conflict of interest"), vacancy)
    assert found == {"elig-citizenship": ("meets", "EU citizen (Malta) ✓"),
                     "elig-citizenship-2": ("meets", "declared in your profile: full rights as a citizen ✓"),
                     "elig-4f2a9c": ("meets", "declared in your profile: no conflict of interest ✓")}


# ---------------------------------------------------------------- experience and education, at the deadline

def test_experience_counts_from_the_qualifying_diploma() -> None:
    vacancy = vacancy_of(DOCTORATE)  # 9 years after a 4-year degree, deadline 30/04/2027
    recent = profile_of("education=master 7 5 30/06/2019", "experience_years=11")
    assert said(recent, vacancy)["elig-experience"] == (
        "does_not_meet", "9 years required, you have 7.8 (counted from your diploma of 30/06/2019)")
    older = profile_of("education=master 7 5 30/06/2014", "experience_years=11")
    assert said(older, vacancy)["elig-experience"] == ("meets", "9 years required, you have 11")


def test_part_time_years_count_pro_rata() -> None:
    vacancy = vacancy_of(DOCTORATE)
    someone = profile_of("education=master 7 5", "experience_years=10", "part_time=4 years at 50%")
    assert said(someone, vacancy)["elig-experience"] == (
        "does_not_meet", "9 years required, you have 8 (4 part-time years at 50%)")
    assert said(replace(someone, part_time=None), vacancy)["elig-experience"][0] == "meets"


def test_a_doctorate_counts_up_to_3_years_where_the_notice_says_so() -> None:
    vacancy = vacancy_of(DOCTORATE)
    assert vacancy.posting.checklist[2].text.endswith("(a completed doctorate counts as up to 3 years)")
    doctor = profile_of("education=master 7 5 30/06/2012; doctorate 8 4 30/06/2016", "experience_years=7")
    assert said(doctor, vacancy)["elig-experience"] == (
        "meets", "9 years required, you have 10 (your doctorate counts as 3 years)")
    silent = replace(vacancy, posting=replace(vacancy.posting, checklist=[
        replace(item, text=item.text.split(" (a completed")[0]) for item in vacancy.posting.checklist]))
    assert said(doctor, silent)["elig-experience"] == ("does_not_meet", "9 years required, you have 7")


def test_degree_and_experience_combinations_one_way_is_enough() -> None:
    vacancy = vacancy_of(COMBINED)
    [education] = [item for item in vacancy.checklist if item.id == "elig-education"]
    three_year = profile_of("education=bachelor 6 3", "experience_years=6.5")
    assert said(three_year, vacancy)[education.id] == (
        "does_not_meet", "university degree (3+ years) and 7 years of experience or university degree (4+ years) "
                         "and 6 years of experience required: your bachelor (EQF 6, 3 years), but 6.5 years of "
                         "experience")
    four_year = profile_of("education=bachelor 6 4", "experience_years=6")
    assert said(four_year, vacancy)[education.id] == (
        "meets", "university degree (4+ years) and 6 years of experience required: your bachelor (EQF 6, 4 years) "
                 "and 6 years of experience ✓")
    assert said(profile_of("education=bachelor 6 3", "experience_years=7"), vacancy)[education.id][0] == "meets"


def test_experience_and_availability_are_projected_to_the_deadline_not_today() -> None:
    vacancy = vacancy_of(DOCTORATE)  # deadline 30/04/2027, five months after TODAY
    working = profile_of("education=master 7 5", "experience_years=8.7", "in_work=yes")
    assert said(working, vacancy)["elig-experience"] == (
        "meets", "9 years required, you have 9.1 (counting your work to 30/04/2027)")
    assert said(replace(working, in_work=False), vacancy)["elig-experience"] == (
        "does_not_meet", "9 years required, you have 8.7")
    # A degree awarded after the deadline does not count on the deadline.
    late = profile_of("education=master 7 5 30/06/2027")
    assert said(late, vacancy)["elig-education"] == (
        "does_not_meet", "university degree (4+ years) required; your master is awarded 30/06/2027, after 30/04/2027")
    # The same rules on a posting with no deadline are judged today.
    open_ended = replace(vacancy, posting=replace(vacancy.posting, deadline=None))
    assert said(working, open_ended)["elig-experience"] == ("does_not_meet", "9 years required, you have 8.7")


def test_the_grade_brings_its_entry_rules_when_the_posting_states_none() -> None:
    cast = vacancy_of(CAST_FG2)  # FG II: post-secondary, or secondary and 3 years of experience
    assert said(profile_of("education=secondary 4 12", "experience_years=4"), cast)[GRADE_RULES] == (
        "meets", "FG II (CEOS, Art. 82): secondary education (EQF level 4) and 3 years of experience required: your "
                 "secondary (EQF 4, 12 years) and 4 years of experience ✓")
    assert said(profile_of("education=secondary 4 12", "experience_years=2"), cast)[GRADE_RULES][0] == "does_not_meet"
    assert said(profile_of("education=bachelor 6 3"), cast)[GRADE_RULES][0] == "meets"
    ad7 = Vacancy("v7", Posting(title="Administrator", grade="AD 7", checklist=[
        ChecklistItem("elig-citizenship", "eligibility", "Be a citizen of a Member State of the EU")]),
        Source(None, "7" * 64, "text", "x"))
    three_year = profile_of("citizenships=Spain", "education=bachelor 6 3", "experience_years=2")
    assert said(three_year, ad7)[GRADE_RULES] == (
        "meets", "AD 7 (Staff Regulations, Art. 5): university degree (3+ years) and 1 year of experience required: "
                 "your bachelor (EQF 6, 3 years) and 2 years of experience ✓")
    assert fit(three_year, ad7, TODAY).text == "eligible"
    assert fit(replace(three_year, experience_years=0.5), ad7, TODAY).text == "not eligible: 1 rule not met"
    # A posting that states its own education rule keeps it: no grade rule beside it.
    assert GRADE_RULES not in verdicts(three_year, vacancy_of(EPSO_AD5), TODAY)


def test_reasons_are_in_words_a_person_reads() -> None:
    vacancy = vacancy_of("""VACANCY NOTICE – TRANSLATOR
Deadline for applications: 1 February 2027

The translator turns the agency's reports and press releases into English.

Eligibility criteria

- Thorough knowledge of English (C1) and satisfactory knowledge of French (B2)
""")
    assert said(profile_of("languages=English C2, French B1"), vacancy)["elig-lang-french"] == (
        "does_not_meet", "French B1, B2 required")


# ---------------------------------------------------------------- list --eligible and the dashboard's F

NOW = "2026-11-27T09:00:00+00:00"


@pytest.fixture
def cli(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("EUJOBS_NOW", NOW)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    store = str(tmp_path / "s")

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(["--store", store, *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_list_eligible_lists_the_epso_ad5_competition_with_its_count_to_confirm(cli, tmp_path) -> None:
    cli("import", write(tmp_path, "ad5.txt", EPSO_AD5), write(tmp_path, "ad12.txt", AGENCY_AD12))
    cli("profile", "set", *ISSUE_PROFILE)
    code, out, _ = cli("list", "--eligible")
    assert code == 0 and len(out.splitlines()) == 2  # the header and the competition; the AD 12 post is not checked
    assert "2 to confirm" in out and "EPSO/AD/999/26" in out and "EAEA" not in out
    [record] = json.loads(cli("list", "--eligible", "--json")[1])
    assert record["fit"] == {"state": "to confirm", "text": "eligible, 2 to confirm", "fails": 0, "to_confirm": 2}
    everything = cli("list")[1]
    assert "not checked" in everything and "FIT" in everything.splitlines()[0]
    shown = cli("show", "EAEA/TA/2027/01")[1]
    assert f"Fit:         not checked: {NOT_CHECKED_REASON}\n" in shown
    assert "Entry rules of the grade: AD 12 (Staff Regulations, Art. 5)" in shown


def test_with_language_2_the_same_as_language_1_it_is_not_listed_and_show_says_why(cli, tmp_path) -> None:
    cli("import", write(tmp_path, "ad5.txt", EPSO_AD5))
    cli("profile", "set", *SAME_LANGUAGE)
    code, out, _ = cli("list", "--eligible")
    assert code == 0 and out.startswith("No open posting you are eligible to")
    shown = cli("show", "EPSO/AD/999/26")[1]
    assert "✗ English, French or German at B2  (elig-lang-english-french-or-german)\n        Language 2 (" in shown


def test_a_closed_posting_needs_include_closed(cli, tmp_path, monkeypatch) -> None:
    cli("import", write(tmp_path, "ad5.txt", EPSO_AD5))
    cli("profile", "set", *ISSUE_PROFILE)
    monkeypatch.setenv("EUJOBS_NOW", "2027-03-04T09:00:00+00:00")  # the day after its deadline
    code, out, _ = cli("list", "--eligible")
    assert code == 0 and out == ("No open posting you are eligible to (eujobs list shows them all, with how you fit "
                                 "each).\n1 closed posting you were eligible to left out (--include-closed lists "
                                 "them).\n")
    code, out, _ = cli("list", "--eligible", "--include-closed")
    assert code == 0 and "EPSO/AD/999/26" in out and "closed" in out.splitlines()[1]


def test_the_dashboards_f_keeps_open_postings_one_is_or_may_be_eligible_to(tmp_path) -> None:
    clock = lambda: datetime(2026, 11, 27, 9, tzinfo=timezone.utc)  # noqa: E731
    store = Store.open(tmp_path / "s", clock)
    for name, text in (("ad5.txt", EPSO_AD5), ("ad12.txt", AGENCY_AD12), ("fg2.txt", CAST_FG2),
                       ("closed.txt", EPSO_AD5.replace("3 March 2027", "3 March 2026").replace("999", "998"))):
        import_paths(store, [write(tmp_path, name, text)])
    store.save_profile(profile_of(*ISSUE_PROFILE))
    model = Dashboard(store)
    model.take(model.read())
    model.set_filter(**model.only_eligible_toggled()[0])
    listing = model.list_with(model.finder())
    # (the AD 12 post is not checked, the other competition closed; the CAST call asks to confirm the registration)
    assert [(v.posting.reference, listing.fits[v.id]) for v in listing.shown] == [
        ("EC/2027/CAST/12", "eligible, 1 to confirm"), ("EPSO/AD/999/26", "eligible, 2 to confirm")]
    assert model.filter_said(len(listing.shown), 4) == "2 of 4 · eligible · by deadline"


# ---------------------------------------------------------------- the FIT column and the detail pane

FOUR = {  # title -> a short notice; with PERSON, the four states in this order
    "Policy officer": """VACANCY NOTICE
Job title: Policy officer (AD 6)
Agency: European Agency for Road Safety (EARS)
Reference: EARS/TA/2026/04
Deadline for applications: 20 March 2026, 23:59 Brussels time

Eligibility criteria

- Be a national of a Member State of the European Union
- Completed university studies of at least 3 years attested by a diploma
- At least 3 years of professional experience after the diploma
- Thorough knowledge of English (C1) and satisfactory knowledge of French (B2)
- Be physically fit to perform the duties
""",
    "Data analyst": """CALL FOR EXPRESSIONS OF INTEREST
Job title: Data analyst (FG IV)
Institution: European Commission
Reference: EC/2026/EX/77
Deadline for applications: 2 April 2026, 12:00 Brussels time

Eligibility criteria

- Be a citizen of a Member State of the EU
- Have fulfilled any obligations imposed by applicable laws concerning military service
- Completed university studies of at least three years attested by a diploma
- Thorough knowledge of one of the official languages of the EU (C1) and satisfactory knowledge of another
official language of the EU (B2)
""",
    "Communication trainee": """TRAINEESHIP NOTICE
Job title: Communication trainee
Institution: European Ombudsman
Reference: EO/TR/2026/2
Deadline for applications: 15 April 2026

Eligibility criteria

- Be a national of a Member State of the European Union
- Hold a bachelor's degree
- Very good knowledge of English (C1)
""",
    "Communication assistant": """EXPRESSION OF INTEREST
Job title: Communication assistant
Organisation: European School Network
Reference: ESN/2026/09
Deadline for applications: 30 April 2026

The network looks for an assistant to help with its newsletter and events.
Send a CV and a short letter to jobs@example.eu.
""",
}
PERSON = ("citizenships=Belgium", "languages=Dutch C2, English C1, French B1",
          "education=master 7 5 30/06/2018 Political Science", "experience_years=5")
SHOWN = ["✗ 1  ", "✓ ?1 ", "✓ ok ", "?    "]  # not eligible, eligible with 1 to confirm, eligible, not checked


def import_four(store: Store, folder: Path) -> None:
    for number, text in enumerate(FOUR.values()):
        import_paths(store, [write(folder, f"four-{number}.txt", text)])


class ListHost(App):
    def __init__(self, finder: Finder) -> None:
        super().__init__()
        self.finder = finder

    def compose(self) -> ComposeResult:
        yield VacancyList()

    def on_mount(self) -> None:
        found = self.query_one(VacancyList)
        found.now = self.finder.now
        found.fits = self.finder.fit_texts
        found.vacancies = self.finder.ordered("deadline")
        found.measure_over(found.vacancies)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_fit_column_shows_the_four_states(tmp_path, size) -> None:
    now = datetime(2026, 3, 10, 9, tzinfo=timezone.utc)
    store = Store.open(tmp_path / "s", lambda: now)
    import_four(store, tmp_path)
    finder = Finder(store.vacancies(), now, profile_of(*PERSON))
    app = ListHost(finder)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        widget = app.query_one(VacancyList)
        lines = [widget.render_line(y).text for y in range(1, 5)]
        fit = widget.render_line(0).text.index("FIT")
        cells = {title: line[fit:fit + 5] for line in lines for title in FOUR if title in line}
        assert [cells[title] for title in FOUR] == SHOWN


async def test_the_detail_pane_groups_the_verdicts_as_fails_to_confirm_met(tmp_path) -> None:
    now = datetime(2026, 3, 10, 9, tzinfo=timezone.utc)
    store = Store.open(tmp_path / "s", lambda: now)
    import_four(store, tmp_path)
    person = profile_of(*PERSON)
    by_title = {title: next(v for v in store.vacancies() if title.lower() in v.posting.title.lower()) for title in FOUR}

    def pane(title: str) -> list[str]:
        vacancy = by_title[title]
        found = verdicts(person, vacancy, now.date())
        return [line.plain.rstrip() for line in detail_lines(vacancy, 100, now, [], found, fit_of(vacancy, found))]

    policy = pane("Policy officer")
    start = policy.index("Fit         ✗ not eligible: 1 rule not met")
    groups = [line[:12].strip() for line in policy[start + 1:] if line[:12].strip()]
    assert groups == ["Fails", "To confirm", "Met"]
    assert policy[start + 1] == "Fails       ✗ French at B2 · French B1, B2 required"
    assert policy[start + 2].startswith("To confirm  ? Be physically fit to perform the duties · Only you can confirm")
    met = next(y for y, line in enumerate(policy) if line.startswith("Met"))
    # (an item's words are cut to leave the line to the reason)
    assert policy[met] == "Met         ✓ Be a national of a Member State of the European… · EU citizen (Belgium) ✓"
    assert [line[14:27] for line in policy[met:] if line[12:14] == "✓ "] == [
        "Be a national", "Completed uni", "At least 3 ye", "English at C1"]
    assert "Fit         ✓ eligible, 1 to confirm" in pane("Data analyst")
    assert "Fit         ✓ eligible" in pane("Communication trainee")
    assert f"Fit         ? not checked: {NOT_CHECKED_REASON}" in pane("Communication assistant")
    assert not [line for line in detail_lines(by_title["Policy officer"], 100, now, []) if "Fit" in line.plain]


async def test_the_dashboard_shows_the_four_states_in_the_list_and_the_details_and_f_keeps_two(tmp_path) -> None:
    from eujobs.tui.app import EujobsApp
    from eujobs.tui.widgets.detail import DetailPane

    from .test_app import press, settle

    store = Store.open(tmp_path / "s", lambda: datetime(2026, 3, 10, 9, tzinfo=timezone.utc))
    import_four(store, tmp_path)
    store.save_profile(profile_of(*PERSON))
    app = EujobsApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        rows = app.screen.query_one(VacancyList)
        fit = rows.render_line(0).text.index("FIT")
        assert [rows.render_line(y).text[fit:fit + 5] for y in range(1, 5)] == SHOWN  # soonest deadline first
        states = []
        for _ in FOUR:
            lines = [line.plain for line in app.screen.query_one(DetailPane).lines()]
            states.append(next(line for line in lines if line.startswith("Fit ")))
            await press(pilot, "down")
        assert states[:3] == ["Fit         ✗ not eligible: 1 rule not met", "Fit         ✓ eligible, 1 to confirm",
                              "Fit         ✓ eligible"]
        assert states[3].startswith("Fit         ? not checked: no eligibility rules read")  # (wrapped)
        await press(pilot, "F")
        assert [v.posting.title for v in app.screen.model.listing.shown] == ["Data analyst (FG IV)",
                                                                             "Communication trainee"]
        assert rows.border_title == "1 Vacancies · 2 of 4 · eligible · by deadline"
    app.saver.close()


async def test_the_profile_form_sets_the_new_fields_and_counts_changed_years_on_the_day() -> None:
    from eujobs.tui.screens.profile import ProfileForm

    from .test_profile_ui import retype

    class Host(App):
        def __init__(self) -> None:
            super().__init__()
            self.results: list[Profile | None] = []

        def on_mount(self) -> None:
            self.push_screen(ProfileForm(profile_of("experience_years=3"), date(2027, 1, 5)), self.results.append)

    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await retype(pilot, "experience_years", "4")
        await retype(pilot, "in_work", "yes")
        await retype(pilot, "part_time", "1 year at 60%")
        await retype(pilot, "declarations", "military service, no conflict of interest")
        await retype(pilot, "education", "master 7 5 30/06/2019 Law")
        await pilot.press("ctrl+s")
        await pilot.pause()
    [saved] = app.results
    assert (saved.experience_years, saved.experience_on, saved.in_work) == (4, date(2027, 1, 5), True)
    assert (saved.part_time.years, saved.part_time.percent) == (1, 60)
    assert saved.declarations == ["military_service", "no_conflict_of_interest"]
    assert saved.education[0].awarded == date(2019, 6, 30)
