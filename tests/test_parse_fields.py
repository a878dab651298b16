"""The document-level field finders on phrasings beyond the seeds, and parse()'s refusal of non-postings."""

from __future__ import annotations

import pytest

from eujobs.store.errors import ParseError
from eujobs.store.parse.apply import find_documents, find_email, find_subject, find_url
from eujobs.store.parse.facts import find_applicants, find_domain
from eujobs.store.parse.fields import read_fields
from eujobs.store.parse.places import find_locations, find_unit
from eujobs.store.parse.posting import parse
from eujobs.store.parse.sections import read_document
from eujobs.store.parse.title import find_job_title, find_title

def value_of(found, nothing=()):
    """What a finder found, or `nothing` (an empty list by default) when it found none."""
    return found.value if found else ([] if nothing == () else nothing)


BOILERPLATE = "MAKE A DIFFERENCE - JOIN THE EUROPEAN COMMISSION\n\nCommission staff are a diverse group of people.\n\n"


@pytest.mark.parametrize(("text", "kind", "unit", "department", "title"), [
    (BOILERPLATE + "Data Scientist\n\nDG ESTAT, UNIT B1 (LUXEMBOURG)\n\nJob title: Statistician\n", "contract_agent",
     None, "DG ESTAT", "Data Scientist"),
    (BOILERPLATE + "Policy Officer – Energy Security\n\nin ENER of the European Commission\n\nJob title: Policy Officer\n",
     "contract_agent", None, "DG ENER", "Policy Officer – Energy Security"),
    # no title line above the placing line: the boilerplate's last line is no title, the Job title is
    ("Staff are diverse.\n\nFor more information on different staff categories\n\nDG CONNECT, UNIT R3 (BRUSSELS)\n\n"
     "Job title: ICT Officer\n", "contract_agent", None, "DG CONNECT", "ICT Officer"),
    ("Research Fellow in Energy Modelling\nJRC.C.6 (Seville)\nWe are looking for a fellow.\n", "contract_agent",
     None, None, "Research Fellow in Energy Modelling"),
    ("Project\nSupport to OPSYS\nPosition\nJunior Project Manager Officer\nProject description\nText here.\n",
     "consultancy", None, None, "Junior Project Manager Officer"),
    ("Post title : Legal Officer\nGrade: AD 7\n", "temporary_agent", None, None, "Legal Officer"),
    ("VACANCY NOTICE\n\nThe Agency is organising a selection procedure for the post of Head of Sector ICT "
     "Infrastructure (AD 8) in Vienna.\n", "temporary_agent", None, None, "Head of Sector ICT Infrastructure"),
    ("Who we are\nThere is an interesting traineeship offering in the Data Governance Unit (DGOV).\n",
     "traineeship", "Data Governance Unit (DGOV)", "DG ITEC", "Trainee – Data Governance Unit (DGOV)"),
    ("Who we are\nWe deliver IT services.\n", "contract_agent", None, "DG DIGIT", "Contract agent – DG DIGIT"),
    ("Who we are\nWe deliver IT services.\n", "other", None, None, "Vacancy"),
    ("Reference: ENISA-TA-2026-04\nPost: Cybersecurity Expert (M/F)\n", "temporary_agent", None, None,
     "Cybersecurity Expert"),
    ("# EPSO/AD/412/25 – ADMINISTRATORS (AD 7) IN THE FIELD OF CYBERSECURITY\n\nThe Office organises a competition.\n",
     "official", None, None, "Administrators (AD 7) in the field of cybersecurity"),
])
def test_title(text: str, kind: str, unit, department, title: str) -> None:
    assert find_title(read_document(text), read_fields(text), text, None, kind, unit, department).value == title


@pytest.mark.parametrize(("text", "job_title"), [
    ("**Job title\\*:** ICT Officer – Project Manager  \n", "ICT Officer – Project Manager"),
    ("Job title: ICT Security Officer\n", "ICT Security Officer"),
    ("Position\nJunior Project Manager Officer\n", None),
])
def test_job_title_is_only_the_formal_line(text: str, job_title) -> None:
    assert find_job_title(read_document(text)) == job_title


