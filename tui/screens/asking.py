"""The questions the dashboard asks in dialogs: each opens its dialog and hands what the user answered to
`then` (nothing when they cancel). A question that ends in a change to a vacancy checks the answer with the
store's own rules while the dialog is open, so a change it hands over is one the store accepts.

The dialogs and forms (a TextArea and its themes) and the date patterns are imported when first asked:
together they were a noticeable part of every start, before the first frame.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from textual.app import App

from eujobs.store.eligibility.profile import Profile
from eujobs.store.errors import StoreError
from eujobs.store.model import ChecklistItem, HowToApply, Posting, Vacancy
from eujobs.store.persistence.edit import FIELDS, date_change, field_change, field_text
from eujobs.store.persistence.state import REMOVED, Change, Step, add_item, delete_item, edit_item
from eujobs.store.procedure.changes import add_deadline, add_event, remove_deadline, remove_event, set_stage
from eujobs.store.procedure.entries import DEFAULT_ZONE
from eujobs.store.procedure.templates import DEADLINE_KINDS, DEADLINE_LABELS, EVENT_KINDS, PROCEDURES, STAGE_RESULTS
from eujobs.store.procedure.track import StageLine, stage_track
from eujobs.store.procedure.when import parse_when, place_time, when_text

from ..dashboard import quoted

Then = Callable[[Step], None]  # each question hands over one step: what the user did, undone as one

# The fields the E dialog edits, named as the details pane names them.
FIELD_LABELS = {
    "title": "Title", "reference": "Reference", "institution": "Institution", "department": "Department",
    "unit": "Unit", "locations": "Locations", "kind": "Kind of post", "contract_type": "Contract type",
    "grade": "Grade", "deadline": "Deadline", "start_date": "Start date", "duration": "Duration",
    "end_date": "End date", "languages": "Languages", "min_experience_years": "Experience (years)",
    "education": "Education", "apply.email": "Apply by e-mail", "apply.url": "Apply on the web",
    "apply.subject": "E-mail subject", "job_title": "Job title", "domain": "Domain", "applicants": "Applicants",
}


def problem(check, *args) -> str | None:
    """Run a store check; its StoreError as the message a dialog shows, or None when all is well."""
    try:
        check(*args)
    except StoreError as error:
        return str(error)
    return None


def ask_field_fix(app: App, vacancy: Vacancy, then: Then) -> None:
    from .forms import FieldEditor

    name_of = {FIELD_LABELS[name]: name for name in FIELDS}  # the dialog lists the fields by their labels

    def fixed(result: tuple[str, str] | None) -> None:
        if result:
            label, text = result
            then(Step((field_change(vacancy, name_of[label], text),), f"your fix of “{label}”"))

    fields = [(FIELD_LABELS[name], field_text(vacancy, name)) for name in FIELDS]
    app.push_screen(FieldEditor(fields, lambda label, text: problem(field_change, vacancy, name_of[label], text)),
                    fixed)


def ask_new_item(app: App, vacancy: Vacancy, then: Then) -> None:
    from .dialogs import TextPrompt

    app.push_screen(TextPrompt("Your own checklist item", validate=lambda text: problem(add_item, vacancy, text)),
                    lambda text: text and then(Step((add_item(vacancy, text),), f"added item {quoted(text)}")))


def ask_item_edit(app: App, vacancy: Vacancy, item: ChecklistItem, then: Then) -> None:
    from .dialogs import TextPrompt

    app.push_screen(
        TextPrompt("Edit the item", value=item.text, validate=lambda text: problem(edit_item, vacancy, item.id, text)),
        lambda text: text and then(Step((edit_item(vacancy, item.id, text),), f"the edit of {quoted(item.text)}")))


def ask_item_delete(app: App, vacancy: Vacancy, item: ChecklistItem, then: Then) -> None:
    from .dialogs import Confirm

    refused = problem(delete_item, vacancy, item.id)
    if refused:
        app.notify(refused, severity="warning", markup=False)
        return
    app.push_screen(Confirm(f"Delete “{item.text}”?"), lambda yes: yes and then(
        Step((delete_item(vacancy, item.id),), f"deleted item {quoted(item.text)}")))


def ask_status(app: App, vacancy: Vacancy, then: Then) -> None:
    from .dialogs import StatusPicker

    app.push_screen(StatusPicker(vacancy.status), lambda status: status and status != vacancy.status and
                    then(Step((Change(vacancy.id, "status", status),), f"status back to “{vacancy.status}”")))


def ask_notes(app: App, vacancy: Vacancy, then: Then) -> None:
    from .forms import NotesEditor

    # Saved as written over the notes shown: when another eujobs changed them meanwhile, both texts are kept.
    app.push_screen(NotesEditor(f"Notes: {vacancy.posting.title}", vacancy.notes),
                    lambda text: text is not None and text != vacancy.notes and
                    then(Step((Change(vacancy.id, "notes", text, was=vacancy.notes),), "the notes")))


async def ask_dates(app: App, vacancy: Vacancy, then: Then, today: date) -> None:
    """Three questions in turn (run in a worker: each waits for the one before); Esc at any drops them all."""
    from .dialogs import TextPrompt

    applied = vacancy.applied_date.strftime("%d/%m/%Y") if vacancy.applied_date else ""
    next_on = vacancy.next_action_on.strftime("%d/%m/%Y") if vacancy.next_action_on else ""

    def day_problem(slot: str) -> Callable[[str], str | None]:
        return lambda text: problem(date_change, vacancy, slot, text)

    def form_of(example: date) -> str:
        # The form before an example near today: a date alone in the box read as one already typed.
        return f"dd/mm/yyyy, e.g. {example:%d/%m/%Y}"

    applied_text = await app.push_screen_wait(TextPrompt(
        "Applied on (day first; empty for none)", applied, form_of(today), day_problem("applied_on")))
    if applied_text is None:
        return
    next_text = await app.push_screen_wait(TextPrompt("Next action on (day first; empty for none)", next_on,
                                                      form_of(today + timedelta(days=7)),
                                                      day_problem("next_action_on")))
    if next_text is None:
        return
    what = await app.push_screen_wait(TextPrompt("Next action", vacancy.next_action, "e.g. Call HR"))
    if what is None:
        return
    then(Step((date_change(vacancy, "applied_on", applied_text), date_change(vacancy, "next_action_on", next_text),
               Change(vacancy.id, "next_action", what.strip())), "the dates and the next action"))


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

    # The form before an example, as the D prompts have: a path alone in the box read as one already typed.
    app.push_screen(TextPrompt("Import a posting file or folder", placeholder="a path, e.g. ~/Downloads/call.pdf"),
                    lambda path: path and then(path))


def ask_profile(app: App, profile: Profile, then: Callable[[Profile], None], today: date | None = None) -> None:
    from .profile import ProfileForm

    app.push_screen(ProfileForm(profile, today), lambda edited: edited is not None and then(edited))


def ask_vacancy_delete(app: App, vacancy: Vacancy, then: Then) -> None:
    from .dialogs import Confirm

    posting = vacancy.posting
    where = ", ".join(part for part in (posting.institution, posting.reference) if part)
    question = f"Delete {quoted(posting.title)}{f' ({where})' if where else ''}? u brings it back."
    app.push_screen(Confirm(question), lambda yes: yes and then(
        Step((Change(vacancy.id, REMOVED, True),), f"deleted {quoted(posting.title)}")))


def tick_step(vacancy: Vacancy | None, change: Change) -> Step:
    """A tick from the checklist pane, named by its item's text."""
    items = vacancy.checklist if vacancy is not None and vacancy.id == change.vacancy_id else []
    _, _, item_id = change.slot.partition(":")
    text = next((quoted(item.text) for item in items if item.id == item_id), "a checklist item")
    return Step((change,), f"{'ticked' if change.value else 'unticked'} {text}")


