"""A web server on 127.0.0.1 for the tests of fetching and watching, serving pages the tests write in the real
pages' structure (EU Careers' Views tables and ECL pagination: tests/spec/listings.md).

It runs in a thread for one test, answers at most MAX_REQUESTS requests (a runaway loop ends, it does not
spin), and records each request's path and headers, so a test can see what the client sent."""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from html import escape

MAX_REQUESTS = 500
HTML = "text/html; charset=utf-8"


@dataclass
class Reply:
    body: bytes = b""
    status: int = 200
    content_type: str | None = HTML
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None  # answers a request carrying it in If-None-Match with 304
    delay: float = 0.0  # seconds before answering (ends early when the server stops)
    endless: bool = False  # the body repeats without end and without a length: a huge page
    held: threading.Event | None = None  # answered only once the test sets it (or the server stops)


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


class WebServer:
    def __init__(self) -> None:
        self.replies: dict[str, Reply] = {}
        self.seen: list[Seen] = []
        self.stopping = threading.Event()
        self.answering: list[tuple[threading.Thread, socket.socket]] = []  # each connection and its thread
        self._server = _QuietServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def page(self, path: str, body: str | bytes, **reply) -> str:
        self.replies[path] = Reply(body.encode("utf-8") if isinstance(body, str) else body, **reply)
        return self.url(path)

    def requests_for(self, path: str) -> list[Seen]:
        return [seen for seen in self.seen if seen.path == path]

    def __enter__(self) -> WebServer:
        self._thread.start()
        return self

    def __exit__(self, *_) -> None:
        # Every thread ends before the next test: a connection kept alive would leave its thread waiting, and
        # a test that forks worker processes must be the only thread of its process.
        self.stopping.set()
        self._server.shutdown()
        for _, connection in self.answering:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # already closed
        for thread, _ in self.answering:
            thread.join(timeout=10)
        self._server.server_close()
        self._thread.join(timeout=10)


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # a client that hangs up (a refused huge page, a timeout) is what the tests do on purpose


def _handler(web: WebServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            super().setup()
            web.answering.append((threading.current_thread(), self.connection))

        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            web.seen.append(Seen(self.path, {key.lower(): value for key, value in self.headers.items()}))
            reply = web.replies.get(self.path)
            if len(web.seen) > MAX_REQUESTS or reply is None:
                return self._send(Reply(b"<html><body>not here</body></html>", status=404))
            if reply.delay and web.stopping.wait(reply.delay):
                return None
            while reply.held is not None and not reply.held.wait(0.05):
                if web.stopping.is_set():
                    return None
            if reply.etag and self.headers.get("If-None-Match") == reply.etag:
                return self._send(Reply(status=304, content_type=None, headers={"ETag": reply.etag}))
            return self._send(reply)

        def _send(self, reply: Reply) -> None:
            self.send_response(reply.status)
            headers = dict(reply.headers)
            if reply.content_type:
                headers["Content-Type"] = reply.content_type
            if reply.etag:
                headers["ETag"] = reply.etag
            if reply.endless:
                headers["Connection"] = "close"
            else:
                headers["Content-Length"] = str(len(reply.body))
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            try:
                if not reply.endless:
                    self.wfile.write(reply.body)
                    return
                chunk, sent = b"<p>" + b"x" * 65530 + b"</p>", 0
                while sent < 200 * 1024 * 1024 and not web.stopping.is_set():  # bounded: 200 MB at most
                    self.wfile.write(chunk)
                    sent += len(chunk)
                self.close_connection = True
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

        def log_message(self, *_) -> None:
            pass

    return Handler


# Pages in the real structure

def listing_page(rows: list[dict], *, page: int = 0, pages: int = 1, columns: tuple[str, ...] | None = None) -> str:
    """A Views listing as EU Careers serves it: each row a dict of title, link and the other columns' values
    (grade, location, deadline as "2026-10-13T10:00:00Z", reference, institution, contract, published)."""
    columns = columns or ("title", "grade", "location", "deadline")
    header = "".join(_HEADERS[name] for name in columns)
    body = "".join(_row(row, columns) for row in rows)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Open competitions | EU Careers</title>'
        '</head><body><main id="main-content">'
        '<div class="views-element-container" id="block-views-block-epso-job-opportunities-main-search-block-1">'
        '<div><div class="job-opportunities-main">'
        f'<table class="cols-{len(columns)} responsive-enabled"><thead><tr>{header}</tr></thead>'
        f'<tbody>{body}</tbody></table>{_pagination(page, pages)}</div></div></div></main></body></html>'
    )


