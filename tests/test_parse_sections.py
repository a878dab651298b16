"""The outline reader: headings by shape, "Label: value" pairs, bullets and wrapped lines."""

from __future__ import annotations

import pytest

from eujobs.store.parse.lines import heading_text, label_parts, strip_inline_markup
from eujobs.store.parse.sections import read_document, split_sections


@pytest.mark.parametrize(("line", "heading"), [
    ("WE ARE", "WE ARE"),
    ("HOW TO EXPRESS YOUR INTEREST?", "HOW TO EXPRESS YOUR INTEREST?"),
    ("## **Main tasks**", "Main tasks"),
    ("### DG CONNECT, UNIT R3 (BRUSSELS)", "DG CONNECT, UNIT R3 (BRUSSELS)"),
    ("Your tasks", "Your tasks"),
    ("You are", "You are"),
    ("Job description", "Job description"),
    ("Additional information", "Additional information"),
    ("General criteria:", "General criteria"),
    ("Qualifications:", "Qualifications"),
    ("Selection Criteria:", "Selection Criteria"),
    ("WE OFFER GREAT JOBS AND GREAT WORKING CONDITIONS:", "WE OFFER GREAT JOBS AND GREAT WORKING CONDITIONS"),
    ("➤ Am I eligible to apply?", "Am I eligible to apply?"),
    ("➤ Type of contract and working conditions", "Type of contract and working conditions"),
    ("IT Project Officer – IT project leader", "IT Project Officer – IT project leader"),
    ("Profil recherché", "Profil recherché"),
])
def test_headings_are_read_by_shape(line: str, heading: str) -> None:
    assert heading_text(line) == heading


@pytest.mark.parametrize("line", [
    "We are looking for a person:",
    "The successful candidate will be responsible for:",
    "This job requires the following competencies and skills:",
    "Only qualifications issued or recognised as equivalent by EU Member State authorities will be accepted.",
    "- Excellent communication skills",
    "• Who is collaborative, dynamic and curious and ready to learn;",
    "Place of employment : Brussels",
    "2 people have already applied to this offer",
    "and ultimately",
    "in DIGIT of the European Commission",
    "For more information on different staff categories",
])
def test_sentences_bullets_and_labels_are_not_headings(line: str) -> None:
    assert heading_text(line) is None


@pytest.mark.parametrize(("line", "pair"), [
    ("Place of employment : Brussels", ("place of employment", "Brussels")),
    ("Ref. : 10B30-7323", ("ref", "10B30-7323")),
    ("Job title*: ICT Officer – Project Manager", ("job title", "ICT Officer – Project Manager")),
    ("Domain**: Information Technology", ("domain", "Information Technology")),
    ("Express your interest until: 23/03/2026 - 12.00 (noon, Brussels time)",
     ("express your interest until", "23/03/2026 - 12.00 (noon, Brussels time)")),
    ("Type of contract: Freelance", ("type of contract", "Freelance")),
    ("Lieu d’affectation : Luxembourg", ("lieu d’affectation", "Luxembourg")),
    ("See https://eu-careers.europa.eu for details", None),
    ("The official languages of the European Union are: BG (Bulgarian), CS (Czech)", None),
    ("In practice, to express your interest, please follow the subsequent two steps:", None),
])
def test_label_value_pairs(line: str, pair) -> None:
    assert label_parts(line) == pair


@pytest.mark.parametrize(("raw", "plain"), [
    ("**Job title\\*:** ICT Officer  ", "Job title*: ICT Officer"),
    ("send to [CNECT-R3@ec.europa.eu](mailto:CNECT-R3@ec.europa.eu) now", "send to CNECT-R3@ec.europa.eu now"),
    ("Sweden<sup>1</sup>. Recruitment", "Sweden. Recruitment"),
    ("minimum level B2)³ of", "minimum level B2) of"),
    ("Decision C\\(2017\\)6760 and *italic* text", "Decision C(2017)6760 and italic text"),
    ("- a bullet stays", "- a bullet stays"),
])
def test_inline_markup_is_stripped(raw: str, plain: str) -> None:
    assert strip_inline_markup(raw) == plain


