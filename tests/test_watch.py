"""`eujobs watch` and `eujobs import URL`, through the installed command, against a server on 127.0.0.1 serving
listing and vacancy pages written in the real pages' structure (tests/web.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from .conftest import ROOT, store_bytes
from .web import WebServer, detail_page, listing_page

EUJOBS = Path(sys.executable).parent / "eujobs"
SCHEMA = json.loads((ROOT / "tests" / "spec" / "vacancy.schema.json").read_text(encoding="utf-8"))
NOW = "2026-09-20T08:00:00+00:00"
LISTING = "/en/open-competition-permanent-staff"
# Three pages of a listing; "Cybersecurity" and "Artificial intelligence (AI)" share one link (two fields of
# one competition), as on EU Careers.
PAGES = [
    [("Data scientist", "/en/job/data-scientist", "EPSO/AD/501/26 - 1"),
     ("Cloud engineer", "/en/job/cloud-engineer", "EPSO/AD/501/26 - 2"),
     ("Cybersecurity", "/en/apply-ict-competition-ad8", "EPSO/AD/430/26")],
    [("Artificial intelligence (AI)", "/en/apply-ict-competition-ad8", "EPSO/AD/430/26"),
     ("Economist", "/en/job/economist", "EPSO/AD/502/26"),
     ("Lawyer-linguist", "/en/job/lawyer-linguist", "EPSO/AD/503/26")],
    [("Translator", "/en/job/translator", "EPSO/AD/504/26")],
]
DEADLINE = "2026-10-13T10:00:00Z"


def serve_listing(web: WebServer, deadlines: dict[str, str] | None = None, version: str = "1") -> None:
    """The listing at LISTING (?page=1, ?page=2 after it) and each row's page, each with an ETag."""
    deadlines = deadlines or {}
    for number, rows in enumerate(PAGES):
        listed = [{"title": title, "link": link, "grade": "AD 8", "location": "Brussels (Belgium)",
                   "deadline": deadlines.get(title, DEADLINE)} for title, link, _ in rows]
        path = LISTING + (f"?page={number}" if number else "")
        web.page(path, listing_page(listed, page=number, pages=len(PAGES)), etag=f'"listing-{number}-{version}"')
        for title, link, reference in rows:
            if title == "Artificial intelligence (AI)":
                continue  # its page is Cybersecurity's
            deadline = deadlines.get(title, DEADLINE)
            web.page(link, detail_page(title, reference, deadline, grade="AD 8"), etag=f'"{link}-{deadline}"')


@pytest.fixture
def web():
    with WebServer() as server:
        yield server


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    """The command's environment: its own store, a fixed today, watch settings without pauses, no proxy."""
    config = tmp_path / "config" / "eujobs"
    config.mkdir(parents=True)
    (config / "watch.toml").write_text("defaults = false\npause_seconds = 0\ntimeout_seconds = 20\n")
    values = {key: value for key, value in os.environ.items() if "proxy" not in key.lower()}
    values.update(EUJOBS_STORE=str(tmp_path / "store"), EUJOBS_NOW=NOW, XDG_CONFIG_HOME=str(tmp_path / "config"),
                  XDG_DATA_HOME=str(tmp_path / "data"), NO_PROXY="*")
    return values


def eujobs(env: dict[str, str], *argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(EUJOBS), *argv], capture_output=True, text=True, env=env, timeout=600,
                          stdin=subprocess.DEVNULL)


def records(env: dict[str, str]) -> list[dict]:
    return json.loads(eujobs(env, "list", "--json").stdout)


