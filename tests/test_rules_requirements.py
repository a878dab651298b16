"""Experience and education rules."""


import pytest

from eujobs.store.parse.requirements import (
    experience_statements,
    find_education,
    find_min_experience,
)

from .conftest import EXPECTED, POSTINGS, SEEDS


@pytest.mark.parametrize("text, expected", [
    ("University degree and at least 6 years of relevant professional experience in ICT", 6),
    ("- At least 2 years of professional experience in a field linked to the assignment;", 2),
    ("a minimum of three (3) years of relevant experience", 3),
    ("6 months of experience in a similar role", 0.5),
    ("18 months relevant experience", 1.5),
    ("professional experience of at least 5 years in the field", 5),
    ("Professional experience: minimum 4 years", 4),
    ("5+ years’ experience in software development", 5),
    ("at least 3 years' professional experience after the diploma", 3),
    ("a minimum of 4 years of post-graduate professional experience, of which 2 years in IT", 4),
    ("Ten years of experience in project management", 10),
    ("You have 2-3 years of experience in data analysis", 2),
    ("at least three years of university studies and 2 years of experience", 2),
    # Not experience: ceilings, probation, education, contract lengths
    ("fixed-term contracts (maximum 6 years in any EU Institution)", None),
    ("Contract agents have to successfully complete a 9-month probationary period.", None),
    ("completed university studies of at least three years attested by a diploma", None),
    ("The duration of the first contract will be 1 year. Previous professional experience defines the step.", None),
    ("up to 3 years of experience is preferred", None),
    ("A highly experienced and motivated candidate", None),
    ("", None),
])
def test_find_min_experience(text, expected):
    assert find_min_experience(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("(a) Have a level of education which corresponds to completed university studies of at least three years attested by a diploma.",
     "university degree (3+ years)"),
    ("a level of education which corresponds to completed university studies of 4 years or more", "university degree (4+ years)"),
    ("Level of education corresponding to Level 7 of the European Qualifications Framework (which typically corresponds "
     "to a master’s level or 5 years of higher education);", "EQF level 7 (master)"),
    ("EQF level 6 or equivalent", "EQF level 6 (bachelor)"),
    ("University degree", "university degree"),
    ("A university degree in computer science, engineering or a related field", "university degree"),
    ("A degree in computer science", "university degree"),
    ("Ability to work with a high degree of autonomy", None),
    ("Master's degree in law", "EQF level 7 (master)"),
    ("Bachelor's degree in economics", "EQF level 6 (bachelor)"),
    ("A doctorate (PhD) in physics", "EQF level 8 (doctorate)"),
    ("a level of secondary education attested by a diploma giving access to post-secondary education",
     "secondary education (EQF level 4)"),
    ("a level of post-secondary education attested by a diploma", "post-secondary education"),
    # degrees named as an asset, or as one way among others, are no minimum
    ("A PhD would be an asset.", None),
    ("as attested by university education or practical experience", None),
    ("A Master's degree is an advantage; University degree required", "university degree"),
    ("Very good knowledge of MS Office", None),
    ("", None),
])
def test_find_education(text, expected):
    assert find_education(text) == expected


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_requirements(seed):
    expected = EXPECTED[seed]
    text = (POSTINGS / seed).read_text(encoding="utf-8")
    assert find_min_experience(text) == expected["min_experience_years"]
    education = find_education(text)
    for part in expected.get("education_contains", []):
        assert part.lower() in (education or "").lower()


@pytest.mark.parametrize("text, expected", [
    ("justifier d'au moins 3 ans d'expérience professionnelle dans le domaine de la communication", 3),
    ("une expérience professionnelle d'au moins cinq ans", 5),
    ("6 mois d'expérience", 0.5),
    ("études universitaires d'au moins trois ans sanctionnées par un diplôme", None),  # the degree's years
])
def test_find_min_experience_in_french(text, expected):
    assert find_min_experience(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("avoir un niveau d'enseignement correspondant à un cycle complet d'études universitaires d'au moins trois ans "
     "sanctionné par un diplôme", "university degree (3+ years)"),
    ("titulaire d'un diplôme universitaire en droit", "university degree"),
])
def test_find_education_in_french(text, expected):
    assert find_education(text) == expected


def test_experience_statements_skip_the_years_of_a_degree() -> None:
    text = ("completed university studies of at least 3 years attested by a diploma, followed by at least 6 years "
            "of professional experience")
    assert [m.group("n") for m in experience_statements(text)] == ["6"]
