"""PDF extraction in a child process: the sample PDFs, bad PDFs, time and memory limits."""

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from eujobs.store.ingest import pdf
from eujobs.store.ingest.extract import ExtractError, load_bytes, load_file
from eujobs.store.parse.posting import parse

from . import pdf_fixtures as fx
from .conftest import POSTINGS, ROOT

CNECT = POSTINGS / "ec-cnect-r3-it-project-officer.pdf"
DIGIT = POSTINGS / "ec-digit-b1-ict-security-officer.pdf"


def reason(path: Path, **kwargs) -> str:
    with pytest.raises(ExtractError) as info:
        load_file(path, **kwargs)
    assert "\n" not in str(info.value)
    return str(info.value)


# ---------------------------------------------------------------- the sample PDFs

@pytest.fixture(scope="module")
def cnect() -> str:
    return load_file(CNECT).text


def test_cnect_pdf_has_the_key_phrases(cnect):
    for phrase in ("IT Project Officer – IT project leader", "Job title: ICT Officer – Project Manager",
                   "Express your interest until: 23/03/2026 - 12.00 (noon, Brussels time)",
                   "CNECT-R3@ec.europa.eu", "EC/2026/CNECT/510505", "Function Group: FG IV"):
        assert phrase in cnect


def test_cnect_pdf_reads_like_the_source(cnect):
    assert cnect.count("(Reference: Call for interest EC/2026/CNECT/510505)") == 1  # footer kept once
    assert not re.search(r"^\d+ / \d+$", cnect, re.M)  # page numbers gone
    assert not re.search(r"[¹²³⁴⁵⁶⁷⁸⁹]|Sweden1", cnect)  # footnote markers gone
    assert "Slovakia and Sweden. Recruitment" in cnect
    assert "Plan, coordinate and steer" in cnect and "proba-" not in cnect  # hyphenation undone
    assert "translating business needs into secure, reliable" in cnect  # joined across the page break
    assert "\n- Manage IT project autonomously" in cnect  # bullets on their own lines
    assert "\n- Liaise with CNECT business units" in cnect
    assert "\nMain tasks\n" in cnect and "\nWE LOOK FOR\n" in cnect  # headings on their own lines
    # footnote text kept, after the paragraph that points to it
    assert cnect.index("Please note that the list of underrepresented") > cnect.index("perform highly specialised")


def test_digit_pdf_has_the_key_phrases():
    text = load_file(DIGIT).text
    for phrase in ("ICT Security Officer", "Express your interest until: 15/05/2026 - 12.00 (Brussels time)",
                   "David.ZUNEL-BALLESTER@ec.europa.eu", "EC/2026/DIGIT/496629",
                   "\n- Performing the cybersecurity risk assessment"):
        assert phrase in text
    assert text.count("(Reference: Call for interest EC/2026/DIGIT/496629)") == 1
    assert not re.search(r"[¹²³⁴]", text)


def what_it_says(path: Path) -> tuple[dict, Counter]:
    """What a PDF says, as far as its layout does not decide it: the record the importer parses from its text, and
    the text's words. Another fpdf2 or other DejaVu fonts break lines and pages elsewhere, so a footnote follows
    another paragraph and a paragraph cut by a page break reads as two: the text itself is not compared."""
    text = load_file(path).text
    return parse(text).to_json(), Counter(text.split())


def build_samples(folder: Path, margin_mm: float | None = None) -> None:
    """The sample PDFs as make_pdfs builds them (in a child: fpdf2 stays out of this process), in `folder`; with
    another margin, laid out as wider or narrower glyphs would lay them out."""
    result = subprocess.run([sys.executable, "-c", f"""
import sys; sys.path.insert(0, {str(ROOT / 'sample_data')!r})
from pathlib import Path
import make_pdfs
make_pdfs.MARGIN = {margin_mm!r} or make_pdfs.MARGIN
for name in make_pdfs.SOURCES:
    make_pdfs.build(make_pdfs.POSTINGS / name, Path({str(folder)!r}) / Path(name).with_suffix('.pdf').name)
"""], capture_output=True, text=True)
    if "font" in result.stderr and "missing" in result.stderr:
        pytest.skip(result.stderr.strip())
    assert result.returncode == 0, result.stderr


