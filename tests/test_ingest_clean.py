"""clean_text: page furniture, footnote markers, markdown, hyphenation and wrapping."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eujobs.store.ingest.clean import clean_text, looks_like_markdown

from .conftest import POSTINGS

FOOTER = "(Reference: Call for interest EC/2026/CNECT/510505)"


# ---------------------------------------------------------------- page headers and footers

@pytest.mark.parametrize("number", ["{n}", "{n} / 3", "Page {n} of 3", "page {n}", "- {n} -", "{n}/3"])
def test_footer_with_page_number_is_removed_and_reference_kept_once(number):
    pages = [
        f"Job title: ICT Officer\n\nFirst page text.\n\n{FOOTER}\n\n{number.format(n=1)}\n",
        f"Second page text.\n\n{FOOTER}\n\n{number.format(n=2)}\n",
        f"Third page text.\n\n{FOOTER}\n{number.format(n=3)}\n",
    ]
    assert clean_text("\f".join(pages), "pdf") == (
        f"Job title: ICT Officer\n\nFirst page text.\n\nSecond page text.\n\nThird page text.\n\n{FOOTER}"
    )


def test_running_header_without_reference_is_dropped_everywhere():
    pages = [f"European Commission - DG DIGIT\n{body}\n" for body in ("One.", "Two.", "Three.")]
    assert clean_text("\f".join(pages), "pdf") == "One.\n\nTwo.\n\nThree."


def test_page_number_glued_to_the_footer_line():
    pages = [f"{body}\n{FOOTER} {n}\n" for n, body in enumerate(("One.", "Two."), 1)]
    assert clean_text("\f".join(pages), "pdf") == f"One.\n\nTwo.\n\n{FOOTER}"


def test_repeated_lines_without_form_feeds():
    text = f"Intro.\n\n{FOOTER}\n\nMiddle.\n\nPage 2 of 3\n\n{FOOTER}\n\nEnd.\n\n{FOOTER}"
    assert clean_text(text, "text") == f"Intro.\n\nMiddle.\n\nEnd.\n\n{FOOTER}"


def test_repeated_headings_are_content_not_footers():
    text = "Requirements\n- a\n\nRequirements\n- b\n\nRequirements\n- c"
    assert clean_text(text, "text") == text


def test_a_line_on_one_page_only_stays():
    pages = ["Where: Brussels\nBody one.\n", "Body two.\nWhere: Luxembourg\n"]
    assert clean_text("\f".join(pages), "pdf") == "Where: Brussels\nBody one.\n\nBody two.\nWhere: Luxembourg"


def test_paragraph_cut_by_page_break_is_joined_and_footnote_moved_after_it():
    pages = [
        "Member States such as Sweden¹ are encouraged to apply and\n\n¹ The list may change.\n\n" + FOOTER + "\n1 / 2\n",
        "to take part in the selection.\n\nNext paragraph.\n\n" + FOOTER + "\n2 / 2\n",
    ]
    assert clean_text("\f".join(pages), "pdf") == (
        "Member States such as Sweden are encouraged to apply and to take part in the selection.\n\n"
        "The list may change.\n\nNext paragraph.\n\n" + FOOTER
    )


def test_sentence_ending_at_the_page_break_is_not_joined():
    assert clean_text("End of page.\f\nNew page starts here.", "pdf") == "End of page.\n\nNew page starts here."


# ---------------------------------------------------------------- footnote markers

@pytest.mark.parametrize("raw, clean", [
    ("Sweden¹. Recruitment", "Sweden. Recruitment"),
    ("level B2)² of French", "level B2) of French"),
    ("the EPSO database³ candidates", "the EPSO database candidates"),
    ("Sweden<sup>1</sup>. Recruitment", "Sweden. Recruitment"),
    ("level (B2)<sup>12</sup>", "level (B2)"),
    ("the database[1] and[2].", "the database and."),
    ("¹ Please note that the list may change.", "Please note that the list may change."),
    ("<sup>3</sup> Therefore, candidates", "Therefore, candidates"),
    ("[2] See the CEFR.", "See the CEFR."),
    ("Job title*: ICT Officer", "Job title: ICT Officer"),
    ("Domain**: IT", "Domain: IT"),
    ("Office of 20 m² in Brussels", "Office of 20 m² in Brussels"),
    ("Footnote ¹²", "Footnote ¹²"),  # loose superscripts after a space are no marker
])
def test_footnote_markers(raw, clean):
    assert clean_text(raw, "text") == clean


# ---------------------------------------------------------------- markdown

@pytest.mark.parametrize("raw, clean", [
    ("**Job title\\*:** ICT Officer – Project Manager  ", "Job title: ICT Officer – Project Manager"),
    ("**Domain\\*\\*:** Information Technology", "Domain: Information Technology"),
    ("## **MAKE A DIFFERENCE**", "MAKE A DIFFERENCE"),
    ("#### ➤ Am I eligible to apply?", "➤ Am I eligible to apply?"),
    ("### Title ###", "Title"),
    ("__bold__ and *italic* and `code`", "bold and italic and code"),
    ("a * b * c", "a * b * c"),
    ("Decision C\\(2017\\)6760", "Decision C(2017)6760"),
    ("address: [CAST Permanent](#).", "address: CAST Permanent."),
    ("to [CNECT-R3@ec.europa.eu](mailto:CNECT-R3@ec.europa.eu) by", "to CNECT-R3@ec.europa.eu by"),
    ("[write to us](mailto:hr@ec.europa.eu)", "write to us (hr@ec.europa.eu)"),
    ("[EU Careers](https://eu-careers.europa.eu)", "EU Careers (https://eu-careers.europa.eu)"),
    ("[https://x.eu](https://x.eu)", "https://x.eu"),
    ("see (<https://europass.cedefop.europa.eu/en>).", "see (https://europass.cedefop.europa.eu/en)."),
    ("![logo](logo.png)Commission", "Commission"),
    ("* item one\n+ item two\n  * nested", "- item one\n- item two\n  - nested"),
    ("Text\n\n---\n\nMore", "Text\n\nMore"),
    ("| Grade | AD 5 |\n|---|---|\n| Place | Brussels |", "Grade | AD 5\nPlace | Brussels"),
    ("> quoted", "quoted"),
    ("Line one<br>Line two", "Line one\nLine two"),
])
def test_markdown(raw, clean):
    assert clean_text(raw, "markdown") == clean


def test_text_with_markdown_leftovers_is_cleaned_but_plain_text_is_left_alone():
    leftover = "offers **non-permanent** positions, see [staff categories](#)"
    assert clean_text(leftover, "text") == "offers non-permanent positions, see staff categories"
    plain = "Grade: AD 5 * see note\nSalary *net* 5000"
    assert not looks_like_markdown(plain)
    assert clean_text(plain, "text") == plain
    assert clean_text("**a** [b](#)", "pdf") == "**a** [b](#)"  # a PDF's asterisks are text


# ---------------------------------------------------------------- hyphenation, wrapping, bullets

@pytest.mark.parametrize("raw, clean", [
    ("the adminis-\ntration of", "the administration of"),
    ("proba-\ntionary period", "probationary period"),
    ("send an e-\nmail to", "send an e-mail to"),
    ("a well-organised team and a well-\norganised office", "a well-organised team and a well-organised office"),
    ("EU-\nwide", "EU-wide"),
    ("the Commis-\nsion and the Commission", "the Commission and the Commission"),
    ("a Brussels-\nbased team", "a Brussels-based team"),
    ("Brussels -\nbased", "Brussels - based"),
])
def test_hyphenation(raw, clean):
    assert clean_text(raw, "pdf") == clean


@pytest.mark.parametrize("raw, clean", [
    ("apply to HR-COM-2023-\nAD5@ec.europa.eu by noon", "apply to HR-COM-2023-AD5@ec.europa.eu by noon"),
    ("apply to EXA_RECRUIT_\nTEAM@agency.example.eu", "apply to EXA_RECRUIT_TEAM@agency.example.eu"),
    ("write to jean.dupont@ec.\neuropa.eu today", "write to jean.dupont@ec.europa.eu today"),
    ("write to HR-UNIT@\nagency.example.eu", "write to HR-UNIT@agency.example.eu"),
    ("see https://eu-careers.europa.eu/en/job-\nopportunities/open-for-application",
     "see https://eu-careers.europa.eu/en/job-opportunities/open-for-application"),
    ("at https://epso.europa.eu/en/apply/\ncompetition?id=12 now", "at https://epso.europa.eu/en/apply/competition?id=12 now"),
    ("(https://x.europa.eu/index.cfm?comp_id=\n6040&lang=en)", "(https://x.europa.eu/index.cfm?comp_id=6040&lang=en)"),
    ("https://x.eu/a-\nb-\nc/Notice.pdf", "https://x.eu/a-b-c/Notice.pdf"),
    ("www.\neu-careers.europa.eu", "www.eu-careers.europa.eu"),
    ("https://x.eu/files/\nEXA-notice_2027.pdf", "https://x.eu/files/EXA-notice_2027.pdf"),
])
def test_addresses_cut_by_a_line_break_are_joined(raw, clean):
    assert clean_text(raw, "pdf") == clean


@pytest.mark.parametrize("raw", [
    "More at https://x.eu/\nThe selection board meets in May.",  # a sentence after a complete address
    "Write to hr@x.eu.\nApplications sent by post are refused.",
    "Write to hr@x.eu.\nwww.x.eu has the details.",
    "Send it, e.g.\nhr@x.eu or by post.",
    "Send your application to:\nhr@x.eu",
    "the applicant -\nhr@x.eu",
    "see https://x.eu/jobs-\n- the call",
    "write to a@x.eu/\nb@y.eu",
])
def test_prose_and_lists_around_addresses_are_not_joined(raw):
    assert raw.replace("\n", "") not in clean_text(raw, "pdf")  # (wrapped lines may still be joined, by a blank)


def test_wrapped_lines_are_joined_but_structure_is_kept():
    raw = (
        "Job title: ICT Officer\n"
        "Domain: Information Technology\n"
        "We invest in research and\n"
        "innovation across the Union.\n"
        "Another sentence.\n"
        "• Manage IT projects and\n"
        "coordinate contractors;\n"
        "• (a) Have a degree\n"
        "1. your CV\n"
        "2. completed application form.\n"
        "Languages:\n"
        "have a thorough knowledge of English"
    )
    assert clean_text(raw, "pdf") == (
        "Job title: ICT Officer\n"
        "Domain: Information Technology\n"
        "We invest in research and innovation across the Union.\n"
        "Another sentence.\n"
        "- Manage IT projects and coordinate contractors;\n"
        "- (a) Have a degree\n"
        "1. your CV\n"
        "2. completed application form.\n"
        "Languages:\n"
        "have a thorough knowledge of English"
    )


def test_paragraph_split_by_blank_lines_of_a_copied_page_break():
    long_line = "You will work closely with policy and operational teams, translating business needs into"
    assert clean_text(f"{long_line}\n\n\n\nsecure digital solutions.", "text") == f"{long_line} secure digital solutions."
    assert clean_text("WE ARE\n\nwelcoming", "text") == "WE ARE\n\nwelcoming"  # short line: a heading


@pytest.mark.parametrize("glyph", ["•", "▪", "●", "◦", "·", "\uf0b7"])
def test_bullet_glyphs_become_dashes(glyph):
    assert clean_text(f"Tasks:\n  {glyph} Manage\n{glyph}\tReport", "text") == "Tasks:\n- Manage\n- Report"


def test_pdf_list_items_in_separate_boxes_become_one_list():
    raw = "Tasks:\n\n• Manage\n\n• Report\n\n1. your CV\n\n2. the form\n\nNext paragraph."
    assert clean_text(raw, "pdf") == "Tasks:\n\n- Manage\n- Report\n1. your CV\n2. the form\n\nNext paragraph."


def test_lone_bullet_joins_its_text():
    assert clean_text("•\nManage projects\n•\nReport", "pdf") == "- Manage projects\n- Report"


def test_characters_and_blank_lines():
    raw = "Lieu :\u00a0Bruxelles  \r\nSoft\u00adhyphen of\u200b\ufb01les\r\n\n\n\n\n\nEnd\vNext line \t"
    assert clean_text(raw, "text") == "Lieu : Bruxelles\nSofthyphen offiles\n\n\nEnd\nNext line"


# ---------------------------------------------------------------- the real seeds

def test_markdown_seed():
    text = clean_text((POSTINGS / "ec-cnect-r3-it-project-officer.md").read_text(encoding="utf-8"), "markdown")
    assert "Job title: ICT Officer – Project Manager\nDomain: Information Technology\n" in text
    assert "Express your interest until: 23/03/2026 - 12.00 (noon, Brussels time)" in text
    assert "address: CAST Permanent." in text and "to CNECT-R3@ec.europa.eu indicating" in text
    assert "translating business needs into secure, reliable" in text
    assert text.count(FOOTER) == 1
    assert not re.search(r"\*\*|<sup>|\]\(|\\[()*]|^#|^---", text, re.M)


def test_text_seed():
    text = clean_text((POSTINGS / "ec-digit-b1-ict-security-officer.txt").read_text(encoding="utf-8"), "text")
    assert "Sweden. Recruitment" in text and "(minimum level B2) of a second" in text
    assert "\nThe official languages of the European Union are:" in text
    assert "Commission Decision C(2017)6760" in text and "**" not in text
    assert not re.search("[¹²³⁴]", text)
    ep = clean_text((POSTINGS / "ep-traineeship-itec-pmco.txt").read_text(encoding="utf-8"), "text")
    assert "\n- With proven interest in policy management" in ep and "•" not in ep


# ---------------------------------------------------------------- whatever comes in

@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab Z.:-*#[]()\\<>¹²\n\f\r\t\u00a0•1/")), max_size=200),
       st.sampled_from(["text", "markdown", "pdf", "html"]))
def test_any_input_gives_tidy_output(raw, fmt):
    text = clean_text(raw, fmt)
    assert "\r" not in text and "\f" not in text and "\u00a0" not in text
    assert "\n\n\n\n" not in text
    assert all(line == line.rstrip() for line in text.split("\n"))


def test_official_journal_em_dash_items_become_bullets():
    raw = "3.1.   General conditions\n\n—   Be a citizen of a Member State;\n—   Enjoy full rights as a citizen.\n"
    assert clean_text(raw, "text") == "3.1.   General conditions\n\n- Be a citizen of a Member State;\n- Enjoy full rights as a citizen."
    assert clean_text("Prices rose — as expected — in May.", "text") == "Prices rose — as expected — in May."
