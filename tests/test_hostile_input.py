"""Hostile input: whatever text or file comes in, eujobs answers with a record or one clear refusal.

- The parser, for ANY text, returns a Posting or raises ParseError; the file-level entry load_bytes, for ANY
  bytes in any format, returns text or raises ExtractError. Property tests mix arbitrary unicode with
  fragments of real postings (dates, references, grades, headings, bullets), control characters, markup and
  escape sequences, and splice them into the sample postings.
- Large inputs: a hang guard, not a benchmark. Each input is parsed at 64, 128, 256 and 512 KB in a child
  process that is killed when one size takes longer than a linear budget (2 s + 20 s per MB, several times
  what a linear parse needs); the measured times are printed in the run's summary.
- PDFs built to hang or exhaust pdfminer (nesting 100,000 deep, a FlateDecode stream that inflates to 4 GB,
  reference and page-tree loops) end with one line, within the timeout, through the child's limits.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from typing import ClassVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eujobs.store.errors import ParseError
from eujobs.store.ingest import pdf
from eujobs.store.ingest.extract import SUPPORTED_SUFFIXES, ExtractError, load_bytes
from eujobs.store.model import Posting
from eujobs.store.parse.posting import parse
from eujobs.tui.cli import main

from .conftest import POSTINGS, ROOT, store_bytes
from .pdf_fixtures import CALL_LINES, _pdf, pdf_file

SAMPLES = [path.read_text(encoding="utf-8") for path in sorted(POSTINGS.iterdir()) if path.suffix in (".txt", ".md")]
PREAMBLE = "Vacancy notice for a post in an EU agency. " * 5  # enough words to be taken for a posting

FRAGMENTS = [
    # dates and deadlines, good and impossible
    "23/03/2026 - 12.00 (noon, Brussels time)", "Deadline for applications: ", "Closing date:\n", "31.02.2026",
    "2026-13-45", "1er mars 2026", "13 de enero de 2026", "March 32, 2026", "29/02/2027", "until 5 May 2026 23:59 CET",
    "Start date: ASAP", "from 1 March 2026 to 31 July 2026", "Duration: 5 months", "12 months renewable",
    # references, grades, contract types, languages
    "COM/2026/1234", "EPSO/AD/123/26", "EC/2026/CNECT/510505", "Ref.: ", "Reference:", "FG IV", "FG XIV", "FG 0",
    "AD 5", "AD 99", "AST 3-12", "AST/SC 1", "Grade: ", "C1", "English C1, French B2", "mother tongue", "EN/FR",
    "Seconded National Expert", "Contract agent", "Temporary agent", "Traineeship", "Blue Book",
    # places, units, requirements, applying
    "Unit A.1", "Networks and Access Unit (NET)", "Directorate-General for Communications Networks", "Brussels, Belgium",
    "Luxembourg", "at least 3 years of professional experience", "master's degree", "EU citizenship", "work permit",
    "Send your CV to CNECT-R3@ec.europa.eu.", "https://epso.europa.eu/apply", "Number of applicants: 1,234",
    "12 people have already applied",
    # structure
    "# HOW TO APPLY\n", "## Eligibility criteria\n", "ELIGIBILITY CRITERIA\n", "Selection criteria:\n", "\n- ", "\n* ",
    "\n• ", "\n1. ", "\na) ", "\n    - nested\n", "| a | b |\n|---|---|\n", "---\n", "> quoted\n", "```\ncode\n```\n",
    # control characters, escape sequences, markup
    "\x00", "\x07", "\x1b[31m", "\x1b[2J", "\x1b]0;title\x07", "\x9b", "\u202e", "\u200b", "\ufeff", "\ufdef", "\ufffd",
    "\r\n", "\r", "\f", "\t", "\v", "\u2028", "\u0085", "\ud7ff", "\ud800", "𝐁𝐨𝐥𝐝", "[bold]", "[/bold]", "[link=http://x]", "[/]",
    "**bold**", "_it_", "*it*", "[a](mailto:b@c.eu)", "![img](x.png)", "<script>alert(1)</script>", "&nbsp;", "&#0;",
    "\\*", "\\", "%s", "{0}", "${HOME}", "¹²³", "ﬁ", "İ", "ß", "Σ",
]
SEPARATORS = ["", " ", "\n", "\n\n", ": ", ", ", ". "]
piece = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40), st.sampled_from(SEPARATORS),
                  st.text(st.characters(codec="utf-8"), max_size=10))
pieces = st.lists(piece, max_size=40).map("".join)


@st.composite
def mutated_posting(draw) -> str:
    """A real posting with a few spans replaced by hostile pieces, sometimes cut short."""
    text = draw(st.sampled_from(SAMPLES))
    for _ in range(draw(st.integers(0, 8))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 400)))
        text = text[:start] + draw(pieces) + text[end:]
    if draw(st.booleans()):
        text = text[: draw(st.integers(0, len(text)))]
    return text


texts = st.one_of(
    st.text(max_size=500),
    pieces,
    pieces.map(lambda tail: PREAMBLE + tail),
    st.lists(st.sampled_from(FRAGMENTS), min_size=20, max_size=120).map(" ".join),
    mutated_posting(),
)
FAST = settings(max_examples=400, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


def parses_or_refuses(text: str) -> None:
    try:
        posting = parse(text)
    except ParseError as error:
        assert str(error) and "\n" not in str(error)
    else:
        assert isinstance(posting, Posting)


def test_any_text_parses_to_a_record_or_a_parse_error(report) -> None:
    tried = 0

    @FAST
    @given(texts)
    def property_(text: str) -> None:
        nonlocal tried
        tried += 1
        parses_or_refuses(text)

    property_()
    report(f"hostile input: {tried} generated texts parsed, no unexpected exception")


def encoded(text: str, encoding: str) -> bytes:
    return text.encode(encoding, "replace") if encoding != "raw" else text.encode("utf-8", "surrogatepass")


posting_bytes = st.builds(
    encoded, st.one_of(pieces, mutated_posting()),
    st.sampled_from(["utf-8", "utf-16", "utf-16-be", "utf-32", "cp1252", "latin-1", "raw"]),
)
html_bytes = st.builds(lambda head, body, tail: head + body + tail,
                       st.sampled_from([b"", b"<html><body>", b"<!doctype html><meta charset='x-unknown'>",
                                        b"<meta charset=utf-16><body>", b"\xef\xbb\xbf<html>", b"<?xml?><html>"]),
                       posting_bytes, st.sampled_from([b"", b"</body></html>", b"<script>", b"<!--"]))
any_bytes = st.one_of(st.binary(max_size=3000), posting_bytes, html_bytes,
                      st.builds(lambda a, b: a + b, posting_bytes, st.binary(max_size=200)))
NOT_PDF = [ext for ext in SUPPORTED_SUFFIXES if SUPPORTED_SUFFIXES[ext] != "pdf"] + [None]


def test_any_bytes_extract_to_text_or_an_extract_error(report) -> None:
    """.txt .md .markdown .html .htm, and None for a file whose format is sniffed (stdin). The .pdf path of
    load_bytes is the next test: it starts a child per file, so it gets fewer examples."""
    tried = 0

    @FAST
    @given(any_bytes, st.sampled_from(NOT_PDF))
    def property_(data: bytes, suffix: str | None) -> None:
        nonlocal tried
        tried += 1
        try:
            extracted = load_bytes(data, name=f"posting{suffix or ''}", fmt=SUPPORTED_SUFFIXES.get(suffix))
        except ExtractError as error:
            assert str(error) and "\n" not in str(error)
            return
        assert isinstance(extracted.text, str) and extracted.text.strip()
        parses_or_refuses(extracted.text)

    property_()
    report(f"hostile input: {tried} generated files (.txt .md .markdown .html .htm, sniffed) extracted and parsed, "
           "no unexpected exception")


VALID_PDF = bytes(_pdf([CALL_LINES * 3, CALL_LINES]).output())


@st.composite
def damaged_pdf(draw) -> bytes:
    """A valid two-page PDF with a few spans overwritten, inserted or cut: what pdfminer meets in the wild."""
    data = bytearray(VALID_PDF)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["overwrite", "insert", "cut"]))
        junk = draw(st.one_of(st.binary(min_size=1, max_size=64),
                              st.sampled_from([b"[[[[[[[[", b"<<<<", b"9999999999 0 R", b"endobj", b"stream\n",
                                               b"/Length 999999999", b"/Filter /FlateDecode", b"\x00" * 16])))
        if kind == "overwrite":
            data[at:at + len(junk)] = junk
        elif kind == "insert":
            data[at:at] = junk
        else:
            del data[at:at + draw(st.integers(1, 2000))]
    return bytes(data)


def test_any_pdf_bytes_extract_to_text_or_an_extract_error(report) -> None:
    tried = 0

    @settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.one_of(damaged_pdf(), st.binary(max_size=2000).map(lambda tail: b"%PDF-1.4\n" + tail)))
    def property_(data: bytes) -> None:
        nonlocal tried
        tried += 1
        try:
            extracted = load_bytes(data, name="posting.pdf", fmt="pdf", timeout=20)
        except ExtractError as error:
            assert str(error) and "\n" not in str(error)
            return
        parses_or_refuses(extracted.text)

    property_()
    report(f"hostile input: {tried} damaged PDFs extracted (each in its pdfminer child) and parsed, "
           "no unexpected exception")


# ------------------------------------------------------------------------------------------------ large inputs

SIZES = [64_000, 128_000, 256_000, 512_000]


def budget(size: int) -> float:
    """Seconds one size may take before the child is taken for hung: a linear parse needs 1-5 s per MB here."""
    return 2 + 20 * size / 1_000_000


# The child builds each input itself (prefix, then the unit repeated up to the size; in a "numbered" mode, each
# repetition with its number in place of {}) and prints one JSON line per size: its CPU time and the outcome.
# "import" runs the importer's path: clean-up, then parse; "html" the same for a page.
CHILD = r"""
import json, sys, time
from eujobs.store.errors import ParseError
from eujobs.store.ingest.extract import ExtractError, load_bytes
from eujobs.store.parse.posting import parse
prefix, unit, mode, sizes = json.loads(sys.argv[1])
mode, _, numbered = mode.partition(" ")
read = {"parse": str, "import": lambda text: load_bytes(text.encode(), fmt="text").text,
        "html": lambda text: load_bytes(text.encode(), fmt="html").text}[mode]