def test_a_first_pass_imports_every_row_and_a_second_says_nothing_is_new(web, env) -> None:
    serve_listing(web)
    first = eujobs(env, "watch", web.url(LISTING))
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines()[-1] == "6 new, 0 changed, 0 unchanged"
    assert first.stderr == ""  # not a terminal: no progress
    kept = records(env)
    links = {web.url(link) for rows in PAGES for _, link, _ in rows}  # 7 rows, 6 pages
    assert {record["source"]["url"] for record in kept} == links and len(kept) == 6
    assert {record["source"]["first_seen"] for record in kept} == {"2026-09-20T08:00:00+00:00"}
    assert len(web.requests_for("/en/apply-ict-competition-ad8")) == 1  # two rows, one page, read once

    second = eujobs(env, "watch", web.url(LISTING))
    assert second.returncode == 0, second.stderr
    assert second.stdout.splitlines() == ["0 new, 0 changed, 6 unchanged"]
    # Conditional requests: each listing page asked with its ETag, answered 304; no vacancy page asked again.
    for number in range(len(PAGES)):
        asked = web.requests_for(LISTING + (f"?page={number}" if number else ""))
        assert len(asked) == 2 and asked[1].headers["if-none-match"] == f'"listing-{number}-1"'
    assert len(web.requests_for("/en/job/translator")) == 1


def test_a_moved_deadline_is_reported_and_updated_keeping_status_and_ticks(web, env) -> None:
    serve_listing(web)
    assert eujobs(env, "watch", web.url(LISTING)).returncode == 0
    scientist = next(record for record in records(env) if record["title"] == "Data scientist")
    item = scientist["checklist"][0]["id"]
    assert eujobs(env, "status", scientist["id"], "applied", "--note", "sent").returncode == 0
    assert eujobs(env, "tick", scientist["id"], item).returncode == 0

    serve_listing(web, {"Data scientist": "2026-10-20T10:00:00Z"}, version="2")
    moved = eujobs({**env, "EUJOBS_NOW": "2026-09-27T08:00:00+00:00"}, "watch", web.url(LISTING))  # a week on
    assert moved.returncode == 0, moved.stderr
    assert moved.stdout.splitlines()[-1] == "0 new, 1 changed (deadline 13/10 → 20/10), 5 unchanged"
    assert f"changed  {scientist['id']}" in moved.stdout
    now = json.loads(eujobs(env, "show", scientist["id"], "--json").stdout)
    assert now["deadline"] == "2026-10-20T12:00:00+02:00"
    assert now["status"] == "applied" and now["history"][-1]["note"] == "sent"
    assert next(entry for entry in now["checklist"] if entry["id"] == item)["done"] is True
    assert now["source"]["first_seen"] == NOW  # when it was first found, not when it changed
    assert now["source"]["imported_at"] == "2026-09-27T08:00:00+00:00"
    assert len(records(env)) == 6


def test_a_vacancy_the_user_deleted_stays_deleted_and_is_counted(web, env) -> None:
    """Matched by its link (this listing has no reference column), as a vacancy in the list would be."""
    serve_listing(web)
    assert eujobs(env, "watch", web.url(LISTING)).returncode == 0
    economist = next(record for record in records(env) if record["title"] == "Economist")
    assert eujobs(env, "rm", "--yes", economist["id"]).returncode == 0
    again = eujobs(env, "watch", web.url(LISTING))
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines() == ["0 new, 0 changed, 5 unchanged, 1 you deleted"]
    assert economist["id"] not in {record["id"] for record in records(env)}
    assert len(web.requests_for("/en/job/economist")) == 1  # its page is not read again either


def test_a_deleted_vacancy_is_known_by_its_reference_though_its_link_moved(web, tmp_path) -> None:
    from eujobs.store.persistence.db import Store
    from eujobs.store.watch.config import WatchConfig
    from eujobs.store.watch.watching import watch_pass

    from .conftest import fixed_clock

    def serve(link: str) -> None:
        row = {"title": "Economist", "link": link, "reference": "EPSO/AD/502/26", "grade": "AD 5",
               "location": "Brussels (Belgium)", "deadline": DEADLINE}
        web.page("/en/list", listing_page([row], columns=("title", "reference", "grade", "location", "deadline")))
        web.page(link, detail_page("Economist", "EPSO/AD/502/26", DEADLINE, grade="AD 5"))

    store = Store.open(tmp_path / "store", fixed_clock)
    serve("/en/job/economist")
    assert len(watch_pass(store, [web.url("/en/list")], quick_fetcher(tmp_path), WatchConfig(sources=())).new) == 1
    [vacancy] = store.vacancies()
    store.remove(vacancy.id)
    serve("/en/job/economist-2026")
    report = watch_pass(store, [web.url("/en/list")], quick_fetcher(tmp_path), WatchConfig(sources=()))
    assert (report.summary(), store.vacancies()) == ("0 new, 0 changed, 0 unchanged, 1 you deleted", [])