# What a file sent can have been sent as, in the order the attach dialog lists them, with examples.
SENT_AS = {"cv": ("CV", "curriculum vitae, Europass CV"), "letter": ("Cover letter", "motivation letter"),
           "form": ("Form", "application form, eligibility grid"),
           "other": ("Other document", "diploma, certificate, reference")}


def ask_attachment(app: App, vacancy: Vacancy, then: Then) -> None:
    """A file sent with the application: its path, then what it was sent as. The copy is made off the screen's
    thread (a file of 20 MB takes a moment), then attached as one step: undone, the file is detached."""
    import os
    from pathlib import Path

    from eujobs.store.persistence.attachments import check_attachable

    from .dialogs import ChoicePicker, TextPrompt

    def where(text: str) -> Path:
        return Path(os.path.expanduser(text.strip()))

    def path_chosen(text: str | None) -> None:
        if text and text.strip():
            app.push_screen(ChoicePicker("Sent as", list(SENT_AS.values())), lambda index: index is not None and
                            app.run_worker(lambda: _keep_and_attach(app, vacancy, where(text), list(SENT_AS)[index],
                                                                    then), thread=True, group="attach"))

    app.push_screen(TextPrompt("Attach a file you sent", placeholder="a path, e.g. ~/Documents/cv.pdf",
                               validate=lambda text: problem(check_attachable, where(text)) if text.strip() else None),
                    path_chosen)