def test_sample_pdfs_are_what_make_pdfs_builds(tmp_path):
    """The committed PDFs say what the script builds from their sources today."""
    build_samples(tmp_path)
    for committed in (CNECT, DIGIT):
        assert what_it_says(tmp_path / committed.name) == what_it_says(committed)


def test_sample_pdfs_say_the_same_laid_out_by_other_fonts(tmp_path):
    """As another machine's fonts would, a wider margin breaks lines and pages elsewhere: the text differs, what
    the PDF says does not."""
    build_samples(tmp_path, margin_mm=24.0)
    for committed in (CNECT, DIGIT):
        assert load_file(tmp_path / committed.name).text != load_file(committed).text  # laid out otherwise indeed
        assert what_it_says(tmp_path / committed.name) == what_it_says(committed)


# ---------------------------------------------------------------- bad PDFs

def test_valid_small_pdf(tmp_path):
    result = load_file(fx.valid_pdf(tmp_path, pages=[fx.CALL_LINES, ["Annex: selection steps."]]))
    assert result.format == "pdf"
    assert "Express your interest until: 23/03/2026 - 12.00" in result.text
    assert "Annex: selection steps." in result.text and "Page" not in result.text


def test_encrypted_pdf(tmp_path):
    assert reason(fx.encrypted_pdf(tmp_path)) == "PDF is encrypted"


def test_encrypted_pdf_with_empty_user_password_is_read(tmp_path):
    assert "EC/2026/CNECT/510505" in load_file(fx.encrypted_pdf(tmp_path, user_password="")).text


def test_image_only_pdf(tmp_path):
    assert reason(fx.image_only_pdf(tmp_path)) == "PDF has no text layer (scanned image?)"


def test_truncated_pdf(tmp_path):
    assert reason(fx.truncated_pdf(tmp_path)) == "PDF is damaged: file is truncated (incomplete download?)"


@pytest.mark.parametrize("data, expected", [
    (b"<html><body>Session expired</body></html>", "PDF is damaged: no %PDF header (not a PDF file?)"),
    (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
     "PDF is damaged: no pages"),
    (b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF\n", "PDF is damaged: "),
])
def test_damaged_pdf(tmp_path, data, expected):
    path = tmp_path / "bad.pdf"
    path.write_bytes(data)
    assert reason(path).startswith(expected)


def test_pdf_on_stdin_is_sniffed(tmp_path):
    result = load_bytes(fx.valid_pdf(tmp_path).read_bytes())
    assert result.format == "pdf" and "IT Project Officer" in result.text


# ---------------------------------------------------------------- the child process

class RecordingPopen(subprocess.Popen):
    started: list = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        RecordingPopen.started.append(self)


@pytest.fixture
def children(monkeypatch):
    RecordingPopen.started = []
    monkeypatch.setattr(pdf.subprocess, "Popen", RecordingPopen)
    return RecordingPopen.started


def test_tiny_timeout_kills_the_child(tmp_path, children):
    assert reason(fx.valid_pdf(tmp_path), timeout=0.001) == "PDF took longer than 0.001 s"
    assert children and all(child.returncode is not None for child in children)


def test_hanging_worker_is_killed_on_time(tmp_path, children, monkeypatch):
    monkeypatch.setattr(pdf, "worker_command", lambda _limit: [sys.executable, "-c", "import time; time.sleep(60)"])
    assert reason(fx.valid_pdf(tmp_path), timeout=1) == "PDF took longer than 1 s"
    (child,) = children
    assert child.returncode is not None and child.returncode < 0  # killed by a signal, not finished


def test_memory_limit_stops_a_decompression_bomb(tmp_path, children):
    data = fx.decompression_bomb_pdf(tmp_path).read_bytes()
    with pytest.raises(ExtractError) as info:
        pdf.pdf_to_text(data, memory_limit=256 << 20)
    assert str(info.value) == "PDF needs more than 256 MB of memory"
    assert all(child.returncode is not None for child in children)


def test_worker_imports_nothing_of_the_app():
    source = Path(pdf.WORKER).read_text()
    assert not re.search(r"^\s*(from|import)\s+(store|tui)\b", source, re.M)
