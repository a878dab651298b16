"""Every command of the dashboard, defined once: its key, its footer label, its help line and its
command-palette entry all come from this table."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Command:
    action: str  # an action of the main screen, as a binding names it: "undo", "export('csv')"
    keys: str  # Textual key names, comma-separated
    label: str  # footer and palette
    help: str  # help screen and palette
    scope: str  # where it applies: one of SCOPES
    footer: bool = True
    shown_key: str = ""  # the key as the help screen prints it, where Textual's name is not what a person types


SCOPES = ("Anywhere", "Vacancy list", "Checklist", "Tracker")

COMMANDS = (
    Command("help", "question_mark", "Help", "Show every key", "Anywhere", shown_key="?"),
    Command("quit", "q", "Quit", "Quit (every change is already saved)", "Anywhere"),
    Command("undo", "u", "Undo", "Undo the last change, wherever it was made", "Anywhere"),
    Command("copy", "y", "Copy", "Copy the apply e-mail, URL, reference or title (works over SSH)", "Anywhere",
            footer=False),
    Command("step_pane(1)", "tab", "Next pane", "Go to the next pane", "Anywhere", footer=False),
    Command("step_pane(-1)", "shift+tab", "Previous pane", "Go to the previous pane", "Anywhere", footer=False),
    Command("focus_pane(1)", "1", "List", "Go to the vacancy list", "Anywhere", footer=False),
    Command("focus_pane(2)", "2", "Details", "Go to the posting's details", "Anywhere", footer=False),
    Command("focus_pane(3)", "3", "Checklist", "Go to the checklist", "Anywhere", footer=False),
    Command("focus_pane(4)", "4", "Tracker", "Go to the application tracker", "Anywhere", footer=False),
    Command("back", "escape", "Back", "Back to the list (narrow terminals); clear the filter", "Anywhere",
            shown_key="Esc"),
    Command("edit_profile", "p", "Profile", "Your profile: it answers every eligibility checklist", "Anywhere"),
    Command("stats", "percent_sign", "Statistics", "Applications per month, and how far they got: each stage "
            "reached, passed or failed, by kind of procedure", "Anywhere", footer=False, shown_key="%"),
    Command("filter", "slash", "Filter", "Filter the list as you type: title, institution, reference, text...",
            "Vacancy list", shown_key="/"),
    Command("status_filter", "f", "Only status", "Show only one status; again to show all", "Vacancy list", footer=False),
    Command("eligible_filter", "F", "Can apply", "Show only the open postings you are eligible to (some once you "
            "confirm items); again to show all", "Vacancy list", footer=False, shown_key="F"),
    Command("sort", "o", "Sort", "Sort by deadline, title or status", "Vacancy list", footer=False),
    Command("import_path", "i", "Import", "Import a file or folder typed here", "Vacancy list", footer=False),
    Command("add_vacancy", "A", "Add", "Add a vacancy by hand", "Vacancy list", shown_key="A", footer=False),
    Command("ask('field')", "E", "Fix", "Fix a field the posting was read wrong on", "Vacancy list", shown_key="E", footer=False),
    Command("delete_vacancy", "x", "Delete", "Delete the vacancy (asks first; u brings it back)", "Vacancy list",
            footer=False),
    Command("export('ics')", "", "Export calendar",
            "Write the open deadlines, with alarms, to a .ics file (asks where)", "Anywhere",
            footer=False, shown_key="palette"),
    Command("export('csv')", "", "Export spreadsheet",
            "Write every vacancy and its dated history to a .csv file (asks where)", "Anywhere",
            footer=False, shown_key="palette"),
    Command("export('json')", "", "Export JSON",
            "Write every vacancy as a JSON record to a .json file (asks where)", "Anywhere",
            footer=False, shown_key="palette"),
    Command("watch", "", "Watch for new postings",
            "Read the listings you watch (EU Careers', and watch.toml's) and import the new postings", "Anywhere",
            footer=False, shown_key="palette"),
    Command("toggle_item", "space", "Tick", "Tick or untick the checklist item", "Checklist", shown_key="Space"),
    Command("ask('new_item')", "a", "Add item", "Add your own checklist item", "Checklist"),
    Command("ask('item')", "e", "Edit item", "Edit the checklist item's text", "Checklist", footer=False),
    Command("ask('delete_item')", "d", "Delete item", "Delete your own checklist item (asks first)", "Checklist", footer=False),
    Command("ask('status')", "s", "Status", "Set the status (a picker; digits pick at once)", "Tracker"),
    Command("ask('notes')", "n", "Notes", "Write notes (ctrl+s saves)", "Tracker"),
    Command("ask('dates')", "D", "Dates", "Set the applied date and the next action", "Tracker", shown_key="D", footer=False),
    Command("ask('attachment')", "t", "Attach", "Keep a copy of a file you sent (asks for its path, then what it "
            "was sent as)", "Tracker", footer=False),
    Command("ask('stage')", "r", "Stage", "Record a stage of the procedure: passed, failed or waiting, its day and "
            "a note", "Tracker", footer=False),
    Command("ask('event')", "v", "Event", "Add a test, an interview, a medical or a call (Brussels time)", "Tracker",
            footer=False),
    Command("ask('deadline')", "w", "Deadline", "Add a deadline: supporting documents, a request for review, the "
            "reserve list's end...", "Tracker", footer=False),
    Command("ask('remove_dated')", "R", "Remove event or deadline",
            "Remove one of your events or deadlines (asks first)", "Tracker", shown_key="R", footer=False),
)

# Where a command applies: the pane that must have focus, or None for anywhere on the screen. Commands
# about one vacancy also work from the list, since the list's highlighted row is that vacancy.
PANE_OF_SCOPE = {"Anywhere": None, "Vacancy list": None, "Checklist": "checklist", "Tracker": None}
SCOPE_OF_ACTION = {command.action: command.scope for command in COMMANDS}


def command(action: str) -> Command:
    return next(c for c in COMMANDS if c.action == action)


def key_of(action: str) -> str:
    """The key of a command as the help shows it, for a hint that names it ("s to change")."""
    found = command(action)
    return found.shown_key or found.keys


NEEDS_VACANCY = {"copy", "ask", "toggle_item", "delete_vacancy"}


def availability(action: str, parameters: tuple, *, focused_pane: str | None, has_vacancy: bool,
                 can_go_back: bool) -> bool | None:
    """Whether a command shows and runs (True), shows dimmed (None: it needs a vacancy and none is chosen) or is
    hidden (False: it applies to another pane than the one with the focus)."""
    pane = PANE_OF_SCOPE.get(scope_of(action, parameters))
    if pane is not None and focused_pane != pane:
        return False
    if action in NEEDS_VACANCY and not has_vacancy:
        return None
    return can_go_back if action == "back" else True


def action_text(action: str, parameters: tuple) -> str:
    """An action as the table names it, from the name and parameters Textual parses it into."""
    return f"{action}({', '.join(map(repr, parameters))})" if parameters else action


def scope_of(action: str, parameters: tuple = ()) -> str:
    return SCOPE_OF_ACTION.get(action_text(action, parameters), "Anywhere")


def bindings() -> list[Binding]:
    return [
        Binding(command.keys, command.action, command.label, show=command.footer, key_display=command.shown_key or None)
        for command in COMMANDS
        if command.keys  # the palette alone runs the others
    ]


def help_sections() -> list[tuple[str, list[tuple[str, str]]]]:
    """The help screen's content, grouped by scope, plus the navigation keys every list knows."""
    sections = [
        (scope, [(command.shown_key or command.keys, command.help) for command in COMMANDS if command.scope == scope])
        for scope in SCOPES
    ]
    sections.append(("Moving", [
        ("j / k", "Next / previous line; in the details and tracker, scroll"),
        ("g / G", "First / last line; in the details and tracker, top / bottom"),
        ("↓ / ↑", "Next / previous line; in the details and tracker, scroll"),
        ("Home / End", "First / last line; in the details and tracker, top / bottom"),
        ("PgUp / PgDn", "Page up / down"),
        ("Enter", "Open the vacancy (narrow terminals)"), ("ctrl+p", "Command palette: every command by name"),
    ]))
    return sections
