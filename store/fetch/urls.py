"""Addresses as eujobs takes them: what looks like one, and whether it can be fetched. Pure functions."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from eujobs.store.errors import FetchError

_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*://", re.I)
SCHEMES = ("http", "https")


def looks_like_url(text: str) -> bool:
    """Is this meant as an address ("https://…", "ftp://…") rather than a file's path?"""
    return bool(_SCHEME.match(text))


def checked_url(text: str) -> str:
    """The address, if eujobs can fetch it: http or https, with a host; FetchError naming what is wrong."""
    try:
        parts = urlsplit(text.strip())
        port = parts.port  # a port that is no number raises here
    except ValueError as error:
        raise FetchError(text, f"not a valid address ({error})") from None
    if parts.scheme.lower() not in SCHEMES:
        raise FetchError(text, f"only http and https addresses can be fetched, not {parts.scheme or 'this'}")
    if not parts.hostname:
        raise FetchError(text, "the address names no host")
    try:
        parts.hostname.encode("idna")
    except UnicodeError:
        raise FetchError(text, "the address's host is no valid name") from None
    if port == 0:
        raise FetchError(text, "the address names port 0")
    if any(char.isspace() or ord(char) < 0x20 for char in text.strip()):
        raise FetchError(text, "the address holds spaces or control characters")
    return text.strip()


def host_of(url: str) -> str:
    """The host and port requests are paced by."""
    parts = urlsplit(url)
    return f"{(parts.hostname or '').lower()}:{parts.port or (443 if parts.scheme.lower() == 'https' else 80)}"


def resolved(link: str, base: str) -> str:
    """A link of a page (relative, "?page=2", "/en/x") as the absolute address it points to."""
    return urljoin(base, link.strip())
