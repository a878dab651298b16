"""Small modal dialogs: pick a status or one of a few choices, type one line, confirm. All share one frame
(DialogScreen)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import ClassVar, TypeVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from eujobs.store.model import STATUSES

from ..formatting import printable

ResultType = TypeVar("ResultType")


def plain(text: str) -> Content:
    """User or posting text for the screen: never markup, escape codes shown not obeyed."""
    return Content(printable(text))


class DialogScreen(ModalScreen[ResultType]):
    """A centred box: a one-line title, the dialog's body, an inline error line and a line of key hints.

    Esc dismisses with CANCELLED. Subclasses give the body (compose_body) and the hint.
    """

    DEFAULT_CSS = """
    DialogScreen { align: center middle; }
    DialogScreen > #dialog {
        width: 64; max-width: 100%; height: auto; max-height: 100%;
        padding: 0 1; border: round $primary; background: $surface;
    }
    DialogScreen #dialog-title { text-style: bold; text-wrap: nowrap; text-overflow: ellipsis; }
    DialogScreen #dialog-error { color: $error; display: none; }
    DialogScreen #dialog-error.-shown { display: block; }
    DialogScreen #dialog-hint { color: $text-muted; text-wrap: nowrap; text-overflow: ellipsis; }
    DialogScreen .field.-focused Label { text-style: bold reverse; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", show=False)]
    CANCELLED: ClassVar[object] = None
    HINT: ClassVar[str] = "Enter OK · Esc cancel"

    def __init__(self, title: str) -> None:
        super().__init__()
        self._heading = title

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(plain(self._heading), id="dialog-title", markup=False)
            yield from self.compose_body()
            yield Static(id="dialog-error", markup=False)
            yield Static(Content(self.HINT), id="dialog-hint", markup=False)

    def compose_body(self) -> Iterable[Widget]:
        """The widgets between the title and the error line."""
        raise NotImplementedError

    @on(events.DescendantFocus)
    def mark_the_focused_field(self, event: events.DescendantFocus) -> None:
        """In a form, whose fields are each a container of class `field` (a label and its input), mark the
        one holding the focus (-focused: its label shows reversed), and no other. A class: Textual restyles no
        sibling for :focus-within, so a label styled by it stayed marked once the focus had moved on."""
        for field in self.query(".field"):
            field.set_class(field is event.widget.parent, "-focused")

    def set_title(self, title: str) -> None:
        self.query_one("#dialog-title", Static).update(plain(title))

    def set_hint(self, hint: str) -> None:
        self.query_one("#dialog-hint", Static).update(Content(hint))

    def show_error(self, message: str | None) -> None:
        """Say what is wrong on the error line (a symbol too: not by colour alone); None clears it."""
        line = self.query_one("#dialog-error", Static)
        line.update(plain(f"✗ {message}") if message else "")
        line.set_class(bool(message), "-shown")

    def action_cancel(self) -> None:
        self.dismiss(self.CANCELLED)

    def cancel_unless_changed(self, changed: bool) -> None:
        """Cancel at once when nothing was typed; otherwise ask before throwing the typing away."""
        if not changed:
            self.dismiss(self.CANCELLED)
            return

        def discard(yes: bool | None) -> None:
            if yes:
                self.dismiss(self.CANCELLED)

        self.app.push_screen(Confirm("Discard your changes?", yes="Discard"), discard)


class StatusPicker(DialogScreen[str | None]):
    """Choose one of STATUSES: a digit picks at once (1..9, 0 for the tenth), or arrows and Enter."""

    HINT = "1-9 0 pick · ↑↓ Enter · Esc cancel"
    # Digits 1..9 then 0: the keyboard's own order, so the tenth status is on 0.
    BINDINGS = [
        Binding(str((index + 1) % 10), f"pick({index})", show=False) for index in range(len(STATUSES))
    ]

    def __init__(self, current: str | None, title: str = "Set status") -> None:
        super().__init__(title)
        self._current = current  # None: nothing to mark, as when choosing a status to show

    def compose_body(self) -> Iterable[Widget]:
        options = []
        for index, status in enumerate(STATUSES):
            digit = str((index + 1) % 10)
            mark = ("  ◂ current", "italic") if status == self._current else ""
            options.append(Option(Content.assemble((digit, "bold"), " ", status, mark), id=status))
        yield OptionList(*options, id="statuses")

    def on_mount(self) -> None:
        if self._current in STATUSES:
            self.query_one(OptionList).highlighted = STATUSES.index(self._current)

    def action_pick(self, index: int) -> None:
        self.dismiss(STATUSES[index])

    @on(OptionList.OptionSelected)
    def picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_id)


class ChoicePicker(DialogScreen[int | None]):
    """Choose one of a few (what, value) pairs, shown literally: a digit picks at once, or arrows and Enter.
    The chosen pair's index is the result."""

    HINT = "↑↓ Enter · Esc cancel"  # after the digits that pick, as many as there are choices (on_mount)
    BINDINGS = [Binding(str(number), f"pick({number - 1})", show=False) for number in range(1, 10)]

    def __init__(self, title: str, choices: list[tuple[str, str]]) -> None:
        super().__init__(title)
        self._choices = choices

    def on_mount(self) -> None:
        last = min(len(self._choices), 9)
        self.set_hint(f"{'1' if last == 1 else f'1-{last}'} pick · {self.HINT}")

    def compose_body(self) -> Iterable[Widget]:
        width = max(len(what) for what, _ in self._choices)  # the values in a column
        yield OptionList(*[Option(Content.assemble((str(number), "bold"), f" {what:<{width}}  ",
                                                   (printable(value), "italic")))
                           for number, (what, value) in enumerate(self._choices, start=1)])

    def action_pick(self, index: int) -> None:
        if index < len(self._choices):
            self.dismiss(index)

    @on(OptionList.OptionSelected)
    def picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)


class TextPrompt(DialogScreen[str | None]):
    """One line of text. Enter returns it unless validate(text) gives an error message, shown inline."""

    def __init__(
        self,
        title: str,
        value: str = "",
        placeholder: str = "",
        validate: Callable[[str], str | None] | None = None,
    ) -> None:
        super().__init__(title)
        self._value = value
        self._placeholder = placeholder
        self._validate = validate

    def compose_body(self) -> Iterable[Widget]:
        yield Input(self._value, placeholder=self._placeholder)

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        error = self._validate(event.value) if self._validate else None
        if error:
            self.show_error(error)
        else:
            self.dismiss(event.value)

    @on(Input.Changed)
    def edited(self) -> None:
        self.show_error(None)


class Confirm(DialogScreen[bool]):
    """A yes/no question. Focus starts on No, so a stray Enter keeps things; y says yes."""

    DEFAULT_CSS = """
    Confirm #dialog-title { text-wrap: wrap; max-height: 6; }
    Confirm #buttons { height: auto; align-horizontal: right; }
    Confirm #buttons Button { margin-left: 2; }
    """
    BINDINGS = [
        Binding("y", "answer(True)", show=False),
        Binding("n", "answer(False)", show=False),
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
    ]
    AUTO_FOCUS = "#no"
    CANCELLED = False
    HINT = "y yes · n/Esc no · ←→ Enter"

    def __init__(self, question: str, yes: str = "Delete") -> None:
        super().__init__(question)
        self._yes = yes

    def compose_body(self) -> Iterable[Widget]:
        with Horizontal(id="buttons"):
            yield Button(Content(f"{self._yes} (y)"), variant="error", id="yes")
            yield Button(Content("No (n)"), id="no")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")