for size in sizes:
    if numbered:
        parts, length = [prefix], len(prefix)
        while length < size:
            parts.append(unit.format(len(parts)))
            length += len(parts[-1])
        text = "".join(parts)[:size]
    else:
        text = (prefix + unit * (size // len(unit) + 1))[:size]
    start = time.process_time()
    try:
        parse(read(text))
        outcome = "posting"
    except (ParseError, ExtractError) as error:
        outcome = str(error)
    print(json.dumps({"size": size, "cpu": time.process_time() - start, "outcome": outcome}), flush=True)
"""

REAL = "\n\n".join(SAMPLES)
HTML_PAGE = f"<html><body><h1>Policy officer</h1><p>{PREAMBLE}</p>"
ELIGIBILITY = PREAMBLE + "\n\nEligibility criteria\n\n"
LINEAR = {
    "realistic posting text, repeated": ("", REAL, "parse"),
    "one enormous line with no newline": ("", " ".join(REAL.split()) + " ", "parse"),
    "'((((('": (PREAMBLE, "(", "parse"),
    "digits, dots and slashes": (PREAMBLE, "1" * 500 + "." * 500 + "/" * 500 + "12/03/2026", "parse"),
    "markup and escape sequences": (PREAMBLE, "[bold]Policy officer[/bold] **x** _y_ [link=x]z[/] \x1b[0m ", "parse"),
    "realistic posting text through the importer": ("", REAL, "import"),
    # nested 100,000 deep at 512 KB: the elements deeper than html_text.MAX_DEPTH hang on one element
    "a page of '<div>' nested ever deeper": (HTML_PAGE, "<div>", "html"),
}
# Super-linear (quadratic or worse) before their fix: now regression guards, run like the inputs above. The note
# says where the time went (its first word is the file of the fix, for the summary; the rule is named, not its
# line, which moves).
KNOWN_SUPERLINEAR = {
    "deadline labels on one line": (
        PREAMBLE, "Deadline: ", "parse", ("store/parse/dates.py find_deadline ran _find_date (4 forms) over the "
        "whole rest of the line for every label; _date_within looks at the first 64 characters only, in place")),
    "a run of '['": (
        PREAMBLE, "[", "parse", (r"store/parse/lines.py _LINK !?\[([^\]]*)\]\(... (and store/parse/markup.py): "
        r"[^\]]* ran to the end of the line from every '['; a 'cut' alternative takes up what fails")),
    "'1. 1. 1.'": (
        PREAMBLE, "1. ", "parse", (r"store/parse/facts.py _APPLIED \b(\d[\d,. ]*|...)\s+(?:people|...: "
        r"[\d,. ]* ran to the end of the run from every digit; a 'cut' alternative takes up the run")),
    "blank lines": (
        PREAMBLE, "\n", "parse", (r"store/parse/markup.py (?m)^\s*#{1,6}\s*: \s* crossed newlines, so every line "
        "start scanned the whole run of blank lines; a 'cut' alternative takes up the run")),
    "blank lines through the importer": (
        PREAMBLE, "\n", "import", (r"store/ingest/clean.py \n*HOLE(?:\n*HOLE)*\n*: \n* scanned the whole run "
        "from every newline; a 'cut' alternative takes up the run")),
    "'AD 5 AD 5'": (
        PREAMBLE, "AD 5 ", "parse", ("store/parse/grades.py any(pos == m.start() for pos, _ in hits): "
        "every grade was compared with every earlier one; a set now")),
    "one long token 'COM/COM/'": (
        PREAMBLE, "COM/", "parse", (r"store/parse/places.py _CAP [A-Z][\w&’'/-]* in _NAMED_UNIT: ran to the end "
        "of the token from every capital; a 'cut' alternative takes up the token")),
    "one long word 'AaAa'": (
        PREAMBLE, "Aa", "parse", (r"store/parse/checklist.py _PERMIT (?:[A-Z]\w+[ \t]+){0,3}work permit: "
        r"[A-Z]\w+ ran to the end of the word from every capital; a 'cut' alternative takes up the word")),
    # found with them
    "a line of start dates": (
        PREAMBLE, "Start date: ", "parse", (r"store/parse/periods.py start(?:ing)?[ -]date[^\n(]*\(...: ran to "
        "the end of the line from every start date")),
    "a line of duration labels": (
        PREAMBLE, "Duration: ", "parse", (r"store/parse/periods.py _END_LABEL duration\s*:[^\n]*?\buntil: ran to "
        "the end of the line from every label")),
    "'Ref.Ref.Ref.'": (
        PREAMBLE, "Ref.", "parse", ("store/parse/references.py _LABEL: each label inside a long token read (and "
        "checked) the rest of the token again")),
    "'AB/CA/AB/CA/'": (
        PREAMBLE, "AB/CA/", "parse", ("store/parse/references.py the agency shape of _KNOWN: each agency prefix "
        "read the rest of the chain again")),
    "'C1 EN EN EN'": (
        PREAMBLE, "C1 EN EN EN EN EN ", "parse", ("store/parse/languages.py _LEVEL_THEN_CODE was searched from "
        "the start of the clause for each language code")),
    "'English, English, '": (
        PREAMBLE, "English, ", "parse", ("store/parse/languages.py _mentions copied the joined names again for "
        "each name")),
    "one-letter lines that wrap into one paragraph": (
        PREAMBLE, "A\n", "parse", ("store/parse/sections.py each wrapped line was joined to, and split out of, "
        "the whole paragraph")),
    "a heading line with long runs of blanks": (
        PREAMBLE + "\n# a", " " * 2000 + "x", "parse", (r"store/parse/lines.py MD_HEADING "
        r"^\s*#{1,6}\s+(.*?)\s*#*\s*$ was cubic in a run of blanks")),
    "a run of '<sup>'": (
        PREAMBLE, "<sup>", "parse", ("store/parse/markup.py <sup>.*?</sup> (and store/parse/lines.py) ran to "
        "the end from every <sup>")),
    "a run of '[' through the importer": (
        PREAMBLE, "[", "import", (r"store/ingest/clean.py the link rules of looks_like_markdown and strip_markdown "
        "ran to the end of the line from every '['")),
    "lower-case lines through the importer": (
        PREAMBLE, "a\n", "import", ("store/ingest/clean.py _join_wrapped_lines joined each line to, and searched, "
        "the whole paragraph")),
    "'**a **a' through the importer": (
        PREAMBLE, "**a ", "import", (r"store/ingest/clean.py \*\*(?=\S)(.+?)(?<=\S)\*\*: ran to the end of the "
        "line from every '**'")),
    "a page of '<sup>' nested ever deeper": (
        HTML_PAGE, "<sup>", "html", ("store/ingest/html_text.py each <sup> read all the page under it, to tell a "
        "footnote mark, a hundred times over in a page nested deeper than MAX_DEPTH; short_text reads 16 characters")),
    "a page of '<article>' nested ever deeper": (
        HTML_PAGE, "<article>", "html", ("store/ingest/html_text.py _content_root counted the words of each article, "
        "those around it included; only the outermost now")),
    "an eligibility list of 60,000 requirements": (
        ELIGIBILITY, "- R{}\n", "parse numbered", ("store/parse/checklist.py _Items.has looked through every item "
        "for each new one's id; a set of ids now")),
    "an eligibility list of alternatives ('a, or')": (
        ELIGIBILITY, "- a, or\n", "parse", ("store/parse/checklist.py _joined_alternatives searched, and copied, the "
        "whole condition joined so far at each alternative; only the last bullet now")),
}


def run_child(spec: tuple[str, str, str]) -> dict:
    """Parse the input at each size; stop (kill the child) at the first size over its budget."""
    prefix, unit, mode = spec
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", CHILD, json.dumps([prefix, unit, mode, SIZES])],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    done: list[dict] = []
    over = None
    try:
        for size in SIZES:
            started, allowed = time.monotonic(), budget(size) + (1 if size == SIZES[0] else 0)  # + start-up
            line = _read_line(child, allowed)
            if line is None:
                over = (size, time.monotonic() - started, allowed)
                break
            done.append(json.loads(line))
    finally:
        child.kill()
        _, errors = child.communicate()
    return {"done": done, "over": over, "errors": errors if not over and len(done) < len(SIZES) else ""}


def _read_line(child: subprocess.Popen, seconds: float) -> str | None:
    import selectors

    with selectors.DefaultSelector() as selector:
        selector.register(child.stdout, selectors.EVENT_READ)
        if not selector.select(timeout=seconds):
            return None
    return child.stdout.readline() or None


@pytest.fixture(scope="module")
def scaling() -> dict[str, dict]:
    """Every large input, two children at a time (one per core on a small machine)."""
    inputs = {**LINEAR, **{name: spec[:3] for name, spec in KNOWN_SUPERLINEAR.items()}}
    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(inputs, pool.map(run_child, inputs.values())))


def describe(name: str, result: dict) -> str:
    times = ", ".join(f"{r['size'] // 1000} KB {r['cpu']:.2f} s" for r in result["done"])
    text = f"parse scaling, {name}: {times or 'nothing finished'}"
    if len(result["done"]) == len(SIZES):
        first, last = result["done"][0]["cpu"], result["done"][-1]["cpu"]
        text += f" (x{SIZES[-1] // SIZES[0]} input, x{last / max(first, 1e-3):.1f} time)"
    if result["over"]:
        size, seconds, allowed = result["over"]
        text += f"; {size // 1000} KB stopped after {seconds:.1f} s, over its {allowed:.1f} s budget"
    return text


@pytest.mark.parametrize("name", LINEAR)
def test_large_input_finishes_within_a_linear_budget(name, scaling, report) -> None:
    result = scaling[name]
    report(describe(name, result))
    assert result["over"] is None, describe(name, result)
    assert [r["size"] for r in result["done"]] == SIZES, result["errors"]


@pytest.mark.parametrize("name", KNOWN_SUPERLINEAR)
def test_known_superlinear_input_finishes_within_a_linear_budget(name, scaling, report) -> None:
    result = scaling[name]
    report(describe(name, result) + f" [fixed: {KNOWN_SUPERLINEAR[name][3].split(' ')[0]}]")
    assert result["over"] is None, describe(name, result)
    assert [r["size"] for r in result["done"]] == SIZES, result["errors"]


# ------------------------------------------------------------------------------------------------ PDF bombs

DEPTH = 100_000
FONT = b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
TEXT_STREAM = b"BT /F1 12 Tf 72 712 Td (Hello) Tj ET"




def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R " + FONT + b" >>"


def inflates_to_gigabytes(gigabytes: int = 4) -> bytes:
    """A deflate stream of `gigabytes` of zeros, about 1,000 times smaller: each 1 MB of zeros compresses, after
    a full flush, to the same bytes, so the stream is made by repetition instead of compressing gigabytes."""
    packer = zlib.compressobj(9)
    head = packer.compress(b"\0" * (1 << 20)) + packer.flush(zlib.Z_FULL_FLUSH)
    again = packer.compress(b"\0" * (1 << 20)) + packer.flush(zlib.Z_FULL_FLUSH)
    return head + again * (gigabytes * 1024 - 1) + packer.flush()


def zip_bomb() -> bytes:
    return pdf_file([CATALOG, PAGES, PAGE, stream(inflates_to_gigabytes(), b"/Filter /FlateDecode ")])


def deep_page_tree(depth: int = 20_000) -> bytes:
    nodes = [b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % (number + 1) for number in range(2, depth + 2)]
    page = b"<< /Type /Page /MediaBox [0 0 595 842] /Contents %d 0 R " % (depth + 3) + FONT + b" >>"
    return pdf_file([CATALOG, *nodes, page, stream(TEXT_STREAM)])


PDF_BOMBS = {
    # name: (bytes, the one line it must end with, or None when pdfminer copes and the page's text comes out)
    "arrays nested 100,000 deep as the page tree's kids": (
        pdf_file([CATALOG, b"<< /Type /Pages /Kids " + b"[" * DEPTH + b"3 0 R" + b"]" * DEPTH + b" /Count 1 >>", PAGE,
                  stream(TEXT_STREAM)]),
        "PDF is damaged: AttributeError: 'list' object has no attribute 'objid'"),
    "arrays nested 100,000 deep in the page's content": (
        pdf_file([CATALOG, PAGES, PAGE, stream(b"[" * DEPTH + b"]" * DEPTH)]),
        "PDF has no text layer (scanned image?)"),
    "dictionaries nested 100,000 deep as the page's resources": (
        pdf_file([CATALOG, PAGES, PAGE.replace(FONT, b"/Resources " + b"<< /A " * DEPTH + b"1" + b" >>" * DEPTH),
                  stream(TEXT_STREAM)]),
        None),
    "a page tree 20,000 levels deep": (deep_page_tree(), "PDF is damaged: objects nested too deeply"),
    "a FlateDecode stream that inflates to 4 GB": (zip_bomb(), "PDF needs more than 256 MB of memory"),
    "an object reference loop (5 -> 6 -> 5) as the page tree": (
        pdf_file([CATALOG, b"5 0 R", PAGE, stream(TEXT_STREAM), b"6 0 R", b"5 0 R"]),
        "PDF took longer than 5 s"),
    "a page tree that is its own kid": (
        pdf_file([CATALOG, b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>", PAGE, stream(TEXT_STREAM)]),
        None),
    "a cross-reference table whose /Prev is itself": (None, "PDF is damaged: unexpected end of file"),
}


def xref_loop() -> bytes:
    data = pdf_file([CATALOG, PAGES, PAGE, stream(TEXT_STREAM)])
    return data.replace(b"/Root 1 0 R ", b"/Root 1 0 R /Prev %d " % data.rindex(b"xref\n"))


# The time limit a bomb gets: only the reference loop ends by it, so it alone gets a short one; the others end by
# the memory limit or as damaged, and get room enough that a busy machine does not end them by the time limit instead.
LOOP = "an object reference loop (5 -> 6 -> 5) as the page tree"
LOOP_TIMEOUT_S = 5
ROOM_S = 120


def timeout_for(bomb: str) -> int:
    return LOOP_TIMEOUT_S if bomb == LOOP else ROOM_S


class RecordingPopen(subprocess.Popen):
    started: ClassVar[list] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        RecordingPopen.started.append(self)


@pytest.mark.parametrize("name", PDF_BOMBS)
def test_a_pdf_built_to_hang_or_exhaust_pdfminer_ends_in_one_line(name, monkeypatch) -> None:
    data, expected = PDF_BOMBS[name]
    data = data if data is not None else xref_loop()
    RecordingPopen.started = []
    monkeypatch.setattr(pdf.subprocess, "Popen", RecordingPopen)
    started, timeout = time.monotonic(), timeout_for(name)
    if expected is None:
        assert pdf.pdf_to_text(data, timeout=timeout, memory_limit=256 << 20).startswith("H")
    else:
        with pytest.raises(ExtractError) as info:
            pdf.pdf_to_text(data, timeout=timeout, memory_limit=256 << 20)
        assert str(info.value) == expected
    assert time.monotonic() - started < timeout + 15  # hang guard: the timeout plus slack for a loaded machine
    (child,) = RecordingPopen.started
    assert child.returncode is not None  # no child left running


@pytest.mark.parametrize("bomb", ["a FlateDecode stream that inflates to 4 GB", LOOP])
def test_importing_a_pdf_bomb_is_one_line_and_changes_nothing(bomb, tmp_path, capsys, monkeypatch) -> None:
    """With the importer's own memory limit (1 GB); its time limit (30 s) is the loop's 5 s or the others' room."""
    from eujobs.store.ingest import extract

    real = extract.pdf_to_text
    monkeypatch.setattr(extract, "pdf_to_text", lambda data, timeout: real(data, timeout=timeout_for(bomb)))
    monkeypatch.setenv("EUJOBS_NOW", "2026-03-10T09:00:00+00:00")
    store = tmp_path / "store"
    assert main(["--store", str(store), "import", str(POSTINGS / "ep-traineeship-itec-pmco.txt")]) == 0
    capsys.readouterr()
    before = store_bytes(store)
    path = tmp_path / "bomb.pdf"
    path.write_bytes(PDF_BOMBS[bomb][0])
    assert main(["import", str(path), "--store", str(store)]) == 1
    out, err = capsys.readouterr()
    reason = {"a FlateDecode stream that inflates to 4 GB": "PDF needs more than 1024 MB of memory",
              LOOP: f"PDF took longer than {LOOP_TIMEOUT_S} s"}[bomb]
    assert out.splitlines() == [f"failed     {path}: {reason}", "1 file: 0 imported, 0 updated, 0 unchanged, 0 conflicts, 1 failed"]
    assert err == ""
    assert store_bytes(store) == before
