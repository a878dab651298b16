"""Fields stated by a label, read by the shape of their lines, and where each field of a posting was read."""

from __future__ import annotations

import pytest

from eujobs.store.parse.fields import read_fields
from eujobs.store.parse.labels import fields_of
from eujobs.store.parse.posting import parse

FILLER = ("\n\nThe Agency offers an attractive package and a multicultural working environment to its staff members, "
          "who work on the many tasks of the unit with colleagues from every Member State.\n")


def stated(text: str, name: str) -> list[tuple[str, str, int]]:
    return [(field.label, field.value, field.line) for field in read_fields(text).all(name)]


@pytest.mark.parametrize("text, name, expected", [
    # "Label: value", French spacing, bold gone by now
    ("Deadline: 12/03/2026", "deadline", [("Deadline", "12/03/2026", 1)]),
    ("Lieu d'affectation : Luxembourg", "location", [("Lieu d'affectation", "Luxembourg", 1)]),
    ("Bewerbungsfrist: 15. März 2026", "deadline", [("Bewerbungsfrist", "15. März 2026", 1)]),
    ("Miejsce : Bruksela ; Luksemburg", "location", [("Miejsce", "Bruksela ; Luksemburg", 1)]),
    # a label alone, its value under it, with or without a blank line (EU Careers, saved definition lists)
    ("Title\n\nReference number\n\n287349\n\nDeadline\n\n21/06/2026 - 12:00 (Brussels time)", "reference",
     [("Reference number", "287349", 3)]),
    ("Domain(s)\nLaw\nReference number\nCJ AP 24/26\nDeadline\n30/09/2026", "reference",
     [("Reference number", "CJ AP 24/26", 3)]),
    # the value may run over a few short lines, up to the next label
    ("Institution/Agency\n\nEU institutions\n\n(JRC) Joint Research Centre\n\nType of contract\n\nPermanent official",
     "institution", [("Institution/Agency", "EU institutions\n(JRC) Joint Research Centre", 1)]),
    # a flattened table, each cell closed by "|" (the Official Journal)
    ("Title of function |\nHead of Unit |\nCategory and grade |\nTemporary Agent 2(a) — AD 9 |", "grade",
     [("Category and grade", "Temporary Agent 2(a) — AD 9", 3)]),
    # a label of several words with no colon, as a PDF table flattens it
    ("Notice of vacancy CONS/TA-AD/131/26\n\nPlace of work Brussels", "location", [("Place of work", "Brussels", 3)]),
    # several pairs on one line: each value runs to the next known label
    ("VACANCY NOTICE Ref. No: eu-LISA/26/CA/FGIV/3.2 Post: Network Engineer Location: Strasbourg, France",
     "title", [("Post", "Network Engineer", 1)]),
    ("VACANCY NOTICE Ref. No: eu-LISA/26/CA/FGIV/3.2 Post: Network Engineer Location: Strasbourg, France",
     "reference", [("Ref. No", "eu-LISA/26/CA/FGIV/3.2", 1)]),
])
def test_a_label_states_a_field(text, name, expected):
    assert stated(text, name) == expected


@pytest.mark.parametrize("text", [
    "Note: the deadline is strict.",  # not a label the vocabulary knows
    "The deadline\nis strict and will not be extended.",  # a sentence, not a label alone on its line
    "VACANCY NOTICE\n\nCybersecurity Officer",  # a notice's heading, not a reference label
])
def test_what_is_not_a_field(text):
    assert not any(read_fields(text).all(name) for name in ("deadline", "reference", "title"))


def test_labels_in_the_eus_languages():
    for label, field in (("Referenznummer", "reference"), ("Réf. :", "reference"), ("Dienstort", "location"),
                         ("Art des Vertrags", "contract"), ("Ansøgningsfrist", "deadline"), ("Enhed", "department"),
                         ("Koniec publikacji", "deadline"), ("Intitulé du poste", "title"), ("**Grade:**", "grade")):
        assert field in fields_of(label), label


