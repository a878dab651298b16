"""Make many realistic postings from the five samples, for the benchmark (tests/bench/run.py).

make_corpus(folder, n, pdfs): n text postings (and some PDFs) written as files, for timing imports.
fill_store(root, n): a store of n postings built quickly: the samples are read and parsed once, then
cloned with varied fields and saved with Store.save_imports in batches (no text extraction per posting).
"""

from __future__ import annotations

import hashlib
import random
import re
import sys
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[2]
POSTINGS = ROOT / "sample_data" / "postings"
TEXT_SAMPLES = (
    "ec-cnect-r3-it-project-officer.md",
    "ec-digit-b1-ict-security-officer.txt",
    "ep-traineeship-itec-pmco.txt",
    "ep-traineeship-itec-spepro.txt",
    "opsys-junior-project-manager.txt",
)
NOW = datetime(2026, 6, 1, 9, 0, tzinfo=timezone.utc)  # deadlines spread over ±1 year around it
BRUSSELS = ZoneInfo("Europe/Brussels")

DGS = ("AGRI", "BUDG", "CLIMA", "CNECT", "COMP", "DEFIS", "DIGIT", "EAC", "ECFIN", "EMPL", "ENER", "ENV",
       "ESTAT", "FISMA", "GROW", "HOME", "HR", "INTPA", "JRC", "JUST", "MARE", "MOVE", "NEAR", "REGIO",
       "RTD", "SANTE", "TAXUD", "TRADE")
INSTITUTIONS = ("European Commission", "European Parliament", "Council of the European Union",
                "European External Action Service", "European Court of Auditors",
                "European Medicines Agency (EMA)", "European Union Agency for Cybersecurity (ENISA)",
                "European Investment Bank", "European Central Bank")
ROLES = ("ICT Security Officer", "IT Project Officer", "Data Analyst", "Policy Officer", "Legal Officer",
         "Financial Officer", "Communication Officer", "Software Developer", "Cloud Architect",
         "HR Assistant", "Procurement Officer", "Statistician", "Economist", "Translator", "Auditor",
         "Business Analyst", "Network Engineer", "Knowledge Manager", "Research Fellow", "Archivist")
QUALIFIERS = ("", "Senior ", "Junior ", "Lead ", "Assistant ")
TOPICS = ("cybersecurity", "open data", "cloud platforms", "public procurement", "digital services",
          "competition law", "energy markets", "regional policy", "research funding", "statistics")
# Extra paragraphs that vary the body length; built from words that appear in no list field.
FILLER = (
    "The team works closely with colleagues across the directorate on {topic} and reports regularly "
    "to management on progress, risks and priorities for the coming year.",
    "You will contribute to guidance documents, workshops and training on {topic}, and help colleagues "
    "in other units apply the agreed procedures consistently.",
    "Experience with stakeholder coordination, budget follow-up and drafting clear briefings on {topic} "
    "would be considered an asset for this position.",
)


def _rng(seed: int, i: int) -> random.Random:
    return random.Random(seed * 1_000_003 + i)


def _deadline(rng: random.Random) -> datetime:
    day = NOW.date() + timedelta(days=rng.randint(-365, 365))
    return datetime(day.year, day.month, day.day, 12, 0, tzinfo=BRUSSELS)


def _reference(rng: random.Random, dg: str) -> str:
    return f"EC/2026/{dg}/{rng.randint(100000, 999999)}"


def _title(rng: random.Random) -> str:
    return f"{rng.choice(QUALIFIERS)}{rng.choice(ROLES)}"


def _filler(rng: random.Random) -> str:
    count = rng.choice((0, 0, 1, 2, 4, 8))
    return "\n\n".join(rng.choice(FILLER).format(topic=rng.choice(TOPICS)) for _ in range(count))


