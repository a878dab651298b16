"""The detail pane: a posting's key facts on top, how the profile fits it (the verdicts grouped as fails, to
confirm, met), then its full text section by section."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING

from textual.cache import LRUCache
from textual.content import Content
from textual.reactive import reactive

from eujobs.store.eligibility.rules import CHECK, FAILS, MEETS, Fit, Verdict
from eujobs.store.eligibility.verdict import (
    ELIGIBLE,
    NOT_CHECKED,
    NOT_CHECKED_REASON,
    NOT_ELIGIBLE,
    RULE_NAMES,
    TO_CONFIRM,
)
from eujobs.store.model import Posting, Vacancy
from eujobs.store.parse.sections import Line, Section, split_sections

from ..formatting import countdown, deadline_text, printable
from .checklist import OVERRIDDEN, VERDICT_MARKS, reason_text
from .line_view import NO_BREAK_SPACE
from .text_pane import Block, VacancyTextPane, label, muted, wrap_blocks

if TYPE_CHECKING:
    from ..read_ahead import PaneLines, ReadAhead

EDITED_MARK = NO_BREAK_SPACE + "✎"  # on the line of the value's last word, never alone on the next
KEPT_TEXTS = 32  # wrapped texts kept: those read ahead around the cursor, at one width or two


class DetailPane(VacancyTextPane):
    """What the posting says. Scrolls with the usual keys; the vacancy view reads `text` (it may come later)."""

    text: reactive[str] = reactive("", repaint=False)  # repainted by the line, see LineView
    # How the profile fits the vacancy, set with it (just before it) by the vacancy view; None without a profile.
    verdicts: reactive[dict[str, Verdict]] = reactive(dict, repaint=False)
    fit: reactive[Fit | None] = reactive(None, repaint=False)
    SHOWN_AT_ONCE = False  # its text follows in the same step

    def __init__(self, *, id: str | None = None, classes: str | None = None,
                 read_ahead: ReadAhead | None = None) -> None:
        super().__init__(id=id, classes=classes, read_ahead=read_ahead)
        # Splitting and wrapping a long posting is the costly part of showing it (7 ms): kept for the texts
        # read ahead around the cursor, wrapped beforehand, and for `now`, which ticks every minute.
        self._text_lines: LRUCache[tuple[str, int], list[Content]] = LRUCache(maxsize=KEPT_TEXTS)

    def watch_text(self) -> None:
        self.show(at_once=True)

    def wrap(self, vacancy: Vacancy | None, width: int) -> list[Content]:
        if vacancy is None:
            return super().wrap(vacancy, width)
        lines = self._text_lines.get((self.text, width))
        if lines is None:
            lines = self._text_lines[self.text, width] = text_lines(self.text, width)
        return detail_lines(vacancy, width, self.now, lines, self.verdicts, self.fit)

    def lines_ahead(self, lines: PaneLines) -> list[Content]:
        return lines.detail

    def keep_wrapped(self, text: str, width: int, lines: list[Content]) -> None:
        """The text's lines as text_lines(text, width) gave them elsewhere (a worker, ahead of the cursor)."""
        self._text_lines[text, width] = lines


def detail_lines(vacancy: Vacancy, width: int, now: datetime, text_lines: list[Content],
                 verdicts: dict[str, Verdict] | None = None, fit: Fit | None = None) -> list[Content]:
    """The pane's lines for `vacancy`, its text already wrapped (text_lines), as DetailPane lays them out, with how
    the profile fits it when there is one (fit, and the verdicts grouped); pure, so a worker may."""
    blocks = fact_blocks(vacancy, now)
    if fit is not None:
        blocks = [*blocks, *fit_blocks(vacancy, verdicts or {}, fit)]
    return [*wrap_blocks(blocks, width), *text_lines]


def text_lines(text: str, width: int) -> list[Content]:
    """A posting's text as the pane shows it under the facts, wrapped to `width`; pure, so a worker may."""
    return list(wrap_blocks(section_blocks(split_sections(text)), width))


def fact_blocks(vacancy: Vacancy, now: datetime) -> Iterable[Block]:
    posting = vacancy.posting
    edited = set(vacancy.edited)

    def mark(value: Content, *fields: str) -> Content:
        return value + EDITED_MARK if edited.intersection(fields) else value

    yield Content(), mark(Content.styled(printable(posting.title), "bold"), "title")
    yield Content(), Content()
    for name, value, fields in _facts(posting, now):
        yield label(name), mark(value, *fields)
    if vacancy.source.url:  # where eujobs read it (eujobs import URL, a watch): data, shown as it is
        yield label("Source"), Content(printable(vacancy.source.url))


FIT_LOOKS = {ELIGIBLE: ("✓", "$success"), TO_CONFIRM: ("✓", "$warning"), NOT_ELIGIBLE: ("✗", "$error"),
             NOT_CHECKED: ("?", "$text-muted")}
GROUPS = (("Fails", FAILS), ("To confirm", CHECK), ("Met", MEETS))
NAME_WIDTH = 48  # of an item's text before its reason; the reason says the rest


