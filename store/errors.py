"""The exceptions store/ raises to its callers; each one's str() is one line the user can read."""

from __future__ import annotations


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
