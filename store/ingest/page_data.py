"""The posting a page carries as data: for a saved page that is an app's shell ("Loading application").

Such a page keeps the posting in its scripts: a schema.org JobPosting (<script type="application/ld+json">),
or the app's server data (window.SERVER_DATA = {...}, window.__INITIAL_STATE__ = ..., <script id="__NEXT_DATA__"
type="application/json">). It is read here as JSON only (json.loads, never evaluated), within bounds, and
written out as a posting reads: its title, a blank line, one "Label: value" line per field (the labels EU
postings use), a blank line, then its body as text. A script that is not JSON, or too big, is passed over.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import islice
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

BRUSSELS = ZoneInfo("Europe/Brussels")
MAX_SCRIPT = 4 << 20  # characters: server data of a page is a few hundred KB
MAX_SCRIPTS = 64
MAX_ASSIGNMENTS = 256  # "window.X = " looked at per script
MAX_DECODES = 8  # of which read as JSON
MAX_KEYS = 200  # keys of an object read as a posting: a posting has a few dozen
MAX_DEPTH = 24  # a posting sits a few levels down: {"NodeLoader": {"node": {...}}}
MAX_NODES = 100_000  # values looked at per page
MAX_TITLE = 300

# window.SERVER_DATA = {...}, window["__INITIAL_STATE__"] = ..., with JSON.parse("...") around it or not
ASSIGNMENT = re.compile(r"""\bwindow(?:\.[A-Za-z_$][\w$]*|\[\s*["'][\w$]+["']\s*\])\s*=\s*(JSON\.parse\(\s*)?""")
SCHEMA_CONSTANT = re.compile(r"[A-Z][A-Z_]+")  # employmentType "FULL_TIME": says nothing of an EU contract
MARKUP = re.compile(r"<[A-Za-z/!]|&#?\w+;")

# The fields, in the order written out, each with its label and the keys that name it in server data (keys are
# compared without case and separators: "reference_number", "referenceNumber").
FIELDS = (
    ("reference", "Reference number",
     ("referencenumber", "reference", "referencecode", "refnumber", "jobreference", "vacancyreference")),
    ("deadline", "Deadline", ("deadline", "deadlinedate", "applicationdeadline", "closingdate", "validthrough")),
    ("location", "Location", ("location", "locations", "joblocation", "placeofemployment", "dutystation", "city")),
    ("institution", "Institution/Agency",
     ("institution", "agency", "hiringorganization", "hiringorganisation", "organisation", "organization", "employer")),
    ("contract", "Type of contract", ("contracttype", "typeofcontract", "employmenttype")),
    ("grade", "Grade", ("grade", "grades", "functiongroup")),
    ("department", "Department", ("department", "directorate")),
    ("apply", "Link to vacancy", ("applicationurl", "applyurl", "applicationlink", "applylink", "applicationcontact")),
    ("published", "Published", ("published", "publicationdate", "publishdate", "dateposted", "datepublished")),
)
KEY_FIELD = {key: name for name, _, keys in FIELDS for key in keys}
TITLE_KEYS = ("title", "jobTitle", "job_title", "positionTitle", "position_title", "vacancyTitle", "vacancy_title",
              "Title")
# where a body kept as {"value": ..., "processed": ...} (Drupal) has its text
TEXT_MEMBERS = ("processed", "value", "html", "text")
# without fields, a titled text counts as a posting from this length on (a menu entry's is a line)
MIN_BODY = 500


@dataclass(frozen=True)
class PagePosting:
    title: str
    text: str  # the title, the fields, the body: as a posting reads


@dataclass
class _Found:
    title: str
    body: str
    fields: dict[str, str] = field(default_factory=dict)
    job_posting: bool = False


def page_posting(scripts: Iterable[tuple[str, str]], html_to_text: Callable[[str], str]) -> PagePosting | None:
    """The posting in the page's scripts ((type, content) pairs); None when they hold none. html_to_text renders
    the HTML a value holds (the body, a title with entities)."""
    values = [value for kind, content in islice(scripts, MAX_SCRIPTS) if len(content) <= MAX_SCRIPT
              for value in _json_values(kind, content)]
    found = _pick(values, html_to_text)
    if found is None:
        return None
    lines = [found.title, ""]
    lines += [f"{label}: {found.fields[name]}" for name, label, _ in FIELDS if found.fields.get(name)]
    body = html_to_text(found.body) if MARKUP.search(found.body) else found.body.strip()
    return PagePosting(found.title, "\n".join(lines).strip() + ("\n\n" + body if body else ""))


# ---------------------------------------------------------------- the JSON in the scripts

def _json_values(kind: str, content: str) -> list:
    kind = kind.split(";")[0].strip().lower()
    if kind.endswith("json"):  # application/ld+json, application/json (__NEXT_DATA__)
        value = _loads(content.strip())
        return [] if value is None else [value]
    if kind not in ("", "text/javascript", "application/javascript", "module"):
        return []  # templates, JSON-like data of other kinds
    values, end, decodes = [], 0, 0
    for i, m in enumerate(ASSIGNMENT.finditer(content)):
        if i == MAX_ASSIGNMENTS or decodes == MAX_DECODES:
            break
        quoted = bool(m[1])
        if m.start() < end or content[m.end():m.end() + 1] not in ('"' if quoted else ("{", "[")):
            continue  # inside a value already read, or no JSON value (a function, a number)
        decodes += 1
        value, end = _decode_at(content, m.end(), quoted)
        if value is not None:
            values.append(value)
    return values


def _decode_at(text: str, pos: int, quoted: bool) -> tuple[object, int]:
    """The JSON value at pos, and where it ends; (None, pos) when there is none. quoted: a JSON string whose
    content is the JSON (JSON.parse("{\\"a\\": 1}"))."""
    try:
        value, end = json.JSONDecoder().raw_decode(text, pos)
        if quoted:
            value = _loads(value) if isinstance(value, str) else None
    except (ValueError, RecursionError):  # not JSON, or nested deeper than the decoder goes
        return None, pos
    return value, end


def _loads(text: str) -> object:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


# ---------------------------------------------------------------- the posting among them

def _pick(values: list, html_to_text: Callable[[str], str]) -> _Found | None:
    """The JobPosting or the titled server-data node with the longest body; the other fills in the fields the
    chosen one lacks when both name the same post (a Europol page has both)."""
    dicts = _dicts(values)
    by_id = {d["@id"]: d for d in dicts if isinstance(d.get("@id"), str) and len(d) > 1}
    found = [f for d in dicts if (f := _read(d, by_id, html_to_text))]
    postings = [f for f in found if f.job_posting]
    nodes = [f for f in found if not f.job_posting and (f.fields or len(f.body) >= MIN_BODY)]
    candidates = [max(group, key=_weight) for group in (postings, nodes) if group]
    if not candidates:
        return None
    best = max(candidates, key=_weight)
    for other in candidates:
        if other is not best and _same_title(other.title, best.title):
            best.fields = {**other.fields, **best.fields}
    return best


def _weight(found: _Found) -> tuple:
    """A posting over a titled text that states no field (a site's page), then the longer body."""
    return found.job_posting or bool(found.fields), len(found.body), len(found.fields)


def _same_title(a: str, b: str) -> bool:
    a, b = " ".join(a.casefold().split()), " ".join(b.casefold().split())
    return a in b or b in a


def _dicts(values: list) -> list[dict]:
    """The objects in the values, breadth first, within bounds. Titled objects that come as a list of several
    (menus, a listing's teasers) are not walked into: none of them is the page's posting."""
    out: list[dict] = []
    queue: list[tuple[object, int]] = [(v, 0) for v in values]
    seen = 0
    while queue and seen < MAX_NODES:
        batch, queue = queue, []
        for value, depth in batch:
            seen += 1
            if seen >= MAX_NODES or depth > MAX_DEPTH:
                break
            if isinstance(value, dict):
                out.append(value)
                queue += [(v, depth + 1) for v in value.values() if isinstance(v, (dict, list))]
            elif isinstance(value, list):
                items = [v for v in value if isinstance(v, (dict, list))]
                titled = [v for v in items if isinstance(v, dict) and _title_of(v) and not _is_job_posting(v)]
                if len(titled) > 2:
                    items = [v for v in items if not (isinstance(v, dict) and _title_of(v))] + \
                            [v for v in titled if _is_job_posting(v)]
                queue += [(v, depth + 1) for v in items]
    return out


def _is_job_posting(d: dict) -> bool:
    kind = d.get("@type")
    return kind == "JobPosting" or (isinstance(kind, list) and "JobPosting" in kind)


def _title_of(d: dict) -> str | None:
    for key in TITLE_KEYS:
        value = d.get(key)
        if isinstance(value, str) and 0 < len(value) <= MAX_TITLE and value.strip():
            return value
    return None


def _key(key: str) -> str:
    """A key as FIELDS spells it: "reference_number", "referenceNumber" -> "referencenumber"."""
    return re.sub(r"[\W_]", "", key).lower()


def _read(d: dict, by_id: dict, html_to_text: Callable[[str], str]) -> _Found | None:
    job_posting = _is_job_posting(d)
    if "@type" in d and not job_posting:
        return None  # Organization, WebSite, WebPage, BreadcrumbList...
    title = _title_of(d) or (d.get("name") if job_posting and isinstance(d.get("name"), str) else None)
    title = _one_line(title, html_to_text) if title else None
    if not title:
        return None
    fields: dict[str, str] = {}
    body = ""
    for key, value in islice(d.items(), MAX_KEYS):
        if key in TITLE_KEYS:
            continue
        name = KEY_FIELD.get(_key(key))
        if name:
            text = _field(name, _resolved(value, by_id), html_to_text)
            if text and name not in fields:
                fields[name] = text
        elif len(text := _text_of(value)) > len(body) and " " in text:  # prose or HTML, not an id or a path
            body = text
    if job_posting:
        body = _text_of(d.get("description")) or body
        _job_posting_fields(d, fields, html_to_text)
    return _Found(title=title, body=body, fields=fields, job_posting=job_posting)


def _job_posting_fields(d: dict, fields: dict[str, str], html_to_text: Callable[[str], str]) -> None:
    """What schema.org says in its own way: an identifier is the posting's reference; its url is where to
    apply when nothing else says so; employmentType "FULL_TIME" is no EU contract type."""
    if "reference" not in fields and (reference := _field("reference", d.get("identifier"), html_to_text)):
        fields["reference"] = reference
    url = d.get("url")
    if "apply" not in fields and isinstance(url, str) and url.startswith(("https://", "http://")):
        fields["apply"] = url
    if SCHEMA_CONSTANT.fullmatch(fields.get("contract", "")):
        del fields["contract"]


def _resolved(value: object, by_id: dict) -> object:
    """{"@id": ...} stands for the object of that id elsewhere on the page (hiringOrganization)."""
    if isinstance(value, dict) and set(value) == {"@id"} and isinstance(value["@id"], str):
        return by_id.get(value["@id"], value)
    return value


def _text_of(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return next((v for k in TEXT_MEMBERS if isinstance(v := value.get(k), str)), "")
    return ""


# ---------------------------------------------------------------- field values as text

def _field(name: str, value: object, html_to_text: Callable[[str], str]) -> str:
    if name in ("deadline", "published"):
        return _when(value, with_time=name == "deadline")
    if name == "location":
        return ", ".join(filter(None, (_place(v, html_to_text) for v in _listed(value))))
    if name == "apply":
        return _address(value)
    if name == "reference" and isinstance(value, dict):  # schema.org PropertyValue
        value = value.get("value")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dict):
        value = value.get("name")
    texts = [_one_line(v, html_to_text) for v in _listed(value) if isinstance(v, str)]
    return ", ".join(t for t in texts if t)


def _listed(value: object) -> list:
    return value[:20] if isinstance(value, list) else [value]


def _one_line(text: str, html_to_text: Callable[[str], str]) -> str:
    """A value as one line of text: markup in it is read as the body is (entities, tags)."""
    text = text[:2000]
    return " ".join((html_to_text(text) if MARKUP.search(text) else text).split())


def _place(value: object, html_to_text: Callable[[str], str]) -> str:
    """A Place (address.addressLocality, addressCountry) or a name: "The Hague (Netherlands)"."""
    if isinstance(value, str):
        return _one_line(value, html_to_text)
    if not isinstance(value, dict):
        return ""
    address = value.get("address", value)
    if isinstance(address, str):
        return _one_line(address, html_to_text)
    if not isinstance(address, dict):
        return ""
    city, country = address.get("addressLocality"), address.get("addressCountry")
    country = country.get("name") if isinstance(country, dict) else country
    city = _one_line(city, html_to_text) if isinstance(city, str) else ""
    country = _one_line(country, html_to_text) if isinstance(country, str) else ""
    if city:
        return f"{city} ({country})" if country and country != city else city
    return country or (_one_line(value["name"], html_to_text) if isinstance(value.get("name"), str) else "")


def _address(value: object) -> str:
    """An absolute URL, or a ContactPoint's url or e-mail."""
    if isinstance(value, dict):
        value = value.get("url") or value.get("email")
    if not isinstance(value, str):
        return ""
    value = value.strip()
    if value.lower().startswith("mailto:"):
        value = value[len("mailto:"):].split("?", 1)[0]
    if value.lower().startswith(("https://", "http://")) or re.fullmatch(r"[^@\s]+@[^@\s]+\.\w+", value):
        return value if " " not in value else ""
    return ""


def _when(value: object, with_time: bool) -> str:
    """A unix time or an ISO date-time in Brussels time, as EU postings write it: "16/09/2026 23:59 (Brussels
    time)"; an ISO date alone as "16/09/2026"; any other text as it is."""
    if isinstance(value, str) and value.strip().isdecimal() and len(value.strip()) <= 15:
        value = int(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value / 1000 if value > 10**11 else value  # milliseconds
        if not 10**8 < seconds < 10**10:
            return ""
        moment = datetime.fromtimestamp(seconds, timezone.utc).astimezone(BRUSSELS)
    elif isinstance(value, str) and value.strip():
        text = value.strip()[:64]
        if re.fullmatch(r"\d{4}-\d\d-\d\d", text) and (day := _iso_date(text)):
            return day.strftime("%d/%m/%Y")
        try:  # (a date-time without a zone is taken as Brussels time, as EU postings state it)
            moment = datetime.fromisoformat(text)
            moment = moment.astimezone(BRUSSELS) if moment.tzinfo is not None else moment
        except (ValueError, OverflowError):  # not ISO, or out of the calendar once in Brussels time
            return " ".join(text.split())
    else:
        return ""
    if not with_time:
        return moment.strftime("%d/%m/%Y")
    return moment.strftime("%d/%m/%Y %H:%M") + " (Brussels time)"


def _iso_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
