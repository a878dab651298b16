"""The fields a posting states by a label, found by the shape of its lines before any sentence is read.

The shapes, as EU postings come:
- "Label: value", "Label : value" (French spacing), "**Label:** value" (bold is gone by now);
- a label alone on its line and the value on the next ones, with or without a blank line between: EU Careers
  pages ("Deadline" / "" / "09/07/2024 - 12:00 (Brussels time)"), saved HTML definition lists;
- a row of a flattened table, each cell closed by "|" (the Official Journal): "Title of function |" / "Adviser |";
- a label of several words with no colon, as a PDF table flattens it: "Place of work Brussels";
- several pairs run together on one line (a PDF form read as one paragraph): "Post: X Location: Y".
Only the labels store.parse.labels knows count: "Note: ..." is a sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from eujobs.store.parse.labels import LONGEST, fields_of, label_key, may_start_a_label
from eujobs.store.parse.lines import label_parts, normalise_text

_MAX_EXTRA_LINES = 3  # a value under its label: the first line, and a few short ones after it
_SHORT = 10  # words
_LABEL_REACH = 160  # characters before a colon where its label may start
_LONGEST_LABEL = 90  # characters of a label alone on its line
_LONGEST_BARE_PAIR = 160  # characters of a line that a label opens without a colon


@dataclass(frozen=True)
class Field:
    label: str  # as written, without its colon
    value: str  # lines of a value under its label are joined by "\n"
    line: int  # 1-based, of the label

    def source(self) -> str:
        return f'line {self.line}, label "{self.label}"'


class Fields:
    def __init__(self, found: list[tuple[tuple[str, ...], Field]]):
        self._by_field: dict[str, list[Field]] = {}
        for names, found_field in found:
            for name in names:
                self._by_field.setdefault(name, []).append(found_field)

    def first(self, name: str) -> Field | None:
        found = self._by_field.get(name)
        return found[0] if found else None

    def all(self, name: str) -> list[Field]:
        return self._by_field.get(name, [])


def _cell(line: str) -> str:
    """A line without the "|" that closes a table cell."""
    line = line.strip()
    return line[:-1].rstrip() if line.endswith("|") else line


def _label_before(text: str, end: int) -> tuple[int, tuple[str, ...]] | None:
    """The longest known label that ends at text[end] (a colon stands there): where it starts, its fields."""
    window = max(0, end - _LABEL_REACH)  # a label is a few words: a long line is not split again for each colon
    words = text[window:end].split()
    if window and not text[window - 1].isspace():
        words = words[1:]  # (a word the window cut)
    for n in range(min(LONGEST, len(words)), 0, -1):
        names = fields_of(" ".join(words[-n:]))
        if names:
            start = end
            for word in reversed(words[-n:]):
                start = text.rfind(word, 0, start)
            return start, names
    return None


def _pairs_in_line(line: str, number: int) -> list[tuple[tuple[str, ...], Field]]:
    """Every "Label: value" of a line, each value running to the next label."""
    labels = []  # (start, end of the colon, fields)
    colon = line.find(":")
    while colon >= 0:
        if not line.startswith("//", colon + 1):  # not "https://"
            found = _label_before(line, colon)
            if found and (not labels or found[0] >= labels[-1][1]):
                labels.append((found[0], colon + 1, found[1]))
        colon = line.find(":", colon + 1)
    pairs = []
    for n, (start, end, names) in enumerate(labels):
        stop = labels[n + 1][0] if n + 1 < len(labels) else len(line)
        value = _cell(line[end:stop]).strip(" ;,")
        if value:
            pairs.append((names, Field(line[start:end - 1].strip(), value, number)))
    return pairs


def _bare_label(line: str) -> tuple[int, tuple[str, ...]] | None:
    """'Place of work Brussels' -> (where the label ends, fields): a known label of several words opening the
    line."""
    words = line.split()
    for n in range(min(LONGEST, len(words) - 1), 1, -1):
        label = " ".join(words[:n])
        names = fields_of(label)
        if names and " " in label_key(label):
            end = 0
            for word in words[:n]:
                end = line.index(word, end) + len(word)
            return end, names
    return None


def _value_under(lines: list[str], i: int) -> tuple[str, int] | None:
    """The value under a label alone on line i: its next non-blank line (at most two blank lines away), and the
    short lines right after it that are not labels; with the index of its last line."""
    j = i + 1
    while j < len(lines) and not lines[j].strip() and j - i <= 2:
        j += 1
    if j >= len(lines) or not lines[j].strip() or _is_label(lines[j]):
        return None
    values, last = [_cell(lines[j])], j
    k = j + 1
    while len(values) <= _MAX_EXTRA_LINES and k < len(lines):
        if not lines[k].strip():  # one blank line may stand between the lines of a value, not two
            if k + 1 >= len(lines) or not lines[k + 1].strip():
                break
            k += 1
        line = _cell(lines[k])
        if _is_label(line) or _is_pair(line) or len(line.split()) > _SHORT or line.endswith((".", ":", ";")):
            break
        values.append(line)
        last = k
        k += 1
    return "\n".join(v for v in values if v), last


def _is_pair(line: str) -> bool:
    """A "Label: value" line of a known label."""
    parts = label_parts(line)
    return bool(parts) and bool(fields_of(parts[0]))


def _is_label(line: str) -> bool:
    cell = _cell(line)
    return may_start_a_label(cell) and len(cell.split()) <= LONGEST and bool(fields_of(cell, alone=True))


@lru_cache(maxsize=8)  # parse() and several finders read the same text's fields
def read_fields(text: str) -> Fields:
    lines = normalise_text(text).split("\n")
    found: list[tuple[tuple[str, ...], Field]] = []
    i = 0
    while i < len(lines):
        line = _cell(lines[i])
        if not line:
            i += 1
            continue
        may_label = may_start_a_label(line)
        if may_label and len(line) <= _LONGEST_LABEL and _is_label(line):
            under = _value_under(lines, i)
            if under:
                found.append((fields_of(line), Field(line.rstrip(": "), under[0], i + 1)))
                i = under[1] + 1
                continue
        elif ":" in line and (pairs := _pairs_in_line(line, i + 1)):
            found += pairs
        elif may_label and len(line) <= _LONGEST_BARE_PAIR and (bare := _bare_label(line)):
            end, names = bare
            value = line[end:].strip(" :-–")
            if value:
                found.append((names, Field(line[:end], value, i + 1)))
        i += 1
    return Fields(found)
