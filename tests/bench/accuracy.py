"""How well import reads postings: per field, the stated values it got right, and the values it filled in where
the posting states none (false fills), against a truth file.

    python tests/bench/accuracy.py FOLDER TRUTH.json [--verbose] [--json FILE]

FOLDER holds the posting files TRUTH.json names (shape and conventions: the shared corpus's truth.json and its
README). Each file is read and parsed in this process as `eujobs import` reads it (the importer's
PostingReader: load_file, then parse), with no store and no command run per file: a corpus of 60 takes
seconds. The figures are those the team's score-parse gets through the command line. Only FOLDER is read;
nothing goes over the network.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from eujobs.store.ingest.importer import Outcome, PostingReader  # noqa: E402

READER = PostingReader(clock_iso="2026-01-01T00:00:00+00:00")  # (the clock only dates a store's copy: none here)

# ------------------------------------------------------------------ comparing as the truth's conventions say


def norm(text) -> str:
    """Compared text: NFKC, lower case, one kind of dash, punctuation but @ . / - read as blanks."""
    if text is None:
        return ""
    text = re.sub(r"[\u2010-\u2015]", "-", unicodedata.normalize("NFKC", str(text)).lower())
    return " ".join(re.sub(r"[^\w@./-]+", " ", text).split())


def similar(want: str, got: str | None, share: float = 0.75) -> bool:
    """The same text more or less: most of their words shared, or one inside the other."""
    want_words, got_words = (set(norm(text).replace("-", " ").split()) for text in (want, got))
    if not want_words or not got_words:
        return not want_words and not got_words
    return (len(want_words & got_words) / len(want_words | got_words) >= share
            or norm(want) in norm(got) or norm(got) in norm(want))


def acronyms(name: str | None) -> set[str]:
    """"European Maritime Safety Agency (EMSA)" -> {"emsa"}; a short name is its own acronym."""
    found = {part.lower() for part in re.findall(r"\(([A-Za-z0-9-]{2,})\)", name or "")}
    return found | ({norm(name)} if name and len(norm(name)) <= 8 else set())


def same_institution(want, got: str | None) -> bool:
    if not got:
        return False
    if isinstance(want, list):  # a page that names several: any of them
        return any(same_institution(one, got) for one in want)
    return (similar(want, got, 0.6) or bool(acronyms(want) & (acronyms(got) | {norm(got)}))
            or bool(acronyms(got) & (acronyms(want) | {norm(want)})))


def moment(text) -> datetime | date | None:
    if not text:
        return None
    text = str(text)
    return datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text[:10])


def same_moment(want, got) -> bool:
    """An instant with its offset where the truth states a time (a date will not do), else the day."""
    try:
        want, got = moment(want), moment(got)
    except ValueError:
        return False
    if want is None or got is None:
        return want is None and got is None
    if isinstance(want, datetime):
        return isinstance(got, datetime) and None not in (want.tzinfo, got.tzinfo) and want == got
    return want == (got.date() if isinstance(got, datetime) else got)


EXONYMS = {"luxemburg": "luxembourg", "bruxelles": "brussels", "brussel": "brussels", "brüssel": "brussels",
           "straßburg": "strasbourg", "strassburg": "strasbourg"}


def cities(places) -> set[str]:
    """"Brussels (Belgium) / Luxembourg" and ["Bruxelles", "Luxembourg"] are one set of cities."""
    if places is None:
        return set()
    if isinstance(places, str):
        places = re.split(r",|/| and | et ", places)
    names = {norm(re.sub(r"\s*\(.*?\)\s*", "", place)) for place in places}
    return {EXONYMS.get(name, name) for name in names if name}


EU_LANGUAGES = ("bulgarian", "croatian", "czech", "danish", "dutch", "english", "estonian", "finnish", "french",
                "german", "greek", "hungarian", "irish", "italian", "latvian", "lithuanian", "maltese", "polish",
                "portuguese", "romanian", "slovak", "slovenian", "spanish", "swedish")


def same_languages(want: list | None, got: list | None) -> bool:
    """The same languages at the same levels; "any EU official language" is any one, whatever its words."""
    def requirements(languages):
        return Counter(
            (frozenset(name for name in EU_LANGUAGES if name in norm(item.get("language"))) or frozenset({"*"}),
             item.get("min_level") or item.get("level") or None)
            for item in languages or [])
    return requirements(want) == requirements(got)


KINDS = {"official": "official", "contract agent": "contract_agent", "temporary agent": "temporary_agent",
         "traineeship": "traineeship", "freelance": "consultancy",
         "seconded national expert": "seconded_national_expert"}


def same_kind(want: str | None, record: dict) -> bool:
    """"contract agent 3b": the record's kind, and its contract type where the truth names one."""
    if want is None:
        return True
    wanted = norm(want)
    kind = next((kind for words, kind in KINDS.items() if wanted.startswith(words)), None)
    contract_type = re.search(r"\b(\d[a-f])\b", wanted)
    return record.get("kind") == kind and (not contract_type or norm(record.get("contract_type")) == contract_type[1])