@pytest.mark.parametrize("marker", ["-", "•", "*", "–", "▪", "1.", "2)", "(a)", "b)", "(iii)"])
def test_bullet_markers(marker: str) -> None:
    doc = read_document(f"Requirements\n{marker} Very good knowledge of MS Office;\n{marker} Teamwork\n")
    assert doc.bullets_under("requirements") == ["Very good knowledge of MS Office;", "Teamwork"]


@pytest.mark.parametrize(("text", "bullets"), [
    # a PDF wrap: the bullet stops mid-sentence
    ("Profile\n- University degree and at least 6 years of\nrelevant professional experience;\n- Team spirit.",
     ["University degree and at least 6 years of relevant professional experience;", "Team spirit."]),
    # an indented continuation
    ("Profile\n- Solid experience in IT services.\n  Knowledge of security is an asset.\n- Team spirit",
     ["Solid experience in IT services. Knowledge of security is an asset.", "Team spirit"]),
    # a page break between the halves of a sentence
    ("Profile\n- Developed sense of commitment to deliver and work with the\n\nusers and other IT teams.",
     ["Developed sense of commitment to deliver and work with the users and other IT teams."]),
    # a finished bullet followed by a paragraph: not joined
    ("Qualifications:\n- (a) Have completed university studies.\nOnly qualifications issued by Member States count.",
     ["Have completed university studies."]),
])
def test_wrapped_lines_join_their_bullet(text: str, bullets: list[str]) -> None:
    assert [b for s in split_sections(text) for b in s.bullets] == bullets


def test_nested_bullets_keep_their_depth() -> None:
    text = "Your tasks\n  • Investigate the scope;\n  • Develop a plan, covering:\n    • current situation;\n    • future needs;\n  • Report."
    (section,) = split_sections(text)
    assert [(line.text, line.depth) for line in section.lines] == [
        ("Investigate the scope;", 0), ("Develop a plan, covering:", 0), ("current situation;", 1),
        ("future needs;", 1), ("Report.", 0)]


def test_label_on_one_line_value_on_the_next() -> None:
    text = ("Project\nSupport for programme management and implementation of the OPSYS ecosystem\n"
            "Junior Project Manager Officer\nPosition\nJunior Project Manager Officer\nProject description\n"
            "The General Directorate of International Partnerships defines programmes. It finances them.\n")
    doc = read_document(text)
    assert doc.labels["position"] == "Junior Project Manager Officer"
    assert doc.labels["project"].startswith("Support for programme management")
    assert "Project description" in [s.heading for s in doc.sections]


def test_sections_of_a_plain_text_call() -> None:
    text = """Place of employment : Brussels
Domain : Administration
Ref. : 10B30-7323

Who we are

The Unit serves as the Central Program Office. It ensures compliance.

You are

We are looking for a person:

  • With proven interest in policy management;
  • Who is collaborative;

and ultimately

  • Who is well motivated.

Apply online
2 people have already applied to this offer
"""
    doc = read_document(text)
    assert [s.heading for s in doc.sections] == ["", "Who we are", "You are", "Apply online"]
    assert doc.labels["place of employment"] == "Brussels" and doc.labels["ref"] == "10B30-7323"
    assert doc.label("location", "place of employment") == "Brussels"
    assert doc.bullets_under(r"^you are$") == ["With proven interest in policy management;", "Who is collaborative;",
                                               "Who is well motivated."]
    assert doc.find("you are")[0].paragraphs == ["We are looking for a person:", "and ultimately"]


def test_markdown_headings_rules_and_numbered_annex_headings() -> None:
    text = "## **ANNEX**\n\n---\n\n1. Selection\n\n#### General criteria:\n\n- Are a citizen;\n\n2. Recruitment\n\nText."
    doc = read_document(text)
    assert [s.heading for s in doc.sections] == ["ANNEX", "1. Selection", "General criteria", "2. Recruitment"]
    assert doc.bullets_under("general criteria") == ["Are a citizen;"]


