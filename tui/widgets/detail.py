"""The detail pane: a posting's key facts on top, then its full text section by section."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timezone

from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from store.model import Posting, Vacancy
from store.parse.sections import Line, Section, split_sections

from ..formatting import countdown, deadline_text, printable

# A block of text is a lead ("Deadline", "• ") and a body; lines the body wraps onto start under the body.
Block = tuple[Content, Content]

LABEL_WIDTH = 12
EDITED_MARK = " ✎"


class HangingText(Widget):
    """Blocks of text wrapped with a hanging indent, so a long value stays in its column.

    One widget whatever the length of the text: Textual lays it out as a single Content.
    """

    DEFAULT_CSS = """
    HangingText {
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._blocks: list[Block] = []
        self._wrapped: tuple[int, list[Content]] = (-1, [])

    def show(self, blocks: Iterable[Block]) -> None:
        self._blocks = list(blocks)
        self._wrapped = (-1, [])
        self.refresh(layout=True)

    def lines(self, width: int) -> list[Content]:
        """The blocks wrapped to `width` cells, one Content per screen line (cached per width)."""
        if self._wrapped[0] != width:
            self._wrapped = (width, list(_wrap_blocks(self._blocks, width)))
        return self._wrapped[1]

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.content_size.width))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))


def _wrap_blocks(blocks: list[Block], width: int) -> Iterable[Content]:
    for lead, body in blocks:
        indent = lead.cell_length
        # A lead wider than the pane would leave no room: let the body use the whole width below it.
        room = width - indent if width - indent >= 10 else width
        wrapped = body.wrap(max(room, 1)) if body else [Content("")]
        if room == width and lead:
            yield lead
            yield from wrapped
            continue
        yield lead + wrapped[0]
        pad = Content(" " * indent)
        yield from (pad + line for line in wrapped[1:])


def muted(text: str) -> Content:
    return Content.styled(text, "$text-muted")


def label(text: str) -> Content:
    return Content.styled(text.ljust(LABEL_WIDTH), "bold")


class DetailPane(VerticalScroll, can_focus=True):
    """What the posting says. Scrolls with the usual keys; the screen loads `text` (it may come later)."""

    DEFAULT_CSS = """
    DetailPane {
        padding: 0 1;
    }
    """

    vacancy: reactive[Vacancy | None] = reactive(None, always_update=True)
    text: reactive[str] = reactive("")
    now: reactive[datetime] = reactive(lambda: datetime.now(timezone.utc))

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._body = HangingText()
        self._sections: tuple[str, list[Section]] = ("", [])

    def compose(self):
        yield self._body

    def watch_vacancy(self, old: Vacancy | None, new: Vacancy | None) -> None:
        if old is None or new is None or old.id != new.id:
            self.scroll_home(animate=False, immediate=True)
        self._show()

    def watch_text(self) -> None:
        self._show()

    def watch_now(self) -> None:
        self._show()

    def _show(self) -> None:
        vacancy = self.vacancy
        if vacancy is None:
            self._body.show([(Content(), muted("Select a vacancy"))])
            return
        self._body.show([*fact_blocks(vacancy, self.now), *self._section_blocks()])

    def _section_blocks(self) -> Iterable[Block]:
        # Splitting a long posting is the costly part; `now` ticks every minute and must not redo it.
        if self._sections[0] != self.text:
            self._sections = (self.text, split_sections(self.text))
        return section_blocks(self._sections[1])


def fact_blocks(vacancy: Vacancy, now: datetime) -> Iterable[Block]:
    posting = vacancy.posting
    edited = set(vacancy.edited)

    def mark(value: Content, *fields: str) -> Content:
        return value + EDITED_MARK if edited.intersection(fields) else value

    yield Content(), mark(Content.styled(printable(posting.title), "bold"), "title")
    yield Content(), Content()
    for name, value, fields in _facts(posting, now):
        yield label(name), mark(value, *fields)


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
    return Content.assemble(deadline_text(deadline), " · ", (left, style))


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
