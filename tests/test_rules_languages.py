"""Language rule: required languages in order, each with its CEFR level or None."""


import pytest

from eujobs.store.parse.languages import find_languages

from .conftest import EXPECTED, POSTINGS, SEEDS

OFFICIAL_LIST_FOOTNOTE = (
    "² The official languages of the European Union are: BG (Bulgarian), CS (Czech), DA (Danish), DE (German), "
    "EL (Greek), EN (English), ES (Spanish), ET (Estonian), FI (Finnish), FR (French), GA (Irish), HR (Croatian)."
)


def pairs(text):
    found = find_languages(text)
    return [(lang.language, lang.level) for lang in found.value] if found else []


@pytest.mark.parametrize("text, expected", [
    ("- have a thorough knowledge (minimum level C1) of English\n"
     "- AND have a satisfactory knowledge (minimum level B2)<sup>2</sup> of French, to the extent necessary.",
     [("English", "C1"), ("French", "B2")]),
    ("- have a thorough knowledge (minimum level C1) of one of the 24 official languages of the EU²\n\n"
     "AND have a satisfactory knowledge (minimum level B2)³ of a second official language of the EU.",
     [("any EU official language", "C1"), ("a second EU official language", "B2")]),
    # EU convention without a CEFR level: thorough = C1, satisfactory / sufficient = B2
    ("Thorough knowledge of French and satisfactory knowledge of English.", [("French", "C1"), ("English", "B2")]),
    ("a thorough knowledge of one of the official languages of the European Union and a sufficient knowledge "
     "of another official language", [("any EU official language", "C1"), ("a second EU official language", "B2")]),
    ("C1 in English and B2 in French", [("English", "C1"), ("French", "B2")]),
    ("a thorough knowledge of one of the official languages of the EU and a satisfactory knowledge of another of these languages",
     [("any EU official language", "C1"), ("a second EU official language", "B2")]),
    ("Knowledge of English at C1 level\r\n\u2022\u00a0Knowledge of French at B2 level", [("English", "C1"), ("French", "B2")]),
    ("Languages: English (C1), French (B2)", [("English", "C1"), ("French", "B2")]),
    ("EN: C1, FR: B2", [("English", "C1"), ("French", "B2")]),
    ("Excellent command of English (C2 level)", [("English", "C2")]),
    ("English, French and German at B2 level", [("English", "B2"), ("French", "B2"), ("German", "B2")]),
    ("Very good knowledge of English or French", [("English or French", None)]),
    ("Main language (L1): minimum C1 in one of the 24 official EU languages\n"
     "Second language (L2): minimum B2 in English, French or German",
     [("any EU official language", "C1"), ("English, French or German", "B2")]),
    ("Able to communicate orally and in writing in English and want to develop new language skills;",
     [("English", None)]),
    ("Ability to participate in multi-lingual meetings (French/English), excellent communication skills",
     [("French", None), ("English", None)]),
    ("Fluent in English. Knowledge of German would be an advantage.", [("English", None)]),
    ("Knowledge of French is an asset.", []),
    ("Ability to understand, speak and write other EU languages are an advantage.", []),
    ("The selection procedure will be carried out in English and French.", []),
    (OFFICIAL_LIST_FOOTNOTE, []),
    ("Good knowledge of IT systems and of the DE-CIX infrastructure", []),
    # a formal language section outranks soft-skill bullets that name a language
    ("- Ability to communicate both orally and in writing in English.\n"
     "Languages:\n- thorough knowledge (minimum level C1) of one of the 24 official languages of the EU",
     [("any EU official language", "C1")]),
    ("Thorough knowledge of English (C1). Perfect command of English.", [("English", "C1")]),  # no duplicates
    ("Excellent knowledge of anglais et français", [("English", None), ("French", None)]),
    ("", []),
])
def test_find_languages(text, expected):
    assert pairs(text) == expected


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_languages(seed):
    text = (POSTINGS / seed).read_text(encoding="utf-8")
    expected = [(item["language"], item["level"]) for item in EXPECTED[seed]["languages"]]
    assert pairs(text) == expected