def quick_fetcher(tmp_path: Path):
    """A fetcher of the store in tmp_path that does not pause between requests."""
    from eujobs.store.fetch.cache import PageCache
    from eujobs.store.fetch.client import Fetcher, user_agent
    from eujobs.store.fetch.politeness import HostPacer

    return Fetcher(PageCache(tmp_path / "store" / "cache"), HostPacer(lambda: 0.0, lambda _: None, 0), user_agent())


def test_a_listing_with_its_table_removed_stops_with_a_line_naming_it(web, env) -> None:
    serve_listing(web)
    assert eujobs(env, "watch", web.url(LISTING)).returncode == 0
    before = store_bytes(Path(env["EUJOBS_STORE"]))
    page = listing_page([], pages=1).replace("<table", "<div").replace("</table>", "</div>")
    broken = web.page("/en/broken", page.replace("<tbody></tbody>", ""))
    result = eujobs(env, "watch", broken)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"eujobs: {broken}: not a listing eujobs can read: no listing table: no "
                                          "job rows (tr.job-row) and no \"no results\" message"]
    assert "0 new" in result.stdout  # what the pass did, after the line that says what it could not
    assert store_bytes(Path(env["EUJOBS_STORE"])) == before


def test_a_row_missing_a_column_its_table_announces_is_said(web, env) -> None:
    rows = [{"title": "Economist", "link": "/en/job/economist", "grade": "AD 5", "location": "Brussels (Belgium)",
             "deadline": DEADLINE}] * 2
    page = listing_page(rows)
    cut = page.rindex('<td class="views-field views-field-field-epso-deadline">')
    page = page[:cut] + page[page.index("</td>", cut) + len("</td>"):]  # the second row loses its deadline
    result = eujobs(env, "watch", web.page("/en/listing", page))
    assert result.returncode == 1
    assert "not a listing eujobs can read: row 2 has no deadline cell" in result.stderr


def test_an_empty_listing_is_no_error(web, env) -> None:
    empty = listing_page([]).replace("<tbody></tbody>", "").replace(
        "</table>", '</table><div class="view-empty"><p>No results found.</p></div>')
    result = eujobs(env, "watch", web.page("/en/none", empty))
    assert result.returncode == 0 and result.stdout.splitlines() == ["0 new, 0 changed, 0 unchanged"]


def test_quiet_prints_nothing_when_nothing_changed_and_the_sources_come_from_the_settings(web, env) -> None:
    serve_listing(web)
    settings = Path(env["XDG_CONFIG_HOME"]) / "eujobs" / "watch.toml"
    settings.write_text(f'defaults = false\npause_seconds = 0\nsources = ["{web.url(LISTING)}"]\n')
    assert eujobs(env, "watch", "--quiet").stdout.splitlines()[-1] == "6 new, 0 changed, 0 unchanged"
    again = eujobs(env, "watch", "--quiet")
    assert (again.returncode, again.stdout, again.stderr) == (0, "", "")


def test_a_vacancy_page_that_fails_is_a_line_and_the_pass_goes_on(web, env) -> None:
    serve_listing(web)
    del web.replies["/en/job/economist"]
    result = eujobs(env, "watch", web.url(LISTING))
    assert result.returncode == 0
    assert result.stderr.splitlines() == [f"eujobs: {web.url('/en/job/economist')}: not found (HTTP 404)"]
    assert result.stdout.splitlines()[-1] == "5 new, 0 changed, 0 unchanged"


def test_settings_that_cannot_be_read_are_one_line(env) -> None:
    settings = Path(env["XDG_CONFIG_HOME"]) / "eujobs" / "watch.toml"
    settings.write_text("sources = [\"ftp://example.org/jobs\"]\n")
    result = eujobs(env, "watch")
    assert result.returncode == 1 and len(result.stderr.splitlines()) == 1
    assert "watch.toml: the source ftp://example.org/jobs: only http and https" in result.stderr


