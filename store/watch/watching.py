"""One watch pass: read each listing (following its pages), match its rows with the vacancies in the store,
fetch the page of each new row and of each row whose deadline moved, and save them all in one write. The
user's status, ticks and notes are kept: they belong to the vacancy, which an update keeps.

A row is matched by its reference, then by its link (and its title, where a link leads to more than one
vacancy). Two rows that share a link (two fields of one competition) are one page, so one vacancy. A row
matched the same way with a vacancy the user deleted is left out (and counted): deleting is for good.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from eujobs.store.errors import ExtractError, FetchError, ListingError
from eujobs.store.fetch.client import Fetcher
from eujobs.store.ingest.decode import decode_text
from eujobs.store.ingest.extract import META_CHARSET
from eujobs.store.ingest.importer import Outcome, PostingReader
from eujobs.store.model import Posting, Vacancy
from eujobs.store.persistence.db import Incoming, Store
from eujobs.store.persistence.ids import identity_key
from eujobs.store.watch.config import WatchConfig
from eujobs.store.watch.listing import ListingRow, parse_listing

BRUSSELS = ZoneInfo("Europe/Brussels")
Progress = Callable[[str], None]


@dataclass(frozen=True)
class DeadlineChange:
    vacancy_id: str
    title: str
    before: datetime | date | None
    after: datetime | date | None


@dataclass
class WatchReport:
    new: list[tuple[str, str]] = field(default_factory=list)  # (vacancy id, title)
    changed: list[DeadlineChange] = field(default_factory=list)
    unchanged: set[str] = field(default_factory=set)  # vacancy ids
    left_out: int = 0  # rows (or their postings) the user's filters left out
    deleted: set[str] = field(default_factory=set)  # vacancies the user deleted, whose rows were left out
    failures: list[str] = field(default_factory=list)  # one line each: what could not be read; the pass went on
    broken: list[str] = field(default_factory=list)  # one line each: a listing (or a page of it) not read: exit 1

    def summary(self) -> str:
        """ "3 new, 1 changed (deadline 13/10 → 20/10), 41 unchanged" """
        moves = "; ".join(f"deadline {short_date(change.before)} → {short_date(change.after)}"
                          for change in self.changed if change.before != change.after)
        changed = f"{len(self.changed)} changed" + (f" ({moves})" if moves else "")
        line = f"{len(self.new)} new, {changed}, {len(self.unchanged)} unchanged"
        line += f", {len(self.deleted)} you deleted" if self.deleted else ""
        return line + (f", {self.left_out} left out by your filters" if self.left_out else "")


def watch_pass(store: Store, sources: list[str], fetcher: Fetcher, config: WatchConfig,
               progress: Progress | None = None) -> WatchReport:
    report = WatchReport()
    known = _Known(store.vacancies())
    deleted = _Known(store.removed_vacancies())  # a posting the user deleted is not brought back
    imported_at = store.clock().isoformat(timespec="seconds")
    reader = PostingReader(imported_at, download=fetcher.fetch)
    pending: list[tuple[Incoming, Vacancy | None]] = []
    fetched: set[str] = set()
    for source in sources:
        try:
            rows = listing_rows(fetcher, source, config.pages, report, progress)
        except (FetchError, ListingError) as error:
            report.broken.append(str(error))
            continue
        for row in rows:
            if config.filters.row_verdict(row) is False:
                report.left_out += 1
                continue
            vacancy = known.match(row)
            if vacancy is None and (gone := deleted.match(row)) is not None:
                report.deleted.add(gone.id)
                continue
            if vacancy is not None and not deadline_moved(vacancy.posting.deadline, row.deadline):
                report.unchanged.add(vacancy.id)
                continue
            if row.link in fetched:
                continue  # a second row of one page: that page is read already
            fetched.add(row.link)
            if progress:
                progress(f"reading {row.link}")
            item = _read_posting(reader, row.link, first_seen=None if vacancy else imported_at)
            if isinstance(item, Outcome):
                report.failures.append(f"{item.name}: {item.reason}")
            elif vacancy is None and not config.filters.keeps(item.posting):
                report.left_out += 1
            else:
                item.replaces = vacancy.id if vacancy else None
                pending.append((item, vacancy))
    saved = store.save_imports([item for item, _ in pending]) if pending else []
    for (item, before), result in zip(pending, saved):
        if result.outcome in ("imported", "conflict"):
            report.new.append((result.vacancy_id, item.posting.title))
        elif result.outcome == "updated":
            was = before.posting.deadline if before else None
            report.changed.append(DeadlineChange(result.vacancy_id, item.posting.title, was, item.posting.deadline))
        else:
            report.unchanged.add(result.vacancy_id)
    report.unchanged -= {change.vacancy_id for change in report.changed} | {new_id for new_id, _ in report.new}
    return report


def listing_rows(fetcher: Fetcher, source: str, pages: int, report: WatchReport,
                 progress: Progress | None = None) -> list[ListingRow]:
    """Every row of a listing, page after page (at most `pages` of them: said as a failure when there are more).
    A page after the first that cannot be read breaks the listing, but the rows of the pages before it count."""
    rows, url, seen = [], source, set()
    for number in range(1, pages + 1):
        if progress:
            progress(f"reading {source}, page {number}")
        try:
            listing = _listing_page(fetcher, url)
        except (FetchError, ListingError) as error:
            if not rows:
                raise
            report.broken.append(str(error))
            return rows
        seen.add(listing.url)
        rows += listing.rows
        if listing.next_page is None or listing.next_page in seen:
            return rows
        url = listing.next_page
    report.failures.append(f"{source}: read only its first {pages} pages (pages in watch.toml allows more)")
    return rows


@dataclass(frozen=True)
class _ReadPage:
    url: str  # where it was read from, after redirects
    rows: list[ListingRow]
    next_page: str | None


def _listing_page(fetcher: Fetcher, url: str) -> _ReadPage:
    page = fetcher.fetch(url)
    if page.format != "html":
        raise ListingError(f"{url}: not a listing eujobs can read: a PDF, not a web page")
    declared = META_CHARSET.search(page.data[:4096])
    try:
        text = decode_text(page.data, declared.group(1).decode("ascii") if declared else None)
    except ExtractError as error:
        raise ListingError(f"{url}: not a listing eujobs can read: {error}") from None
    listing = parse_listing(text, page.final_url)
    return _ReadPage(page.final_url, listing.rows, listing.next_page)


def _read_posting(reader: PostingReader, url: str, first_seen: str | None) -> Incoming | Outcome:
    extracted = reader.extract(url)
    return extracted if isinstance(extracted, Outcome) else reader.finish(url, extracted, first_seen)


class _Known:
    """The store's vacancies by what a listing row can be matched with."""

    def __init__(self, vacancies: list[Vacancy]) -> None:
        self.by_reference: dict[str, Vacancy] = {}
        self.by_link: dict[str, list[Vacancy]] = {}
        for vacancy in vacancies:
            if vacancy.posting.reference:
                self.by_reference[identity_key(vacancy.posting)] = vacancy
            if vacancy.source.url:
                self.by_link.setdefault(vacancy.source.url, []).append(vacancy)

    def match(self, row: ListingRow) -> Vacancy | None:
        if row.reference:
            found = self.by_reference.get(identity_key(Posting(title=row.title, reference=row.reference)))
            if found is not None:
                return found
        candidates = self.by_link.get(row.link, [])
        if len(candidates) > 1:
            titled = [vacancy for vacancy in candidates if _same_title(vacancy, row.title)]
            candidates = titled or candidates
        return candidates[0] if candidates else None


def _same_title(vacancy: Vacancy, title: str) -> bool:
    wanted = title.casefold().split()
    return any((text or "").casefold().split() == wanted for text in (vacancy.posting.title, vacancy.posting.job_title))


def deadline_moved(stored: datetime | date | None, listed: datetime | None) -> bool:
    """Does the listing give another deadline than the store has? A deadline either does not state is no move;
    a stored date alone is compared with the listed instant's day in Brussels."""
    if stored is None or listed is None:
        return False
    if isinstance(stored, datetime):
        return (stored if stored.tzinfo else stored.replace(tzinfo=BRUSSELS)) != listed
    return stored != listed.astimezone(BRUSSELS).date()


def short_date(value: datetime | date | None) -> str:
    """13/10: the day and month of a deadline, in Brussels time."""
    if value is None:
        return "none"
    if isinstance(value, datetime) and value.tzinfo is not None:
        value = value.astimezone(BRUSSELS)
    return f"{value:%d/%m}"
