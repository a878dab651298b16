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


@lru_cache(maxsize=8)  # every field rule asks for the same text's plain form: work it out once per text
def plain(text: str) -> str:
    """The text with the markup an imported posting may keep (markdown, <sup>, footnote marks,
    CRLF, non-breaking spaces, "•" bullets) taken out, so that rules only see words."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\u00a0\u202f\u2007\u2009\t]", " ", text)
    text = _SUP.sub(lambda m: m["cut"] or "", text)
    text = _ANGLE_URL.sub(lambda m: m["cut"] or m[1], text)
    text = _TAG.sub(lambda m: m["cut"] or "", text)
    text = re.sub(rf"[{_SUPERSCRIPTS}]+", "", text)
    text = _LINK.sub(lambda m: m["cut"] or m[1], text)  # [label](url) -> label
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!])", r"\1", text)  # markdown escapes: C\(2017\) -> C(2017)
    text = re.sub(r"\*+|(?<!\w)__|__(?!\w)", "", text)
    text = _HEADING_MARK.sub(lambda m: m["cut"] or "", text)
    text = re.sub(r"[•●▪◦·]", "-", text)
    return re.sub(r" {2,}", " ", text)
