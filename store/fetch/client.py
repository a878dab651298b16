"""Fetching one page: http or https only, a time limit, a size cap kept while the bytes arrive, a limit on
redirects, an HTML page or a PDF only, and an honest User-Agent. Every failure is one FetchError naming the
address and the reason; nothing is kept of a page that failed.

httpx (imported when a Fetcher is made, never by a command that fetches nothing) rather than urllib: separate
connect and read time limits, streaming, and one connection kept open to a host for a watch pass's requests.
Redirects are followed here, one by one, so that each is checked (scheme, loop) and paced like any request.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from eujobs.store.errors import FetchError
from eujobs.store.fetch.cache import CACHE_FOLDER, CachedPage, PageCache
from eujobs.store.fetch.politeness import PAUSE_S, HostPacer
from eujobs.store.fetch.urls import checked_url, host_of, resolved
from eujobs.store.ingest.extract import MB, SIZE_LIMITS, sniff_format

TIMEOUT_S = 30.0  # for the whole of one request: connecting, waiting and reading every byte
MAX_REDIRECTS = 5
REDIRECTS = (301, 302, 303, 307, 308)
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_PDF_TYPES = ("application/pdf", "application/x-pdf")
# What servers send when they do not say: the bytes tell then.
_UNSAID_TYPES = ("", "application/octet-stream", "binary/octet-stream", "application/download")
_REASONS = {404: "not found", 410: "gone", 401: "needs a login", 403: "forbidden", 429: "too many requests"}


@dataclass(frozen=True)
class Page:
    url: str  # as asked for
    final_url: str  # after redirects: what relative links are resolved against
    data: bytes
    format: str  # html | pdf
    from_cache: bool = False  # the server said it had not changed (304)


class Fetcher:
    def __init__(self, cache: PageCache | None, pacer: HostPacer, user_agent: str, *,
                 timeout: float = TIMEOUT_S, max_redirects: int = MAX_REDIRECTS,
                 size_limits: dict[str, int] | None = None, monotonic: Callable[[], float] = time.monotonic) -> None:
        import httpx

        self._httpx = httpx
        self.cache, self.pacer, self.timeout, self.max_redirects = cache, pacer, timeout, max_redirects
        self.size_limits = size_limits or SIZE_LIMITS
        self.monotonic = monotonic
        # No proxy from the environment for 127.0.0.1 and the like (httpx's own rule); cookies are never kept.
        self._client = httpx.Client(headers={"User-Agent": user_agent, "Accept": "text/html, application/pdf"},
                                    timeout=httpx.Timeout(timeout), follow_redirects=False)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_) -> None:
        self.close()

    def fetch(self, url: str) -> Page:
        """The page at `url`; FetchError naming `url` and the reason when it cannot be had."""
        current, seen = checked_url(url), set()
        for _ in range(self.max_redirects + 1):
            seen.add(current)
            outcome = self._request(url, current)
            if isinstance(outcome, Page):
                return outcome
            target = checked_or_none(resolved(outcome, current))
            if target is None:
                raise FetchError(url, f"redirected to an address that cannot be fetched ({outcome[:200]})")
            if target in seen:
                raise FetchError(url, "redirect loop (the server sends it back to an address it came from)")
            current = target
        raise FetchError(url, f"too many redirects (more than {self.max_redirects})")

    def _request(self, asked: str, url: str) -> Page | str:
        """The page, or where a redirect points."""
        httpx = self._httpx
        cached = self.cache.get(url) if self.cache else None
        with self.pacer.turn(host_of(url)):
            started = self.monotonic()  # after the pause: waiting for its turn is not the server's time
            try:
                with self._client.stream("GET", url, headers=cached.validators() if cached else {}) as response:
                    if response.status_code in REDIRECTS and response.headers.get("location"):
                        return response.headers["location"]
                    if response.status_code == 304 and cached:
                        return Page(asked, url, cached.data, page_format(asked, cached.content_type, cached.data),
                                    from_cache=True)
                    if response.status_code != 200:
                        raise FetchError(asked, status_reason(response.status_code))
                    content_type = response.headers.get("content-type", "")
                    data = self._read_capped(asked, response, declared_format(asked, content_type), started)
                    headers = response.headers
            except httpx.TimeoutException:
                raise FetchError(asked, f"no answer in time (limit {self.timeout:g} s)") from None
            except httpx.HTTPError as error:
                raise FetchError(asked, connection_reason(error)) from None
            except (httpx.InvalidURL, UnicodeError) as error:
                raise FetchError(asked, f"not a valid address ({_short(str(error))})") from None
        page = Page(asked, url, data, page_format(asked, content_type, data))
        if self.cache:
            self.cache.put(url, CachedPage(headers.get("etag"), headers.get("last-modified"), content_type, data))
        return page

    def _read_capped(self, asked: str, response, declared: str | None, started: float) -> bytes:
        """The body, refused once it passes the size limit (however long it claims to be) or the time limit."""
        limit = self.size_limits["pdf" if declared in (None, "pdf") else "html"]
        too_large = f"too large (more than {limit / MB:g} MB)"
        length = response.headers.get("content-length", "")
        if length.isdigit() and int(length) > limit:
            raise FetchError(asked, too_large)
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchError(asked, too_large)
            if self.monotonic() - started > self.timeout:
                raise FetchError(asked, f"no answer in time (limit {self.timeout:g} s)")
            chunks.append(chunk)
        return b"".join(chunks)


def checked_or_none(url: str) -> str | None:
    try:
        return checked_url(url)
    except FetchError:
        return None


def declared_format(url: str, content_type: str) -> str | None:
    """What the server says the page is: html, pdf or None (it does not say); FetchError for anything else."""
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind in _HTML_TYPES:
        return "html"
    if kind in _PDF_TYPES:
        return "pdf"
    if kind in _UNSAID_TYPES:
        return None
    raise FetchError(url, f"not an HTML page or a PDF (the server says {kind[:80]})")


def page_format(url: str, content_type: str, data: bytes) -> str:
    """html or pdf, by what the server says and what the bytes are: a PDF's bytes make a PDF whatever the
    server says; bytes that are no page are refused."""
    declared = declared_format(url, content_type)
    sniffed = sniff_format(data)
    if sniffed == "pdf":
        return "pdf"
    if declared == "pdf":
        raise FetchError(url, "not a PDF, though the server says it is")
    if declared == "html" or sniffed == "html":
        return "html"
    raise FetchError(url, "not an HTML page or a PDF")


def status_reason(status: int) -> str:
    said = _REASONS.get(status) or ("server error" if status >= 500 else "refused")
    return f"{said} (HTTP {status})"


def connection_reason(error: Exception) -> str:
    """Why a connection failed, in words: the host unknown, refused, reset..."""
    text = str(error) or type(error).__name__
    lowered = text.lower()
    if "name or service not known" in lowered or "nodename nor servname" in lowered or "getaddrinfo" in lowered \
            or "name resolution" in lowered:
        return "no such host (DNS)"
    if "connection refused" in lowered:
        return "connection refused"
    if "certificate" in lowered or "ssl" in lowered:
        return f"secure connection failed ({_short(text)})"
    return f"cannot connect ({_short(text)})"


def _short(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"^\[Errno -?\d+\]\s*", "", text))[:160]


def user_agent() -> str:
    """eujobs/<version> (personal job tracker): who is asking, honestly, so that a site can tell and say no."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"eujobs/{version('eujobs')} (personal job tracker)"
    except PackageNotFoundError:
        return "eujobs (personal job tracker)"


def open_fetcher(store_root: Path, *, pause: float = PAUSE_S, timeout: float = TIMEOUT_S) -> Fetcher:
    """A fetcher for a command: the real clock, the store's cache."""
    return Fetcher(PageCache(store_root / CACHE_FOLDER), HostPacer(time.monotonic, time.sleep, pause), user_agent(),
                   timeout=timeout)
