"""load_file / load_bytes: formats, encodings, size limits and the reasons given for bad input."""

import dataclasses
import hashlib
import os
import time

import pytest

from eujobs.store.ingest.extract import (
    SUPPORTED_SUFFIXES,
    Extracted,
    ExtractError,
    load_bytes,
    load_file,
    sniff_format,
)

from . import pdf_fixtures as fx
from .conftest import POSTINGS as SEEDS

ACCENTED = fx.ACCENTED.rstrip("\n")


def reason(call, *args, **kwargs) -> str:
    with pytest.raises(ExtractError) as info:
        call(*args, **kwargs)
    message = str(info.value)
    assert "\n" not in message and message == message.strip()
    return message


def test_api_shape():
    assert SUPPORTED_SUFFIXES == {
        ".txt": "text", ".md": "markdown", ".markdown": "markdown",
        ".pdf": "pdf", ".html": "html", ".htm": "html",
    }
    result = load_bytes(b"Job title: ICT Officer\n", fmt="text")
    assert result == Extracted(text="Job title: ICT Officer", format="text",
                               sha256=hashlib.sha256(b"Job title: ICT Officer\n").hexdigest())
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.text = "x"


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.iterdir()))
def test_every_seed_loads(seed):
    path = SEEDS / seed
    result = load_file(path)
    assert result.format == SUPPORTED_SUFFIXES[path.suffix]
    assert result.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert len(result.text) > 1000 and "\r" not in result.text and "\f" not in result.text


@pytest.mark.parametrize("make", [
    fx.cp1252_text,
    fx.utf8_bom_text,
    fx.utf16_text,
    lambda d: fx.utf16_text(d, big_endian=True),
    lambda d: fx.utf16_text(d, bom=False),
    lambda d: fx.utf16_text(d, bom=False, big_endian=True),
], ids=["cp1252", "utf8-bom", "utf16-le-bom", "utf16-be-bom", "utf16-le", "utf16-be"])
def test_encodings_decode(tmp_path, make):
    assert load_file(make(tmp_path)).text == ACCENTED


def test_plain_utf8_and_normalisation(tmp_path):
    path = tmp_path / "posting.txt"
    path.write_bytes("Lieu :\u00a0Bruxelles   \r\nDate limite : 23/03/2026\r\n".encode())
    assert load_file(path).text == "Lieu : Bruxelles\nDate limite : 23/03/2026"


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n", "\u00a0\n".encode(), b"\xef\xbb\xbf\n"],
                         ids=["empty", "whitespace", "nbsp", "bom-only"])
