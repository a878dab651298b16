"""Quicker scans for the field rules, with the same results.

A case-insensitive regex tries each of its alternatives at every position of the text: over a whole posting,
a fraction of a millisecond per rule. str.find skips to the few places where a word stands, in C. So a rule
whose every match needs some word looks for that word first (`in lowered(text)`), and a rule whose every match
starts with one of a few words is tried only where one of them stands (finditer_at, search_at).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache


def lowered(text: str) -> str:
    """text.lower() as a case-insensitive regex reads it, character for character (same length, same positions):
    a word a re.I pattern matches at some position stands, in lower case, at that position of lowered(text).
    str.lower() spells "İ" as two characters, and leaves "ı" and "ſ", which re.I matches as "i" and "s"."""
    low = text.lower()
    if low.isascii():
        return low
    if "İ" in text:
        low = text.replace("İ", "i").lower()
    return low.replace("ı", "i").replace("ſ", "s")


@lru_cache(maxsize=16)  # the whole posting's, which several rules ask for
def lowered_text(text: str) -> str:
    return lowered(text)


def has_any(low: str, words: tuple[str, ...]) -> bool:
    """Does one of the (lower-case) words stand in low (a lowered text)?"""
    return any(word in low for word in words)


@lru_cache(maxsize=64)
def search_starts(low: str, words: tuple[str, ...]) -> list[int]:
    """Where the words stand in low, in order: a lowered text for the (lower-case) words of a case-insensitive
    pattern, the text as it is for those of a case-sensitive one. Shared: treat it as read-only."""
    if len(words) == 1:
        return _where(low, words[0])
    return sorted({i for word in words for i in _where(low, word)})


@lru_cache(maxsize=512)  # many rules look for the same words ("contract", "duration") in the same text
def _where(low: str, word: str) -> list[int]:
    found = []
    i = low.find(word)
    while i >= 0:
        found.append(i)
        i = low.find(word, i + 1)
    return found


def search_at(rx: re.Pattern, text: str, words: tuple[str, ...], pos: int = 0) -> re.Match | None:
    """rx.search(text, pos), for a pattern whose every match starts with one of `words` (in lower case; rx
    case-insensitive or not): rx is only tried where one of them stands."""
    return search_from(rx, text, search_starts(lowered_text(text), words), pos)


def search_from(rx: re.Pattern, text: str, starts: list[int], pos: int = 0) -> re.Match | None:
    """rx.search(text, pos), given (in order) every position where a match of rx may start."""
    for i in range(bisect_left(starts, pos), len(starts)):
        if m := rx.match(text, starts[i]):
            return m
    return None


def finditer_at(rx: re.Pattern, text: str, words: tuple[str, ...]) -> Iterator[re.Match]:
    """rx.finditer(text), for a pattern as search_at's (whose matches are never empty)."""
    return finditer_from(rx, text, search_starts(lowered_text(text), words))


def finditer_from(rx: re.Pattern, text: str, starts: list[int]) -> Iterator[re.Match]:
    """rx.finditer(text), given (in order) every position where a match of rx may start (none empty)."""
    end = 0
    for start in starts:
        if start >= end and (m := rx.match(text, start)):
            yield m
            end = m.end()
