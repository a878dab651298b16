"""A link as the parser reads it: "label (target)", the label alone, or the target alone.

Shared by the markdown cleaner and the HTML reader, so that a link reads the same from both. Only an absolute
target says something on its own: a site-relative one ("/en/eu-institutions") points into a site the text
has left behind, so it is dropped. Sites shorten a long address in its label ("https://x.eu/jobs/tempora…"):
the full target is then given instead of both.
"""

from __future__ import annotations

from urllib.parse import unquote

ABSOLUTE = ("http://", "https://", "mailto:")
ELLIPSES = ("…", "...")


def link_text(label: str, target: str) -> str:
    """What a link with this label and this target (href) reads as; "" when it says nothing."""
    label, target = " ".join(label.split()), target.strip()
    if not target.lower().startswith(ABSOLUTE):
        return label
    address = target
    if target.lower().startswith("mailto:"):  # the address alone: "?subject=..." is for a mail program
        address = target[len("mailto:"):].split("?", 1)[0]
    if not address:
        return label
    if not label or _same_address(label, address) or _shortened_copy(label, address):
        return address
    if _comparable(address) in label.lower():  # "ELI: http://data.europa.eu/eli/..." shows it already
        return label
    return f"{label} ({address})"


def _comparable(address: str) -> str:
    """An address as a reader compares it: no scheme, no "www.", no closing "/", any case."""
    text = address.lower()
    for prefix in ("https://", "http://", "mailto:", "www."):
        text = text.removeprefix(prefix)
    return text.rstrip("/")


def _same_address(label: str, address: str) -> bool:
    return _comparable(label) in (_comparable(address), _comparable(unquote(address)))


def _shortened_copy(label: str, address: str) -> bool:
    """The label is the start of the address with an ellipsis for the rest ("https://x.eu/jobs/tempora…")."""
    stem = next((label[: -len(e)] for e in ELLIPSES if label.endswith(e)), None)
    if stem is None or " " in stem or not any(c in stem for c in "./@"):
        return False
    stem = _comparable(stem)
    # the label may show the address decoded ("…-fgiv-–-job…") or cut inside an escape ("…-fgiv-%E2%80%…")
    return bool(stem) and (_comparable(address).startswith(stem) or _comparable(unquote(address)).startswith(stem))
