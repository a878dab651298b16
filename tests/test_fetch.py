"""Fetching a page: addresses checked, a time limit, a size cap kept while the bytes arrive, a limit on
redirects, HTML and PDF only, an honest User-Agent, one request at a time per host with a pause, conditional
requests against the store's cache. Against a server on 127.0.0.1 that the test starts."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from eujobs.store.errors import FetchError, StoreError
from eujobs.store.fetch.cache import PageCache
from eujobs.store.fetch.client import Fetcher, user_agent
from eujobs.store.fetch.politeness import HostPacer
from eujobs.store.fetch.urls import checked_url, looks_like_url

from .web import WebServer, detail_page

PAGE = detail_page("Policy officer", "EPSO/AD/500/26 - 1", "2026-10-13T10:00:00Z")


class FakeTime:
    """A clock that moves only when slept on: the pauses are counted, never waited."""

    def __init__(self) -> None:
        self.now, self.slept = 1000.0, []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


@pytest.fixture
def web():
    with WebServer() as server:
        yield server


def fetcher(tmp_path: Path, time: FakeTime | None = None, **options) -> Fetcher:
    time = time or FakeTime()
    pause = options.pop("pause", 2.0)
    return Fetcher(PageCache(tmp_path / "cache"), HostPacer(time.monotonic, time.sleep, pause), user_agent(),
                   **options)


def failure(fetch: Fetcher, url: str) -> str:
    with pytest.raises(FetchError) as caught:
        fetch.fetch(url)
    assert isinstance(caught.value, StoreError) and "\n" not in str(caught.value)
    assert str(caught.value).startswith(url + ": ")
    return caught.value.reason


def test_a_page_is_fetched_with_an_honest_user_agent(web, tmp_path) -> None:
    url = web.page("/en/job/1", PAGE)
    page = fetcher(tmp_path).fetch(url)
    assert page.format == "html" and page.data == PAGE.encode() and page.final_url == url
    agent = web.requests_for("/en/job/1")[0].headers["user-agent"]
    assert agent.startswith("eujobs/") and "personal job tracker" in agent


@pytest.mark.parametrize(("address", "reason"), [
    ("ftp://example.org/x", "only http and https"),
    ("file:///etc/passwd", "only http and https"),
    ("http:///no-host", "names no host"),
    ("http://127.0.0.1:99999/x", "not a valid address"),
    ("http://[::1/x", "not a valid address"),
    ("http://a..b/x", "host is no valid name"),
    ("http://" + "a" * 300 + ".example/", "host is no valid name"),
])
def test_an_address_that_cannot_be_fetched_is_one_line(address, reason, tmp_path) -> None:
    assert reason in failure(fetcher(tmp_path), address)


def test_what_looks_like_an_address() -> None:
    assert looks_like_url("https://eu-careers.europa.eu/en") and looks_like_url("FTP://x")
    assert not looks_like_url("postings/call.html") and not looks_like_url("-") and not looks_like_url("C:\\x")
    assert checked_url("  http://127.0.0.1/x ") == "http://127.0.0.1/x"


def test_a_404_a_server_error_and_a_refused_connection_are_said(web, tmp_path) -> None:
    fetch = fetcher(tmp_path)
    assert failure(fetch, web.url("/missing")) == "not found (HTTP 404)"
    web.page("/broken", "<html><body>oops</body></html>", status=503)
    assert failure(fetch, web.url("/broken")) == "server error (HTTP 503)"
    with socket.socket() as closed:  # a port just given up: nothing listens on it
        closed.bind(("127.0.0.1", 0))
        address = f"http://127.0.0.1:{closed.getsockname()[1]}/x"
    assert failure(fetch, address) == "connection refused"


def test_a_slow_server_is_given_up_on(web, tmp_path) -> None:
    url = web.page("/slow", PAGE, delay=60)
    assert failure(fetcher(tmp_path, timeout=0.5), url) == "no answer in time (limit 0.5 s)"


def test_a_huge_page_is_refused_while_it_streams(web, tmp_path) -> None:
    """No length announced, a body without end: the fetcher stops once it has read past the limit."""
    url = web.page("/huge", b"", endless=True)
    limits = {"html": 1 << 20, "pdf": 2 << 20, "text": 1, "markdown": 1}
    assert failure(fetcher(tmp_path, size_limits=limits), url) == "too large (more than 1 MB)"  # an HTML page
    declared = web.page("/declared", b"x" * (3 << 20))
    assert failure(fetcher(tmp_path, size_limits=limits), declared) == "too large (more than 1 MB)"


def test_redirects_are_followed_to_a_limit_and_a_loop_is_said(web, tmp_path) -> None:
    web.page("/old", b"", status=301, headers={"Location": "/new"})
    target = web.page("/new", PAGE)
    assert fetcher(tmp_path).fetch(web.url("/old")).final_url == target
    web.page("/a", b"", status=302, headers={"Location": "/b"})
    web.page("/b", b"", status=302, headers={"Location": web.url("/a")})
    assert failure(fetcher(tmp_path), web.url("/a")).startswith("redirect loop")
    for number in range(10):
        web.page(f"/hop{number}", b"", status=307, headers={"Location": f"/hop{number + 1}"})
    assert failure(fetcher(tmp_path, max_redirects=3), web.url("/hop0")) == "too many redirects (more than 3)"
    web.page("/away", b"", status=302, headers={"Location": "file:///etc/passwd"})
    assert failure(fetcher(tmp_path), web.url("/away")).startswith("redirected to an address that cannot be fetched")


@pytest.mark.parametrize(("content_type", "body", "reason"), [
    ("image/png", b"\x89PNG\r\n\x1a\n", "not an HTML page or a PDF (the server says image/png)"),
    ("application/json", b'{"jobs": []}', "not an HTML page or a PDF (the server says application/json)"),
    ("application/pdf", b"<html><body>a page</body></html>", "not a PDF, though the server says it is"),
    (None, b"just some words", "not an HTML page or a PDF"),
])
def test_only_an_html_page_or_a_pdf_is_taken(web, tmp_path, content_type, body, reason) -> None:
    url = web.page("/thing", body, content_type=content_type)
    assert failure(fetcher(tmp_path), url) == reason


def test_the_bytes_tell_what_an_unlabelled_page_is(web, tmp_path) -> None:
    fetch = fetcher(tmp_path)
    assert fetch.fetch(web.page("/a", PAGE, content_type="application/octet-stream")).format == "html"
    assert fetch.fetch(web.page("/b", b"%PDF-1.7\n...", content_type="text/html")).format == "pdf"


def test_one_host_is_asked_one_request_at_a_time_with_a_pause(web, tmp_path) -> None:
    time = FakeTime()
    fetch = fetcher(tmp_path, time, pause=2.0)
    for number in range(3):
        fetch.fetch(web.page(f"/p{number}", PAGE))
    assert time.slept == [2.0, 2.0]  # none before the first request; the clock did not move between them


def test_a_page_is_asked_again_with_its_etag_and_a_304_serves_the_cached_copy(web, tmp_path) -> None:
    url = web.page("/listing", PAGE, etag='"v1"')
    first = fetcher(tmp_path).fetch(url)
    second = fetcher(tmp_path).fetch(url)  # another run: the cache is in the store's folder
    asked = web.requests_for("/listing")
    assert "if-none-match" not in asked[0].headers and asked[1].headers["if-none-match"] == '"v1"'
    assert second.from_cache and second.data == first.data and not first.from_cache


def test_a_page_is_asked_again_with_its_date_when_it_has_no_etag(web, tmp_path) -> None:
    stamp = "Wed, 16 Sep 2026 08:00:00 GMT"
    url = web.page("/dated", PAGE, headers={"Last-Modified": stamp})
    fetcher(tmp_path).fetch(url)
    fetcher(tmp_path).fetch(url)
    assert web.requests_for("/dated")[1].headers["if-modified-since"] == stamp


def test_a_failed_fetch_keeps_nothing(web, tmp_path) -> None:
    limits = {"html": 1 << 20, "pdf": 1 << 20, "text": 1, "markdown": 1}
    failure(fetcher(tmp_path, size_limits=limits), web.page("/huge", b"", endless=True, etag='"x"'))
    assert not (tmp_path / "cache").exists() or not any((tmp_path / "cache").iterdir())
