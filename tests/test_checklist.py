"""The checklist: the right items in the right groups, with ids that survive a re-import."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from eujobs.store.model import HowToApply, Language, Posting
from eujobs.store.parse.checklist import build_checklist

CALL = """WE ARE

DG TEST supports the digital transformation of our economy.

WE LOOK FOR

We are looking for a motivated officer with the following profile:

- University degree and at least 5 years of relevant professional experience in data management.
- Strong drafting and communication skills;
- Ability to work in a team.

HOW TO EXPRESS YOUR INTEREST?

1. If you are not registered yet in the open EPSO database, please do so: CAST Permanent.
2. You should send your documents in a single pdf in the following order:
  1. your CV
  2. completed application form.

Please send these documents to TEST-A1@ec.europa.eu indicating the reference EC/2026/TEST/1 in the subject.

General criteria:

- Are a citizen of a Member State of the EU and enjoy full rights as a citizen;
- Have fulfilled any obligations imposed by applicable laws concerning military service;
- Are physically fit to perform the duties linked to the position;
- Produce the appropriate character references as to suitability for the performance of the duties.
- Have passed an EPSO CAST in the relevant Function Group. It is sufficient to be registered in the EPSO CAST data base.

Qualifications:

- (a) Have a level of education which corresponds to completed university studies of at least three years attested by a diploma.

Languages:

- have a thorough knowledge (minimum level C1) of English
- AND have a satisfactory knowledge (minimum level B2) of French.
"""


def call_posting(**changes) -> Posting:
    fields = dict(
        title="Data Officer", kind="contract_agent", grade="FG IV", reference="EC/2026/TEST/1",
        deadline=datetime(2026, 3, 23, 12, 0, tzinfo=ZoneInfo("Europe/Brussels")),
        languages=[Language("English", "C1"), Language("French", "B2")], min_experience_years=5,
        education="university degree (3+ years)",
        apply=HowToApply(email="TEST-A1@ec.europa.eu", subject="EC/2026/TEST/1",
                         documents=["CV", "application form", "as a single PDF"]),
    )
    return Posting(**(fields | changes))


def by_id(text: str = CALL, posting: Posting | None = None) -> dict[str, tuple[str, str]]:
    return {item.id: (item.group, item.text) for item in build_checklist(text, posting or call_posting())}


def test_a_commission_call_yields_items_in_each_group() -> None:
    items = by_id()
    assert items["elig-citizenship"][1].startswith("Are a citizen of a Member State")
    for key in ("elig-military-service", "elig-physical-fitness", "elig-character-references"):
        assert items[key][0] == "eligibility"
    assert items["elig-education"] == ("eligibility", "Completed university studies of at least three years attested by a diploma")
    assert items["elig-experience"] == ("eligibility", "At least 5 years of relevant professional experience in data management")
    assert items["elig-lang-english"] == ("eligibility", "English at C1")
    assert items["elig-lang-french"] == ("eligibility", "French at B2")
    assert items["elig-cast"] == ("eligibility", "Registered in EPSO CAST (FG IV)")
    selection = [text for group, text in items.values() if group == "selection"]
    assert selection == ["Strong drafting and communication skills", "Ability to work in a team"]
    assert items["app-cv"] == ("application", "CV")
    assert items["app-application-form"] == ("application", "Application form")
    assert items["app-single-pdf"] == ("application", "Send CV + application form as a single PDF (in this order)")
    assert items["app-email"] == ("application", "E-mail to TEST-A1@ec.europa.eu with EC/2026/TEST/1 in the subject")
    assert items["app-deadline"] == ("application", "Before the deadline 23 March 2026, 12:00 (CET)")
    assert "app-cast" in items


def test_the_same_text_gives_the_same_ids() -> None:
    assert list(by_id()) == list(by_id())


def test_an_edit_elsewhere_in_the_posting_keeps_every_id() -> None:
    edited = CALL.replace("supports the digital transformation of our economy", "now also runs the canteen and the gym")
    edited = edited.replace("We are looking for a motivated officer", "We seek a curious, motivated officer")
    later = call_posting(deadline=date(2026, 4, 30))
    assert list(by_id(edited, later)) == list(by_id())


def test_a_reworded_bullet_changes_only_its_own_id() -> None:
    before, after = by_id(), by_id(CALL.replace("Ability to work in a team.", "Ability to lead a team."))
    assert set(before) - set(after) == {next(k for k, v in before.items() if v[1] == "Ability to work in a team")}
    assert len(set(after) - set(before)) == 1


def test_bullet_ids_hash_the_normalised_text() -> None:
    spaced = CALL.replace("- Strong drafting and communication skills;", "-   STRONG drafting,  and communication skills")
    assert set(by_id(spaced)) == set(by_id())
    assert all(re.fullmatch(r"sel-[0-9a-f]{6}", key) for key, (group, _) in by_id().items() if group == "selection")


def test_ids_are_unique_when_bullets_repeat_or_criteria_clash() -> None:
    text = CALL.replace("- Ability to work in a team.", "- Ability to work in a team.\n- Ability to work in a team.\n"
                        "- Candidates must hold EU citizenship or a Belgian work permit.")
    text = text.replace("Qualifications:", "- Are a national of an EEA country.\n\nQualifications:")
    items = build_checklist(text, call_posting())
    ids = [item.id for item in items]
    assert len(ids) == len(set(ids))
    assert [i.text for i in items].count("Ability to work in a team") == 1
    assert {"elig-citizenship", "elig-citizenship-2"} <= set(ids)


def test_profile_bullets_about_degree_experience_or_permit_are_eligibility() -> None:
    text = """Requirements