# Shapes of the postings in tests/postings/: agency notices, SNE forms, French calls
ELIGIBILITY_AND_SELECTION = (
    "ELIGIBILITY CRITERIA\n"
    "- Have a thorough knowledge of one of the official languages of the European Union and a satisfactory "
    "knowledge of another official language of the European Union.\n\n"
    "SELECTION CRITERIA\n\nEssential\n- Excellent command of English, both written and oral;\n"
)


@pytest.mark.parametrize("text, expected", [
    # a language among the selection criteria is no requirement beside the eligibility ones...
    (ELIGIBILITY_AND_SELECTION, [("any EU official language", "C1"), ("a second EU official language", "B2")]),
    # ...but stands in for them when the posting states none
    ("Selection criteria\n- Excellent command of English (C1);\n- Team spirit.", [("English", "C1")]),
    # the advantage is cut off, the requirement before it stays
    ("- Fluent English, French an advantage.", [("English", None)]),
    ("Very good knowledge of English or French, the knowledge of German being an asset.", [("English or French", None)]),
    ("Knowledge of French, Spanish or German is an asset.", []),  # the whole list is the advantage
    # each level goes to the language it stands next to
    ("have a thorough knowledge of one of the official languages of the EU (C1) and a satisfactory knowledge of "
     "another official language of the EU (B2);", [("any EU official language", "C1"), ("a second EU official language", "B2")]),
    ("English and French at B2 level", [("English", "B2"), ("French", "B2")]),
    ("Thorough knowledge of English and French", [("English", "C1"), ("French", "C1")]),
    # French: conventions, and "ET" is the word "and", not Estonian
    ("- avoir une connaissance approfondie du français (C1) ;\n"
     "- ET une connaissance satisfaisante de l'anglais (niveau B2 minimum).", [("French", "C1"), ("English", "B2")]),
    ("EN: C1, ET: B2", [("English", "C1"), ("Estonian", "B2")]),  # a code next to a level still counts
    # a form's label line names the languages on the next line; useful ones are not required
    ("Language(s) necessary for the performance of duties\nEnglish\n\nOther useful languages\nFrench, German",
     [("English", None)]),
    ("Languages of communication\nAll correspondence will be in English, French or German.", []),
])
def test_find_languages_in_other_formats(text, expected):
    assert pairs(text) == expected


@pytest.mark.parametrize("text, expected", [
    # the EPSO rule is one rule: language 1 at C1, language 2 at B2 among English, French and German
    ("You must know at least two EU languages: C1 in one EU language and B2 in English, French or German.",
     [("any EU official language", "C1"), ("English, French or German", "B2")]),
    ("C1 in one EU language and B2 in English, French\nor German", [("any EU official language", "C1"),
                                                                    ("English, French or German", "B2")]),
    ("au minimum le niveau C1 dans l'une d'elles et au minimum le niveau B2 en anglais, en français ou en allemand",
     [("any EU official language", "C1"), ("English, French or German", "B2")]),
    # a level before "en"/"in" is the level of the language that follows, not of the one before the comma
    ("niveau C1 en français, B2 en anglais", [("French", "C1"), ("English", "B2")]),
    ("C1 auf Deutsch, B2 auf Englisch", [("German", "C1"), ("English", "B2")]),
    # German and French generic phrases, levels by the EU's convention
    ("gründliche Kenntnisse einer Amtssprache der Union und ausreichende Kenntnisse einer zweiten Amtssprache der Union",
     [("any EU official language", "C1"), ("a second EU official language", "B2")]),
    ("une connaissance approfondie d'une des langues officielles de l'Union et une connaissance satisfaisante "
     "d'une autre langue officielle", [("any EU official language", "C1"), ("a second EU official language", "B2")]),
    # letters that lower() spells otherwise than the case-insensitive patterns read them
    ("Thorough knowledge of Englısh (C1) and of İtalian (B2)", [("English", "C1"), ("Italian", "B2")]),
])
def test_languages_as_eu_notices_state_them(text, expected):
    assert pairs(text) == expected
