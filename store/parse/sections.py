"""A posting's outline: headings, the lines and bullets under them, and "Label: value" pairs.

Postings reach us as plain text, markdown or text extracted from PDF/HTML, so structure is read
from the *shape* of lines, never from a fixed list of headings: a heading is a short line that is
upper case, title-like, a markdown '#' line or a short "Criteria:" line, and is not a bullet nor a
sentence. Wrapped lines (PDF) are joined back onto the bullet or paragraph they continue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from eujobs.store.parse.lines import (
    ARROW,
    BULLET,
    INNER_MARKER,
    NUMBERED,
    SEPARATOR,
    TABLE_ROW,
    clean_heading,
    continues,
    ends_sentence,
    heading_text,
    headings,
    label_likeness,
    label_parts,
    md_heading,
    normalise_text,
    numbered_heading,
    title_like,
    unnumbered,
    words_of,
    wraps,
)

# ---------------------------------------------------------------- the outline

@dataclass
class Line:
    text: str
    bullet: bool = False
    depth: int = 0  # nesting of a bullet: 0 top level, 1 under it...


@dataclass
class Section:
    heading: str  # "" for the text before the first heading
    lines: list[Line] = field(default_factory=list)

    @property
    def bullets(self) -> list[str]:
        return [line.text for line in self.lines if line.bullet]

    @property
    def paragraphs(self) -> list[str]:
        return [line.text for line in self.lines if not line.bullet]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass
class Document:
    sections: list[Section]
    labels: dict[str, str]  # lower-cased label -> value, first occurrence wins

    def label(self, *names: str) -> str | None:
        return next((self.labels[n] for n in names if self.labels.get(n)), None)

    def find(self, pattern: str) -> list[Section]:
        """Sections whose heading matches the regex (case-insensitive, anywhere in the heading; the
        heading's outline number, as in '3.1 General conditions', is not part of it). Shared: read-only."""
        if pattern not in self._found:  # the checklist asks again for the same headings
            rx = re.compile(pattern, re.I)
            self._found[pattern] = [s for s in self.sections if s.heading and rx.search(unnumbered(s.heading))]
        return self._found[pattern]

    @cached_property
    def _found(self) -> dict[str, list[Section]]:
        return {}

    def bullets_under(self, pattern: str) -> list[str]:
        return [b for s in self.find(pattern) for b in s.bullets]

    def outline(self) -> list[tuple[str, str]]:
        """Every element in reading order as (kind, text), kind 'heading', 'bullet' or 'text'. Shared, like
        the document: treat it as read-only."""
        return self._outline

    @cached_property  # several rules walk it: built once per document
    def _outline(self) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for s in self.sections:
            if s.heading:
                out.append(("heading", s.heading))
            out.extend(("bullet" if line.bullet else "text", line.text) for line in s.lines)
        return out


class _Builder:
    """Walks the lines once, keeping just enough state to join wraps and nest bullets."""

    def __init__(self, lines: list[str]):
        self.raw = lines
        self.sections = [Section("")]
        self.labels: dict[str, str] = {}
        self.indents: list[int] = []  # indents of the open bullet levels
        self.blank_before = True
        self.last_closed = True  # the last line was a heading or a consumed label value
        # Lines that continue the last one, joined to it once it is complete: joined one by one, and read
        # whole for each next line, a paragraph of many lines took quadratic time.
        self.wrapped: list[str] = []
        self.wrapped_length = 0

    @property
    def last(self) -> Line | None:
        lines = self.sections[-1].lines
        return lines[-1] if lines else None

    @property
    def last_end(self) -> str:
        """The end of the last line's text, which is all that says whether the next line continues it: the
        last line that wrapped onto it (stripped, not empty), else its whole text."""
        return self.wrapped[-1] if self.wrapped else self.last.text

    def join_wrapped(self) -> None:
        if self.wrapped:
            self.last.text = " ".join([self.last.text, *self.wrapped])
            self.wrapped, self.wrapped_length = [], 0

    def add_label(self, label: str, value: str) -> None:
        self.labels.setdefault(label, value)

    def add_heading(self, text: str) -> None:
        self.join_wrapped()
        parts = label_parts(text)  # "## Deadline for registration: 17 February 2026"
        if parts:
            self.add_label(*parts)
        self.sections.append(Section(text))
        self.indents = []
        self.last_closed = True

    def add_line(self, text: str, bullet: bool = False, indent: int = 0) -> None:
        self.join_wrapped()
        depth = 0
        if bullet:
            while self.indents and self.indents[-1] > indent:
                self.indents.pop()
            if not self.indents or self.indents[-1] < indent:
                self.indents.append(indent)
            depth = len(self.indents) - 1
            text = INNER_MARKER.sub("", text)
            parts = label_parts(text)
            if parts:
                self.add_label(*parts)
        self.sections[-1].lines.append(Line(text.strip(), bullet, depth))
        self.last_closed = False

    def is_wrap(self, line: str) -> bool:
        """Does this line continue the previous bullet or paragraph (PDF line wrap, page break)?"""
        last = self.last
        if last is None or self.last_closed:
            return False
        if self.blank_before:  # a page break between the halves of a sentence; a short line is a title,
            # not half a sentence ("Chargé(e) de communication" / "à la DG COMM de la Commission")
            return (line.lstrip()[:1].islower() and not ends_sentence(self.last_end)
                    and (len(last.text) + self.wrapped_length >= 60 or continues(self.last_end)))
        indent = len(line) - len(line.lstrip())
        return last.bullet and indent > (self.indents[-1] if self.indents else 0) or wraps(self.last_end, line)

    def _at(self, i: int) -> str:
        return self.raw[i].strip() if i < len(self.raw) else ""

    def _can_pair(self, i: int) -> bool:
        """Line i a short label, line i+1 its value, then a break (blank, heading or label line)."""
        line, value, after = self._at(i), self._at(i + 1), self._at(i + 2)
        if (not label_likeness(line) or md_heading(self.raw[i]) is not None or not value or BULLET.match(value)
                or label_parts(value) or value.endswith(":") or len(words_of(value)) > 12 or continues(value)):
            return False
        return not after or bool(heading_text(after) or label_parts(after))

    def label_pair(self, i: int, line: str) -> bool:
        """'Position' on one line and 'Junior Project Manager Officer' on the next. Where a run of
        short lines allows two readings, the likelier label wins ('Position' over a title)."""
        if not self._can_pair(i):
            return False
        value = self._at(i + 1)
        if label_likeness(value) > label_likeness(line) and self._can_pair(i + 1):
            return False
        heading = clean_heading(line)
        self.add_heading(heading)
        self.add_label(heading.lower(), value)
        self.add_line(value)
        self.last_closed = True
        return True

    def feed(self, i: int, line: str) -> int:
        """Consume line i; returns how many lines were used."""
        if not line.strip() or SEPARATOR.match(line):
            self.blank_before = True
            return 1
        used = 1
        bullet, numbered = BULLET.match(line), NUMBERED.match(line)
        table = TABLE_ROW.match(line) if "|" in line else None
        parts = label_parts(line)
        strong, heading = headings(line)
        if table:
            cells = [c.strip() for c in table[1].split("|")]
            if len(cells) == 2 and all(cells) and not set(cells[0]) <= set("-: "):
                self.add_label(cells[0].lower().rstrip(":"), cells[1])
                self.add_line(f"{cells[0]}: {cells[1]}")
        elif strong and not bullet:
            if self.label_pair(i, line):
                used = 2
            else:
                self.add_heading(strong)
        elif numbered_heading(line) or numbered and self._numbered_heading(i, numbered["text"]):
            self.add_heading(clean_heading(line))
        elif bullet and not ARROW.match(line):
            self.add_line(bullet["text"], bullet=True, indent=len(bullet["indent"]))
        elif parts:
            self.add_label(*parts)
            self.add_line(line.strip())
        elif self.is_wrap(line):
            self.wrapped.append(line.strip())
            self.wrapped_length += 1 + len(self.wrapped[-1])
        elif heading and not self._mid_sentence():
            if self.label_pair(i, line):
                used = 2
            else:
                self.add_heading(heading)
        else:
            self.add_line(line.strip())
        self.blank_before = False
        return used

    def _mid_sentence(self) -> bool:
        last = self.last
        return not self.blank_before and last is not None and not self.last_closed and continues(self.last_end)

    def _numbered_heading(self, i: int, rest: str) -> bool:
        """'1. Selection' or 'a) Eligibility criteria' between blank lines is a heading of an annex or
        a form, not a one-item list."""
        nxt = self.raw[i + 1].strip() if i + 1 < len(self.raw) else ""
        return self.blank_before and not nxt and len(words_of(rest)) <= 8 and title_like(rest) and not rest.endswith(":")

    def build(self) -> Document:
        i = 0
        while i < len(self.raw):
            i += self.feed(i, self.raw[i])
        self.join_wrapped()
        sections = [s for s in self.sections if s.heading or s.lines]
        return Document(sections, self.labels)


@lru_cache(maxsize=8)  # parse(), the language rule and the checklist all read the same text's outline
def read_document(text: str) -> Document:
    """The outline of text. Shared between callers of the same text: treat it as read-only."""
    return _Builder(normalise_text(text).splitlines()).build()


def split_sections(text: str) -> list[Section]:
    return read_document(text).sections
