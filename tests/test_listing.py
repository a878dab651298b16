"""Listing pages read into rows (store/watch/listing.py), on pages written in the structure of EU Careers'
(Views tables, ECL pagination); the watch settings (store/watch/config.py). Pure functions."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timezone

import pytest

from eujobs.store.errors import ListingError, StoreError
from eujobs.store.model import Posting
from eujobs.store.watch.config import DEFAULT_SOURCES, parse_config
from eujobs.store.watch.listing import ListingRow, parse_listing

from .web import listing_page

PAGE_URL = "https://jobs.example.org/en/open-competition-permanent-staff"
ROWS = [
    {"title": "Artificial intelligence (AI)", "link": "/en/apply-ict-competition-ad8", "grade": "AD 8",
     "location": "Brussels (Belgium), Luxembourg (Luxembourg), Strasbourg (France)",
     "deadline": "2026-10-13T10:00:00Z"},
    {"title": "Cybersecurity", "link": "/en/apply-ict-competition-ad8", "grade": "AD 8",
     "location": "Brussels (Belgium)", "deadline": "2026-10-13T10:00:00Z"},
]


def test_the_rows_of_an_open_competitions_table() -> None:
    page = parse_listing(listing_page(ROWS), PAGE_URL)
    first, second = page.rows
    assert first == ListingRow(
        title="Artificial intelligence (AI)", link="https://jobs.example.org/en/apply-ict-competition-ad8",
        grade="AD 8", locations=("Brussels (Belgium)", "Luxembourg (Luxembourg)", "Strasbourg (France)"),
        deadline=datetime(2026, 10, 13, 10, 0, tzinfo=timezone.utc))
    assert second.link == first.link and second.title == "Cybersecurity"  # two rows, one link: both kept
    assert page.next_page is None


def test_the_deadline_is_the_time_elements_utc_not_its_brussels_text() -> None:
    page = listing_page(ROWS[:1]).replace("13/10/2026 - 12:00", "14/10/2026 - 23:00")
    assert parse_listing(page, PAGE_URL).rows[0].deadline == datetime(2026, 10, 13, 10, tzinfo=timezone.utc)


def test_the_next_page_is_ecls_zero_based_link_resolved_against_the_page() -> None:
    page = parse_listing(listing_page(ROWS, page=0, pages=3), PAGE_URL)
    assert page.next_page == PAGE_URL + "?page=1"
    middle = parse_listing(listing_page(ROWS, page=1, pages=3), PAGE_URL + "?page=1")
    assert middle.next_page == PAGE_URL + "?page=2"
    assert parse_listing(listing_page(ROWS, page=2, pages=3), PAGE_URL + "?page=2").next_page is None


def test_the_non_permanent_listings_columns() -> None:
    rows = [{"title": "Project officer", "link": "https://other.example.org/vacancy/7", "reference": "ERCEA/CA/226",
             "institution": "European Research Council Executive Agency", "contract": "Contract staff",
             "grade": "FG IV", "deadline": "2026-01-20T22:59:00Z", "published": "2025-12-01T09:00:00Z"}]
    columns = ("title", "reference", "institution", "contract", "grade", "deadline", "published")
    row = parse_listing(listing_page(rows, columns=columns), PAGE_URL).rows[0]
    assert (row.link, row.reference, row.institution, row.contract, row.grade) == (
        "https://other.example.org/vacancy/7", "ERCEA/CA/226", "European Research Council Executive Agency",
        "Contract staff", "FG IV")
    assert row.published == datetime(2025, 12, 1, 9, tzinfo=timezone.utc)


def test_a_title_is_text_never_markup() -> None:
    rows = [{**ROWS[0], "title": "[bold]Officer[/bold] <script>x</script> \x1b]0;owned\x07"}]
    assert parse_listing(listing_page(rows), PAGE_URL).rows[0].title.startswith("[bold]Officer[/bold] <script>")


def test_no_results_is_an_empty_listing() -> None:
    page = listing_page([]).replace("<tbody></tbody>", "").replace(
        "</table>", '</table><div class="view-empty">No results found.</div>')
    assert parse_listing(page, PAGE_URL).rows == []


@pytest.mark.parametrize(("page", "missing"), [
    ("<html><body><h1>Maintenance</h1></body></html>", "no listing table: no job rows (tr.job-row)"),
    (listing_page([]), "no listing table"),
    (listing_page(ROWS).replace('views-field-field-epso-deadline"><time', 'views-field-field-epso-dl"><time', 1),
     "row 1 has no deadline cell"),
    (listing_page(ROWS).replace('<a href="/en/apply-ict-competition-ad8">Cybersecurity</a>', "Cybersecurity"),
     "row 2 has no job title with a link"),
    (listing_page(ROWS).replace('<time datetime="2026-10-13T10:00:00Z">', "<span>", 1), "row 1's date has no "
                                                                                           "machine-readable time"),
    (listing_page(ROWS).replace('datetime="2026-10-13T10:00:00Z"', 'datetime="soon"', 1), "row 1's date 'soon' is "
                                                                                          "no date"),
    (listing_page(ROWS).replace("views-field-title", "views-field-name"), "the table has no job title column"),
])
def test_a_page_that_is_not_the_expected_listing_says_what_is_missing(page, missing) -> None:
    with pytest.raises(ListingError) as caught:
        parse_listing(page, PAGE_URL)
    assert str(caught.value).startswith(f"{PAGE_URL}: not a listing eujobs can read: ")
    assert missing in str(caught.value) and "\n" not in str(caught.value)


def test_the_settings_add_sources_and_filter() -> None:
    config = parse_config('sources = ["https://jobs.example.org/en/list"]\npages = 3\npause_seconds = 0.5\n'
                          '[filter]\ngrades = ["AD 5", "ad6"]\nwords = ["data"]\n', "watch.toml")
    assert config.sources == (*DEFAULT_SOURCES, "https://jobs.example.org/en/list")
    assert (config.pages, config.pause) == (3, 0.5)
    row = ListingRow("Data scientist", "https://jobs.example.org/1", grade="AD6")
    assert config.filters.row_verdict(row) is True
    assert config.filters.row_verdict(ListingRow("Data scientist", "https://x.org/2", grade="AD 8")) is False
    assert config.filters.row_verdict(ListingRow("Data scientist", "https://x.org/3")) is None  # no grade: read on
    assert config.filters.keeps(Posting(title="Data scientist", grade="AD 5"))
    assert not config.filters.keeps(Posting(title="Economist", grade="AD 5"))
    assert parse_config("defaults = false\n", "watch.toml").sources == ()


@pytest.mark.parametrize(("text", "said"), [
    ("sources = 3", "sources is a list of texts"),
    ("pages = 0", "pages is a number from 1 to 1000"),
    ("colour = 'red'", "unknown setting 'colour'"),
    ("[filter]\ncolours = ['red']", "[filter] takes only domains, grades, contracts, institutions, words"),
    ("sources = ['file:///etc/passwd']", "the source file:///etc/passwd: only http and https"),
    ("pages = ", "not TOML"),
])
def test_settings_that_cannot_be_used_are_one_line_naming_the_file(text, said) -> None:
    with pytest.raises(StoreError) as caught:
        parse_config(text, "/home/u/.config/eujobs/watch.toml")
    assert str(caught.value).startswith("/home/u/.config/eujobs/watch.toml: ") and said in str(caught.value)


def test_commands_that_fetch_nothing_never_load_the_fetching_libraries(tmp_path) -> None:
    code = ("import sys\nfrom eujobs.tui.cli import main\n"
            f"main(['--store', {str(tmp_path / 's')!r}, 'list'])\n"
            f"main(['--store', {str(tmp_path / 's')!r}, 'import', {str(tmp_path / 'none.txt')!r}])\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('httpx', 'selectolax', 'httpcore')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stderr