def _keep_and_attach(app: App, vacancy: Vacancy, path, used_as: str, then: Then) -> None:
    """A worker's thread: keep a copy of the file in the store, then hand the step attaching it to the screen."""
    from eujobs.store.persistence.attachments import keep_file
    from eujobs.store.persistence.state import ATTACH

    try:
        kept = keep_file(app.store.root, path)
    except StoreError as error:
        app.call_from_thread(app.notify, str(error), title="Not attached", severity="error", markup=False)
        return
    entry = {"sha256": kept.sha256, "name": kept.name, "size": kept.size, "as": used_as}
    app.call_from_thread(then, Step((Change(vacancy.id, ATTACH, entry),), f"attached {quoted(kept.name)}"))


# What each kind of event and deadline is, as the pickers list them beside their names.
EVENT_SAID = {"test": "reasoning, field-related or written test", "interview": "with a panel or an institution",
              "medical": "the medical examination", "call": "by phone or video", "other": "anything else on a date"}
DEADLINE_SAID = {
    "application": "besides the posting's", "documents": "their own, later deadline",
    "review": "10 days after a result", "information": "a month after a result", "test_copy": "5 working days",
    "reserve_list": "the list lapses", "cast_refresh": "every 6 months", "other": "anything else",
}
RESULT_SAID = {"passed": "✓ through to the next stage", "failed": "✗ out at this stage",
               "waiting": "… for the result"}
IN_BRUSSELS = "day first, Brussels time"


def _stage_said(line: StageLine) -> str:
    """A stage's record as the stage picker shows it beside the stage: 'passed 10/03/2026'; '(status)' when the
    status stands for it, '(implied)' when a later stage was reached."""
    if line.record is None:
        return ""
    day = f" {line.record.on:%d/%m/%Y}" if line.record.on else ""
    return f"{line.record.result}{day}" + ((" (status)" if day else " (implied)") if line.implied else "")


def _day_of(text: str) -> date:
    day = parse_when(text, DEFAULT_ZONE, day_allowed=True)
    if isinstance(day, datetime):
        raise StoreError(f"a day, without a time: e.g. {day:%d/%m/%Y}")
    return day


async def ask_stage(app: App, vacancy: Vacancy, then: Then, today: date) -> None:
    """Which stage of the procedure, how it went, on which day and a note: four questions in turn (a worker)."""
    from .dialogs import ChoicePicker, TextPrompt

    track = stage_track(vacancy)
    index = await app.push_screen_wait(ChoicePicker(f"Record a stage of the {PROCEDURES[vacancy.procedure].name}",
                                                    [(line.stage.label, _stage_said(line)) for line in track]))
    if index is None:
        return
    stage = track[index].stage
    results = [(result, RESULT_SAID[result]) for result in STAGE_RESULTS]
    result_index = await app.push_screen_wait(ChoicePicker(f"How did it go: {stage.label}", results))
    if result_index is None:
        return
    result, recorded = STAGE_RESULTS[result_index], vacancy.stages.get(stage.id)
    on_text = await app.push_screen_wait(TextPrompt(
        f"{stage.label.capitalize()} {result} on (day first)", f"{recorded.on if recorded else today:%d/%m/%Y}",
        "dd/mm/yyyy", lambda text: problem(_day_of, text)))
    if on_text is None:
        return
    note = await app.push_screen_wait(TextPrompt(f"A note on the {stage.label} (optional)",
                                                 recorded.note if recorded else "", "e.g. 38/40, the panel's names"))
    if note is None:
        return
    on = _day_of(on_text)
    then(Step((set_stage(vacancy, stage.id, result, on, note),), f"{stage.label} {result} on {on:%d/%m/%Y}"))