def same_apply(want: str | None, record: dict) -> bool:
    """Where one applies: the record's apply URL or e-mail, the scheme and a last / aside."""
    apply = record.get("apply") or {}
    addresses = [address for address in (apply.get("email"), apply.get("url")) if address]
    if want is None:
        return not addresses

    def bare(address: str) -> str:
        return norm(address).rstrip("/").replace("https://", "").replace("http://", "")
    return bare(want) in {bare(address) for address in addresses}


def same_education(want: str | None, got: str | None) -> bool:
    """The level, by the years or levels it names: "3 years" and "three years" are one."""
    if want is None:
        return got is None
    if not got:
        return False

    def numbers(text: str) -> set[str]:
        return set(re.findall(r"\d", norm(text))) | ({"3"} if "three" in norm(text) else set())
    return bool(numbers(want) & numbers(got)) if numbers(want) else True


def same_title(truth: dict, record: dict) -> bool:
    got = record.get("title") or ""
    if truth.get("title_contains"):
        return all(part.lower() in got.lower() for part in truth["title_contains"])
    return similar(truth.get("title") or "", got)


Check = Callable[[dict, dict], bool]
# Field -> the truth's key for it, and the check. In the order of score-parse's table.
FIELDS: dict[str, tuple[str, Check]] = {
    "title": ("title", same_title),
    # (score-parse counts an unstated institution as a false fill even when it is left empty; no truth has one)
    "institution": ("institution", lambda t, r: not r.get("institution") if t.get("institution") is None
                    else same_institution(t["institution"], r.get("institution"))),
    "department": ("department", lambda t, r: not r.get("department") if t.get("department") is None
                   else similar(t["department"], r.get("department"), 0.5)),
    "reference": ("reference", lambda t, r: norm(t.get("reference")) == norm(r.get("reference"))),
    "location": ("location", lambda t, r: cities(t.get("location")) == cities(r.get("locations"))),
    "deadline": ("deadline", lambda t, r: same_moment(t.get("deadline"), r.get("deadline"))),
    "start_date": ("start_date", lambda t, r: same_moment(t.get("start_date"), r.get("start_date"))),
    "kind": ("contract_type", lambda t, r: same_kind(t.get("contract_type"), r)),
    "grade": ("grade", lambda t, r: re.sub(r"\s+", "", t.get("grade") or "").upper()
              == re.sub(r"\s+", "", r.get("grade") or "").upper()),
    "languages": ("languages", lambda t, r: same_languages(t.get("languages"), r.get("languages"))),
    "min_experience_years": ("min_experience_years",
                             lambda t, r: t.get("min_experience_years") == r.get("min_experience_years")),
    "education": ("education", lambda t, r: same_education(t.get("education"), r.get("education"))),
    "apply_to": ("apply_to", lambda t, r: same_apply(t.get("apply_to"), r)),
}
SHOWN_AS = {"location": lambda r: r.get("locations"), "kind": lambda r: [r.get("kind"), r.get("contract_type")],
            "apply_to": lambda r: r.get("apply")}


