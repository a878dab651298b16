"""What a watch pass reads and keeps: the listing pages (EU Careers' by default, and the user's own) and the
user's filters, from watch.toml in their config folder. Parsing is pure (parse_config); read_config is the edge.

    sources = ["https://eu-careers.europa.eu/en/job-opportunities/open-for-application"]  # added to the defaults
    defaults = true        # false: only the sources above
    pages = 20             # at most this many pages of one listing
    pause_seconds = 2      # between two requests to one site
    timeout_seconds = 30   # for one request

    [filter]               # each list that is there must match (any of its entries, case ignored)
    domains = ["information technology"]
    grades = ["AD 5", "AD 6", "FG IV"]
    contracts = ["temporary", "contract"]
    institutions = ["Commission", "EMA"]
    words = ["data", "cyber"]
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from eujobs.store.errors import FetchError, StoreError
from eujobs.store.fetch.client import TIMEOUT_S
from eujobs.store.fetch.politeness import PAUSE_S
from eujobs.store.fetch.urls import checked_url
from eujobs.store.model import Posting
from eujobs.store.watch.listing import ListingRow

CONFIG_FILE = "watch.toml"
DEFAULT_SOURCES = (
    "https://eu-careers.europa.eu/en/open-competition-permanent-staff",
    "https://eu-careers.europa.eu/en/non-permanent-contract-ec",
    "https://eu-careers.europa.eu/en/temporary-agents-other-institutions-vacancies",
)
PAGES = 20  # a listing of more pages than this is no listing of job postings
FILTERS = ("domains", "grades", "contracts", "institutions", "words")
_KEYS = {"sources", "defaults", "pages", "pause_seconds", "timeout_seconds", "filter"}


@dataclass(frozen=True)
class Filters:
    """Each list given must match the posting: one of its entries found in the posting's value, case ignored."""

    wanted: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def row_verdict(self, row: ListingRow) -> bool | None:
        """Keep the row (True), leave it out (False), or it does not say enough: read its posting (None)."""
        return _verdict(self.wanted, {"domains": None, "grades": row.grade, "contracts": row.contract,
                                      "institutions": row.institution, "words": row.title})

    def keeps(self, posting: Posting) -> bool:
        """A posting whose value for a filter is unknown is kept: better one posting too many than one missed."""
        contract = " ".join(filter(None, [posting.contract_type, posting.kind.replace("_", " ")]))
        values = {"domains": " ".join(filter(None, [posting.domain, posting.title])), "grades": posting.grade,
                  "contracts": contract, "institutions": posting.institution,
                  "words": " ".join(filter(None, [posting.title, posting.job_title]))}
        return _verdict(self.wanted, values) is not False


@dataclass(frozen=True)
class WatchConfig:
    sources: tuple[str, ...] = DEFAULT_SOURCES
    pages: int = PAGES
    pause: float = PAUSE_S
    timeout: float = TIMEOUT_S
    filters: Filters = Filters()


def read_config(path: Path) -> WatchConfig:
    """The user's watch.toml; the defaults when there is none."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return WatchConfig()
    except (OSError, UnicodeDecodeError) as error:
        raise StoreError(f"{path}: cannot read the watch settings ({error})") from None
    return parse_config(text, str(path))


def parse_config(text: str, where: str) -> WatchConfig:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise StoreError(f"{where}: not TOML ({error})") from None
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise StoreError(f"{where}: unknown setting '{unknown[0]}' (known: {', '.join(sorted(_KEYS))})")
    own = tuple(_source(value, where) for value in _list(data, "sources", where))
    defaults = data.get("defaults", True)
    if not isinstance(defaults, bool):
        raise StoreError(f"{where}: defaults is true or false")
    filters = data.get("filter", {})
    if not isinstance(filters, dict) or set(filters) - set(FILTERS):
        raise StoreError(f"{where}: [filter] takes only {', '.join(FILTERS)}")
    wanted = {name: tuple(_list(filters, name, where)) for name in FILTERS if name in filters}
    return WatchConfig(
        sources=tuple(dict.fromkeys((*DEFAULT_SOURCES, *own) if defaults else own)),
        pages=int(_number(data, "pages", PAGES, 1, 1000, where)),
        pause=_number(data, "pause_seconds", PAUSE_S, 0, 3600, where),
        timeout=_number(data, "timeout_seconds", TIMEOUT_S, 0.1, 3600, where),
        filters=Filters({name: values for name, values in wanted.items() if values}),
    )


def _verdict(wanted: dict[str, tuple[str, ...]], values: dict[str, str | None]) -> bool | None:
    undecided = False
    for name, entries in wanted.items():
        value = values.get(name)
        if not value:
            undecided = True
        elif not any(_comparable(entry) in _comparable(value) for entry in entries):
            return False
    return None if undecided else True


def _comparable(text: str) -> str:
    """Case and blanks left out: "AD 5" is "ad5"."""
    return re.sub(r"\s+", "", text).casefold()


def _list(data: dict, key: str, where: str) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise StoreError(f"{where}: {key} is a list of texts, like [\"one\", \"two\"]")
    return value


def _number(data: dict, key: str, default: float, low: float, high: float, where: str) -> float:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise StoreError(f"{where}: {key} is a number from {low:g} to {high:g}")
    return float(value)


def _source(text: str, where: str) -> str:
    try:
        return checked_url(text)
    except FetchError as error:
        raise StoreError(f"{where}: the source {error}") from None
