"""The candidate's profile: who they are for the eligibility rules (store.eligibility.rules).

One JSON object in the shape of tests/spec/profile.example.json, every key optional. Reading it checks
every value and says what is wrong in one line naming the field ("languages[1].level: 'D1' is not
a CEFR level (A1 to C2)"); values come out normalised (language and country names in English,
levels upper-case, function groups as 'FG IV'), so that rules compare like with like.

Pure data code: no clock, no files, no screen.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from eujobs.store.errors import ProfileError
from eujobs.store.model import CEFR_LEVELS, POSTING_YEARS, Language
from eujobs.store.parse.scan import lowered


@dataclass
class Education:
    level: str  # as the user names it: 'master', 'bachelor', 'doctorate', 'secondary'...
    eqf: int | None = None  # European Qualifications Framework level, 1 to 8
    years: float | None = None  # years of study
    field: str | None = None
    awarded: date | None = None  # the diploma's date: experience counts from the diploma a post asks for


@dataclass
class PartTime:
    """Of the years of experience, `years` were worked at `percent` of full time: counted pro rata."""

    years: float
    percent: float


@dataclass
class CastResult:
    function_group: str  # 'FG I'..'FG IV', or 'AD' / 'AST'
    profile: str = ""
    passed: date | None = None


# ---------------------------------------------------------------- names

EU_LANGUAGES = (
    "Bulgarian", "Croatian", "Czech", "Danish", "Dutch", "English", "Estonian", "Finnish", "French", "German",
    "Greek", "Hungarian", "Irish", "Italian", "Latvian", "Lithuanian", "Maltese", "Polish", "Portuguese",
    "Romanian", "Slovak", "Slovenian", "Spanish", "Swedish",
)
OTHER_LANGUAGES = (
    "Albanian", "Arabic", "Armenian", "Basque", "Belarusian", "Bosnian", "Catalan", "Chinese", "Galician",
    "Georgian", "Hebrew", "Hindi", "Icelandic", "Japanese", "Korean", "Luxembourgish", "Macedonian",
    "Montenegrin", "Norwegian", "Persian", "Russian", "Serbian", "Turkish", "Ukrainian", "Welsh",
)
_LANGUAGE_ALIASES = {
    "slovene": "Slovenian", "gaelic": "Irish", "flemish": "Dutch", "castilian": "Spanish", "mandarin": "Chinese",
    "farsi": "Persian", "brazilian portuguese": "Portuguese", "portuguese (brazil)": "Portuguese",
}
_LANGUAGE_CODES = {
    "bg": "Bulgarian", "cs": "Czech", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
    "es": "Spanish", "et": "Estonian", "fi": "Finnish", "fr": "French", "ga": "Irish", "hr": "Croatian",
    "hu": "Hungarian", "it": "Italian", "lt": "Lithuanian", "lv": "Latvian", "mt": "Maltese", "nl": "Dutch",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "sk": "Slovak", "sl": "Slovenian", "sv": "Swedish",
}
_LANGUAGES = {
    **{name.lower(): name for name in (*EU_LANGUAGES, *OTHER_LANGUAGES)}, **_LANGUAGE_ALIASES, **_LANGUAGE_CODES,
}

# member state -> the adjectives and other names it goes by
_MEMBER_STATES = {
    "Austria": "Austrian", "Belgium": "Belgian", "Bulgaria": "Bulgarian", "Croatia": "Croatian",
    "Cyprus": "Cypriot", "Czechia": "Czech|Czech Republic", "Denmark": "Danish|Dane", "Estonia": "Estonian",
    "Finland": "Finnish|Finn", "France": "French", "Germany": "German", "Greece": "Greek|Hellenic Republic",
    "Hungary": "Hungarian", "Ireland": "Irish", "Italy": "Italian", "Latvia": "Latvian",
    "Lithuania": "Lithuanian", "Luxembourg": "Luxembourgish|Luxembourger", "Malta": "Maltese",
    "Netherlands": "Dutch|The Netherlands|Holland", "Poland": "Polish|Pole", "Portugal": "Portuguese",
    "Romania": "Romanian", "Slovakia": "Slovak|Slovak Republic", "Slovenia": "Slovenian|Slovene",
    "Spain": "Spanish", "Sweden": "Swedish|Swede",
}
EU_MEMBER_STATES = tuple(_MEMBER_STATES)
_COUNTRIES = {
    spelling.lower(): name for name, others in _MEMBER_STATES.items() for spelling in (name, *others.split("|"))
}

_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV", "i": "I", "ii": "II", "iii": "III", "iv": "IV"}
_FUNCTION_GROUP = re.compile(r"^(?:FG|function\s+group)?\s*(?P<n>IV|I{1,3}|[1-4])$|^(?P<staff>AD|AST)$", re.I)


def language_name(raw: str) -> str | None:
    """'english', 'EN', 'Slovene' -> the English name eujobs uses; None for a language it does not know."""
    return _LANGUAGES.get(re.sub(r"\s+", " ", raw.strip()).lower())


def country_name(raw: str) -> str:
    """A member state by name or adjective ('Belgian' -> 'Belgium'); any other country as given."""
    cleaned = re.sub(r"\s+", " ", raw.strip())
    return _COUNTRIES.get(cleaned.lower(), cleaned)


def is_member_state(country: str) -> bool:
    return country in _MEMBER_STATES


def function_group(raw: str) -> str | None:
    """'FGIV', 'fg 4', 'IV' -> 'FG IV'; 'ad' -> 'AD'; None if it is none of them."""
    m = _FUNCTION_GROUP.match(raw.strip())
    if not m:
        return None
    return m.group("staff").upper() if m.group("staff") else f"FG {_ROMAN[lowered(m.group('n'))]}"


# What a person declares once for every posting: conditions only they can confirm. Key -> how it reads, and the
# words that name it in `eujobs profile set declarations=...`.
DECLARATIONS = {
    "military_service": ("military service obligations fulfilled", r"military"),
    "physically_fit": ("physically fit for the duties", r"physic|medical|\bfit\b"),
    "character_references": ("character references (good character)", r"character|moral|reference"),
    "full_rights": ("full rights as a citizen", r"rights|civic"),
    "no_conflict_of_interest": ("no conflict of interest", r"conflict"),
}


def declaration_key(raw: str) -> str | None:
    """'military service', 'physically fit', 'no_conflict_of_interest' -> the key; None for none of them."""
    words = re.sub(r"[\s_-]+", " ", raw.strip()).lower()
    for key, (label, _) in DECLARATIONS.items():
        if words in (key.replace("_", " "), label.lower()):
            return key
    return next((key for key, (_, pattern) in DECLARATIONS.items() if re.search(pattern, words)), None)


# ---------------------------------------------------------------- checking values

_KEYS = ("citizenships", "work_permits", "languages", "education", "experience_years", "experience_on", "in_work",
         "part_time", "experience_by_domain", "epso_cast", "available_from", "declarations")
_EDUCATION_KEYS = ("level", "eqf", "years", "field", "awarded")
_PART_TIME_KEYS = ("years", "percent")
_CAST_KEYS = ("function_group", "profile", "passed")
_LANGUAGE_KEYS = ("language", "level")
_NATIVE = ("native", "mother tongue")  # counted as C2, as EU application forms do


def _kind(value: Any) -> str:
    return {str: "text", bool: "true/false", list: "a list", dict: "an object", type(None): "nothing"}.get(
        type(value), "a number" if isinstance(value, (int, float)) else type(value).__name__)


def _object(value: Any, where: str, keys: tuple[str, ...], what: str) -> dict:
    if not isinstance(value, dict):
        raise ProfileError(f"{where}: expected {what} ({', '.join(keys)}), got {_kind(value)}")
    for key in value:
        if not isinstance(key, str) or (key not in keys and not key.startswith("_")):
            raise ProfileError(f"{where}.{key}: not a field of {what} ({', '.join(keys)})")
    return value


def _list(value: Any, where: str, what: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ProfileError(f"{where}: expected a list of {what}, got {_kind(value)}")
    return value


def _text(value: Any, where: str, what: str, required: bool = True) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise ProfileError(f"{where}: expected {what} as text, got {_kind(value)}")
    text = re.sub(r"\s+", " ", value).strip()
    if required and not text:
        raise ProfileError(f"{where}: empty; give {what}")
    return text


def _number(value: Any, where: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, str):
        raw = value.strip()
        try:
            value = float(raw.replace(",", ".")) if raw else None
        except ValueError:
            raise ProfileError(f"{where}: {raw!r} is not a number") from None
        if value is None:
            return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ProfileError(f"{where}: expected a number, got {_kind(value)}")
    if not math.isfinite(value):
        raise ProfileError(f"{where}: {value!r} is not a number")
    if value < 0:
        raise ProfileError(f"{where}: cannot be negative")
    return float(value)


def _eqf(value: Any, where: str) -> int | None:
    number = _number(value, where)
    if number is None:
        return None
    if not number.is_integer() or not 1 <= number <= 8:
        raise ProfileError(f"{where}: {value!r} is not an EQF level (1 to 8)")
    return int(number)


def _date(value: Any, where: str) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ProfileError(f"{where}: expected a date as text (YYYY-MM-DD or DD/MM/YYYY), got {_kind(value)}")
    raw = value.strip()
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", raw)
    day_first = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", raw)
    parts = (iso[1], iso[2], iso[3]) if iso else (day_first[3], day_first[2], day_first[1]) if day_first else None
    if parts and int(parts[0]) not in POSTING_YEARS:
        first, last = POSTING_YEARS[0], POSTING_YEARS[-1]
        raise ProfileError(f"{where}: {raw!r} is not a date a posting can have (years {first} to {last})")
    try:
        if parts:
            return date(*map(int, parts))
    except ValueError:
        pass
    raise ProfileError(f"{where}: {raw!r} is not a date (YYYY-MM-DD or DD/MM/YYYY)")


def _countries(value: Any, where: str) -> list[str]:
    found: list[str] = []
    for i, item in enumerate(_list(value, where, "country names")):
        name = country_name(_text(item, f"{where}[{i}]", "a country name"))
        if not re.search(r"[^\W\d_]", name):
            raise ProfileError(f"{where}[{i}]: {name!r} is not a country name")
        if name not in found:
            found.append(name)
    return found


def _languages(value: Any) -> list[Language]:
    found: list[Language] = []
    for i, item in enumerate(_list(value, "languages", "languages with their level")):
        where = f"languages[{i}]"
        item = _object(item, where, _LANGUAGE_KEYS, "a language")
        raw = _text(item.get("language"), f"{where}.language", "a language name")
        name = language_name(raw)
        if name is None:
            raise ProfileError(f"{where}.language: {raw!r} is not a language eujobs knows "
                               "(EU official languages and the usual others)")
        if any(lang.language == name for lang in found):
            raise ProfileError(f"{where}.language: {name} is listed twice")
        level = item.get("level")
        if level is None or (isinstance(level, str) and not level.strip()):
            raise ProfileError(f"{where}.level: missing for {name}; give a CEFR level (A1 to C2)")
        if not isinstance(level, str):
            raise ProfileError(f"{where}.level: {level!r} is not a CEFR level (A1 to C2)")
        level = level.strip()
        cefr = "C2" if level.lower() in _NATIVE else level.upper()
        if cefr not in CEFR_LEVELS:
            raise ProfileError(f"{where}.level: {level!r} is not a CEFR level (A1 to C2)")
        found.append(Language(name, cefr))
    return found


def _education(value: Any) -> list[Education]:
    found = []
    for i, item in enumerate(_list(value, "education", "degrees")):
        where = f"education[{i}]"
        item = _object(item, where, _EDUCATION_KEYS, "a degree")
        found.append(Education(
            level=_text(item.get("level"), f"{where}.level", "the level (master, bachelor, ...)").lower(),
            eqf=_eqf(item.get("eqf"), f"{where}.eqf"),
            years=_number(item.get("years"), f"{where}.years"),
            field=_text(item.get("field"), f"{where}.field", "the field", required=False) or None,
            awarded=_date(item.get("awarded"), f"{where}.awarded"),
        ))
    return found


def _flag(value: Any, where: str) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        if value.strip().lower() not in ("yes", "true", "no", "false", ""):
            raise ProfileError(f"{where}: {value.strip()!r} is not yes or no")
        return value.strip().lower() in ("yes", "true")
    if not isinstance(value, bool):
        raise ProfileError(f"{where}: expected true or false (yes or no), got {_kind(value)}")
    return value


def _part_time(value: Any) -> PartTime | None:
    if value is None:
        return None
    item = _object(value, "part_time", _PART_TIME_KEYS, "part-time years")
    years, percent = _number(item.get("years"), "part_time.years"), _number(item.get("percent"), "part_time.percent")
    if years is None or percent is None:
        raise ProfileError("part_time: give the years and the percent of full time, as in '2 years at 50%'")
    if not 0 < percent < 100:
        raise ProfileError(f"part_time.percent: {percent:g} is not a part of full time (1 to 99)")
    return PartTime(years, percent)


def _declarations(value: Any) -> list[str]:
    found: list[str] = []
    for i, item in enumerate(_list(value, "declarations", "declarations")):
        raw = _text(item, f"declarations[{i}]", "a declaration")
        key = declaration_key(raw)
        if key is None:
            known = ", ".join(label for label, _ in DECLARATIONS.values())
            raise ProfileError(f"declarations[{i}]: {raw!r} is not a declaration eujobs knows ({known})")
        if key not in found:
            found.append(key)
    return found


def _by_domain(value: Any) -> dict[str, float]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ProfileError(f"experience_by_domain: expected an object of domain: years, got {_kind(value)}")
    found: dict[str, float] = {}
    for key, years in value.items():
        domain = _text(key, "experience_by_domain", "a domain name")
        number = _number(years, f"experience_by_domain[{domain!r}]")
        if number is None:
            raise ProfileError(f"experience_by_domain[{domain!r}]: give the years")
        found[domain] = number
    return found


def _cast(value: Any) -> list[CastResult]:
    found = []
    for i, item in enumerate(_list(value, "epso_cast", "CAST results")):
        where = f"epso_cast[{i}]"
        item = _object(item, where, _CAST_KEYS, "a CAST result")
        raw = _text(item.get("function_group"), f"{where}.function_group", "the function group (FG I to FG IV)")
        group = function_group(raw)
        if group is None:
            raise ProfileError(f"{where}.function_group: {raw!r} is not a function group (FG I to FG IV, AD or AST)")
        found.append(CastResult(
            function_group=group,
            profile=_text(item.get("profile"), f"{where}.profile", "the CAST profile", required=False),
            passed=_date(item.get("passed"), f"{where}.passed"),
        ))
    return found


def _number_json(value: float | None) -> int | float | None:
    return int(value) if isinstance(value, float) and value.is_integer() else value


# ---------------------------------------------------------------- the profile

@dataclass
class Profile:
    citizenships: list[str] = field(default_factory=list)
    work_permits: list[str] = field(default_factory=list)
    languages: list[Language] = field(default_factory=list)  # each with its CEFR level
    education: list[Education] = field(default_factory=list)
    experience_years: float | None = None
    experience_on: date | None = None  # the day experience_years was counted
    in_work: bool = False  # working now: the years go on growing to each posting's deadline
    part_time: PartTime | None = None
    experience_by_domain: dict[str, float] = field(default_factory=dict)
    epso_cast: list[CastResult] = field(default_factory=list)
    available_from: date | None = None
    declarations: list[str] = field(default_factory=list)  # keys of DECLARATIONS, confirmed for every posting

    @classmethod
    def from_json(cls, data: dict) -> Profile:
        """The profile a JSON object describes; ProfileError names the first bad field."""
        if not isinstance(data, dict):
            raise ProfileError(f"profile: expected a JSON object, got {_kind(data)}")
        for key in data:
            if not isinstance(key, str) or (key not in _KEYS and not key.startswith("_")):
                raise ProfileError(f"{key}: not a profile field ({', '.join(_KEYS)})")
        return cls(
            citizenships=_countries(data.get("citizenships"), "citizenships"),
            work_permits=_countries(data.get("work_permits"), "work_permits"),
            languages=_languages(data.get("languages")),
            education=_education(data.get("education")),
            experience_years=_number(data.get("experience_years"), "experience_years"),
            experience_on=_date(data.get("experience_on"), "experience_on"),
            in_work=_flag(data.get("in_work"), "in_work"),
            part_time=_part_time(data.get("part_time")),
            experience_by_domain=_by_domain(data.get("experience_by_domain")),
            epso_cast=_cast(data.get("epso_cast")),
            available_from=_date(data.get("available_from"), "available_from"),
            declarations=_declarations(data.get("declarations")),
        )

    def to_json(self) -> dict:
        """The same shape back, every key present, dates as ISO 8601, whole numbers as integers."""
        return {
            "citizenships": list(self.citizenships),
            "work_permits": list(self.work_permits),
            "languages": [{"language": lang.language, "level": lang.level} for lang in self.languages],
            "education": [
                {"level": e.level, "eqf": e.eqf, "years": _number_json(e.years), "field": e.field,
                 "awarded": e.awarded.isoformat() if e.awarded else None}
                for e in self.education
            ],
            "experience_years": _number_json(self.experience_years),
            "experience_on": self.experience_on.isoformat() if self.experience_on else None,
            "in_work": self.in_work,
            "part_time": {"years": _number_json(self.part_time.years), "percent": _number_json(self.part_time.percent)}
            if self.part_time else None,
            "experience_by_domain": {domain: _number_json(years) for domain, years in self.experience_by_domain.items()},
            "epso_cast": [
                {"function_group": c.function_group, "profile": c.profile,
                 "passed": c.passed.isoformat() if c.passed else None}
                for c in self.epso_cast
            ],
            "available_from": self.available_from.isoformat() if self.available_from else None,
            "declarations": list(self.declarations),
        }

    @property
    def is_empty(self) -> bool:
        return not any((self.citizenships, self.work_permits, self.languages, self.education,
                        self.experience_years is not None, self.in_work, self.part_time, self.experience_by_domain,
                        self.epso_cast, self.available_from, self.declarations))


# ---------------------------------------------------------------- `eujobs profile set KEY=VALUE`

_EXAMPLES = {
    "citizenships": "citizenships=Belgium,France",
    "work_permits": "work_permits=Belgium",
    "languages": "languages=English C1, French B2",
    "education": "education=master 7 5 30/06/2019 Information Systems",
    "experience_years": "experience_years=6",
    "experience_on": "experience_on=01/11/2026",
    "in_work": "in_work=yes",
    "part_time": "part_time=2 years at 50%",
    "experience_by_domain": "experience_by_domain=IT security:2, IT project management:4",
    "epso_cast": "epso_cast=FG IV Information and communication technology 02/10/2025",
    "available_from": "available_from=01/02/2026",
    "declarations": "declarations=military service, physically fit, character references, no conflict of interest",
}
_DAY = r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{4}"
_PART_TIME_VALUE = re.compile(
    r"^(?P<years>\d+(?:[.,]\d+)?)\s*(?:years?)?\s*(?:at|@)?\s*(?P<percent>\d+(?:[.,]\d+)?)\s*%?$", re.I)
_CAST_VALUE = re.compile(
    r"^(?P<group>(?:FG|function\s+group)\s*(?:IV|I{1,3}|[1-4])\b|AST\b|AD\b|(?:IV|I{1,3})\b)"
    rf"\s*(?P<profile>.*?)\s*(?P<passed>{_DAY})?$", re.I)


def _parts(value: str, separator: str) -> list[str]:
    return [part.strip() for part in value.split(separator) if part.strip()]


def _language_value(part: str) -> dict:
    words = re.split(r"[\s:]+", part)
    if len(words) > 1 and re.fullmatch(r"[A-Za-z]\d", words[-1]):
        return {"language": " ".join(words[:-1]), "level": words[-1]}
    if len(words) > 2 and " ".join(words[-2:]).lower() == "mother tongue":
        return {"language": " ".join(words[:-2]), "level": "mother tongue"}
    if len(words) > 1 and words[-1].lower() == "native":
        return {"language": " ".join(words[:-1]), "level": "native"}
    return {"language": part, "level": None}


def _education_value(part: str) -> dict:
    """'master 7 5 30/06/2019 Information Systems': level, then EQF and years if given ('-' for unknown), the
    diploma's date if given, then field."""
    words = part.split()
    record: dict[str, Any] = {"level": words[0], "eqf": None, "years": None, "field": None, "awarded": None}
    rest = words[1:]
    for key in ("eqf", "years"):
        if rest and (rest[0] == "-" or re.fullmatch(r"-?\d+(?:[.,]\d+)?", rest[0])):
            record[key] = None if rest[0] == "-" else rest[0]
            rest = rest[1:]
    if rest and re.fullmatch(_DAY, rest[0]):
        record["awarded"], rest = rest[0], rest[1:]
    record["field"] = " ".join(rest) or None
    return record