def stated(truth: dict, field: str) -> bool:
    return bool(truth.get(FIELDS[field][0])) or (field == "title" and bool(truth.get("title_contains")))


# ------------------------------------------------------------------ reading and scoring


def read(path: Path) -> tuple[dict, str | None]:
    """The record import would keep for the file (the fields `eujobs show --json` gives), or {} and why not."""
    item = READER(str(path))
    if isinstance(item, Outcome):
        return {}, item.reason
    try:  # through JSON, as the store keeps it: a posting it could not save fails, as its import would
        return json.loads(json.dumps(item.posting.to_json())), None
    except (TypeError, ValueError) as error:
        return {}, f"cannot be saved ({error})"


def score(folder: Path, truth: list[dict]) -> dict:
    right = {field: [0, 0] for field in FIELDS}  # stated fields: [right, stated]
    unstated = [0, 0]  # fields not stated: [left empty, all]
    failed, misses = [], []
    for expected in truth:
        record, error = read(folder / expected["file"])
        if error is not None:
            failed.append({"file": expected["file"], "reason": error})
        for field, (key, check) in FIELDS.items():
            if field in expected.get("skip", []):
                continue
            try:
                ok = bool(check(expected, record))
            except (TypeError, ValueError, AttributeError, KeyError):  # a truth of another shape: a miss
                ok = False
            bucket = right[field] if stated(expected, field) else unstated
            bucket[0] += ok
            bucket[1] += 1
            if not ok:
                want = expected.get(key)
                if field == "title":
                    want = want or expected.get("title_contains")
                misses.append({"file": expected["file"], "field": field, "want": want,
                               "got": SHOWN_AS.get(field, lambda r: r.get(field))(record)})
    total_right, total = sum(r for r, _ in right.values()), sum(n for _, n in right.values())
    return {"fields": {field: {"right": r, "stated": n} for field, (r, n) in right.items()},
            "unstated": {"left_empty": unstated[0], "total": unstated[1]},
            "false_fills": unstated[1] - unstated[0], "failed": failed, "misses": misses,
            "accuracy": total_right / max(total, 1), "stated": total, "postings": len(truth)}


def shown(value) -> str:
    return json.dumps(value, ensure_ascii=False)[:70]


def report(result: dict, verbose: bool) -> str:
    lines = []
    if verbose:
        lines += [f"!! {failure['file']}: {failure['reason']}" for failure in result["failed"]]
        lines += [f"   {miss['file'][:40]:40} {miss['field']:20} want={shown(miss['want'])} got={shown(miss['got'])}"
                  for miss in result["misses"]]
    lines.append(f"{'field':22} right/stated")
    lines += [f"{field:22} {n['right']:3}/{n['stated']:<3} {100 * n['right'] / max(n['stated'], 1):5.1f}%"
              for field, n in result["fields"].items()]
    empty, unstated = result["unstated"]["left_empty"], result["unstated"]["total"]
    lines += [f"fields not stated and left empty: {empty}/{unstated}",
              f"false fills: {result['false_fills']} ({100 * result['false_fills'] / max(unstated, 1):.1f}% of "
              "unstated)",
              f"failed: {len(result['failed'])}",
              f"parse accuracy {100 * result['accuracy']:.1f}% of {result['stated']} stated fields in "
              f"{result['postings']} postings"]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description="Parse accuracy of import against a truth file, field by field.")
    parser.add_argument("folder", type=Path, metavar="FOLDER", help="the posting files the truth names")
    parser.add_argument("truth", type=Path, metavar="TRUTH.json")
    parser.add_argument("--verbose", action="store_true", help="each miss: file, field, what was wanted, what was got")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write every figure and miss to FILE as JSON")
    args = parser.parse_args()
    try:
        truth = json.loads(args.truth.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        print(f"accuracy: {args.truth}: cannot read a truth file ({error})", file=sys.stderr)
        return 2
    if not args.folder.is_dir():
        print(f"accuracy: {args.folder}: no such folder", file=sys.stderr)
        return 2
    result = score(args.folder, truth)
    print(report(result, args.verbose))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