def test_import_of_an_address_gives_the_record_of_the_saved_page(web, env, tmp_path) -> None:
    page = detail_page("Policy officer", "EPSO/AD/505/26", DEADLINE, apply_link="https://apply.example.org/505")
    url = web.page("/en/job/policy-officer", page)
    saved = tmp_path / "policy-officer.html"
    saved.write_text(page, encoding="utf-8")
    fetched = eujobs(env, "import", url)
    assert fetched.returncode == 0, fetched.stderr
    assert fetched.stdout.splitlines()[0].split()[0] == "imported" and url in fetched.stdout
    from_file = {**env, "EUJOBS_STORE": str(tmp_path / "other")}
    assert eujobs(from_file, "import", str(saved)).returncode == 0
    by_url, by_file = records(env)[0], records(from_file)[0]
    assert by_url["source"].pop("url") == url and by_file["source"].pop("url") is None
    assert by_url["source"].pop("path") is None and by_file["source"].pop("path") == str(saved)
    assert by_url == by_file
    shown = eujobs(env, "show", by_url["id"]).stdout
    assert f"Source:      {url}" in shown
    jsonschema.validate(json.loads(eujobs(env, "show", by_url["id"], "--json").stdout), SCHEMA)


def test_an_address_is_the_apply_link_where_the_page_names_none(web, env) -> None:
    url = web.page("/en/job/assistant", detail_page("Assistant", "EPSO/AST/140/26", DEADLINE, grade="AST 3"))
    assert eujobs(env, "import", url).returncode == 0
    assert records(env)[0]["apply"]["url"] == url


def test_import_of_addresses_that_fail_is_a_line_each_and_changes_nothing(web, env) -> None:
    assert eujobs(env, "import", web.page("/seed", detail_page("Seed", "EPSO/AD/1/26", DEADLINE))).returncode == 0
    before = store_bytes(Path(env["EUJOBS_STORE"]))
    web.page("/loop", b"", status=302, headers={"Location": "/loop2"})
    web.page("/loop2", b"", status=302, headers={"Location": "/loop"})
    web.page("/image", b"\x89PNG\r\n\x1a\n", content_type="image/png")
    addresses = [web.url("/gone"), web.url("/loop"), web.url("/image"), "ftp://example.org/post.html"]
    result = eujobs(env, "import", *addresses)
    assert result.returncode == 1
    assert result.stdout.splitlines()[:4] == [
        f"failed     {web.url('/gone')}: not found (HTTP 404)",
        f"failed     {web.url('/loop')}: redirect loop (the server sends it back to an address it came from)",
        f"failed     {web.url('/image')}: not an HTML page or a PDF (the server says image/png)",
        "failed     ftp://example.org/post.html: only http and https addresses can be fetched, not ftp",
    ]
    assert store_bytes(Path(env["EUJOBS_STORE"])) == before


def test_a_posting_without_a_reference_whose_deadline_moved_stays_one_vacancy(web, tmp_path) -> None:
    """Without a reference, a posting's identity includes its deadline: the watch says which vacancy the new
    version is, so it updates that one rather than adding a second."""
    from eujobs.store.fetch.cache import PageCache
    from eujobs.store.fetch.client import Fetcher, user_agent
    from eujobs.store.fetch.politeness import HostPacer
    from eujobs.store.persistence.db import Store
    from eujobs.store.watch.config import WatchConfig
    from eujobs.store.watch.watching import watch_pass

    from .conftest import fixed_clock

    def serve(deadline: str) -> None:
        row = {"title": "Trainee", "link": "/en/job/trainee", "grade": "AD 5", "location": "Brussels (Belgium)",
               "deadline": deadline}
        web.page("/en/list", listing_page([row]))
        web.page("/en/job/trainee", detail_page("Trainee", None, deadline, grade="AD 5"))

    store = Store.open(tmp_path / "store", fixed_clock)
    fetcher = Fetcher(PageCache(tmp_path / "store" / "cache"), HostPacer(lambda: 0.0, lambda _: None, 0),
                      user_agent())
    config = WatchConfig(sources=())
    serve(DEADLINE)
    assert len(watch_pass(store, [web.url("/en/list")], fetcher, config).new) == 1
    [vacancy] = store.vacancies()
    store.set_status(vacancy.id, "interested")
    serve("2026-10-20T10:00:00Z")
    report = watch_pass(store, [web.url("/en/list")], fetcher, config)
    assert report.summary() == "0 new, 1 changed (deadline 13/10 → 20/10), 0 unchanged"
    [after] = store.vacancies()
    assert (after.id, after.status, after.posting.deadline.isoformat()) == (
        vacancy.id, "interested", "2026-10-20T12:00:00+02:00")