@pytest.mark.parametrize(("text", "unit"), [
    ("Where: CONNECT.R3 “Knowledge Management and Innovative Systems”, Brussels",
     "CONNECT.R3 Knowledge Management and Innovative Systems"),
    ("Where: Unit B.1 – „Data, Artificial Intelligence & Web“, Brussels", "Unit B.1 – Data, Artificial Intelligence & Web"),
    ("Where: JRC.C.6 'Economics of Energy', Sevilla, Spain", "JRC.C.6 Economics of Energy"),
    ("Unit: HR.B.2 – Selection and Recruitment\n", "HR.B.2 – Selection and Recruitment"),
    ("The Portfolio Management and Compliance Unit (PMCO), part of the Directorate for Cybersecurity, serves as office.",
     "Portfolio Management and Compliance Unit (PMCO)"),
    ("There is a traineeship in the Networks and Access Unit, section Telecom Cabling and Specific Projects Service "
     "(SPEPRO). This section works with the section Engineering (NETSERV).",
     "Networks and Access Unit, section Telecom Cabling and Specific Projects Service (SPEPRO)"),
    ("### DG CONNECT, UNIT R3 (BRUSSELS)\n\nWe are a team.", "UNIT R3"),
    ("Where: Brussels\n", None),
    ("Your tasks as a trainee in the Unit's policy development activities.", None),
])
def test_unit(text: str, unit) -> None:
    assert find_unit(read_document(text), text) == unit


@pytest.mark.parametrize(("text", "locations"), [
    ("Place of employment : Luxembourg\n", ["Luxembourg"]),
    ("Location of assignment: Brussels and/or EU countries with flexibility to come to Brussels.", ["Brussels"]),
    ("Where: CONNECT.R3 “Knowledge Management”, Brussels\n", ["Brussels"]),
    ("Text.\n\nThe place of employment will be in **Bruxelles**.\n", ["Brussels"]),
    ("Location: Sevilla (Spain)\n", ["Seville"]),
    ("Place of employment: Brussels or Luxembourg\n", ["Brussels", "Luxembourg"]),
    ("Lieu d’affectation : Strasbourg\n", ["Strasbourg"]),
    ("The post is based in Den Haag, the Netherlands.", ["The Hague"]),
    ("### DG CONNECT, UNIT R3 (BRUSSELS)\n\nWe are a team.", ["Brussels"]),
    ("These Member States are currently Austria, Luxembourg, Malta and Sweden.", []),
])
def test_locations(text: str, locations: list[str]) -> None:
    assert value_of(find_locations(text)) == locations


@pytest.mark.parametrize(("text", "domain"), [
    ("Domain: Information Technology\n", "Information Technology"),
    ("Domain : IT\nSub domain : Information and Communication Technology (ICT)\n", "IT"),
    ("**Domain\\*\\*:** Information Technology\n", "Information Technology"),
    ("Field: Cybersecurity\n", "Cybersecurity"),
    ("Our domain is broad.\n", None),
])
def test_domain(text: str, domain) -> None:
    assert find_domain(read_document(text)) == domain


@pytest.mark.parametrize(("text", "applicants"), [
    ("Apply online\n3 people have already applied to this offer", 3),
    ("1 person has already applied to this offer", 1),
    ("1,204 people have applied to this offer", 1204),
    ("Applicants: 12\n", 12),
    ("Apply online\n", None),
])
def test_applicants(text: str, applicants) -> None:
    assert find_applicants(read_document(text), text) == applicants


CNECT_APPLY = """HOW TO EXPRESS YOUR INTEREST?

1. If you are not registered yet in the open EPSO database, please do so at the following address: CAST Permanent.
2. You should send your documents in a single pdf in the following order:
  1. your CV
  2. completed application form.Please send these documents by the publication deadline to CNECT-R3@ec.europa.eu indicating the call for interest reference EC/2026/CNECT/510505 in the subject.

For information related to Data Protection, please contact DATA-PROTECTION@ec.europa.eu.
"""


@pytest.mark.parametrize(("text", "email"), [
    (CNECT_APPLY, "CNECT-R3@ec.europa.eu"),
    ("For further information, please contact HR-INFO@ec.europa.eu.\nApplications should be sent to jobs@enisa.europa.eu "
     "before the deadline.", "jobs@enisa.europa.eu"),
    ("For further information, please contact HR-INFO@ec.europa.eu.", None),
    ("How to apply\nApplications to:\njobs@agency.europa.eu", "jobs@agency.europa.eu"),
])
def test_application_email(text: str, email) -> None:
    assert value_of(find_email(text), None) == email