_HEADERS = {
    "title": '<th id="view-title-table-column" class="views-field views-field-title" scope="col">Job title</th>',
    "grade": '<th class="priority-low views-field views-field-field-epso-grade" '
             'id="view-field-epso-grade-table-column" scope="col">Grade</th>',
    "location": '<th class="priority-low views-field views-field-field-epso-location" '
                'id="view-field-epso-location-table-column" scope="col">Location(s)</th>',
    "deadline": '<th id="view-field-epso-deadline-table-column" class="views-field views-field-field-epso-deadline" '
                'scope="col">Deadline </th>',
    "reference": '<th id="view-field-epso-reference-number-table-column" '
                 'class="views-field views-field-field-epso-reference-number" scope="col">Reference number</th>',
    "institution": '<th class="views-field views-field-field-epso-institution" scope="col">Institution</th>',
    "contract": '<th class="views-field views-field-field-epso-type-of-contract" scope="col">Type of contract</th>',
    "published": '<th class="views-field views-field-created" scope="col">Publication date</th>',
}
_CELLS = {
    "grade": "priority-low views-field views-field-field-epso-grade",
    "location": "priority-low views-field views-field-field-epso-location",
    "deadline": "views-field views-field-field-epso-deadline",
    "reference": "views-field views-field-field-epso-reference-number",
    "institution": "views-field views-field-field-epso-institution",
    "contract": "views-field views-field-field-epso-type-of-contract",
    "published": "views-field views-field-created",
}
_PAD = "          "  # every cell's text ends with some ten spaces, as on the real pages


def _row(row: dict, columns: tuple[str, ...]) -> str:
    cells = [f'<td headers="view-title-table-column" class="views-field views-field-title">'
             f'<a href="{escape(row["link"])}">{escape(row["title"])}</a>{_PAD}</td>']
    for name in columns[1:]:
        value = row.get(name, "")
        if name in ("deadline", "published") and value:
            shown = f"{value[8:10]}/{value[5:7]}/{value[:4]} - {int(value[11:13]) + 2:02d}:{value[14:16]}"
            value = f'<time datetime="{value}">{shown}</time>\n'
        else:
            value = escape(value)
        cells.append(f'<td class="{_CELLS[name]}">{value}{_PAD}</td>')
    return f'<tr class="job-row">{"".join(cells)}</tr>'


def _pagination(page: int, pages: int) -> str:
    """ECL's pager: 0-based ?page=N links, the current page a span, a "Next" link but on the last page."""
    if pages <= 1:
        return ""
    items = []
    for number in range(pages):
        if number == page:
            items.append('<li class="ecl-pagination__item ecl-pagination__item--current"><span class="ecl-pagination'
                         f'__text ecl-pagination__text--summary" aria-current="true">{number + 1}</span></li>')
        else:
            items.append(f'<li class="ecl-pagination__item"><a href="?page={number}" class="ecl-link '
                         f'ecl-link--standalone ecl-pagination__link" aria-label="Go&#x20;to&#x20;page&#x20;'
                         f'{number + 1}">{number + 1}</a></li>')
    if page + 1 < pages:
        items.append(f'<li class="ecl-pagination__item ecl-pagination__item--next"><a href="?page={page + 1}" '
                     'class="ecl-link ecl-link--standalone ecl-link--icon ecl-pagination__link" aria-label="Go&#x20;'
                     'to&#x20;next&#x20;page"><span class="ecl-link__label">Next</span></a></li>')
    return (f'<nav class="ecl-pagination" aria-label="Pagination"><ul class="ecl-pagination__list">{"".join(items)}'
            '</ul></nav>')


def detail_page(title: str, reference: str | None, deadline: str, *, grade: str = "AD 7",
                apply_link: str | None = None, institution: str = "European Commission") -> str:
    """A vacancy's page on EU Careers: the heading, a description list of its facts, the text of the post.
    `deadline` as the time element's datetime, UTC ("2026-10-13T10:00:00Z")."""
    shown = f"{deadline[8:10]}/{deadline[5:7]}/{deadline[:4]} - {int(deadline[11:13]) + 2:02d}:{deadline[14:16]}"
    apply = (f'<dt>Link to vacancy</dt><dd><a href="{escape(apply_link)}">{escape(apply_link)}</a></dd>'
             if apply_link else "")
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f'<title>{escape(title)} | EU Careers</title></head><body class="page-node-type-job-opportunity">'
        '<nav class="ecl-breadcrumb"><ol><li><a href="/en">Home</a></li>'
        '<li><a href="/en/job-opportunities">Job opportunities</a></li></ol></nav>'
        f'<main id="main-content"><h1 class="ecl-page-header__title">{escape(title)}</h1>'
        '<article class="node node--type-job-opportunity"><dl class="ecl-description-list">'
        + (f'<dt>Reference number</dt><dd>{escape(reference)}</dd>' if reference else "") +
        f'<dt>Institution/Agency</dt><dd>{escape(institution)}</dd>'
        '<dt>Type of contract</dt><dd>Temporary staff</dd>'
        f'<dt>Grade</dt><dd>{escape(grade)}</dd>'
        '<dt>Location(s)</dt><dd>Brussels (Belgium)</dd>'
        f'<dt>Deadline</dt><dd><time datetime="{deadline}">{shown}</time> (Brussels time)</dd>{apply}</dl>'
        '<h2>The post</h2><p>The unit is looking for a colleague to run its projects and to advise its head on '
        'the policies it carries out with the Member States.</p>'
        '<h2>Eligibility criteria</h2><ul><li>Be a national of a Member State of the European Union;</li>'
        '<li>Have a thorough knowledge of one of the languages of the European Union and a satisfactory '
        'knowledge of another;</li><li>Have at least 3 years of professional experience.</li></ul>'
        '<h2>How to apply</h2><p>Apply online before the deadline.</p></article></main></body></html>'
    )
