"""The candidate profile as a form: one line per field, in the text `eujobs.store.eligibility.profile.set_field` reads."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from textual import events, on
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from eujobs.store.eligibility.profile import Education, Profile, set_field

from eujobs.store.errors import ProfileError

from .dialogs import DialogScreen

# (key, label, hint): the key is the profile field set_field assigns; the hint shows its format.
FIELDS = (
    ("citizenships", "Citizenships", "countries, comma-separated: Belgium, Ireland"),
    ("work_permits", "Work permits", "countries you may work in: Belgium, Norway"),
    ("languages", "Languages", "language and CEFR level: English C1, French B2"),
    ("education", "Education", "level EQF years date field: master 7 5 30/06/2019 Law"),
    ("experience_years", "Experience, years", "all your professional experience: 6"),
    ("in_work", "In work now", "yes: your years grow to each deadline"),
    ("part_time", "Part-time", "years at a % of full time: 2 years at 50%"),
    ("experience_by_domain", "Years by domain", "domain:years, …: IT security:2, Project management:4"),
    ("epso_cast", "EPSO CAST", "group profile day passed; …: FG IV ICT 02/10/2025"),
    ("available_from", "Available from", "day first: 01/02/2026"),
    # (also "character references", "full rights", "no conflict of interest": the hint has no room for all)
    ("declarations", "Declarations", "for every posting: military service, physically fit"),
)
KEYS = tuple(key for key, _, _ in FIELDS)
UNKNOWN = "-"  # set_field's word for an EQF level or years not given, when a later word follows


def _number(value: float | None) -> str:
    if value is None:
        return UNKNOWN
    return str(int(value)) if float(value).is_integer() else str(value)


def _education(item: Education) -> str:
    awarded = [item.awarded.strftime("%d/%m/%Y")] if item.awarded else []
    words = [item.level, _number(item.eqf), _number(item.years), *awarded, *(item.field.split() if item.field else ())]
    while words[-1] == UNKNOWN:  # nothing follows: leave the unknowns out
        words.pop()
    return " ".join(words)


def field_texts(profile: Profile) -> dict[str, str]:
    """Each field as the line set_field reads for it, so the form opens with what is saved."""
    return {
        "citizenships": ", ".join(profile.citizenships),
        "work_permits": ", ".join(profile.work_permits),
        "languages": ", ".join(" ".join(filter(None, (item.language, item.level))) for item in profile.languages),
        "education": "; ".join(_education(item) for item in profile.education),
        "experience_years": "" if profile.experience_years is None else _number(profile.experience_years),
        "in_work": "yes" if profile.in_work else "",
        "part_time": f"{_number(profile.part_time.years)} years at {_number(profile.part_time.percent)}%"
        if profile.part_time else "",
        "experience_by_domain": ", ".join(f"{domain}:{_number(years)}"
                                          for domain, years in profile.experience_by_domain.items()),
        "epso_cast": "; ".join(" ".join(filter(None, (cast.function_group, cast.profile,
                                                      cast.passed and cast.passed.strftime("%d/%m/%Y"))))
                               for cast in profile.epso_cast),
        "available_from": profile.available_from.strftime("%d/%m/%Y") if profile.available_from else "",
        "declarations": ", ".join(key.replace("_", " ") for key in profile.declarations),
    }


class ProfileForm(DialogScreen[Profile | None]):
    """Tab moves between fields, ctrl+s saves when every field reads; a field that does not read is
    named on the error line and marked, and nothing is saved. Esc asks before losing changes."""

    # Each field's name and format on one line, and the field below on the dialog's whole width: beside its
    # name it had 56 columns at 80, too few for "FG IV Information and communication technology 02/10/2025".
    DEFAULT_CSS = """
    ProfileForm > #dialog { width: 78; }
    ProfileForm #fields { height: auto; max-height: 75vh; }
    ProfileForm .field { height: auto; }
    ProfileForm .row { height: 1; }
    ProfileForm .row Label { width: 19; }
    ProfileForm .field Input { width: 1fr; }
    ProfileForm .hint { width: 1fr; color: $text-muted; text-wrap: nowrap; text-overflow: ellipsis; }
    """
    BINDINGS = [Binding("ctrl+s", "save", "Save", show=False)]
    HINT = "Tab next field · ctrl+s save · Esc cancel"
    # The first field is focused once laid out (on_mount): focused before, it was scrolled to as if half hidden,
    # and its name out of view.
    AUTO_FOCUS = ""

    def __init__(self, profile: Profile, today: date | None = None) -> None:
        super().__init__("Your profile")
        self._profile = profile
        self._today = today  # years of experience changed are counted on this day
        self._texts = field_texts(profile)

    def compose_body(self) -> Iterable[Widget]:
        # a short terminal scrolls the fields, the focused one in view
        with VerticalScroll(id="fields", can_focus=False):
            for key, label, hint in FIELDS:
                with Vertical(classes="field"):
                    with Horizontal(classes="row"):
                        yield Label(label)
                        yield Static(Content(hint), classes="hint", markup=False)
                    # Checked only on ctrl+s; typing in the field takes its error mark away. Nothing is
                    # selected on arriving: most fields are lists, edited by adding to or fixing one entry.
                    yield Input(self._texts[key], id=key, compact=True, validate_on=["changed"],
                                select_on_focus=False)

    def on_mount(self) -> None:
        self.call_after_refresh(self.query_one(f"#{KEYS[0]}", Input).focus)

    @on(events.DescendantFocus)
    def show_the_field(self, event: events.DescendantFocus) -> None:
        """Keep the focused field's name in view (DialogScreen marks it). Textual scrolls to a focused field it
        cannot show whole, not to the line above it."""
        field = event.widget.parent
        if not isinstance(event.widget, Input) or field is None:
            return
        if self.can_view_entire(event.widget):
            self.query_one("#fields").scroll_to_widget(field, animate=False, immediate=True)

    def _values(self) -> dict[str, str]:
        return {key: self.query_one(f"#{key}", Input).value.strip() for key in KEYS}

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        if event.input.id == KEYS[-1]:
            self.action_save()
        else:
            self.focus_next()

    @on(Input.Changed)
    def edited(self) -> None:
        # Editing the marked field took its mark away (Input re-validates on change): the message goes too.
        if not self.query(".-invalid"):
            self.show_error(None)

    def action_save(self) -> None:
        profile = self._profile
        for key, text in self._values().items():
            try:
                profile = set_field(profile, f"{key}={text}", self._today)
            except ProfileError as error:
                field = self.query_one(f"#{key}", Input)
                field.add_class("-invalid")
                field.focus()
                self.show_error(str(error))
                return
        self.dismiss(profile)

    def action_cancel(self) -> None:
        self.cancel_unless_changed(self._values() != {key: text.strip() for key, text in self._texts.items()})