def _part_time_value(value: str) -> dict | None:
    if not value:
        return None
    m = _PART_TIME_VALUE.match(value)
    if not m:
        raise ProfileError(f"part_time: {value!r} is not years and a percent of full time, as in '2 years at 50%'")
    return {"years": m["years"], "percent": m["percent"]}


def _cast_value(part: str, i: int) -> dict:
    m = _CAST_VALUE.match(part)
    if not m:
        given = re.match(r"(?:FG|function\s+group)\s*\S+|\S+", part, re.I)[0]
        raise ProfileError(f"epso_cast[{i}].function_group: {given!r} is not a function group "
                           "(FG I to FG IV, AD or AST)")
    return {"function_group": m["group"], "profile": m["profile"], "passed": m["passed"]}


def _domains_value(value: str) -> dict:
    found = {}
    for part in _parts(value, ","):
        domain, colon, years = part.rpartition(":")
        if not colon or not domain.strip():
            raise ProfileError(f"experience_by_domain: {part!r} needs its years, as in 'IT security:2'")
        found[domain.strip()] = years.strip() or None
    return found


def set_field(profile: Profile, assignment: str, today: date | None = None) -> Profile:
    """A copy of profile with one field set from 'KEY=VALUE' (see _EXAMPLES); an empty value clears it.
    Lists are comma-separated; education and epso_cast entries are separated by ';'. Years of experience set
    on `today` are counted on that day (experience_on), so that they grow to a deadline while in work."""
    key, equals, value = assignment.partition("=")
    key = key.strip().lower().replace("-", "_")
    if not equals or not key:
        raise ProfileError(f"expected KEY=VALUE, e.g. {_EXAMPLES['languages']}")
    if key not in _KEYS:
        raise ProfileError(f"{key}: not a profile field ({', '.join(_KEYS)})")
    value = value.strip()
    if key in ("citizenships", "work_permits"):
        raw: Any = _parts(value, ",")
    elif key == "languages":
        raw = [_language_value(part) for part in _parts(value, ",")]
    elif key == "education":
        raw = [_education_value(part) for part in _parts(value, ";")]
    elif key == "experience_by_domain":
        raw = _domains_value(value)
    elif key == "epso_cast":
        raw = [_cast_value(part, i) for i, part in enumerate(_parts(value, ";"))]
    elif key == "part_time":
        raw = _part_time_value(value)
    elif key == "declarations":
        raw = _parts(value, ",")
    else:  # experience_years, experience_on, in_work, available_from
        raw = value or None
    parsed = Profile.from_json({key: raw})
    changed = replace(profile, **{key: getattr(parsed, key)})
    if key == "experience_years" and today is not None and parsed.experience_years != profile.experience_years:
        changed = replace(changed, experience_on=today if parsed.experience_years is not None else None)
    return changed