@pytest.mark.parametrize(("text", "url"), [
    ("Apply online\n2 people have already applied to this offer", None),
    ("Candidates must apply online via https://erecruitment.enisa.europa.eu/ before the deadline.",
     "https://erecruitment.enisa.europa.eu/"),
    ("For details on language levels, see https://europass.cedefop.europa.eu/en/resources.", None),
    ("Candidates should register their profile at this address: https://eu-careers.europa.eu/en/Cast-Permanent", None),
])
def test_application_url(text: str, url) -> None:
    assert value_of(find_url(text), None) == url


@pytest.mark.parametrize(("text", "reference", "subject"), [
    (CNECT_APPLY, "EC/2026/CNECT/510505", "EC/2026/CNECT/510505"),
    ("Send your CV with the subject 'Application – Data Steward' to x@y.eu.", None, "Application – Data Steward"),
    ("Subject line: SNE application ENER\n", None, "SNE application ENER"),
    ("Please quote the vacancy reference in the subject of your e-mail.", "ENISA-TA-2026-04", "ENISA-TA-2026-04"),
    ("E-mail x@y.eu stating “EPSO/AD/412/25 – Surname” as the subject.", None, "EPSO/AD/412/25 – Surname"),
    ("Subject to the interest of the service, the contract may be renewed.", None, None),
])
def test_subject(text: str, reference, subject) -> None:
    assert value_of(find_subject(text, reference), None) == subject


@pytest.mark.parametrize(("text", "documents"), [
    (CNECT_APPLY, ["CV", "application form", "as a single PDF"]),
    ("How to apply\nApplications must include a motivation letter (max 1 page), a Europass CV and a copy of your "
     "diploma.", ["motivation letter", "CV", "copy of diploma"]),
    ("Please send your cover letter and CV in one single PDF file to x@y.eu.", ["cover letter", "CV", "as a single PDF"]),
    ("Qualifications:\n- a level of education attested by a diploma\nApply online", []),
    ("HOW DO I APPLY?\nYou must apply online via the EPSO website before the deadline. Please fill in the online "
     "application form.", ["application form"]),
])
def test_documents_in_the_order_given(text: str, documents: list[str]) -> None:
    assert find_documents(read_document(text), text) == documents


@pytest.mark.parametrize(("text", "reason"), [
    ("", "empty"),
    ("   \n\n  ", "empty"),
    ("12345 6789 / 2026", "no letters"),
    ("Junior Officer wanted.", "too short"),
    ("PK\x03\x04\x00\x00\x00" * 40 + " word" * 30, "binary"),
])
def test_parse_refuses_what_is_not_a_posting(text: str, reason: str) -> None:
    with pytest.raises(ParseError, match=reason):
        parse(text)


def test_parse_reads_an_agency_notice_it_has_never_seen() -> None:
    text = """Vacancy notice

Position: Cybersecurity Officer
Unit: Operational Cooperation Unit
Place of employment: Athens, Greece
Domain: Cybersecurity
Type of contract: Temporary agent, AD 7
Deadline for applications: 15/01/2027 at 23:59 (Athens time)

Selection criteria
- At least 3 years of professional experience in incident response;
- Excellent knowledge of English;
- Good communication skills.

How to apply
Applicants must apply online via https://careers.enisa.europa.eu/apply and upload a CV and a motivation letter.
"""
    posting = parse(text)
    assert posting.title == "Cybersecurity Officer"
    assert posting.unit == "Operational Cooperation Unit"
    assert posting.locations == ["Athens"]
    assert posting.domain == "Cybersecurity"
    assert posting.apply.url == "https://careers.enisa.europa.eu/apply"
    assert posting.apply.documents == ["CV", "motivation letter"]
    assert any(item.group == "selection" and "communication" in item.text for item in posting.checklist)


