"""Institution and Directorate-General rules."""


import pytest

from eujobs.store.parse.departments import normalise_department
from eujobs.store.parse.institutions import find_institution
from eujobs.store.parse.organisation import find_department

from .conftest import EXPECTED, POSTINGS, SEEDS

CAST_BOILERPLATE = (
    "If you are not registered yet in the open EPSO database, please do so. Please select the CAST profile. "
    "Have passed an EPSO CAST in the relevant Function Group. The selecting unit chooses from the EPSO database. "
)


@pytest.mark.parametrize("text, expected", [
    ("MAKE A DIFFERENCE - JOIN THE EUROPEAN COMMISSION\n" + CAST_BOILERPLATE, "European Commission"),
    ("The Directorate-General for Information Technologies and Cybersecurity (DG ITEC) is a trusted partner that "
     "empowers the European Parliament.", "European Parliament"),
    ("Nowadays Parliament's buildings have a standard data-cabling infrastructure.", "European Parliament"),
    ("The General Directorate of “International Partnerships” (DG INTPA) of the European Commission defines programmes. "
     "Only candidates with a Belgian work permit can be considered. The consortium's contract with the client.",
     "European Commission"),
    ("The European Union Agency for Cybersecurity (ENISA) is looking for a Cybersecurity Officer. ENISA is located in Athens. "
     "The selected candidate will be recruited as Temporary Agent under Article 2(f) CEOS. "
     "The European Commission and the European Parliament adopted the Cybersecurity Act.",
     "European Union Agency for Cybersecurity (ENISA)"),
    ("EMA is seeking a Scientific Officer. The European Medicines Agency is an EU agency in Amsterdam. "
     "EMA works with the European Commission.", "European Medicines Agency (EMA)"),
    ("Frontex, the European Border and Coast Guard Agency, is recruiting in Warsaw. Join Frontex!",
     "European Border and Coast Guard Agency (Frontex)"),
    ("The European Environment Agency (EEA) in Copenhagen offers a post. EEA staff work on climate. "
     "Applicants must be EU/EEA nationals.", "European Environment Agency (EEA)"),
    ("Work for the European Investment Bank in Luxembourg. The EIB is the EU bank.", "European Investment Bank"),
    ("The Court of Justice of the European Union is recruiting lawyer-linguists.", "Court of Justice of the European Union"),
    ("Traineeships at the European Court of Auditors. The ECA is the EU's external auditor.", "European Court of Auditors"),
    ("The General Secretariat of the Council (GSC) assists the Council of the European Union. Join the GSC.",
     "Council of the European Union"),
    ("The European External Action Service (EEAS) is recruiting for EU Delegations. The EEAS manages delegations.",
     "European External Action Service"),
    ("The Joint Research Centre (JRC) in Ispra is looking for a researcher. The JRC is the Commission's science service.",
     "European Commission"),
    ("Vacancy at the European Anti-Fraud Office (OLAF), Brussels.", "European Commission"),
    # a body as the posting names it, under its name of the time
    ("The European Monitoring Centre for Drugs and Drug Addiction (EMCDDA) in Lisbon is hiring.",
     "European Monitoring Centre for Drugs and Drug Addiction (EMCDDA)"),
    # EPSO organises; the institutions recruit
    ("EPSO organises open competition EPSO/AD/412/25 for the institutions.", "EU institutions"),
    # a consultancy posting for a client DG yields the client institution
    ("Our client DG DIGIT is looking for a consultant to join our consortium team in Brussels.", "European Commission"),
    ("Apply online. We welcome all candidates.", None),
    ("Applicants must be nationals of an EU/EEA country.", None),
])
def test_find_institution(text, expected):
    found = find_institution(text)
    assert (found.value if found else None) == expected


