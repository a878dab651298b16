"""The questions the dashboard asks in dialogs: each opens its dialog and hands what the user answered to
`then` (nothing when they cancel). A question that ends in a change to a vacancy checks the answer with the
store's own rules while the dialog is open, so a change it hands over is one the store accepts.

The dialogs and forms (a TextArea and its themes) and the date patterns are imported when first asked:
together they were a noticeable part of every start, before the first frame.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.app import App

from eujobs.store.eligibility.profile import Profile
from eujobs.store.errors import StoreError
from eujobs.store.model import ChecklistItem, HowToApply, Posting, Vacancy
from eujobs.store.persistence.edit import FIELDS, date_change, field_change, field_text
from eujobs.store.persistence.state import Change, add_item, delete_item, edit_item

Then = Callable[[Change], None]


def problem(check, *args) -> str | None:
    """Run a store check; its StoreError as the message a dialog shows, or None when all is well."""
    try:
        check(*args)
    except StoreError as error:
        return str(error)
    return None


def ask_field_fix(app: App, vacancy: Vacancy, then: Then) -> None:
    from .forms import FieldEditor

    fields = [(name, field_text(vacancy, name)) for name in FIELDS]
    app.push_screen(FieldEditor(fields, lambda name, text: problem(field_change, vacancy, name, text)),
                    lambda result: result and then(field_change(vacancy, *result)))


def ask_new_item(app: App, vacancy: Vacancy, then: Then) -> None:
    from .dialogs import TextPrompt

    app.push_screen(TextPrompt("Your own checklist item", validate=lambda text: problem(add_item, vacancy, text)),
                    lambda text: text and then(add_item(vacancy, text)))


def ask_item_edit(app: App, vacancy: Vacancy, item: ChecklistItem, then: Then) -> None:
    from .dialogs import TextPrompt

    app.push_screen(
        TextPrompt("Edit the item", value=item.text, validate=lambda text: problem(edit_item, vacancy, item.id, text)),
        lambda text: text and then(edit_item(vacancy, item.id, text)))


def ask_item_delete(app: App, vacancy: Vacancy, item: ChecklistItem, then: Then) -> None:
    from .dialogs import Confirm

    refused = problem(delete_item, vacancy, item.id)
    if refused:
        app.notify(refused, severity="warning", markup=False)
        return
    app.push_screen(Confirm(f"Delete “{item.text}”?"), lambda yes: yes and then(delete_item(vacancy, item.id)))


def ask_status(app: App, vacancy: Vacancy, then: Then) -> None:
    from .dialogs import StatusPicker

    app.push_screen(StatusPicker(vacancy.status), lambda status: status and status != vacancy.status and
                    then(Change(vacancy.id, "status", status)))


def ask_notes(app: App, vacancy: Vacancy, then: Then) -> None:
    from .forms import NotesEditor

    # Saved as written over the notes shown: when another eujobs changed them meanwhile, both texts are kept.
    app.push_screen(NotesEditor(f"Notes: {vacancy.posting.title}", vacancy.notes),
                    lambda text: text is not None and text != vacancy.notes and
                    then(Change(vacancy.id, "notes", text, was=vacancy.notes)))


async def ask_dates(app: App, vacancy: Vacancy, then: Then) -> None:
    """Three questions in turn (run in a worker: each waits for the one before); Esc at any drops them all."""
    from .dialogs import TextPrompt

    applied = vacancy.applied_date.strftime("%d/%m/%Y") if vacancy.applied_date else ""
    next_on = vacancy.next_action_on.strftime("%d/%m/%Y") if vacancy.next_action_on else ""

    def day_problem(slot: str) -> Callable[[str], str | None]:
        return lambda text: problem(date_change, vacancy, slot, text)

    applied_text = await app.push_screen_wait(TextPrompt(
        "Applied on (day first; empty for none)", applied, "12/03/2026", day_problem("applied_on")))
    if applied_text is None:
        return
    next_text = await app.push_screen_wait(TextPrompt(
        "Next action on (day first; empty for none)", next_on, "20/03/2026", day_problem("next_action_on")))
    if next_text is None:
        return
    what = await app.push_screen_wait(TextPrompt("Next action", vacancy.next_action, "Call HR"))
    if what is None:
        return
    for change in (date_change(vacancy, "applied_on", applied_text), date_change(vacancy, "next_action_on", next_text),
                   Change(vacancy.id, "next_action", what.strip())):
        then(change)


def ask_new_vacancy(app: App, then: Callable[[Posting, str], None]) -> None:
    """A vacancy typed in by hand: its posting and the user's notes on it."""
    from eujobs.store.parse.dates import parse_deadline

    from .forms import AddVacancy

    def chosen(form: dict | None) -> None:
        if form:
            apply_to = form["apply_to"]
            posting = Posting(
                title=form["title"], institution=form["institution"] or None, reference=form["reference"] or None,
                deadline=parse_deadline(form["deadline"]) if form["deadline"] else None,
                apply=HowToApply(email=apply_to if "@" in apply_to else None,
                                 url=apply_to if apply_to and "@" not in apply_to else None),
            )
            then(posting, form["notes"])

    app.push_screen(AddVacancy(), chosen)


def ask_status_only(app: App, then: Callable[[str], None]) -> None:
    from .dialogs import StatusPicker

    app.push_screen(StatusPicker(None, "Show only the status"), lambda status: status is not None and then(status))


def ask_import_path(app: App, then: Callable[[str], None]) -> None:
    from .dialogs import TextPrompt

    app.push_screen(TextPrompt("Import a posting file or folder", placeholder="~/Downloads/call.pdf"),
                    lambda path: path and then(path))


def ask_profile(app: App, profile: Profile, then: Callable[[Profile], None], today: date | None = None) -> None:
    from .profile import ProfileForm

    app.push_screen(ProfileForm(profile, today), lambda edited: edited is not None and then(edited))


def describe(change: Change) -> str:
    """A change in a few words, as an undo notice names it."""
    kind, _, key = change.slot.partition(":")
    return {"tick": f"tick of {key}", "field": f"fix of {key}", "item": f"edit of {key}",
            "custom": "change of your own item"}.get(kind, change.slot)


# The questions by the name a command gives them (tui/commands.py: "ask('status')"); ask_dates is asked apart,
# in a worker, since it waits for one answer before the next question.
ABOUT_THE_VACANCY = {"field": ask_field_fix, "new_item": ask_new_item, "status": ask_status, "notes": ask_notes}
ABOUT_AN_ITEM = {"item": ask_item_edit, "delete_item": ask_item_delete}