@pytest.mark.parametrize(("text", "title"), [
    # agency notices and career pages: the post's name just above its reference line
    ("VACANCY NOTICE\n\nCybersecurity Officer – Incident Response Coordination (M/F)\n\nREF.: ENISA-TA-AD-2025-03\n"
     "Type of contract: Temporary Agent 2(f)\n", "Cybersecurity Officer – Incident Response Coordination"),
    ("Scientific Administrator – Clinical Trials (AD 6)\n\nTemporary agent vacancy at the European Medicines Agency\n\n"
     "Reference: EMA/AD/512\nGrade: AD 6\n", "Scientific Administrator – Clinical Trials (AD 6)"),
    ("TRAINEESHIP NOTICE\n\nPaid traineeship in the Cyber Policy Division – EEAS Headquarters\n\n"
     "Reference: EEAS/TR/2026/041\nLocation: Brussels\n", "Paid traineeship in the Cyber Policy Division – EEAS Headquarters"),
    # a notice-type line above the reference is no title
    ("NOTICE OF VACANCY\nSECONDED NATIONAL EXPERTS (SNE/END) TO THE EUROPEAN COMMISSION\n\n"
     "Post identification: (DG-DIR-UNIT) MOVE-C-2\nUnit: C.2 – Rail Safety\n", "Seconded national expert – C.2 – Rail Safety"),
    # French calls: sentence-case title above "à la DG ... de la Commission européenne"
    ("Les États membres sous-représentés sont nombreux.\n\nChargé(e) de communication – Médias et événements\n\n"
     "à la DG COMM de la Commission européenne\n\nIntitulé du poste : Chargé de communication\n",
     "Chargé(e) de communication – Médias et événements"),
])
def test_title_in_agency_and_french_layouts(text: str, title: str) -> None:
    doc = read_document(text)
    kind = "seconded_national_expert" if "SNE" in text else "other"
    assert find_title(doc, read_fields(text), text, None, kind, find_unit(doc, text)).value == title


def test_a_role_named_like_a_unit_is_no_unit() -> None:
    assert find_unit(read_document("Head of Unit: Marta NOWAK\nEmail: x@ec.europa.eu\n"), "Head of Unit: Marta NOWAK") is None


@pytest.mark.parametrize(("text", "unit"), [
    ("Lieu d'affectation : Unité B.2 « Médias et événements », Bruxelles\n", "Unité B.2 Médias et événements"),
    ("Division: SECDEFPOL.4 – Cyber Policy\n", "SECDEFPOL.4 – Cyber Policy"),
])
def test_unit_in_french_and_divisions(text: str, unit: str) -> None:
    assert find_unit(read_document(text), text) == unit


@pytest.mark.parametrize(("text", "locations"), [
    # a form's ticked box counts, the unticked ones do not
    ("Place of secondment: ☒ Brussels ☐ Luxembourg ☐ Other: ……………\n", ["Brussels"]),
    ("Site: Ispra (Italy)\n", ["Ispra"]),
    ("Successful candidates will be recruited mainly by the European Commission in Brussels and Luxembourg.",
     ["Brussels", "Luxembourg"]),
    ("The assessment centre will take place in Brussels, or remotely.", []),
])
def test_locations_in_forms_and_competition_notices(text: str, locations: list[str]) -> None:
    assert value_of(find_locations(text)) == locations


def test_domain_label_in_french() -> None:
    assert find_domain(read_document("Domaine : Communication\n")) == "Communication"


@pytest.mark.parametrize(("text", "email", "url"), [
    # "(max. one page)" does not end the sentence that asks to send
    ("Please send your CV and a motivation letter (max. one page) in English, in a single PDF, to "
     "TRAINEES@eeas.europa.eu with the subject \"Traineeship\".", "TRAINEES@eeas.europa.eu", None),
    # a link to a CV format says how to write, not where to apply
    ("Candidates should send their application according to the Europass CV format (https://europa.eu/europass/en) "
     "only to the Permanent Representation of their country.", None, None),
    ("Veuillez envoyer ces documents à COMM-B2@ec.europa.eu en indiquant la référence dans l'objet.",
     "COMM-B2@ec.europa.eu", None),
])
def test_application_address_in_other_wordings(text: str, email, url) -> None:
    assert (value_of(find_email(text), None), value_of(find_url(text), None)) == (email, url)


@pytest.mark.parametrize(("text", "reference", "subject"), [
    # the apostrophes of "l'appel ... d'intérêt" quote nothing
    ("en indiquant la référence de l'appel à manifestation d'intérêt EC/2026/COMM/523417 dans l'objet.", None,
     "EC/2026/COMM/523417"),
])
def test_subject_in_french(text: str, reference, subject) -> None:
    assert value_of(find_subject(text, reference), None) == subject


@pytest.mark.parametrize(("text", "documents"), [
    ("Comment manifester votre intérêt ?\nVous devez envoyer dans un seul fichier PDF votre CV et le formulaire de "
     "candidature complété.", ["CV", "application form", "as a single PDF"]),
    # documents one is asked not to send are not documents to send
    ("How to apply\nSend a Europass CV. Candidates are asked not to add any other documents (such as copy of "
     "passport, copy of degrees).", ["CV"]),
])
def test_documents_in_french_and_exclusions(text: str, documents: list[str]) -> None:
    assert find_documents(read_document(text), text) == documents