def fit_blocks(vacancy: Vacancy, verdicts: dict[str, Verdict], fit: Fit) -> Iterable[Block]:
    """'Fit  ✓ eligible, 2 to confirm', then the verdicts under Fails, To confirm and Met, each as the rule's
    words and the reason; an item the user ticked is met, as the fit counts it."""
    symbol, style = FIT_LOOKS[fit.state]
    said = f"{fit.text}: {NOT_CHECKED_REASON}" if fit.state == NOT_CHECKED else fit.text
    yield Content(), Content()
    yield label("Fit"), Content.styled(f"{symbol} {said}", f"bold {style}")
    names = {item.id: item.text for item in vacancy.checklist}
    ticked = {item.id for item in vacancy.checklist if item.done}
    for heading, kind in GROUPS:
        rows = [(key, verdict) for key, verdict in verdicts.items()
                if (MEETS if key in ticked else verdict.verdict) == kind]
        for number, (key, verdict) in enumerate(rows):
            mark, colour = VERDICT_MARKS[verdict.verdict if key not in ticked else MEETS]
            name = " ".join(printable(RULE_NAMES.get(key) or names.get(key, key)).split())
            name = name if len(name) <= NAME_WIDTH else name[:NAME_WIDTH - 1] + "…"
            why = f"{OVERRIDDEN} · {verdict.reason}" if key in ticked and verdict.verdict != MEETS else verdict.reason
            yield (label(heading if number == 0 else ""),
                   Content.assemble((f"{mark} ", colour), name, (f" · {reason_text(why)}", "$text-muted")))


def _facts(posting: Posting, now: datetime) -> Iterable[tuple[str, Content, tuple[str, ...]]]:
    """(label, value, the editable fields the value shows), for the facts the posting states."""

    def plain(*parts: str | None) -> Content | None:
        given = [printable(part) for part in parts if part]
        return Content(" / ".join(given)) if given else None

    apply = posting.apply
    rows: list[tuple[str, Content | None, tuple[str, ...]]] = [
        ("Job title", plain(posting.job_title) if posting.job_title != posting.title else None, ("job_title",)),
        ("Institution", plain(posting.institution), ("institution",)),
        ("Department", plain(posting.department, posting.unit), ("department", "unit")),
        ("Location" + ("s" if len(posting.locations) > 1 else ""), plain(", ".join(posting.locations)),
         ("locations",)),
        ("Domain", plain(posting.domain), ("domain",)),
        ("Contract", _contract(posting), ("kind", "contract_type", "grade")),
        ("Deadline", _deadline(posting.deadline, now), ("deadline",)),
        ("Reference", plain(posting.reference), ("reference",)),
        ("Period", _period(posting), ("start_date", "duration", "end_date")),
        ("Languages", plain(", ".join(f"{lang.language} {lang.level or ''}".strip() for lang in posting.languages)),
         ("languages",)),
        ("Experience", _experience(posting.min_experience_years), ("min_experience_years",)),
        ("Education", plain(posting.education), ("education",)),
        ("Apply by", plain(f"e-mail to {apply.email}" if apply.email else None, apply.url), ("apply",)),
        ("Subject", plain(apply.subject), ("apply",)),
        ("Documents", plain(", ".join(apply.documents)), ()),
        ("Applicants", plain(str(posting.applicants) if posting.applicants is not None else None), ("applicants",)),
    ]
    return [(name, value, fields) for name, value, fields in rows if value is not None]


def _contract(posting: Posting) -> Content | None:
    kind = posting.kind.replace("_", " ") if posting.kind != "other" else None
    parts = [printable(part) for part in (kind, posting.contract_type, posting.grade) if part]
    return Content(" · ".join(parts)) if parts else None


def _deadline(deadline: datetime | date | None, now: datetime) -> Content:
    if deadline is None:
        return muted("not stated")
    left = countdown(deadline, now)
    style = "$text-muted" if left == "closed" else "bold $warning" if left.startswith(("today", "tomorrow")) else ""
    # "in 10 d" is one thing: never "in 10" on a line and "d" below it.
    return Content.assemble(deadline_text(deadline), " · ", (left.replace(" ", NO_BREAK_SPACE), style))


def _period(posting: Posting) -> Content | None:
    parts = [
        f"starts {posting.start_date:%d/%m/%Y}" if posting.start_date else None,
        printable(posting.duration) if posting.duration else None,
        f"ends {posting.end_date:%d/%m/%Y}" if posting.end_date else None,
    ]
    given = [part for part in parts if part]
    return Content(" · ".join(given)) if given else None


def _experience(years: float | None) -> Content | None:
    if years is None:
        return None
    if years == 0:
        return Content("none required")
    number = f"{years:g}"
    return Content(f"at least {number} year{'' if years == 1 else 's'}")


def section_blocks(sections: list[Section]) -> Iterable[Block]:
    for section in sections:
        yield Content(), Content()
        if section.heading:
            yield Content(), Content.styled(printable(section.heading), "bold $accent")
        previous: Line | None = None
        for line in section.lines:
            # Paragraphs get a blank line around them, as on paper; bullets and short
            # "Label: value" lines stay together.
            if previous is not None and (_is_paragraph(line) or _is_paragraph(previous)):
                yield Content(), Content()
            lead = Content("  " * line.depth + "• ") if line.bullet else Content()
            yield lead, Content(printable(line.text))
            previous = line


def _is_paragraph(line: Line) -> bool:
    return not line.bullet and len(line.text) > 60
