"""Markup an imported posting may still carry, taken out so the field rules only see words."""

from __future__ import annotations

import re
from functools import lru_cache

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
# A "cut" alternative takes up, and keeps as it is, a stretch where the rule failed and would fail again
# from every later position of it, which it tried (quadratic on a run of "<sup>", "<a", "<http://", "[" or of
# blank lines):
# - with no "</sup>" after a "<sup>", no later one closes either; nor does a tag with no ">" after it;
_SUP = re.compile(r"<sup>.*?</sup>|(?P<cut><sup>.*)", re.I | re.S)
_TAG = re.compile(r"</?[a-zA-Z][^>]*>|(?P<cut></?[a-zA-Z][^>]*)")
# - an address that a blank cuts before its ">": so it does every "<http" in it;
_ANGLE_URL = re.compile(r"<(https?://[^>\s]+)>|(?P<cut><https?://[^>\s]+)")
# - a "[" whose label has no "(" after its "]": every "[" of the label stops at that "]"; with no ")" after
#   "](", no link closes any more;
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|(?P<cut>\[[^\]]*(?:\]\([^)]*)?)")
# - a line start whose next non-blank character is not "#": so are all line starts of its blank lines (the
#   first alternative still takes the blank lines before the marks, and after them, as it did).
_HEADING_MARK = re.compile(r"(?m)^(?:\s*#{1,6}\s*|(?P<cut>\s+))")


_NBSP_AND_TAB = "\u00a0\u202f\u2007\u2009\t"
_SUPERSCRIPT_RUN = re.compile(rf"[{_SUPERSCRIPTS}]+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!])")
# \*+|(?<!\w)__|__(?!\w), with each alternative starting with its mark: the engine then skips to the next "*" or
# "_" instead of trying all three at every position
_EMPHASIS = re.compile(r"\*+|__(?:(?<!\w__)|(?!\w))")
_BULLET_GLYPHS = "•●▪◦·"
_BULLET_GLYPH = re.compile(rf"[{_BULLET_GLYPHS}]")
_SPACE_RUN = re.compile(r"  +")  # ( {2,}, spelled to start with its literal: the engine skips to it)


@lru_cache(maxsize=8)  # every field rule asks for the same text's plain form: work it out once per text
def plain(text: str) -> str:
    """The text with the markup an imported posting may keep (markdown, <sup>, footnote marks,
    CRLF, non-breaking spaces, "•" bullets) taken out, so that rules only see words."""
    # Each step runs only when the text holds the character it needs: most texts reach here clean, and a
    # regex pass that changes nothing still costs a scan of the whole text.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for space in _NBSP_AND_TAB:
        if space in text:
            text = text.replace(space, " ")
    if "<" in text:
        text = _SUP.sub(lambda m: m["cut"] or "", text)
        text = _ANGLE_URL.sub(lambda m: m["cut"] or m[1], text)
        text = _TAG.sub(lambda m: m["cut"] or "", text)
    if any(digit in text for digit in _SUPERSCRIPTS):
        text = _SUPERSCRIPT_RUN.sub("", text)
    if "[" in text:
        text = _LINK.sub(lambda m: m["cut"] or m[1], text)  # [label](url) -> label
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)  # markdown escapes: C\(2017\) -> C(2017)
    if "*" in text or "__" in text:
        text = _EMPHASIS.sub("", text)
    if "#" in text:  # (without one, the rule only meets its "cut" alternative, which changes nothing)
        text = _HEADING_MARK.sub(lambda m: m["cut"] or "", text)
    if any(glyph in text for glyph in _BULLET_GLYPHS):
        text = _BULLET_GLYPH.sub("-", text)
    return _SPACE_RUN.sub(" ", text) if "  " in text else text

