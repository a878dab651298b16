"""The labels EU postings put before a field, in the languages they are published in.

A field a posting states by a label ("Deadline", "Lieu d'affectation :", "Bewerbungsfrist:", "Miejsce :") is
read from that label before any sentence is. Each spelling is written here as `label_key` makes it: lower case,
no dots, no "°", blanks single, no closing colon.
"""

from __future__ import annotations

import re
from functools import lru_cache

# field -> spellings. A label may state two fields at once: "Category and grade: Temporary Agent 2(a) - AD 13".
_SPELLINGS: dict[str, tuple[str, ...]] = {
    "title": (
        "job title", "title", "post title", "position title", "title of post", "title of the post", "title of position",
        "title of the position", "title of function", "title of the function", "function title", "job", "post",
        "position", "vacancy", "vacancy title", "role", "business title", "position (business title)",
        "post (business title)", "name of the post", "job position",
        "intitulé du poste", "intitulé de la fonction", "intitulé", "titre du poste", "titre de la fonction", "poste",
        "fonction", "emploi", "stellenbezeichnung", "bezeichnung der stelle", "titel der stelle", "stelle",
        "dienstposten", "titolo del posto", "titolo", "posto", "puesto", "título del puesto", "denominación del puesto",
        "título do lugar", "functietitel", "functie", "stillingsbetegnelse", "stilling", "stanowisko",
        "nazwa stanowiska",
    ),
    "reference": (
        "reference", "reference number", "reference no", "reference nr", "ref", "ref no", "ref nr", "our ref",
        "our reference", "vacancy reference", "vacancy reference number", "vacancy number", "vacancy no",
        "vacancy notice", "vacancy notice no", "vacancy notice number", "notice of vacancy", "job reference",
        "job id", "job number", "job no", "job ref", "post number", "post no", "post identification",
        "selection procedure reference", "selection reference", "call reference", "reference of the call",
        "competition reference", "competition number", "notice number", "requisition", "requisition no",
        "référence", "numéro de référence", "réf", "référence de l'avis", "avis de vacance", "numéro de l'avis",
        "referenznummer", "kennziffer", "aktenzeichen", "bezugsnummer", "referenz", "riferimento",
        "numero di riferimento", "rif", "referencia", "número de referencia", "ref ª", "referência",
        "referentie", "referentienummer", "referencenummer", "reference nummer", "sygnatura", "numer referencyjny",
        "nr referencyjny",
    ),
    "deadline": (
        "deadline", "deadlines", "deadline for applications", "deadline for application", "deadline for applying",
        "deadline for submission", "deadline for submission of applications", "deadline for registration",
        "deadline for sending applications", "deadline for sending application", "deadline for receipt of applications",
        "application deadline", "applications deadline", "deadline to apply", "closing date", "closing date for applications",
        "closing date for application", "closing date for the submission of applications",
        "closing date for submission of applications", "closing date for applications (midday)", "final date",
        "final date for applications", "final date for submission", "last date", "last date for applications",
        "last date for application", "apply by", "apply before", "publication end", "publication end on external website",
        "end of publication", "date limite", "date limite de candidature", "date limite des candidatures",
        "date limite de dépôt des candidatures", "date limite d'inscription", "date limite de soumission",
        "date limite pour postuler", "date de clôture", "date de clôture des candidatures", "clôture des candidatures",
        "délai", "délai de candidature", "délai d'inscription", "délai de dépôt des candidatures", "fin de publication",
        "fin de publication sur le site externe", "fin de la publication", "bewerbungsfrist", "bewerbungsschluss",
        "einsendeschluss", "anmeldeschluss", "frist", "frist für bewerbungen", "ende der bewerbungsfrist",
        "ende der veröffentlichung", "ende der veröffentlichung auf der externen website", "scadenza",
        "termine", "termine ultimo", "termine per la presentazione delle candidature", "data di scadenza",
        "fine della pubblicazione", "plazo", "plazo de presentación", "plazo de presentación de candidaturas",
        "fecha límite", "fecha límite de presentación", "fin de la publicación", "prazo", "prazo de candidatura",
        "data limite", "data-limite", "uiterste datum", "sluitingsdatum", "einde van de bekendmaking",
        "ansøgningsfrist", "frist for ansøgning", "offentliggørelse slutter", "sista ansökningsdag", "ansökningstid",
        "määräaika", "hakuaika päättyy", "termin składania zgłoszeń", "termin składania wniosków", "termin",
        "koniec publikacji", "koniec publikacji na zewnętrznej stronie internetowej",
    ),
    "location": (
        "location", "location(s)", "locations", "place of employment", "place(s) of employment", "places of employment",
        "place of work", "place of assignment", "location of assignment", "duty station", "place of secondment",
        "place of performance", "workplace", "work place", "work location", "job location", "based in", "city",
        "site", "sites",
        "where", "place and date of employment", "place of employment and date", "lieu et date d'affectation",
        "dienstort und dienstantritt", "lieu", "lieu d'affectation",
        "lieux d'affectation", "lieu de travail", "lieu d'emploi", "lieu de détachement", "localisation",
        "dienstort", "einsatzort", "arbeitsort", "standort", "sede", "sede di servizio", "sede di lavoro",
        "luogo di lavoro", "lugar de trabajo", "lugar de destino", "localização", "local de trabalho", "standplaats",
        "plaats van tewerkstelling", "tjenestested", "arbejdssted", "miejsce", "miejsce zatrudnienia",
        "miejsce pracy", "placering", "tjänsteort",
    ),
    "grade": (
        "grade", "grade(s)", "grades", "job grade", "grading", "function group", "function group/grade",
        "function group / grade", "function group and grade", "function group / grade / post title",
        "function group/grade/post title", "category and grade", "category/grade", "grade and category",
        "grade/function group", "grade / function group", "type of post and grade", "internal job grade and interagency",
        "groupe de fonctions", "groupe de fonctions et grade", "grade et groupe de fonctions", "catégorie et grade",
        "groupe de fonctions/grade", "funktionsgruppe", "besoldungsgruppe", "funktionsgruppe und besoldungsgruppe",
        "funktions- und besoldungsgruppe", "laufbahngruppe und besoldungsgruppe", "gruppo di funzioni e grado",
        "grado", "categoria e grado", "grupo de funciones y grado", "grupo de funções e grau", "functiegroep en rang",
        "rang", "lønklasse", "ansættelsesgruppe og lønklasse", "grupa funkcyjna i grupa zaszeregowania",
        "grupa zaszeregowania",
    ),
    "contract": (
        "type of contract", "contract type", "type of post", "type of position", "type of employment",
        "employment type", "contract", "staff category", "category of staff", "type of appointment",
        "nature of contract", "category", "type de contrat", "nature du contrat", "type de poste",
        "catégorie de personnel", "vertragsart", "art des vertrags", "vertragstyp", "art der stelle",
        "beschäftigungsart", "tipo di contratto", "tipo de contrato", "tipo de puesto", "soort contract",
        "type contract", "kontrakttype", "ansættelsesform", "rodzaj umowy", "rodzaj zatrudnienia", "typ umowy",
    ),
    "institution": (
        "institution/agency", "institution / agency", "institution", "institutions", "institution or body",
        "institution/body", "agency", "employer", "hiring organisation", "hiring organization", "organisation",
        "organization", "institution/organe", "institution / organe", "institution/agence", "organe",
        "organ/einrichtung", "organ / einrichtung", "einrichtung", "organo", "istituzione", "institución",
        "instituição", "instelling", "instytucja",
    ),
    "department": (
        "department", "directorate-general", "directorate general", "dg", "directorate", "division",
        "sector/unit/division", "sector/unit/department", "unit/division", "directorate/unit", "dg/unit",
        "department/unit", "unit/department", "directorate/division", "service/department",
        "organisational entity", "organizational entity", "direction générale", "direction", "département",
        "generaldirektion", "direktion", "abteilung", "direzione generale", "dirección general", "direcção-geral",
        "directoraat-generaal", "generaldirektorat", "enhed", "dział", "dyrekcja generalna",
    ),
    "apply": (
        "link to vacancy", "link to the vacancy", "vacancy link", "link to the job", "apply", "apply here",
        "apply online", "application link", "application url", "online application", "application form",
        "lien vers l'offre", "lien vers l'avis de vacance", "postuler", "link zur stellenausschreibung",
        "link zur stelle", "bewerben", "jetzt bewerben",
    ),
    "published": (
        "open for application", "opening date", "publication date", "date of publication", "published",
        "published on", "publication", "publication start", "date de publication", "publié le", "publication le",
        "veröffentlichungsdatum", "veröffentlicht am", "data di pubblicazione", "fecha de publicación",
        "publicatiedatum", "offentliggørelsesdato", "data publikacji",
    ),
    "start": (
        "starting date", "start date", "date of entry into service", "entry into service", "expected start date",
        "date d'entrée en fonctions", "date d'entrée en fonction", "entrée en fonctions", "date de début",
        "prise de fonctions", "dienstantritt", "beginn", "data di inizio", "presa di servizio", "fecha de incorporación",
        "data de início", "datum van indiensttreding", "tiltrædelsesdato",
    ),
    "experience": (
        "professional experience", "experience", "work experience", "minimum experience", "relevant experience",
        "required experience", "experience required", "professional experience required", "expérience professionnelle",
        "expérience", "berufserfahrung", "esperienza professionale", "experiencia profesional", "werkervaring",
        "erhvervserfaring", "doświadczenie zawodowe",
    ),
    "education": (
        "education", "qualifications", "qualification", "diploma", "diplomas", "degree", "university degree",
        "university degree or diploma", "level of education", "education level", "studies", "education and training",
        "formation", "diplôme", "diplômes", "titres", "études", "niveau d'études", "ausbildung", "bildungsabschluss",
        "abschluss", "studium", "istruzione", "titolo di studio", "formación", "titulación", "opleiding", "uddannelse",
        "wykształcenie",
    ),
    "domain": ("domain", "domain(s)", "domains", "job domain", "sub domain", "field", "area", "domaine", "bereich"),
    # labels that state none of the fields above, known so that a run of pairs ends its values at them
    "other": (
        "level of security clearance", "security clearance", "duration", "duration of contract", "salary",
        "talent pool", "guide for candidates", "reporting to", "grade bracket for internal mobility",
        "grade for inter-agency mobility", "grade for inter-agency mobility 1", "durée", "durée du contrat", "vertragsdauer", "dauer",
    ),
}
_BOTH_GRADE_AND_CONTRACT = (
    "function group / grade", "function group/grade", "function group and grade", "function group / grade / post title",
    "function group/grade/post title", "category and grade", "category/grade", "grade and category",
    "grade/function group", "grade / function group", "type of post and grade", "catégorie et grade",
    "groupe de fonctions et grade", "funktionsgruppe und besoldungsgruppe",
)

