"""Markup an imported posting may still carry, taken out so the field rules only see words."""

from __future__ import annotations

import re
from functools import lru_cache

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"


@lru_cache(maxsize=8)  # every field rule asks for the same text's plain form: work it out once per text
def plain(text: str) -> str:
    """The text with the markup an imported posting may keep (markdown, <sup>, footnote marks,
    CRLF, non-breaking spaces, "•" bullets) taken out, so that rules only see words."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\u00a0\u202f\u2007\u2009\t]", " ", text)
    text = re.sub(r"<sup>.*?</sup>", "", text, flags=re.I | re.S)
    text = re.sub(r"<(https?://[^>\s]+)>", r"\1", text)
    text = re.sub(r"</?[a-zA-Z][^>]*>", "", text)
    text = re.sub(rf"[{_SUPERSCRIPTS}]+", "", text)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # [label](url) -> label
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!])", r"\1", text)  # markdown escapes: C\(2017\) -> C(2017)
    text = re.sub(r"\*+|(?<!\w)__|__(?!\w)", "", text)
    text = re.sub(r"(?m)^\s*#{1,6}\s*", "", text)
    text = re.sub(r"[•●▪◦·]", "-", text)
    return re.sub(r" {2,}", " ", text)
