"""A listing page of EU Careers read into rows: Drupal Views tables (`tr.job-row`, one `td.views-field-…` per
column) and ECL pagination (`nav.ecl-pagination`, 0-based `?page=N`). Pure: text and the page's address in,
rows out.

A page that is not the expected one fails loudly (ListingError naming the page and what was missing): no rows
and no "no results" message, a row without its title link or without a cell its table's header announces, a
deadline without its machine-readable time. A watch that read such a page as "nothing new" would stay quiet
for good the day the site changes.

selectolax (lexbor) rather than lxml or the standard library's parser: its CSS selectors are the page's own
classes, it is the quickest of the three on the real pages and its import the lightest (README, Dependencies).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from eujobs.store.errors import FetchError, ListingError
from eujobs.store.fetch.urls import checked_url, resolved
from eujobs.store.outputs.safe_text import one_line

# The columns eujobs reads, by the class of their cells (Views: "views-field-<field name>"), with their names
# in messages.
COLUMNS = {
    "views-field-title": "job title",
    "views-field-field-epso-reference-number": "reference",
    "views-field-field-epso-grade": "grade",
    "views-field-field-epso-location": "location",
    "views-field-field-epso-deadline": "deadline",
    "views-field-field-epso-institution": "institution",
    "views-field-field-epso-type-of-contract": "type of contract",
    "views-field-created": "publication date",
}
TIMED = ("views-field-field-epso-deadline", "views-field-created")  # read from time[datetime], in UTC
EMPTY_MARKERS = (".view-empty",)  # what Views shows in place of the table when nothing matches


@dataclass(frozen=True)
class ListingRow:
    title: str
    link: str  # absolute
    reference: str | None = None
    grade: str | None = None
    locations: tuple[str, ...] = ()
    deadline: datetime | None = None  # UTC
    institution: str | None = None
    contract: str | None = None
    published: datetime | None = None


@dataclass(frozen=True)
class ListingPage:
    rows: list[ListingRow] = field(default_factory=list)
    next_page: str | None = None  # absolute


def parse_listing(html: str, page_url: str) -> ListingPage:
    """The rows of a listing page, and the address of the next page if there is one; ListingError when the
    page is not a listing eujobs can read."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    rows = tree.css("tr.job-row")
    if not rows:
        if any(tree.css_first(marker) for marker in EMPTY_MARKERS):
            return ListingPage([], _next_page(tree, page_url))
        raise _broken(page_url, "no listing table: no job rows (tr.job-row) and no \"no results\" message")
    announced = _announced_columns(rows[0], page_url)
    read = [_row(row, number, announced, page_url) for number, row in enumerate(rows, 1)]
    return ListingPage(read, _next_page(tree, page_url))


def _announced_columns(first_row, page_url: str) -> list[str]:
    """The columns the table's header announces (those eujobs reads); each row must have them all."""
    table = first_row.parent
    while table is not None and table.tag != "table":
        table = table.parent
    header = table.css("thead th") if table is not None else []
    found = [name for cell in header for name in COLUMNS if name in _classes(cell)]
    if header and "views-field-title" not in found:
        raise _broken(page_url, "the table has no job title column")
    return found or ["views-field-title"]


def _row(row, number: int, announced: list[str], page_url: str) -> ListingRow:
    cells = {name: cell for cell in row.css("td") for name in COLUMNS if name in _classes(cell)}
    for name in announced:
        if name not in cells:
            raise _broken(page_url, f"row {number} has no {COLUMNS[name]} cell")
    link = cells["views-field-title"].css_first("a[href]")
    title = _text(link) if link is not None else ""
    if link is None or not title or not link.attributes.get("href"):
        raise _broken(page_url, f"row {number} has no job title with a link")
    try:
        address = checked_url(resolved(link.attributes["href"], page_url))
    except (FetchError, ValueError):
        raise _broken(page_url, f"row {number}'s link cannot be followed") from None
    texts = {name: _text(cell) or None for name, cell in cells.items()}
    times = {name: _time(cells[name], number, page_url) for name in TIMED if name in cells}
    locations = texts.get("views-field-field-epso-location") or ""
    return ListingRow(
        title=title, link=address, reference=texts.get("views-field-field-epso-reference-number"),
        grade=texts.get("views-field-field-epso-grade"),
        locations=tuple(place.strip() for place in _split_places(locations) if place.strip()),
        deadline=times.get("views-field-field-epso-deadline"),
        institution=texts.get("views-field-field-epso-institution"),
        contract=texts.get("views-field-field-epso-type-of-contract"),
        published=times.get("views-field-created"),
    )


def _time(cell, number: int, page_url: str) -> datetime | None:
    """The cell's time[datetime] in UTC (the text beside it is Brussels time); an empty cell is None."""
    moment = cell.css_first("time[datetime]")
    if moment is None:
        if not _text(cell):
            return None
        raise _broken(page_url, f"row {number}'s date has no machine-readable time (time[datetime])")
    try:
        value = datetime.fromisoformat(moment.attributes["datetime"].strip())
    except (ValueError, AttributeError):
        raise _broken(page_url, f"row {number}'s date {one_line(str(moment.attributes['datetime']))[:40]!r} "
                                "is no date") from None
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def _split_places(text: str) -> list[str]:
    """"Brussels (Belgium), Luxembourg (Luxembourg)": split on the commas outside brackets."""
    places, depth, current = [], 0, []
    for char in text:
        depth += (char == "(") - (char == ")")
        if char == "," and depth <= 0:
            places.append("".join(current))
            current = []
        else:
            current.append(char)
    return [*places, "".join(current)]


def _next_page(tree, page_url: str) -> str | None:
    link = tree.css_first("nav.ecl-pagination li.ecl-pagination__item--next a[href]")
    return resolved(link.attributes["href"], page_url) if link is not None else None


def _classes(node) -> list[str]:
    return (node.attributes.get("class") or "").split()


def _text(node) -> str:
    return " ".join(node.text(separator=" ").split())


def _broken(page_url: str, what: str) -> ListingError:
    return ListingError(f"{one_line(page_url)}: not a listing eujobs can read: {what}")