def test_empty_file(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert reason(load_file, path) == "empty file"


@pytest.mark.parametrize("name", ["garbage.txt", "garbage.md", "garbage.html"])
def test_binary_garbage(tmp_path, name):
    assert reason(load_file, fx.binary_garbage(tmp_path, name)) == "not text: binary data"


def test_binary_without_nul_bytes_is_refused(tmp_path):
    path = tmp_path / "controls.txt"
    path.write_bytes(bytes(range(1, 9)) * 200 + b"\x81\x8d\x8f\x90\x9d" * 10)
    assert reason(load_file, path) == "not text: binary data"


def test_binary_on_stdin():
    assert reason(load_bytes, fx.random.Random(1).randbytes(2048)) == "not text: binary data"


def test_text_over_5_mb_is_refused(tmp_path):
    assert reason(load_file, fx.big_text(tmp_path, 20)) == "file too large: 20.0 MB (limit 5 MB)"
    assert reason(load_bytes, b"x" * (6 << 20), fmt="text") == "file too large: 6.0 MB (limit 5 MB)"


def test_reads_no_more_than_the_limit(tmp_path):
    endless = tmp_path / "endless.txt"  # a device reports size 0 and never ends
    endless.symlink_to("/dev/zero")
    assert reason(load_file, endless) == "file too large (limit 5 MB)"


def test_pdf_over_50_mb_is_refused(tmp_path):
    path = tmp_path / "huge.pdf"
    with open(path, "wb") as f:
        f.write(b"%PDF-1.7\n")
        f.truncate(51 << 20)  # sparse: no 51 MB written
    assert reason(load_file, path) == "file too large: 51.0 MB (limit 50 MB)"


def test_unsupported_type(tmp_path):
    path = tmp_path / "cv.DOCX"
    path.write_bytes(b"PK\x03\x04")
    assert reason(load_file, path) == "unsupported file type '.docx' (use .txt, .md, .pdf or .html)"


def test_file_system_errors(tmp_path):
    assert reason(load_file, tmp_path / "missing.txt") == "no such file"
    (tmp_path / "folder.txt").mkdir()
    assert reason(load_file, tmp_path / "folder.txt") == "is a directory, not a file"


def test_permission_denied(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text("Job title: x")
    path.chmod(0)
    if os.geteuid() == 0:  # root reads everything: make open() refuse as it would for a user
        def refuse(*_args, **_kwargs):
            raise PermissionError(13, "Permission denied")
        monkeypatch.setattr("eujobs.store.ingest.extract.open", refuse, raising=False)
    assert reason(load_file, path) == "permission denied"


def test_reason_never_contains_the_path(tmp_path):
    for path in (tmp_path / "missing.pdf", fx.binary_garbage(tmp_path, "bin.txt")):
        assert str(tmp_path) not in reason(load_file, path)


@pytest.mark.parametrize("data, expected", [
    (b"%PDF-1.7\n...", "pdf"),
    (b"\n  %PDF-1.4\n", "pdf"),
    (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
    (b"<!-- saved from url=(0042) -->\n<HTML><BODY>x</BODY></HTML>", "html"),
    (b"## Job title\n\nICT officer", "markdown"),
    (b"Job title: **ICT officer**, see [the call](https://x.eu)", "markdown"),
    (b"Job title: ICT officer\n- bullet\n", "text"),
    ("\ufeffLieu : Bruxelles – Belgique".encode("utf-16"), "text"),
])
def test_sniff_format(data, expected):
    assert sniff_format(data) == expected


def test_stdin_is_sniffed_and_cleaned():
    result = load_bytes(b"# Job title\n\n**Where:** Brussels\n", name="-")
    assert (result.format, result.text) == ("markdown", "Job title\n\nWhere: Brussels")
    assert load_bytes(b"<html><body><main><p>Hello &amp; welcome</p></main></body></html>").text == "Hello & welcome"


def test_file_without_suffix_is_sniffed(tmp_path):
    path = tmp_path / "posting"
    path.write_bytes(b"<!doctype html><title>x</title><main><h1>Trainee</h1></main>")
    assert (load_file(path).format, load_file(path).text) == ("html", "Trainee")


# ---------------------------------------------------------------- HTML

EU_CAREERS_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>IT Project Officer | EU Careers</title>
<style>.x{color:red}</style><script>var tracking = "Job title: fake";</script></head>
<body>
<a href="#main" class="ecl-u-sr-only">Skip to main content</a>
<div id="cookie-consent">We use cookies <button>Accept</button></div>
<header class="ecl-site-header"><span>EU Careers</span>
  <nav aria-label="Main"><ul><li><a href="/jobs">Jobs</a></li><li>About</li></ul></nav></header>
<nav class="ecl-breadcrumb"><ol><li>Home</li><li>Job opportunities</li></ol></nav>
<main id="main">
  <div class="ecl-page-header"><h1>IT Project Officer&nbsp;&ndash; IT project leader</h1></div>
  <article>
    <dl><dt>Job title</dt><dd>ICT Officer &ndash; Project Manager</dd>
        <dt>Deadline:</dt><dd><time>23/03/2026 - 12.00</time> (noon, Brussels time)</dd></dl>
    <table><tr><th>Reference</th><td>EC/2026/CNECT/510505</td></tr></table>
    <h2>We propose</h2>
    <p>Be at the heart of the
       <strong>Digital Services Act</strong> (DSA)<sup>1</sup>, see the <a href="https://x.eu/dsa">DSA page</a>.</p>
    <h2>Main tasks</h2>
    <ul>
      <li>Manage IT projects;
      <li><p>Liaise with business units</p></li>
      <li>Steer contractors:<ul><li>planning</li><li>follow-up</li></ul></li>
    </ul>
    <ol><li>Register in the EPSO database</li><li>Write to <a href="mailto:CNECT-R3@ec.europa.eu">CNECT-R3@ec.europa.eu</a></li></ol>
    <p>Tom &amp; Jerry&#39;s &lt;team&gt;</p>
    <div class="share"><button>Share this page</button></div>
    <form><label>Subscribe</label><input type="email"></form>
    <p hidden>hidden text</p><p style="display: none">also hidden</p>
  </article>
  <aside><h2>Related jobs</h2></aside>
</main>
<footer class="ecl-footer"><p>European Union</p></footer>
<script src="app.js"></script>
</body></html>
"""


def test_eu_careers_page_main_text(tmp_path):
    path = tmp_path / "job.html"
    path.write_text(EU_CAREERS_PAGE, encoding="utf-8")
    assert load_file(path).text == (
        "IT Project Officer – IT project leader\n\n"
        "Job title: ICT Officer – Project Manager\n"
        "Deadline: 23/03/2026 - 12.00 (noon, Brussels time)\n\n"
        "Reference: EC/2026/CNECT/510505\n\n"
        "We propose\n\n"
        "Be at the heart of the Digital Services Act (DSA), see the DSA page (https://x.eu/dsa).\n\n"
        "Main tasks\n\n"
        "- Manage IT projects;\n"
        "- Liaise with business units\n"
        "- Steer contractors:\n"
        "  - planning\n"
        "  - follow-up\n\n"
        "1. Register in the EPSO database\n"
        "2. Write to CNECT-R3@ec.europa.eu\n\n"
        "Tom & Jerry's <team>"
    )


def test_html_without_main_drops_the_page_frame():
    page = b"""<html><body><header><h1>European Parliament</h1></header>
    <nav><a>Traineeships</a></nav>
    <div class="offer"><h2>Trainee in DG ITEC</h2><p>Place of employment : Brussels</p>
    <table><tr><td>Ref. :</td><td>10B30-7323</td></tr><tr><td>A</td><td>B</td><td>C</td></tr></table></div>
    <footer>Contact</footer></body></html>"""
    assert load_bytes(page, fmt="html").text == (
        "Trainee in DG ITEC\n\nPlace of employment : Brussels\n\nRef. : 10B30-7323\nA | B | C"
    )


def test_html_prefers_role_main_then_the_largest_article():
    role = b"<body><div>menu</div><div role='main'><p>Posting</p></div></body>"
    assert load_bytes(role, fmt="html").text == "Posting"
    articles = b"<body><article><p>Teaser</p></article><article><p>The full posting text</p></article></body>"
    assert load_bytes(articles, fmt="html").text == "The full posting text"


def test_html_title_above_main_is_kept():
    page = b"<body><div class='hero'><h1>Trainee PMCO</h1></div><main><p>Your tasks</p></main></body>"
    assert load_bytes(page, fmt="html").text == "Trainee PMCO\n\nYour tasks"


def test_html_declared_charset_and_br():
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head>' \
           "<body><p>Salaire : 5 000 €<br>Lieu : Liège</p></body></html>"
    assert load_bytes(page.encode("cp1252"), fmt="html").text == "Salaire : 5 000 €\nLieu : Liège"


def test_html_without_text():
    assert reason(load_bytes, b"<html><body><script>x()</script><nav>menu</nav></body></html>", fmt="html") \
        == "no text in the HTML page"


@pytest.mark.parametrize("unit", ["<span>x", "<b>", "<div><p>x", "<a href='https://x.eu/a'>https://x.eu/a…",
                                  "<dl><dt>a<dd>", "<ul><li>x", "<table><tr><td>x"])
def test_html_nested_thousands_deep_is_read_or_refused_in_time(unit):
    """Unclosed tags nest the tree as deep as the page is long: it was read recursively (RecursionError), and a
    <dl> in each <dd> took each deeper pair again at each level (exponential: 40 levels were hours)."""
    start = time.process_time()
    try:
        text = load_bytes((unit * 5000).encode(), fmt="html").text
    except ExtractError as error:
        assert str(error) == "no text in the HTML page"
    else:
        assert text.strip()
    assert time.process_time() - start < 10


def test_html_nested_definition_lists_are_read_once():
    page = b"<main><dl><dt>Grade</dt><dd>AD 5<dl><dt>Step</dt><dd>1</dd></dl></dd><dt>Place</dt><dd>Lisbon</dd></dl></main>"
    assert load_bytes(page, fmt="html").text == "Grade: AD 5 Step: 1\nPlace: Lisbon"
