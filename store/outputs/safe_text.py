"""Posting text on its way out of eujobs: shown to whoever reads it, never obeyed by the terminal it reaches.

A posting may carry control characters: ESC ] 52 sets a terminal's clipboard, ESC ] 0 its window title, a CSI
(ESC [ or U+009B) moves the cursor or clears the screen. Human output, CSV and iCalendar show each as a visible
stand-in (printable); JSON escapes them (\\u001b, \\u009b), so that a program reading it gets the text as it was.
"""

from __future__ import annotations

import json

# C0 controls (but newline and tab), DEL and the C1 range: a terminal would act on them.
_SHOWN = {code: f"\\x{code:02x}" for code in (*range(0x20), 0x7F, *range(0x80, 0xA0)) if code not in (0x09, 0x0A)}
_SHOWN[0x1B] = "␛"
_SHOWN_ON_ONE_LINE = {**_SHOWN, 0x09: "\\t", 0x0A: "\\n"}
# json.dumps escapes C0 itself; DEL and C1 it writes as they are once ensure_ascii is off.
_JSON_ESCAPES = {code: f"\\u{code:04x}" for code in (0x7F, *range(0x80, 0xA0))}


def printable(text: str) -> str:
    """The text as it should reach a terminal or a file a person reads: escape sequences shown, never obeyed."""
    return text.translate(_SHOWN)


def one_line(text: str) -> str:
    """The text quoted in a one-line message: printable, its newlines and tabs shown as \\n and \\t."""
    return text.translate(_SHOWN_ON_ONE_LINE)


def json_text(value: object, indent: int | None = 2) -> str:
    """`value` as JSON with its letters as they are (é, ł, Ω: not \\u00e9) and every control character escaped."""
    # Outside its strings a JSON text is printable ASCII: escaping the whole text escapes the strings' controls.
    return json.dumps(value, ensure_ascii=False, indent=indent).translate(_JSON_ESCAPES)
