"""The shape of one line of a posting: inline markup to strip, and whether the line is a heading,
a bullet, a "Label: value" pair or the wrap of a sentence. Read by sections.py, which builds the
outline from these answers.
"""

from __future__ import annotations

import re
from functools import lru_cache

# ---------------------------------------------------------------- inline markup

# A "cut" alternative takes up, and keeps as it is, a stretch where the rule failed and would fail again
# from every later position of it, which it tried (quadratic on a long line of "<sup>", "[", "[a](", "<http://"):
# - a "<sup>" with no "</sup>" after it on the line (its footnote marks still go);
_SUPERSCRIPT = re.compile(r"<sup>.*?</sup>|[⁰¹²³⁴⁵⁶⁷⁸⁹]+|(?P<cut><sup>.*)", re.I)
_SUPERSCRIPT_DIGITS = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
# - a "[" whose label has no "(" after its "]": every "[" of the label stops at that "]"; and when the address
#   after "](" stops at a blank instead of a ")", the address up to its last "]": a "[" before that "]" gets
#   an address that stops at the same blank;
_LINK = re.compile(r"!?\[([^\]]*)\]\((?:mailto:)?([^)\s]*)\)|(?P<cut>\[[^\]]*(?:\]\((?:[^)\s]*\])?)?)")
# - an address that a blank cuts before its ">": so it does every "<http" in it.
_ANGLE_URL = re.compile(r"<((?:https?|mailto):[^>\s]+)>|(?P<cut><(?:https?|mailto):[^>\s]+)")
_BOLD = re.compile(r"(?<!\\)(?:\*\*|__)")
_ITALIC = re.compile(r"(?<![\w*\\])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|])")


# What each rule of strip_inline_markup needs on a line to change it: a line with none of them only loses its
# trailing blanks
_MARKUP_CHARS = re.compile(r"[<\[*_\\\u00a0\t⁰¹²³⁴⁵⁶⁷⁸⁹]")


def strip_inline_markup(line: str) -> str:
    """One line without markdown emphasis, links, escapes and footnote marks (keeps '#' and bullets,
    which carry structure). Harmless on text that P3's cleaner already handled."""
    if not _MARKUP_CHARS.search(line):  # (most lines: six regexes each added up)
        return line.rstrip()
    line = _SUPERSCRIPT.sub(lambda m: _SUPERSCRIPT_DIGITS.sub("", m["cut"] or ""), line)
    line = _LINK.sub(lambda m: m["cut"] or m[1] or m[2], line)  # [a@b.eu](mailto:a@b.eu) -> a@b.eu
    line = _ANGLE_URL.sub(lambda m: m["cut"] or m[1], line)
    line = _ITALIC.sub(r"\1", _BOLD.sub("", line))
    line = _ESCAPE.sub(r"\1", line)
    return line.replace("\u00a0", " ").replace("\t", "    ").rstrip()


@lru_cache(maxsize=8)  # the outline, the fields and parse() all ask for the same text's
def normalise_text(text: str) -> str:
    if not _MARKUP_CHARS.search(text):  # one scan settles it for every line
        return "\n".join(line.rstrip() for line in text.splitlines())
    return "\n".join(strip_inline_markup(line) for line in text.splitlines())


# ---------------------------------------------------------------- line shapes

SEPARATOR = re.compile(r"^\s*(?:[-_*=]\s*){3,}$")
_MD_HEADING_MARKS = re.compile(r"\s*#{1,6}\s+")


# What ^\s*#{1,6}\s+(.*?)\s*#*\s*$ reads, without the regex's backtracking: cubic time on a heading line with a
# long run of blanks inside it.
def md_heading(line: str) -> str | None:
    """The text of a markdown heading line ("## Tasks ##" -> "Tasks"), or None."""
    marks = _MD_HEADING_MARKS.match(line) if "#" in line else None
    if not marks:
        return None
    text = line[marks.end():].rstrip().rstrip("#").rstrip()
    return None if "\n" in text else text  # (.*?) reads no line break


ARROW = re.compile(r"^\s*[➤►▶]\s*(.*)$")  # "➤ Am I eligible to apply?" is a heading, not a list
BULLET = re.compile(
    r"^(?P<indent>\s*)(?:[-*•●▪◦·–—○■□➢✓✔]|o(?=\s+[A-Z])|\d{1,2}[.)]|\(?[a-hj-z]\)|\(?(?:i{1,3}|iv|vi{0,3}|ix|x)\))"
    r"\s+(?P<text>\S.*)$"
)
INNER_MARKER = re.compile(r"^\(?(?:[a-z]|\d{1,2}|[ivx]{1,4})\)\s+")  # "- (a) Have a level..."
# "1. Selection", and the lettered sub-headings of forms: "a) Eligibility criteria", "(b) Selection criteria"
NUMBERED = re.compile(r"^\s*(?:\d{1,2}\.|\(?[a-h]\))\s+(?P<text>\S.*)$")
_LABEL = re.compile(r"^\s*(?P<label>[^\W\d_][\w .’'/()&*-]{0,48}?)\s*:\s+(?P<value>\S.*)$")
TABLE_ROW = re.compile(r"^\s*\|(.+)\|\s*$")
_TERMINAL = (".", ";", ":", "!", "?", "…")
# "Applicants must:", "Candidates should:": a sentence's lead-in to a list, not a heading
_LEAD_IN = re.compile(r"\b(?:must|should|shall|will|can|may|need to|are|is|have|has|include|doivent|devez|müssen)\s*$", re.I)
# words a wrapped line can end on, mid-sentence ("...in the\nEuropean Commission")
_CONNECTORS = {"a", "an", "the", "of", "and", "or", "in", "to", "for", "with", "on", "at", "by", "as", "from", "&", "–", "-"}


