"""Links as the parser reads them: "label (target)" for an absolute target, the label alone for a site-relative
one, the target alone for a label that is (a shortened copy of) it. In markdown and in HTML alike."""

from __future__ import annotations

import signal
import time

import pytest

from eujobs.store.ingest.clean import clean_text
from eujobs.store.ingest.extract import load_bytes
from eujobs.store.ingest.links import link_text

LONG = "https://jobs.example.eu/temporary-jobs/apply-temporary-jobs/it-project-officer-dg-hr-393942_en"


@pytest.mark.parametrize("label, target, read", [
    ("EU Careers", "https://eu-careers.europa.eu", "EU Careers (https://eu-careers.europa.eu)"),
    ("the portal", "http://x.eu/apply?id=3", "the portal (http://x.eu/apply?id=3)"),
    ("EU institutions", "/en/eu-institutions", "EU institutions"),
    ("Contract staff", "/staff-categories#tab-Contract%20staff", "Contract staff"),
    ("samples", "node/13572", "samples"),
    ("top", "#top", "top"),
    ("click", "javascript:void(0)", "click"),
    ("https://x.eu/jobs", "https://x.eu/jobs", "https://x.eu/jobs"),
    ("x.eu/jobs", "https://www.x.eu/jobs/", "https://www.x.eu/jobs/"),
    (LONG[:60] + "…", LONG, LONG),
    (LONG[:60] + "...", LONG, LONG),
    ("https://x.eu/fgiv-%E2%80%…", "https://x.eu/fgiv-%E2%80%93-officer_en", "https://x.eu/fgiv-%E2%80%93-officer_en"),
    ("https://x.eu/fgiv-–-off…", "https://x.eu/fgiv-%E2%80%93-officer_en", "https://x.eu/fgiv-%E2%80%93-officer_en"),
    ("https://other.eu/a…", LONG, f"https://other.eu/a… ({LONG})"),  # not a copy of this one
    ("Read more…", "https://more.example.eu", "Read more… (https://more.example.eu)"),
    ("hr@ec.europa.eu", "mailto:hr@ec.europa.eu", "hr@ec.europa.eu"),
    ("hr@ec.europa.eu", "mailto:hr@ec.europa.eu?subject=Application", "hr@ec.europa.eu"),
    ("write to us", "mailto:hr@ec.europa.eu", "write to us (hr@ec.europa.eu)"),
    ("ELI: http://data.europa.eu/eli/reg/2025/1/oj", "https://data.europa.eu/eli/reg/2025/1/oj",
     "ELI: http://data.europa.eu/eli/reg/2025/1/oj"),
    ("", "https://x.eu", "https://x.eu"),
])
def test_link_text(label, target, read):
    assert link_text(label, target) == read


# ---------------------------------------------------------------- markdown

@pytest.mark.parametrize("raw, clean", [
    ("Institution/Agency\n\n[European Commission](/en/institutions/european-commission)",
     "Institution/Agency\n\nEuropean Commission"),
    ("Type of contract\n\n[Contract staff](/staff-categories#tab-Contract%20staff)", "Type of contract\n\nContract staff"),
    (f"Link to vacancy\n\n[{LONG[:70]}…]({LONG})", f"Link to vacancy\n\n{LONG}"),
    ("[Apply](https://apply.example.eu/portal \"(opens in a new window)\")", "Apply (https://apply.example.eu/portal)"),
    ("[Apply](https://apply.example.eu/portal 'Single portal')", "Apply (https://apply.example.eu/portal)"),
    ("Please [contact us](/contact/form_en)! We help.", "Please contact us! We help."),
    ("See [our FAQ](https://x.eu/faq) first.", "See our FAQ (https://x.eu/faq) first."),
])
def test_markdown_links(raw, clean):
    assert clean_text(raw, "markdown") == clean


# ---------------------------------------------------------------- HTML

def html(body: str) -> str:
    return load_bytes(f"<html><body>{body}</body></html>".encode(), fmt="html").text


def test_html_anchor_with_an_absolute_target_keeps_it():
    assert html('<main><p>See the <a href="https://x.eu/dsa" title="DSA">DSA page</a>.</p></main>') \
        == "See the DSA page (https://x.eu/dsa)."


def test_html_anchor_with_a_relative_target_is_its_label():
    assert html('<main><p><a href="/en/court-justice">Court of Justice</a> <a href="#top">Top</a></p></main>') \
        == "Court of Justice Top"


def test_html_link_to_vacancy_whose_label_is_cut_gives_the_full_address():
    page = (f'<main><div>Link to vacancy</div><div><a href="{LONG}" target="_blank">{LONG[:75]}…</a></div>'
            f'<dl><dt>Apply</dt><dd><a href="{LONG}">{LONG}</a></dd></dl></main>')
    assert html(page) == f"Link to vacancy\n{LONG}\n\nApply: {LONG}"


def test_html_mailto():
    page = ('<main><p>Write to <a href="mailto:CNECT-R3@ec.europa.eu">CNECT-R3@ec.europa.eu</a> or '
            '<a href="MAILTO:hr@ec.europa.eu?subject=Ref">the HR team</a>.</p></main>')
    assert html(page) == "Write to CNECT-R3@ec.europa.eu or the HR team (hr@ec.europa.eu)."


def test_html_links_in_the_page_frame_stay_dropped():
    page = ('<header><a href="https://eu-careers.europa.eu">EU Careers</a></header>'
            '<nav><a href="https://x.eu/jobs">Jobs</a></nav>'
            '<main><p>Posting text, <b><a href="https://x.eu/apply">apply</a></b></p>'
            '<a href="https://social.example.com/share"><svg></svg></a></main>'
            '<footer><a href="https://x.eu/legal">Legal notice</a></footer>')
    assert html(page) == "Posting text, apply (https://x.eu/apply)"


def test_html_link_around_a_block_gives_its_address_after_it():
    page = '<main><a href="https://x.eu/job/1"><h3>Policy officer</h3><p>Brussels</p></a></main>'
    assert html(page) == "Policy officer\n\nBrussels (https://x.eu/job/1)"


# ---------------------------------------------------------------- linear time

@pytest.fixture
def alarm():
    """Ends a test that hangs (quadratic time on 512 KB is minutes) instead of waiting for it."""
    def expire(*_):
        raise TimeoutError("over the linear budget")
    previous = signal.signal(signal.SIGALRM, expire)
    yield lambda seconds: signal.alarm(seconds)
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("unit, fmt", [
    ("[a](https://x.eu/a...) ", "markdown"),
    (f"[{LONG[:40]}…]({LONG}) ", "markdown"),
    ("[https://x.eu/a…", "markdown"),
    ("<a href='https://x.eu/a'>https://x.eu/a…", "html"),
    ("<a href='https://x.eu/a'><p>x</p>", "html"),
])
def test_links_take_linear_time(unit, fmt, alarm):
    prefix = "Vacancy notice for a post in an EU agency. " * 5
    times = []
    for size in (64_000, 512_000):
        data = (prefix + unit * (size // len(unit) + 1))[:size].encode()
        alarm(int(2 + 20 * size / 1_000_000))
        start = time.process_time()
        load_bytes(data, fmt=fmt)
        times.append(time.process_time() - start)
        alarm(0)
    assert times[1] < max(times[0], 0.01) * 8 * 4  # x8 input: far from x64