EU_CAREERS_PAGE = """IT Service Officer

Domain(s)

Information Technology

Reference number

408731

Deadline

17/11/2026 - 12:00 (Brussels time)

Location(s):

Brussels (Belgium)

Grade:

FG IV

Institution/Agency

European External Action Service

Type of contract

Contract staff

Link to vacancy

https://www.eeas.europa.eu/eeas/vacancy-it-service-officer_en
""" + FILLER


def test_each_field_says_where_it_was_read():
    posting = parse(EU_CAREERS_PAGE)
    assert (posting.title, posting.reference, posting.locations, posting.grade, posting.kind) == \
        ("IT Service Officer", "408731", ["Brussels"], "FG IV", "contract_agent")
    assert posting.sources["title"] == "line 1, the heading of the page's fields"
    assert posting.sources["reference"] == 'line 7, label "Reference number"'
    assert posting.sources["deadline"] == 'line 11, label "Deadline"'
    assert posting.sources["locations"] == 'line 15, label "Location(s)"'
    assert posting.sources["institution"] == 'line 23, label "Institution/Agency"'
    assert posting.sources["kind"] == 'line 27, label "Type of contract"'
    assert posting.sources["apply.url"] == 'line 31, label "Link to vacancy"'


def test_sentence_read_fields_quote_their_line():
    posting = parse("Data Analyst\n\nReference: XYZ/2026/7\n\nCandidates must have a thorough knowledge of English "
                    "and a satisfactory knowledge of French.\nYou need at least 3 years of professional experience."
                    + FILLER)
    assert [(lang.language, lang.level) for lang in posting.languages] == [("English", "C1"), ("French", "B2")]
    assert posting.sources["languages"].startswith('line 5, text "Candidates must have a thorough')
    assert posting.sources["min_experience_years"].startswith("line 6, sentence")
    assert "3 years of professional experience" in posting.sources["min_experience_years"]


def test_unknown_stays_empty():
    """A field the posting does not state is left empty, with no source: never a guess."""
    posting = parse("Policy Officer\n\nReference number\n\n555123\n\nType of contract\n\nContract staff\n" + FILLER)
    assert (posting.deadline, posting.locations, posting.grade, posting.apply.url, posting.apply.email) == \
        (None, [], None, None, None)
    assert not {"deadline", "locations", "grade", "apply.url", "apply.email", "languages"} & set(posting.sources)


def test_an_impossible_deadline_is_a_warning_of_the_posting():
    posting = parse("Policy Officer\n\nReference: ABC/2026/01\nDeadline: 31/02/2026 12:00\nGrade: AD 5" + FILLER)
    assert posting.deadline is None
    assert posting.warnings == ['deadline "31/02/2026" is not a date (line 4, label "Deadline")']


def test_letters_lower_spells_otherwise_do_not_break_a_posting():
    posting = parse("Research Assistant\n\nLocation: İspra (Italy)\nLanguages: Englısh C1, ſwedish B2" + FILLER)
    assert posting.locations == ["Ispra"]
    assert [(lang.language, lang.level) for lang in posting.languages][:1] == [("English", "C1")]


@pytest.mark.parametrize("text, field, expected", [
    # "ı", "İ" and "ſ" are "i" and "s" to the case-insensitive patterns, not to str.lower(): every word a rule
    # looks up after matching it (a month, a kind, a level, an Article) is looked up as the pattern read it
    ("Deadline: 15 Aprıl 2026", "deadline", "2026-04-15"),
    ("Deadline: 1 ſeptember 2026 12:00", "deadline", "2026-09-01T12:00:00+02:00"),
    ("Deadline: 3 JULİ 2026", "deadline", "2026-07-03"),
    ("You will be recruıted as an offıcial.", "kind", "official"),
    ("Engaged under article 3 bıs of the CEOS.", "contract_type", "3a"),
    ("A satısfactory knowledge of English.", "languages", [{"language": "English", "level": "B2"}]),
])
def test_letters_lower_spells_otherwise_are_read_as_the_patterns_read_them(text, field, expected):
    assert parse(text + FILLER).to_json()[field] == expected