def words_of(text: str) -> list[str]:
    return text.split()


_BLANKS = re.compile(r"\s+")
_SENTENCE_BREAK = re.compile(r"[.;!?]\s+[A-Z]")


def clean_heading(text: str) -> str:
    return _BLANKS.sub(" ", text.strip(" *_#➤►▶\t")).rstrip(":").strip()


def _is_upper(text: str) -> bool:
    letters = list(filter(str.isalpha, text))
    return len(letters) >= 2 and sum(map(str.isupper, letters)) >= 0.8 * len(letters)


def _is_title_case(words: list[str]) -> bool:
    """Most words that matter capitalised ('IT Project Officer – IT project leader'); short
    lower-case words (of, and, the) do not count."""
    counted = [w for w in words if len(w) > 3 or (w.isupper() and len(w) > 1)]
    return bool(counted) and sum(w[0].isupper() for w in counted) >= 0.6 * len(counted)


def title_like(text: str) -> bool:
    """Starts with a capital, no sentence punctuation: 'Your tasks', 'Am I eligible to apply?'."""
    return (bool(text) and text[0].isupper() and not text.endswith((".", ",", ";", "…"))
            and not _SENTENCE_BREAK.search(text))


def label_parts(line: str) -> tuple[str, str] | None:
    """'Place of employment : Brussels' -> ('place of employment', 'Brussels')."""
    m = _LABEL.match(line) if ":" in line else None  # (most lines have no colon: spares the lazy label its steps)
    if not m or len(words_of(m["label"])) > 6 or "//" in m["value"][:2]:
        return None
    label = _BLANKS.sub(" ", m["label"].strip(" *")).rstrip(".").lower()
    return (label, m["value"].strip()) if label else None


def heading_text(line: str, strong_only: bool = False) -> str | None:
    """The heading a line is, or None. strong_only: markdown, upper-case and 'Criteria:' headings,
    which stand even where a wrapped sentence could be continuing."""
    return headings(line)[0 if strong_only else 1]


def headings(line: str) -> tuple[str | None, str | None]:
    """(heading_text(line, strong_only=True), heading_text(line)), worked out together: the outline asks for both."""
    md = md_heading(line)
    if md is not None:
        heading = clean_heading(md) or None
        return heading, heading
    arrow = ARROW.match(line)
    text = (arrow[1] if arrow else line).strip()
    words = words_of(text)
    if not words or len(text) > 90 or label_parts(text) or (BULLET.match(line) and not arrow):
        return None, None
    if text.endswith(":"):
        core = text[:-1]
        if _LEAD_IN.search(core):
            return None, None
        if len(words) <= 3 or _is_upper(core) or (_is_title_case(words) and title_like(core)):
            heading = clean_heading(core)
            return heading, heading
        return None, None
    if len(words) <= 12 and _is_upper(text):
        heading = clean_heading(text)
        return heading, heading
    # longer title-like lines must look like titles, so that a short sentence stays a sentence
    if title_like(text) and len(words) <= (12 if arrow else 8) and (
            arrow or len(words) <= 4 or text.endswith("?") or _is_title_case(words)):
        return None, clean_heading(text)
    return None, None


# "3.1 ", "1. ", "A. ", "IV. " before a heading: outline numbers of notices and annexes
SECTION_NUMBER = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}\.|[A-Z]\.|[IVX]{1,4}\.)\s+(?=\S)")


def unnumbered(heading: str) -> str:
    return SECTION_NUMBER.sub("", heading)


def numbered_heading(line: str) -> str | None:
    """'1. THE AGENCY', '3.1 General conditions', 'B. Selection criteria:'. A single number before
    a merely title-like text ('1. Selection') may be a list item; the outline decides by context."""
    m = SECTION_NUMBER.match(line)
    if not m:
        return None
    rest = line[m.end():].strip()
    strong = heading_text(rest, strong_only=True)
    if strong and sum(c.isalpha() for c in rest) >= 5 or "." in m[0].strip()[:-1] and heading_text(rest):
        return clean_heading(line)
    return None


def label_likeness(line: str) -> int:
    """2 for 'Position', 'Contract type' (sentence case), 1 for 'Junior Project Officer' (title case,
    as often a value as a label), 0 for anything longer or shaped like a sentence."""
    words = words_of(line.rstrip(":"))
    if not words or len(words) > 4 or not title_like(line.rstrip(":")):
        return 0
    return 2 if all(not w[0].isupper() or w.isupper() for w in words[1:]) else 1


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(_TERMINAL)


def continues(prev: str) -> bool:
    """A line that stops mid-sentence ('...as well as printing for the'): the next line is its wrap,
    not a heading. Length alone proves nothing: scraped pages put long titles on lines of their own."""
    words = words_of(prev)
    return bool(words) and not ends_sentence(prev) and words[-1].lower() in _CONNECTORS


def wraps(prev: str, line: str) -> bool:
    """Does line (no blank line between) continue prev?"""
    starts_lower = line.lstrip()[:1].islower()
    return starts_lower and not prev.rstrip().endswith(":") or continues(prev)
