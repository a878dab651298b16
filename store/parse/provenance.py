"""Where each field of a stored posting was read, for `eujobs show ID --sources`.

Not kept in the store: reading is a pure function of the posting's text, which the store keeps, so the parser
reads it again when asked. A field it now reads otherwise than the store holds was read by an earlier eujobs.
"""

from __future__ import annotations

from eujobs.store.errors import ParseError
from eujobs.store.model import Posting
from eujobs.store.parse.posting import parse

EARLIER = "read by an earlier eujobs: import the file again to see where"


def sources_of(posting: Posting, text: str) -> dict[str, str]:
    """Field name ('deadline', 'apply.url') -> where in text the parser reads the posting's value."""
    try:
        read = parse(text)
    except ParseError:  # (a text stored by an earlier eujobs that this one would refuse)
        return {}
    return {name: source if _value(read, name) == _value(posting, name) else EARLIER
            for name, source in read.sources.items()}


def _value(posting: Posting, name: str):
    group, _, part = name.partition(".")
    return getattr(posting.apply, part) if part else getattr(posting, group)