@pytest.mark.parametrize(("text", "headings"), [
    ("1. THE AGENCY\nWe are an agency.\n2. JOB DESCRIPTION\n• Support;", ["1. THE AGENCY", "2. JOB DESCRIPTION"]),
    ("3.1 General conditions\n• Be a national;\n3.2 Education and professional experience\n• A diploma;",
     ["3.1 General conditions", "3.2 Education and professional experience"]),
    ("B. Selection criteria:\n- Team spirit", ["B. Selection criteria"]),
    ("Documents\n1. CV\n2. Application form", ["Documents"]),
])
def test_numbered_notice_headings(text: str, headings: list[str]) -> None:
    assert [s.heading for s in split_sections(text)] == headings


def test_find_ignores_the_outline_number() -> None:
    doc = read_document("3.1 General conditions\n• Be a national;\n4.1 Essential\n• Team spirit;")
    assert doc.bullets_under("^general conditions") == ["Be a national;"]
    assert doc.bullets_under("^essential$") == ["Team spirit;"]


def test_a_markdown_heading_can_carry_a_label() -> None:
    doc = read_document("## Deadline for registration: 17 February 2026 at 12:00\n\nText.")
    assert doc.labels["deadline for registration"] == "17 February 2026 at 12:00"


def test_numbered_steps_stay_a_list() -> None:
    text = ("In practice, please follow two steps:\n\n1. If you are not registered yet, please do so.\n"
            "2. You should send your documents in the following order:\n  1. your CV\n  2. completed application form.")
    (section,) = split_sections(text)
    assert section.bullets == ["If you are not registered yet, please do so.",
                               "You should send your documents in the following order:", "your CV",
                               "completed application form."]


def test_a_sentence_wrapped_onto_a_short_capitalised_line_is_not_a_heading() -> None:
    text = "Who we are\nThe Directorate-General provides the Parliament with services as well as printing for the\nEuropean Parliament\nYou are\n- Skilled."
    doc = read_document(text)
    assert [s.heading for s in doc.sections] == ["Who we are", "You are"]
    assert doc.sections[0].paragraphs[0].endswith("printing for the European Parliament")


def test_markdown_table_rows_become_labels() -> None:
    doc = read_document("| Field | Value |\n|---|---|\n| Grade | AD 7 |\n| Deadline | 12/05/2026 |")
    assert doc.labels["grade"] == "AD 7" and doc.labels["deadline"] == "12/05/2026"


def test_outline_lists_every_element_in_reading_order() -> None:
    doc = read_document("Intro line.\nMain tasks\n- Plan;\nMore text.")
    assert doc.outline() == [("text", "Intro line."), ("heading", "Main tasks"), ("bullet", "Plan;"), ("text", "More text.")]


@pytest.mark.parametrize("line", ["Applicants must:", "Candidates should:", "Les candidats doivent :"])
def test_a_lead_in_to_a_list_is_not_a_heading(line: str) -> None:
    assert heading_text(line) is None


def test_the_official_journal_em_dash_marks_a_bullet() -> None:
    [section] = split_sections("3.1.   General conditions\n\n—   Be a citizen of a Member State;\n—   Enjoy full rights.")
    assert section.bullets == ["Be a citizen of a Member State;", "Enjoy full rights."]


def test_lettered_and_longer_numbered_headings_of_forms() -> None:
    text = ("2. Main qualifications\n\na) Eligibility criteria\n\nThe criteria must be fulfilled.\n\n"
            "• Seniority: at least 12 months;\n\n3. Submission of applications and selection procedure\n\nSend a CV.")
    assert [s.heading for s in split_sections(text)] == [
        "2. Main qualifications", "a) Eligibility criteria", "3. Submission of applications and selection procedure"]


def test_a_short_title_is_not_joined_with_the_lowercase_line_after_a_blank() -> None:
    text = "Chargé(e) de communication – Médias et événements\n\nà la DG COMM de la Commission européenne\n"
    assert [element for _, element in read_document(text).outline()] == [
        "Chargé(e) de communication – Médias et événements", "à la DG COMM de la Commission européenne"]
    # a long line cut by a page break still joins its other half
    long = "The successful candidate will coordinate the contributions of the unit to the annual\n\nwork programme."
    assert [element for _, element in read_document(long).outline()] == [long.replace("\n\n", " ")]