def test_a_later_page_that_fails_breaks_the_listing_but_its_earlier_rows_count(web, env) -> None:
    serve_listing(web)
    del web.replies[LISTING + "?page=2"]
    result = eujobs(env, "watch", web.url(LISTING))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"eujobs: {web.url(LISTING)}?page=2: not found (HTTP 404)"]
    assert result.stdout.splitlines()[-1] == "5 new, 0 changed, 0 unchanged"


def test_import_of_a_pdfs_address_reads_it_as_the_saved_pdf(web, env, tmp_path) -> None:
    from .conftest import POSTINGS

    pdf = POSTINGS / "ec-digit-b1-ict-security-officer.pdf"
    url = web.page("/files/notice.pdf", pdf.read_bytes(), content_type="application/pdf")
    assert eujobs(env, "import", url).returncode == 0
    from_file = {**env, "EUJOBS_STORE": str(tmp_path / "other")}
    assert eujobs(from_file, "import", str(pdf)).returncode == 0
    by_url, by_file = records(env)[0], records(from_file)[0]
    assert by_url["source"]["format"] == "pdf" and by_url["source"]["sha256"] == by_file["source"]["sha256"]
    for record in (by_url, by_file):
        del record["source"]
        record["apply"].pop("url")  # the PDF names no link to apply at: the address stands for it
    assert by_url == by_file


def test_a_listing_longer_than_the_page_cap_is_read_to_the_cap_and_said(web, env) -> None:
    serve_listing(web)
    (Path(env["XDG_CONFIG_HOME"]) / "eujobs" / "watch.toml").write_text("defaults = false\npause_seconds = 0\n"
                                                                         "pages = 2\n")
    result = eujobs(env, "watch", web.url(LISTING))
    assert result.returncode == 0
    assert result.stderr.splitlines() == [f"eujobs: {web.url(LISTING)}: read only its first 2 pages (pages in "
                                          "watch.toml allows more)"]
    assert result.stdout.splitlines()[-1] == "5 new, 0 changed, 0 unchanged"
    assert not web.requests_for(LISTING + "?page=2")


def test_the_dashboards_front_holds_a_vacancy_found_on_the_web(web, env) -> None:
    """The first screen is drawn from the front the command saved: a source with an address and a first-seen
    time must not make it unreadable (the dashboard would read the whole catalog on every start)."""
    from datetime import datetime

    from eujobs.store.persistence.db import Store

    serve_listing(web)
    assert eujobs(env, "watch", web.url(LISTING)).returncode == 0
    front = Store.open(Path(env["EUJOBS_STORE"]), lambda: datetime.fromisoformat(NOW)).front()
    assert front is not None and {vacancy.source.first_seen for vacancy in front.vacancies} == {NOW}


@pytest.mark.parametrize("quiet", [False, True])
def test_progress_is_shown_on_a_terminal_and_cleared_unless_quiet(web, env, quiet) -> None:
    from .terminal import Terminal

    serve_listing(web)
    terminal = Terminal("watch", web.url(LISTING), *(["--quiet"] if quiet else []), env=env, columns=100)
    try:
        assert terminal.wait_exit(timeout=300) == 0
    finally:
        terminal.close()
    shown = bytes(terminal.output)
    assert (f"reading {web.url(LISTING)}, page 2".encode() in shown) is not quiet
    assert "reading" not in terminal.text()  # the status line is gone once the pass is done
    assert "6 new, 0 changed, 0 unchanged" in terminal.text()
