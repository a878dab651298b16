"""The exceptions store/ raises to its callers; each one's str() is one line the user can read."""

from __future__ import annotations

from eujobs.store.outputs.safe_text import one_line


class StoreError(Exception):
    """A problem with the store that the user must hear about in one line."""


class StoreCorruptError(StoreError):
    """The store's files cannot be read as eujobs wrote them."""


class ExtractError(Exception):
    """Why a file could not be read, in one line, without the path (the caller adds it)."""


class ParseError(ValueError):
    """The text is clearly not a job posting; str(error) says why in one line."""


class ProfileError(ValueError):
    """A profile value that cannot be used; str(error) is one line naming the field."""


class FetchError(StoreError):
    """A page that could not be fetched: str() is "<url>: <reason>"; `reason` alone is for a line that names the
    URL already (an import's line per file)."""

    def __init__(self, url: str, reason: str) -> None:
        self.url, self.reason = one_line(url), one_line(reason)  # a reason may quote what a server sent
        super().__init__(f"{self.url}: {self.reason}")


class ListingError(StoreError):
    """A listing page that is not what eujobs reads: str() names the page and what was missing."""