- Level of education corresponding to Level 7 of the European Qualifications Framework;
- At least 2 years of professional experience in a field linked to the assignment;
- Excellent communication skills;
Additional information
Please note that only candidates with a Belgian work permit or European citizenship can be considered.
"""
    items = by_id(text, Posting(title="Junior Officer", kind="consultancy", min_experience_years=2))
    assert items["elig-education"] == ("eligibility", "Level 7 of the European Qualifications Framework")
    assert items["elig-experience"] == ("eligibility", "At least 2 years of professional experience in a field linked to the assignment")
    assert items["elig-citizenship"] == ("eligibility", "Belgian work permit or EU citizenship")
    assert [text for group, text in items.values() if group == "selection"] == ["Excellent communication skills"]


AGENCY = """3. ELIGIBILITY CRITERIA

3.1 General conditions
• Be a national of a Member State of the European Union;
• Meet the character requirements for the duties involved;

3.2 Education and professional experience
• A level of education which corresponds to completed university studies attested by a diploma and appropriate professional experience of at least one year;
• In addition to the above, at least 3 years of professional experience after the award of the diploma.

4. SELECTION CRITERIA

4.1 Essential
• Proven experience in incident response;
• A high degree of autonomy;

4.2 Minimum requirements
• Be available at short notice.
"""


def test_a_numbered_agency_notice() -> None:
    items = by_id(AGENCY, Posting(title="Cybersecurity Expert", kind="temporary_agent"))
    assert items["elig-citizenship"][1] == "Be a national of a Member State of the European Union"
    assert items["elig-character-references"][1] == "Meet the character requirements for the duties involved"
    # the degree is stated first in its bullet, so that bullet is education, and the next one experience
    assert items["elig-education"][1].startswith("Completed university studies attested by a diploma")
    assert items["elig-experience"][1] == "At least 3 years of professional experience after the award of the diploma"
    # "Minimum requirements" are eligibility, even if "requirements" alone would be a profile heading
    assert {text for group, text in items.values() if group == "eligibility"} >= {"Be available at short notice"}
    assert [text for group, text in items.values() if group == "selection"] == [
        "Proven experience in incident response", "A high degree of autonomy"]


def test_a_traineeship_on_a_portal() -> None:
    text = "You are\n  • Skilled in telecommunications network technology;\n  • Able to communicate in English;\n\nApply online\n3 people have already applied to this offer"
    items = by_id(text, Posting(title="Trainee", kind="traineeship", languages=[Language("English")]))
    assert items["elig-lang-english"] == ("eligibility", "English")
    assert items["app-online"] == ("application", "Apply online")
    assert [t for g, t in items.values() if g == "selection"] == [
        "Skilled in telecommunications network technology", "Able to communicate in English"]


@pytest.mark.parametrize(("deadline", "text"), [
    (date(2026, 5, 15), "Before the deadline 15 May 2026"),
    (datetime(2026, 5, 15, 12, 0, tzinfo=ZoneInfo("Europe/Brussels")), "Before the deadline 15 May 2026, 12:00 (CEST)"),
    (datetime.fromisoformat("2026-03-23T12:00:00+01:00"), "Before the deadline 23 March 2026, 12:00 (UTC+01:00)"),
    (datetime(2026, 3, 23, 23, 59), "Before the deadline 23 March 2026, 23:59"),
])
def test_deadline_item(deadline, text: str) -> None:
    items = by_id("Apply online", Posting(title="T", deadline=deadline))
    assert items["app-deadline"] == ("application", text)


def test_alternative_qualifications_are_one_item_and_say_all_about_experience() -> None:
    text = ("Qualifications:\n\n- (a) Have a level of post-secondary education attested by a diploma, or\n"
            "- (b) Have a level of secondary education attested by a diploma giving access to post-secondary "
            "education, and appropriate professional experience of at least three years.\n")
    items = by_id(text, Posting(title="Assistant", min_experience_years=3))
    assert items["elig-education"][1] == (
        "Have a level of post-secondary education attested by a diploma, or have a level of secondary education "
        "attested by a diploma giving access to post-secondary education, and appropriate professional experience "
        "of at least three years")
    assert "elig-experience" not in items  # only one of the two ways asks for it


def test_experience_stated_with_the_degree_is_eligibility_and_the_profile_keeps_its_own() -> None:
    text = ("ELIGIBILITY CRITERIA\n\nApplicants must:\n\n- Have completed university studies of at least three years "
            "attested by a diploma, and after it at least 3 years of professional experience;\n"
            "- Be a national of a Member State of the EU.\n\nSELECTION CRITERIA\n\nEssential\n\n"
            "- At least 3 years of professional experience in incident response;\n- Team spirit.\n")
    items = by_id(text, Posting(title="Officer"))
    assert items["elig-experience"] == ("eligibility", "At least 3 years of professional experience")
    assert items["elig-citizenship"][1] == "Be a national of a Member State of the EU"  # "Applicants must:" is no heading
    assert [t for g, t in items.values() if g == "selection"] == [
        "At least 3 years of professional experience in incident response", "Team spirit"]


def test_selection_criteria_listed_after_a_lead_in() -> None:
    text = ("4.3.   Talent screening\n\nYour answers will be assessed against the following selection criteria:\n\n"
            "1.   Knowledge of the EU digital acquis;\n2.   Experience in negotiating with stakeholders.\n\n"
            "4.4.   Assessment centre\n\nIt takes place in Brussels.\n")
    items = by_id(text, Posting(title="Administrators"))
    assert [t for g, t in items.values() if g == "selection"] == [
        "Knowledge of the EU digital acquis", "Experience in negotiating with stakeholders"]


def test_french_eligibility_criteria_get_their_semantic_ids() -> None:
    text = ("Critères généraux :\n\n- être ressortissant(e) d'un État membre de l'UE et jouir de vos droits civiques ;\n"
            "- être en position régulière au regard des lois applicables en matière de service militaire ;\n"
            "- remplir les conditions d'aptitude physique requises pour l'exercice des fonctions ;\n"
            "- offrir les garanties de moralité requises pour l'exercice des fonctions.\n\n"
            "Qualifications :\n\n- justifier d'au moins 3 ans d'expérience professionnelle dans le domaine.\n")
    items = by_id(text, Posting(title="Chargé de communication"))
    assert {key for key in items if key.startswith("elig-")} >= {
        "elig-citizenship", "elig-military-service", "elig-physical-fitness", "elig-character-references", "elig-experience"}
    assert items["elig-experience"][1] == "Au moins 3 ans d'expérience professionnelle dans le domaine"