def _text_variant(i: int, seed: int) -> tuple[str, str]:
    """(file name, text) of the i-th generated posting: a sample with its identifying fields changed."""
    rng = _rng(seed, i)
    name = TEXT_SAMPLES[i % len(TEXT_SAMPLES)]
    text = (POSTINGS / name).read_text(encoding="utf-8")
    dg = rng.choice(DGS)
    reference = _reference(rng, dg)
    deadline = _deadline(rng).strftime("%d/%m/%Y")
    title = _title(rng)
    if name.startswith("ec-cnect"):
        text = text.replace("EC/2026/CNECT/510505", reference).replace("23/03/2026", deadline)
        text = text.replace("IT Project Officer – IT project leader", title).replace("CNECT", dg)
        text = text.replace("CONNECT", dg)
    elif name.startswith("ec-digit"):
        text = text.replace("EC/2026/DIGIT/496629", reference).replace("15/05/2026", deadline)
        text = text.replace("ICT Security Officer", title).replace("DIGIT", dg)
    elif name.startswith("ep-"):
        text = re.sub(r"\b10[A-Z0-9]+-\d{4}\b", f"{rng.randint(10, 99)}B{rng.randint(10, 99)}-{rng.randint(1000, 9999)}", text)
        text = text.replace("European Parliament", rng.choice(INSTITUTIONS))
    else:
        text = text.replace("Junior Project Manager Officer", title).replace("INTPA", dg)
        text = text.replace("15/04/2026", deadline)
    if rng.random() < 0.3 and name.startswith("ec-"):
        text = text.replace("of the European Commission", f"of the {rng.choice(INSTITUTIONS)}", 1)
    filler = _filler(rng)
    if filler:
        text = text.rstrip() + "\n\n" + filler + "\n"
    if rng.random() < 0.2:  # some shorter postings: drop the last third
        lines = text.splitlines()
        text = "\n".join(lines[: max(20, len(lines) * 2 // 3)]) + "\n"
    suffix = Path(name).suffix
    return f"posting-{i:06d}{suffix}", text


def make_corpus(folder: Path, n: int, pdfs: int = 0, seed: int = 0) -> list[Path]:
    """Write n text postings and `pdfs` PDFs into folder; returns the files written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for i in range(n):
        name, text = _text_variant(i, seed)
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    if pdfs:
        written += make_pdfs(folder, pdfs, seed)
    return written


def make_pdfs(folder: Path, n: int, seed: int = 0) -> list[Path]:
    """n PDFs laid out like sample_data/make_pdfs.py's, from varied EC postings (which carry a reference)."""
    sys.path.insert(0, str(ROOT / "sample_data"))
    try:
        import make_pdfs as layout
    finally:
        sys.path.remove(str(ROOT / "sample_data"))
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    sources = folder / ".pdf-sources"  # hidden: import_paths skips it when given the folder
    sources.mkdir(exist_ok=True)
    written = []
    i = 0
    while len(written) < n:
        name, text = _text_variant(1_000_000 + i, seed)
        i += 1
        if not name.startswith("posting-") or not re.search(r"EC/\d{4}/[A-Z]+/\d+", text):
            continue
        source = sources / name
        source.write_text(text, encoding="utf-8")
        target = folder / f"pdf-{len(written):04d}.pdf"
        layout.build(source, target)
        written.append(target)
    return written


# ---------------------------------------------------------------- a store, fast

def sample_incoming(clock_iso: str):
    """The five text samples read, cleaned and parsed once."""
    from eujobs.store.ingest.importer import PostingReader

    return [PostingReader(clock_iso)(str(POSTINGS / name)) for name in TEXT_SAMPLES]


def fill_store(root: Path, n: int, seed: int = 0, batch: int = 10000, clock=lambda: NOW):
    """A store of n postings: the samples' parsed postings cloned with varied title, reference,
    institution, department and deadline, each with its own text (the sample's plus a unique line)."""
    from eujobs.store.listing.search import text_words
    from eujobs.store.model import Source
    from eujobs.store.persistence.backup import daily_backup
    from eujobs.store.persistence.db import Incoming, Store

    store = Store.open(Path(root), clock)
    clock_iso = clock().isoformat(timespec="seconds")
    samples = sample_incoming(clock_iso)
    pending: list[Incoming] = []
    for i in range(n):
        rng = _rng(seed, i)
        base = samples[i % len(samples)]
        dg = rng.choice(DGS)
        institution = base.posting.institution if rng.random() < 0.6 else rng.choice(INSTITUTIONS)
        posting = replace(
            base.posting,
            title=_title(rng),
            reference=_reference(rng, dg),
            department=f"DG {dg}",
            institution=institution,
            deadline=_deadline(rng) if rng.random() < 0.9 else None,
        )
        text = f"{base.text}\n\n{_filler(rng)}\n\nPosting number {i} of the benchmark corpus.\n"
        sha = hashlib.sha256(text.encode()).hexdigest()
        # Texts are content-addressed: writing them here (without an fsync each) lets save_imports skip
        # them, which is what makes 50,000 quick. The catalog itself goes through save_imports.
        (store.root / "texts" / f"{sha}.words").write_text(text_words(text), encoding="utf-8")
        (store.root / "texts" / f"{sha}.txt").write_text(text, encoding="utf-8")
        pending.append(Incoming(posting, text, Source(f"/bench/posting-{i:06d}.txt", sha, "text", clock_iso)))
        if len(pending) >= batch:
            store.save_imports(pending)
            pending = []
    if pending:
        store.save_imports(pending)
    store.save_front()  # as `eujobs import` leaves a store
    # Today's backup taken, as by the day's first change: the dashboard's ticks measured are ticks. (An import
    # into an empty store takes none: there was nothing to back up before it.)
    daily_backup(store, clock().date())
    return store


if __name__ == "__main__":
    import argparse
    import time

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("files", "store"))
    parser.add_argument("folder", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--pdfs", type=int, default=0)
    args = parser.parse_args()
    start = time.perf_counter()
    if args.what == "files":
        make_corpus(args.folder, args.n, args.pdfs)
    else:
        fill_store(args.folder, args.n)
    print(f"{args.what}: {args.n} in {time.perf_counter() - start:.1f} s")