FIELDS_OF: dict[str, tuple[str, ...]] = {}
for _field, _names in _SPELLINGS.items():
    for _name in _names:
        FIELDS_OF[_name] = FIELDS_OF.get(_name, ()) + (_field,)
for _name in _BOTH_GRADE_AND_CONTRACT:
    FIELDS_OF[_name] = tuple(dict.fromkeys(FIELDS_OF.get(_name, ()) + ("grade", "contract")))


LONGEST = max(len(name.split()) for name in FIELDS_OF)  # in words
_LONGEST_SPELLING = 2 * max(map(len, FIELDS_OF))  # characters, with room for the noise around a label
# Labels that, alone on a line, are a notice's heading rather than a label: "VACANCY NOTICE" / "Cybersecurity
# Officer". With a value on their line they are labels: "Notice of vacancy CONS/TA-AD/126".
_HEADINGS_WHEN_ALONE = {"vacancy notice", "notice of vacancy", "avis de vacance", "vacancy", "competition",
                        "requisition", "publication", "category"}

_NOISE = re.compile(r"[.°*_#|]")
_BLANKS = re.compile(r"\s+")
_LEADING_NOISE = ".°*_#| \t:"
# The words a label starts with: most lines of a posting start otherwise, and are settled by one look
_FIRST_WORDS = frozenset(name.split()[0] for name in FIELDS_OF)
_FIRST_WORD = re.compile(r"[^\s.:|*#_°]+")


def label_key(text: str) -> str:
    """How the vocabulary spells a label: 'Ref. No :' -> 'ref no', '**Deadline**' -> 'deadline'."""
    text = _NOISE.sub(" ", text.replace("’", "'").replace("ı", "i").replace("İ", "I"))
    return _BLANKS.sub(" ", text).strip(" :\t").lower()


def may_start_a_label(text: str) -> bool:
    """Whether text starts with a word some label starts with: a quick test that settles most lines."""
    first = _FIRST_WORD.match(text.lstrip(_LEADING_NOISE))
    if not first:
        return False
    word = first[0].lower()
    return word in _FIRST_WORDS or word.replace("ı", "i").replace("’", "'") in _FIRST_WORDS


@lru_cache(maxsize=4096)  # the same few words before a colon, in posting after posting
def fields_of(label: str, alone: bool = False) -> tuple[str, ...]:
    """The fields a label states, () when it is not one the vocabulary knows. alone: the label stands alone on
    its line, its value under it."""
    if len(label) > _LONGEST_SPELLING or not may_start_a_label(label):
        return ()
    key = label_key(label)
    return () if alone and key in _HEADINGS_WHEN_ALONE else FIELDS_OF.get(key, ())
