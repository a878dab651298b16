"""Reference rule: the posting's own reference, never a decision number or a date."""


import pytest

from eujobs.store.parse.references import find_reference

from .conftest import EXPECTED, POSTINGS, SEEDS


def reference_in(text: str) -> str | None:
    found = find_reference(text)
    return found.value if found else None


@pytest.mark.parametrize("text, expected", [
    ("(Reference: Call for interest EC/2026/CNECT/510505)", "EC/2026/CNECT/510505"),
    ("indicating the call for interest reference EC/2026/DIGIT/496629 in the subject.", "EC/2026/DIGIT/496629"),
    ("Ref. : 10B30-7323", "10B30-7323"),
    ("Ref. : 10D1020-6329", "10D1020-6329"),
    ("Place of employment : Brussels\nStarting date : 01/03/2026 (5 months)\nRef. : 10B30-7323", "10B30-7323"),
    ("Open competition EPSO/AD/412/25 – Administrators (AD 7) in the field of cybersecurity", "EPSO/AD/412/25"),
    ("NOTICE OF OPEN COMPETITION EPSO/AST-SC/14/25 – Secretaries", "EPSO/AST-SC/14/25"),
    ("Vacancy notice COM/2025/10412 – Head of Unit", "COM/2025/10412"),
    ("Reference: COM/TA/AD/01/24", "COM/TA/AD/01/24"),
    ("Reference number: EMA/AD/123", "EMA/AD/123"),
    ("Vacancy notice ENISA-TA-AD-2025-01 – Cybersecurity Officer", "ENISA-TA-AD-2025-01"),
    ("Our ref: EUIPO/AST/2025/07", "EUIPO/AST/2025/07"),
    ("Ref.: **EFSA/E/AD/2026/01**", "EFSA/E/AD/2026/01"),
    ("Vacancy Notice PE/241/S", "PE/241/S"),
    # A labelled reference wins over a known shape named earlier in passing
    ("Unlike EPSO/AD/400/24, this call is for contract agents.\nReference: EC/2026/HR/123456", "EC/2026/HR/123456"),
    # Registration numbers, decisions and dates are not the posting's reference
    ("Ref. Ares(2026)1234567 - 12/03/2026\nOpen competition EPSO/AD/412/25", "EPSO/AD/412/25"),
    ("in accordance with [Commission Decision C\\(2017\\)6760](#) laying down the criteria", None),
    ("Ref.: 15/03/2026", None),
    ("Reference: 2020-2025 programming period", None),
    ("Common European Framework of Reference for Languages", None),
    ("Type of contract: Freelance\nStart date: at earliest possible time", None),
    ("", None),
])
def test_find_reference(text, expected):
    assert reference_in(text) == expected


def test_reference_ignores_markup_and_crlf():
    assert reference_in("**Ref.**\u00a0:\u00a010B30-7323\r\nApply online") == "10B30-7323"


@pytest.mark.parametrize("seed", [s for s in SEEDS if "reference" in EXPECTED[s]])
def test_seed_reference(seed):
    text = (POSTINGS / seed).read_text(encoding="utf-8")
    assert reference_in(text) == EXPECTED[seed]["reference"]


@pytest.mark.parametrize("text, expected", [
    # the Commission's SNE form: the bracket says how the code is built
    ("Post identification: (DG-DIR-UNIT) MOVE-C-2\nHead of Unit: Marta NOWAK", "MOVE-C-2"),
    ("Call reference: 2026-IPR-C5-FGIV-021406\nType of contract: Contract Agent", "2026-IPR-C5-FGIV-021406"),
    ("Référence : PE/333/2025/S/PERS - ADMINISTRATIVE MANAGER (AD 8)", "PE/333/2025/S/PERS"),
])
def test_find_reference_in_forms_and_french(text, expected):
    assert reference_in(text) == expected
