"""Grade, contract type and kind-of-post rules."""


import pytest

from eujobs.store.model import KINDS
from eujobs.store.parse.grades import find_contract_type, find_grade, find_kind

from .conftest import EXPECTED, POSTINGS, SEEDS


def value(found):
    return found.value if found else None

# What every Commission call for interest says about staff categories, whatever the post
COMMISSION_BOILERPLATE = (
    "In addition to permanent officials, the European Commission offers non-permanent positions.\n"
    "- temporary agents are recruited to fill vacant positions for a set amount of time.\n"
    "- contract agents may provide additional capacity (maximum 6 years in any EU Institution).\n"
)


@pytest.mark.parametrize("text, expected", [
    ("**Function Group:** FG IV", "FG IV"),
    ("engaged as a contract agent ... in function group FG IV", "FG IV"),
    ("Function Group III", "FG III"),
    ("Contract agent FGIV", "FG IV"),
    ("function group II, grade 5", "FG II"),
    ("Function group: FG 1", "FG I"),
    ("Grade: AD 5", "AD 5"),
    ("recruited at grade AD7", "AD 7"),
    ("Grade: AST 3", "AST 3"),
    ("Secretaries (AST-SC 2)", "AST/SC 2"),
    ("Grade AST/SC 1", "AST/SC 1"),
    ("Grade: AD9 - AD12", "AD 9-12"),
    ("Head of Unit, AD 9 to AD 12", "AD 9-12"),
    ("Grade: AST 4-AST 7", "AST 4-7"),
    ("Open competition EPSO/AD/412/25 for administrators", None),   # the reference is no grade
    ("Reference COM/TA/AD/01/24", None),
    ("Have passed an EPSO CAST in the relevant Function Group for this position.", None),
    ("Your tasks as a trainee in the PMCO unit", None),
    ("Category: junior expert\nType of contract: Freelance", None),
    ("AD 3 and AST 14 do not exist", None),
])
def test_find_grade(text, expected):
    assert value(find_grade(text)) == expected


def test_grade_line_wins_over_earlier_mentions():
    text = "Candidates who passed AST 3 competitions may apply.\nGrade: AD 6"
    assert value(find_grade(text)) == "AD 6"


@pytest.mark.parametrize("text, expected", [
    ("**Contract Type:** 3b", "3b"),
    ("Contract Type: 3a", "3a"),
    ("Type of contract: Contract agent (3b)", "3b"),
    ("Type of contract: Temporary agent 2(f)", "2f"),
    ("engaged as a contract agent under Article 3(b) of the [Conditions of Employment of Other Servants](#)", "3b"),
    ("offered a contract under Article 3a of the CEOS", "3a"),
    ("Temporary agent under Article 2(f) CEOS", "2f"),
    ("recruited as temporary agent pursuant to Article 2(b) of the Conditions of Employment", "2b"),
    ("Post: CA 3b, FG IV", "3b"),
    ("Profile: TA 2f, AD 7", "2f"),
    ("Type of contract: Freelance", "freelance"),
    ("The consultant will work on a freelance basis.", "freelance"),
    ("Type of post: Seconded National Expert (SNE)", "SNE"),
    ("Call for Seconded National Experts in DG COMP", "SNE"),
    ("Contract: END", "SNE"),
    ("Type of contract: Interim", "interim"),
    ("Interim agent for the Parliament via a temporary work agency", "interim"),
    # Neither boilerplate nor other Articles are a contract type
    ("in accordance with Article 1d of the Staff Regulations", None),
    (COMMISSION_BOILERPLATE, None),
    ("The interim report is due in May. Deadline at 3 a.m.", None),
    ("THE END", None),
])
def test_find_contract_type(text, expected):
    assert value(find_contract_type(text)) == expected


@pytest.mark.parametrize("text, contract_type, grade, expected", [
    (COMMISSION_BOILERPLATE + "Contract Type: 3b", "3b", "FG IV", "contract_agent"),
    (COMMISSION_BOILERPLATE + "Contract Type: 2f", "2f", "AD 6", "temporary_agent"),
    (COMMISSION_BOILERPLATE + "You will be engaged as a contract agent.", None, None, "contract_agent"),
    (COMMISSION_BOILERPLATE + "Function Group: FG III", None, "FG III", "contract_agent"),
    ("Your tasks as a trainee in the PMCO unit will be to assist.", None, None, "traineeship"),
    ("Blue Book traineeship at the European Commission, 5 months", None, None, "traineeship"),
    ("Schuman traineeships at the European Parliament", None, None, "traineeship"),
    ("Open competition EPSO/AD/412/25 – Administrators (AD 7)", None, "AD 7", "official"),
    ("The successful candidates will be appointed as officials.", None, None, "official"),
    ("Vacancy for a Temporary Agent, grade AD 6, in ENISA", None, "AD 6", "temporary_agent"),
    ("Secondment of a national expert (SNE) to DG COMP", "SNE", None, "seconded_national_expert"),
    ("Interim secretary via a temporary work agency", "interim", None, "interim"),
    ("Category: junior expert. Duration in line with the consortium's contract with the client.", None, None, "consultancy"),
    ("Type of contract: Freelance", "freelance", None, "consultancy"),
    ("Some job with no statement about its contract", None, None, "other"),
])
def test_find_kind(text, contract_type, grade, expected):
    assert find_kind(text, contract_type, grade).value == expected


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_grade_contract_kind(seed):
    expected = EXPECTED[seed]
    text = (POSTINGS / seed).read_text(encoding="utf-8")
    grade, contract_type = value(find_grade(text)), value(find_contract_type(text))
    if "grade" in expected:
        assert grade == expected["grade"]
    if "contract_type" in expected:
        assert contract_type == expected["contract_type"]
    kind = find_kind(text, contract_type, grade).value
    assert kind in KINDS and kind == expected["kind"]


@pytest.mark.parametrize("text, expected", [
    ("Type de contrat : Agent contractuel GF IV", "FG IV"),  # French: groupe de fonctions = GF
    ("dans le groupe de fonctions GF III", "FG III"),
])
def test_find_grade_in_french(text, expected):
    assert value(find_grade(text)) == expected


@pytest.mark.parametrize("text, expected", [
    # French CEOS (RAA) articles: 3 bis = 3a, 3 ter = 3b, "article 2, point f)" = 2f
    ("engagé(e) en tant qu'agent contractuel au titre de l'article 3 ter du régime applicable aux autres agents (RAA)", "3b"),
    ("au titre de l'article 3 bis du RAA", "3a"),
    ("agent temporaire au sens de l'article 2, point f), du RAA", "2f"),
    # a contract form in words without its Article is a kind, not a contract type
    ("Type of contract: Temporary Agent", None),
    ("Type of contract: Temporary staff", None),
])
def test_find_contract_type_other_forms(text, expected):
    assert value(find_contract_type(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Type of contract: Temporary Agent\nThe trainee programme of the Agency is described elsewhere.", "temporary_agent"),
    ("Type of contract: Temporary staff\nGrade: AD 6\nOpen competition EPSO/AD/400/24 laureates may apply.", "temporary_agent"),
    ("Type de contrat : Agent contractuel GF IV", "contract_agent"),
    ("Le/la candidat(e) retenu(e) sera engagé(e) en tant qu'agent contractuel.", "contract_agent"),
])
def test_the_contract_line_decides_the_kind(text, expected):
    assert find_kind(text, value(find_contract_type(text)), value(find_grade(text))).value == expected
