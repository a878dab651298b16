"""Modal forms that edit more than one line: notes, one field of a posting, a vacancy typed by hand."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual import on
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList, TextArea
from textual.widgets.option_list import Option

from ..formatting import printable
from .dialogs import DialogScreen, plain


class NotesEditor(DialogScreen[str | None]):
    """Free text. ctrl+s saves; Esc leaves, asking first when there are changes to lose."""

    DEFAULT_CSS = """
    NotesEditor > #dialog { width: 90%; max-width: 100; height: 80%; }
    NotesEditor TextArea { height: 1fr; }
    """
    BINDINGS = [Binding("ctrl+s", "save", "Save", show=False)]
    HINT = "ctrl+s save · Esc cancel"

    def __init__(self, title: str, text: str) -> None:
        super().__init__(title)
        self._text = text

    def compose_body(self) -> Iterable[Widget]:
        yield TextArea(self._text, soft_wrap=True, language=None, show_line_numbers=False)

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.cancel_unless_changed(self.query_one(TextArea).text != self._text)


class FieldEditor(DialogScreen[tuple[str, str] | None]):
    """Pick a field from a list, then edit its text; check(name, text) may refuse it with a message."""

    DEFAULT_CSS = """
    FieldEditor > #dialog { width: 72; }
    FieldEditor OptionList { text-wrap: nowrap; text-overflow: ellipsis; }
    FieldEditor Input { display: none; }
    FieldEditor.-editing Input { display: block; }
    FieldEditor.-editing OptionList { display: none; }
    """
    HINT = "↑↓ Enter edit · Esc cancel"
    EDIT_HINT = "Enter save · Esc back to the fields"

    def __init__(self, fields: list[tuple[str, str]], check: Callable[[str, str], str | None]) -> None:
        super().__init__("Edit a field")
        self._fields = dict(fields)
        self._check = check
        self._editing: str | None = None

    def compose_body(self) -> Iterable[Widget]:
        yield OptionList(*(self._option(name, value) for name, value in self._fields.items()))
        yield Input()

    @staticmethod
    def _option(name: str, value: str) -> Option:
        shown = plain(value) if value else Content.styled("—", "dim")
        return Option(Content.assemble((printable(name), "bold"), ": ", shown), id=name)

    @on(OptionList.OptionSelected)
    def picked(self, event: OptionList.OptionSelected) -> None:
        self._editing = event.option_id
        self.add_class("-editing")
        self.set_title(f"Edit {self._editing}")
        self.set_hint(self.EDIT_HINT)
        field = self.query_one(Input)
        field.value = self._fields[self._editing]
        field.focus()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        assert self._editing is not None
        error = self._check(self._editing, event.value)
        if error:
            self.show_error(error)
        else:
            self.dismiss((self._editing, event.value))

    @on(Input.Changed)
    def edited(self) -> None:
        self.show_error(None)

    def action_cancel(self) -> None:
        if self._editing is None:
            self.dismiss(None)
            return
        self._editing = None
        self.remove_class("-editing")
        self.show_error(None)
        self.set_title("Edit a field")
        self.set_hint(self.HINT)
        self.query_one(OptionList).focus()


class AddVacancy(DialogScreen[dict | None]):
    """A vacancy typed by hand. Enter moves to the next field and submits on the last; a title is required."""

    FIELDS = (
        ("title", "Title", "required"),
        ("institution", "Institution", "e.g. European Commission"),
        ("reference", "Reference", "e.g. COM/2026/123"),
        ("deadline", "Deadline", "dd/mm/yyyy or dd/mm/yyyy hh:mm"),  # a form: a date here read as typed
        ("apply_to", "Apply to", "e-mail or URL"),
        ("notes", "Notes", ""),
    )
    DEFAULT_CSS = """
    AddVacancy > #dialog { width: 72; }
    AddVacancy .field { height: 1; margin-bottom: 1; }
    AddVacancy .field Label { width: 13; }
    AddVacancy .field Input { width: 1fr; }
    """
    BINDINGS = [Binding("ctrl+s", "submit", "Add", show=False)]
    HINT = "Tab/Enter next · ctrl+s add · Esc cancel"

    def __init__(self) -> None:
        super().__init__("Add a vacancy")

    def compose_body(self) -> Iterable[Widget]:
        for key, label, placeholder in self.FIELDS:
            with Horizontal(classes="field"):  # marked while its input has the focus (DialogScreen)
                yield Label(label)
                yield Input(placeholder=placeholder, id=key, compact=True)

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        if event.input.id == self.FIELDS[-1][0]:
            self.action_submit()
        else:
            self.focus_next()

    @on(Input.Changed, "#title")
    def title_edited(self) -> None:
        self.show_error(None)

    def action_submit(self) -> None:
        values = {key: self.query_one(f"#{key}", Input).value.strip() for key, _, _ in self.FIELDS}
        if not values["title"]:
            self.show_error("A title is needed.")
            self.query_one("#title", Input).focus()
            return
        self.dismiss(values)
