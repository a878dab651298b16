"""What each command of tui/commands.py does. Mixed into MainScreen, whose state it reads and changes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual import work
from textual.widgets import Input

from eujobs.store.persistence.edit import FIELDS, date_change, field_change, field_text
from eujobs.store.outputs.export import export
from eujobs.store.model import HowToApply, Posting
from eujobs.store.query import SORTS
from eujobs.store.persistence.state import Change, add_item, delete_item, edit_item
from eujobs.store.persistence.storage import StoreError, write_atomically

from ..commands import COMMANDS, PANE_OF_SCOPE

PANE_ORDER = ("list", "detail", "checklist", "tracker")
NEEDS_VACANCY = {
    "copy", "edit_field", "toggle_item", "add_item", "edit_item", "delete_item", "set_status", "edit_notes", "set_dates",
}
SCOPE_OF_ACTION = {command.action: command.scope for command in COMMANDS}


def problem(check, *args) -> str | None:
    """Run a store check; its StoreError as the message a dialog shows, or None when all is well."""
    try:
        check(*args)
    except StoreError as error:
        return str(error)
    return None


# The dialogs and forms (a TextArea and its themes) and the date patterns are imported where first opened:
# together they were 25 ms of every start, before the first frame.
class VacancyActions:
    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """Hide what does not apply to the focused pane; dim what needs a vacancy when none is chosen."""
        pane = PANE_OF_SCOPE.get(SCOPE_OF_ACTION.get(action, "Anywhere"))
        if pane is not None and self.focused_pane != pane:
            return False
        if action in NEEDS_VACANCY and self.current is None:
            return None
        if action == "back":
            return bool(self.needle or self.query_one("#filter").display or (self.narrow and self.pane != "list"))
        return True

    # ------------------------------------------------------------------ anywhere

    def action_help(self) -> None:
        from ..commands import help_sections
        from .help import HelpScreen

        self.app.push_screen(HelpScreen(help_sections()))

    def action_quit(self) -> None:
        self.app.exit()

    def action_undo(self) -> None:
        if not self.undo_stack:
            self.notify("Nothing to undo.")
            return
        undo = self.undo_stack.pop()
        self.save(undo, undoable=False)
        self.notify(f"Undone: {_describe(undo)}", markup=False)

    def action_copy(self) -> None:
        posting = self.current.posting
        text = posting.apply.email or posting.apply.url or posting.reference or posting.title
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied {text}", markup=False)

    def action_focus_pane(self, number: int) -> None:
        name = PANE_ORDER[number - 1]
        if self.narrow:
            self.pane = name
        self.pane_widget(name).focus()

    def action_next_pane(self) -> None:
        self._step_pane(+1)

    def action_previous_pane(self) -> None:
        self._step_pane(-1)

    def _step_pane(self, step: int) -> None:
        here = PANE_ORDER.index(self.focused_pane or "list")
        self.action_focus_pane((here + step) % len(PANE_ORDER) + 1)

    def action_back(self) -> None:
        filter_input = self.query_one("#filter", Input)
        if self.focused is filter_input or self.needle:
            filter_input.value = ""
            filter_input.display = False
            self.needle = ""
            self.action_focus_pane(1)
        elif self.narrow and self.pane != "list":
            self.action_focus_pane(1)

    # ------------------------------------------------------------------ the list

    def action_filter(self) -> None:
        if self.narrow:
            self.pane = "list"
        filter_input = self.query_one("#filter", Input)
        filter_input.display = True
        filter_input.focus()

    def filter_typed(self, value: str) -> None:
        """The filter box's text as each key changes it (a watcher, not Input.Changed: the message came
        after the frame showing the key, so the filtered list waited for the next one)."""
        self.needle = value

    def on_input_submitted(self, message: Input.Submitted) -> None:
        if message.input.id == "filter":
            self.action_focus_pane(1)

    def action_status_filter(self) -> None:
        from .dialogs import StatusPicker

        if self.status_only is not None:
            self.status_only = None
            self.notify("Showing every status.")
            return

        def chosen(status: str | None) -> None:
            if status is not None:
                self.status_only = status
                self.notify(f"Showing only '{status}' (f again shows all).")

        self.app.push_screen(StatusPicker(None, "Show only the status"), chosen)

    def action_eligible_filter(self) -> None:
        if not self.only_eligible and self.profile.is_empty:
            self.notify("Fill in your profile first (p): it says which postings you can apply to.")
            return
        self.only_eligible = not self.only_eligible
        self.notify("Showing only postings you can apply to." if self.only_eligible else "Showing every posting.")

    def action_edit_profile(self) -> None:
        from .profile import ProfileForm

        def chosen(profile) -> None:
            if profile is not None:
                self.saver.submit(lambda: self.store.save_profile(profile), self, lambda _: self.load())

        self.app.push_screen(ProfileForm(self.profile), chosen)

    def action_export(self, fmt: str) -> None:
        path = Path.cwd() / f"eujobs-{self.now:%Y-%m-%d}.{fmt}"

        def write() -> Path:
            write_atomically(path, export(self.store.vacancies(), fmt, self.store.clock(), bom=fmt == "csv"))
            return path

        self.saver.submit(write, self, lambda written: self.notify(f"Wrote {written}", title="Export", markup=False))

    def action_sort(self) -> None:
        self.sort_by = SORTS[(SORTS.index(self.sort_by) + 1) % len(SORTS)]
        self.notify(f"Sorted by {self.sort_by}.")

    def action_import_path(self) -> None:
        from .dialogs import TextPrompt

        def chosen(path: str | None) -> None:
            if path:
                self.import_path(path)

        self.app.push_screen(TextPrompt("Import a posting file or folder", placeholder="~/Downloads/call.pdf"), chosen)

    @work(thread=True, group="import")
    def import_path(self, path: str) -> None:
        import os

        from eujobs.store.importer import import_paths

        outcomes = import_paths(self.store, [os.path.expanduser(path)])
        failed = [o for o in outcomes if o.failed]
        summary = f"{len(outcomes) - len(failed)} of {len(outcomes)} read"
        details = "; ".join(f"{os.path.basename(o.name)}: {o.reason}" for o in failed[:3])
        self.app.call_from_thread(
            self.notify, summary + (f". {details}" if details else "."), title="Import",
            severity="warning" if failed else "information", markup=False,
        )
        self.app.call_from_thread(self.load)

    def action_add_vacancy(self) -> None:
        from eujobs.store.parse.dates import parse_deadline

        from .forms import AddVacancy

        def chosen(form: dict | None) -> None:
            if form:
                posting = Posting(
                    title=form["title"], institution=form["institution"] or None, reference=form["reference"] or None,
                    deadline=parse_deadline(form["deadline"]) if form["deadline"] else None,
                    apply=HowToApply(email=form["apply_to"] if "@" in form["apply_to"] else None,
                                     url=form["apply_to"] if form["apply_to"] and "@" not in form["apply_to"] else None),
                )
                self.saver.submit(lambda: self._add_by_hand(posting, form["notes"]), self, lambda _: self.load())

        self.app.push_screen(AddVacancy(), chosen)

    def _add_by_hand(self, posting: Posting, notes: str) -> None:
        vacancy_id = self.store.add_by_hand(posting)
        if notes:
            self.store.apply(Change(vacancy_id, "notes", notes))

    def action_edit_field(self) -> None:
        from .forms import FieldEditor

        vacancy = self.current
        fields = [(name, field_text(vacancy, name)) for name in FIELDS]

        def chosen(result: tuple[str, str] | None) -> None:
            if result:
                change = field_change(vacancy, *result)
                self.save(change)

        self.app.push_screen(FieldEditor(fields, lambda name, text: problem(field_change, vacancy, name, text)), chosen)

    # ------------------------------------------------------------------ the checklist

    def action_toggle_item(self) -> None:
        # The pane's own key posts Toggled; this serves the command palette.
        from ..widgets.checklist import ChecklistPane

        self.query_one(ChecklistPane).action_toggle()

    def on_checklist_pane_toggled(self, message) -> None:
        self.save(Change(message.vacancy_id, f"tick:{message.item_id}", message.done))
        # Shown in the panes at once, before the save comes back: a second quick press must see the first,
        # or both would tick. The list catches up when the save does (redoing its rows here would slow the
        # save at 50,000 vacancies).
        vacancy = self.current
        if vacancy is not None and vacancy.id == message.vacancy_id:
            self._show(replace(vacancy, ticks={**vacancy.ticks, message.item_id: message.done}))

    def action_add_item(self) -> None:
        from .dialogs import TextPrompt

        vacancy = self.current

        def chosen(text: str | None) -> None:
            if text:
                change = add_item(vacancy, text)
                self.save(change)

        self.app.push_screen(TextPrompt("Your own checklist item", validate=lambda t: problem(add_item, vacancy, t)), chosen)

    def action_edit_item(self) -> None:
        from .dialogs import TextPrompt

        item, vacancy = self._checklist_item(), self.current
        if item is None:
            return

        def chosen(text: str | None) -> None:
            if text:
                change = edit_item(vacancy, item.id, text)
                self.save(change)

        self.app.push_screen(
            TextPrompt("Edit the item", value=item.text, validate=lambda t: problem(edit_item, vacancy, item.id, t)),
            chosen,
        )

    def action_delete_item(self) -> None:
        from .dialogs import Confirm

        item, vacancy = self._checklist_item(), self.current
        if item is None:
            return
        message = problem(delete_item, vacancy, item.id)
        if message:
            self.notify(message, severity="warning", markup=False)
            return

        def confirmed(yes: bool) -> None:
            if yes:
                change = delete_item(vacancy, item.id)
                self.save(change)

        self.app.push_screen(Confirm(f"Delete “{item.text}”?"), confirmed)

    def _checklist_item(self):
        from ..widgets.checklist import ChecklistPane

        item = self.query_one(ChecklistPane).current_item
        if item is None:
            self.app.bell()
        return item

    # ------------------------------------------------------------------ the tracker

    def action_set_status(self) -> None:
        from .dialogs import StatusPicker

        vacancy = self.current

        def chosen(status: str | None) -> None:
            if status and status != vacancy.status:
                change = Change(vacancy.id, "status", status)
                self.save(change)

        self.app.push_screen(StatusPicker(vacancy.status), chosen)

    def action_edit_notes(self) -> None:
        from .forms import NotesEditor

        vacancy = self.current

        def chosen(text: str | None) -> None:
            if text is not None and text != vacancy.notes:
                change = Change(vacancy.id, "notes", text)
                self.save(change)

        self.app.push_screen(NotesEditor(f"Notes: {vacancy.posting.title}", vacancy.notes), chosen)

    @work(group="dialog")  # waits on the user, not on the disk
    async def action_set_dates(self) -> None:
        from .dialogs import TextPrompt

        vacancy = self.current
        applied = vacancy.applied_date.strftime("%d/%m/%Y") if vacancy.applied_date else ""
        next_on = vacancy.next_action_on.strftime("%d/%m/%Y") if vacancy.next_action_on else ""
        day_problem = lambda slot: lambda text: problem(date_change, vacancy, slot, text)  # noqa: E731
        applied_text = await self.app.push_screen_wait(TextPrompt(
            "Applied on (day first; empty for none)", applied, "12/03/2026", day_problem("applied_on")))
        if applied_text is None:
            return
        next_text = await self.app.push_screen_wait(TextPrompt(
            "Next action on (day first; empty for none)", next_on, "20/03/2026", day_problem("next_action_on")))
        if next_text is None:
            return
        what = await self.app.push_screen_wait(TextPrompt("Next action", vacancy.next_action, "Call HR"))
        if what is None:
            return
        changes = [date_change(vacancy, "applied_on", applied_text), date_change(vacancy, "next_action_on", next_text),
                   Change(vacancy.id, "next_action", what.strip())]
        for change in changes:
            self.save(change)


def _describe(change: Change) -> str:
    kind, _, key = change.slot.partition(":")
    return {"tick": f"tick of {key}", "field": f"fix of {key}", "item": f"edit of {key}"}.get(kind, change.slot)