async def ask_event(app: App, vacancy: Vacancy, then: Then, today: date) -> None:
    """A test, an interview, a medical or a call: its kind, when (Brussels time), where and a note, in turn."""
    from .dialogs import ChoicePicker, TextPrompt

    kinds = [(kind, EVENT_SAID[kind]) for kind in EVENT_KINDS]
    index = await app.push_screen_wait(ChoicePicker("Add an event", kinds))
    if index is None:
        return
    kind = EVENT_KINDS[index]
    when = await app.push_screen_wait(TextPrompt(
        f"When is the {kind}? ({IN_BRUSSELS})", "",
        f"dd/mm/yyyy hh:mm, e.g. {today + timedelta(days=7):%d/%m/%Y} 10:00",
        lambda text: problem(parse_when, text, DEFAULT_ZONE)))
    if when is None:
        return
    place = await app.push_screen_wait(TextPrompt("Where? (a place, or online; empty for none)", "",
                                                  "e.g. online, or EPSO test centre, Brussels"))
    if place is None:
        return
    note = await app.push_screen_wait(TextPrompt(f"A note on the {kind} (optional)", "", "e.g. bring your ID"))
    if note is None:
        return
    at = parse_when(when, DEFAULT_ZONE)
    then(Step((add_event(vacancy, kind, at, DEFAULT_ZONE, place, note),), f"added the {kind} on {at:%d/%m/%Y %H:%M}"))


async def ask_deadline(app: App, vacancy: Vacancy, then: Then, today: date) -> None:
    """A deadline of the user's own: its kind, when (a day, or a day and a time, Brussels time) and a note."""
    from .dialogs import ChoicePicker, TextPrompt

    index = await app.push_screen_wait(ChoicePicker("Add a deadline", [(DEADLINE_LABELS[kind], DEADLINE_SAID[kind])
                                                                       for kind in DEADLINE_KINDS]))
    if index is None:
        return
    kind = DEADLINE_KINDS[index]
    label = DEADLINE_LABELS[kind]
    when = await app.push_screen_wait(TextPrompt(
        f"When: {label}? ({IN_BRUSSELS}; a day alone ends at midnight)", "",
        f"dd/mm/yyyy [hh:mm], e.g. {today + timedelta(days=10):%d/%m/%Y} 12:00",
        lambda text: problem(parse_when, text, DEFAULT_ZONE, True)))
    if when is None:
        return
    note = await app.push_screen_wait(TextPrompt(f"A note on “{label}” (optional)", "", "e.g. the portal's link"))
    if note is None:
        return
    at = parse_when(when, DEFAULT_ZONE, day_allowed=True)
    then(Step((add_deadline(vacancy, kind, at, DEFAULT_ZONE, note),),
              f"added “{label}” on {when_text(at, DEFAULT_ZONE)}"))


def ask_dated_removal(app: App, vacancy: Vacancy, then: Then) -> None:
    """One of the user's events or deadlines (the posting's deadline is no one's to remove), asked about first."""
    from .dialogs import ChoicePicker, Confirm

    entries = [(f"the {event.kind}", event.at, event.zone, remove_event(vacancy, event.id))
               for event in sorted(vacancy.events, key=lambda event: event.at)]
    entries += [(f"“{DEADLINE_LABELS[item.kind]}”", item.at, item.zone, remove_deadline(vacancy, item.id))
                for item in vacancy.deadlines]
    if not entries:
        app.notify("No events or deadlines of yours to remove.", markup=False)
        return

    def chosen(index: int | None) -> None:
        if index is not None:
            what, at, zone, change = entries[index]
            said = f"{what} on {when_text(at, zone)}"
            app.push_screen(Confirm(f"Remove {said}?", yes="Remove"), lambda yes: yes and then(
                Step((change,), f"removed {said}")))

    # The time alone in the picker (a line each), in full in the question that follows.
    app.push_screen(ChoicePicker("Remove an event or a deadline",
                                 [(what, when_text(at, zone).removesuffix(f" {place_time(zone)}"))
                                  for what, at, zone, _ in entries]), chosen)


# The questions by the name a command gives them (tui/commands.py: "ask('status')"). Those IN_TURN are asked apart,
# in a worker, since each waits for one answer before the next question.
ABOUT_THE_VACANCY = {"field": ask_field_fix, "new_item": ask_new_item, "status": ask_status, "notes": ask_notes,
                     "attachment": ask_attachment, "remove_dated": ask_dated_removal}
IN_TURN = {"dates": ask_dates, "stage": ask_stage, "event": ask_event, "deadline": ask_deadline}
ABOUT_AN_ITEM = {"item": ask_item_edit, "delete_item": ask_item_delete}