@pytest.mark.parametrize("text, expected", [
    ("## IT Project Officer\n\n### DG CONNECT, UNIT R3 (BRUSSELS)\n**Where:** CONNECT.R3 “Knowledge Management”", "DG CONNECT"),
    ("ICT Security Officer\n\nin DIGIT of the European Commission\n\nWhere: Unit B.1 – „Data, AI & Web“, Brussels", "DG DIGIT"),
    ("The Directorate-General for Digital Services (DIGIT) is the Commission department.", "DG DIGIT"),
    ("The General Directorate of “International Partnerships” (DG INTPA) of the European Commission. "
     "DG INTPA, DG NEAR and the FPI have jointly committed ... shared governance of INTPA, NEAR, FPI, DIGIT and RTD.", "DG INTPA"),
    ("The Directorate-General for Information Technologies and Cybersecurity (DG ITEC) is a trusted partner.", "DG ITEC"),
    ("The Director-General for Innovation and Technological Support (DG ITEC) provides the EP with ICT services.", "DG ITEC"),
    ("The Directorate-General for Communications Networks, Content and Technology is looking for ...", "DG CONNECT"),
    ("Unit CNECT.F.3 – Artificial Intelligence Office", "DG CONNECT"),
    ("Directorate-General for Employment, Social Affairs and Inclusion (EMPL), Unit D.2", "DG EMPL"),
    ("Eurostat, the statistical office of the EU, Unit ESTAT.B.1", "DG ESTAT"),
    ("Join DG Trade in Brussels!", "DG TRADE"),
    ("Directorate-General for Translation (DGT) of the European Commission, Luxembourg", "DGT"),
    ("The Legal Service of the European Commission", "SJ"),
    ("The Legal Service of the European Parliament advises Members.", "LS"),
    ("The Directorate-General for Translation of the European Parliament in Luxembourg", "DG TRAD"),
    ("The Joint Research Centre (JRC) in Ispra, Directorate D", "DG JRC"),
    ("Directorate-General for Personnel (DG PERS) of the European Parliament", "DG PERS"),
    ("Where: Unit B.2, DG HR\nThe unit works closely with DIGIT and BUDG.", "DG HR"),
    ("HOW TO APPLY? JUST SEND YOUR CV. Please register in the EPSO database.", None),
    ("Supporting Program Management Office (PMO).", None),
    ("", None),
])
def test_find_department(text, expected):
    found = find_department(text)
    assert (found.value if found else None) == expected


@pytest.mark.parametrize("name, expected", [
    ("DG CONNECT", "DG CONNECT"),
    ("CNECT", "DG CONNECT"),
    ("CONNECT", "DG CONNECT"),
    ("DG Connect", "DG CONNECT"),
    ("Directorate-General for Communications Networks, Content and Technology", "DG CONNECT"),
    ("Directorate-General for Digital Services", "DG DIGIT"),
    ("DIGIT", "DG DIGIT"),
    ("General Directorate of “International Partnerships”", "DG INTPA"),
    ("Directorate-General for Information Technologies and Cybersecurity (DG ITEC)", "DG ITEC"),
    ("Directorate-General for Neighbourhood and Enlargement Negotiations", "DG NEAR"),
    ("DG Human Resources and Security", "DG HR"),
    ("Research and Innovation", "DG RTD"),
    ("Eurostat", "DG ESTAT"),
    ("DG SANTE", "DG SANTE"),
    ("Directorate-General for Parliamentary Research Services", "DG EPRS"),
    ("Secretariat-General", "SG"),
    ("Communications", None),
    ("Directorate-General for Magic", None),
    ("", None),
])
def test_normalise_department(name, expected):
    assert normalise_department(name) == expected


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_institution_and_department(seed):
    expected = EXPECTED[seed]
    text = (POSTINGS / seed).read_text(encoding="utf-8")
    found = find_institution(text)
    institution = found.value if found else None
    if "institution" in expected:
        assert institution == expected["institution"]
    for part in expected.get("institution_contains", []):
        assert part.lower() in (institution or "").lower()
    if "department" in expected:
        department = find_department(text, institution)
        assert (department.value if department else None) == expected["department"]


@pytest.mark.parametrize("text, expected", [
    # an agency notice names the Commission, Parliament and EPSO in passing: the agency employs
    ("VACANCY NOTICE\nREF.: ENISA-TA-AD-2025-03\nThe European Union Agency for Cybersecurity (ENISA) is organising a "
     "selection procedure. ENISA cooperates with CERT-EU and the European Commission. Regulation (EU) 2019/881 of the "
     "European Parliament and of the Council. The European Commission adopted it; the European Commission funds it. "
     "Candidates who passed an EPSO competition may apply via the EPSO database.",
     "European Union Agency for Cybersecurity (ENISA)"),
    ("Institution/Agency: European Medicines Agency (EMA)\nEMA works closely with the European Commission, which takes "
     "the decisions. EU Careers is managed by EPSO on behalf of the European Commission and the European Parliament.",
     "European Medicines Agency (EMA)"),
    # an EPSO notice: EPSO organises, the EU institutions recruit from its reserve list (mainly the one it names)
    ("The European Personnel Selection Office (EPSO) is organising an open competition. EPSO will write to you. "
     "Successful candidates will be recruited mainly by the European Commission in Brussels and Luxembourg.",
     "EU institutions"),
    # French postings
    ("FAITES LA DIFFÉRENCE – REJOIGNEZ LA COMMISSION EUROPÉENNE\nLa Commission européenne recrute.", "European Commission"),
    ("Le Service européen pour l'action extérieure (SEAE) recrute des stagiaires.", "European External Action Service"),
    # a spelling that starts with an optional word is still found (no required first word to look for)
    ("Traineeships at the Court of Auditors in Luxembourg.", "European Court of Auditors"),
])
def test_find_institution_in_agency_epso_and_french_postings(text, expected):
    assert find_institution(text).value == expected
