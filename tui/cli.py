"""The command line: the dashboard's other face, for scripts and quick looks."""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import os
import sys
import tempfile
from contextlib import ExitStack
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path

from platformdirs import user_data_dir

from eujobs.store.eligibility.profile import Profile, set_field
from eujobs.store.eligibility.rules import fit, fit_of, verdicts
from eujobs.store.eligibility.verdict import RULE_NAMES
from eujobs.store.errors import ProfileError, StoreError
from eujobs.store.model import STATUSES, Vacancy
from eujobs.store.outputs.export import FORMATS
from eujobs.store.outputs.safe_text import json_text
from eujobs.store.outputs.timeline import MAX_DUE_DAYS, by_deadline, is_open
from eujobs.store.persistence.db import Store
from eujobs.store.persistence.front import Front
from eujobs.store.persistence.state import Change
from eujobs.store.persistence.storage import describe_error

from .formatting import own_zone, printable
from . import attaching, deleting, procedure_commands
from .outputs import backup_file, run_backup, run_due, run_export, run_restore
from .watching import fetcher_for, run_watch
from .report import (
    ProgressBar,
    describe_profile,
    describe_vacancy,
    import_line,
    import_summary,
    sources_record,
    sources_table,
    vacancy_table,
)

def sample_postings() -> str | None:
    """The folder of the sample postings installed with eujobs (package data, a namespace package: no module);
    None when this installation has none."""
    spec = importlib.util.find_spec("eujobs.sample_postings")
    return next(iter(spec.submodule_search_locations), None) if spec and spec.submodule_search_locations else None


def clock() -> datetime:
    """Now, unless EUJOBS_NOW fixes it (tests and demos need a known 'today')."""
    fixed = os.environ.get("EUJOBS_NOW")
    return datetime.fromisoformat(fixed) if fixed else datetime.now(timezone.utc)


def chosen_store(args: argparse.Namespace) -> str | None:
    """The store the user named (--store, else $EUJOBS_STORE); None for the default one."""
    return getattr(args, "store", None) or os.environ.get("EUJOBS_STORE")


def store_path(args: argparse.Namespace) -> Path:
    chosen = chosen_store(args)
    return Path(chosen).expanduser() if chosen else Path(user_data_dir("eujobs")) / "store"


NO_TERMINAL = ("eujobs: the dashboard needs a terminal, and standard input or output is not one here (cron, a pipe, "
               "ssh without -t): use eujobs list (eujobs --help shows the other commands)")


def on_a_terminal() -> bool:
    """Whether the dashboard can read keys and draw: standard input and output are both a terminal. Started
    without one it would wait for keys that never come, and never exit."""
    try:
        return bool(sys.stdin and sys.stdout and sys.stdin.isatty() and sys.stdout.isatty())
    except ValueError:  # a stream closed
        return False


class _Version(argparse.Action):
    """--version, reading the installed version only when asked (importlib.metadata costs 30 ms a start)."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        from importlib.metadata import version

        print(f"eujobs {version('eujobs')}")
        parser.exit()


def due_days(text: str) -> int:
    """`due --days N`: a whole number of days, up to a century ahead."""
    try:
        days = int(text)
    except ValueError:
        days = -1
    if not 0 <= days <= MAX_DUE_DAYS:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of days from 0 to {MAX_DUE_DAYS}")
    return days


def build_parser() -> argparse.ArgumentParser:
    debug = argparse.ArgumentParser(add_help=False)
    debug.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show a traceback on errors")
    common = argparse.ArgumentParser(add_help=False, parents=[debug])
    common.add_argument("--store", metavar="PATH", default=argparse.SUPPRESS,
                        help="store folder (default: $EUJOBS_STORE, else the user data folder)")
    parser = argparse.ArgumentParser(
        prog="eujobs", parents=[common],
        description="Track applications to the EU institutions. With no command, open the dashboard.",
    )
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    importing = commands.add_parser(
        "import", parents=[common], help="read postings into the store",
        description="Read postings (.txt, .md, .pdf, .html; folders; - for stdin; http and https addresses of a "
                    "posting's page or PDF, downloaded first). A line per file: imported, "
                    "updated (a new version of a vacancy: the same reference, title and grade), unchanged (read "
                    "before), conflict (a vacancy's reference with another title or grade: kept as a vacancy of "
                    "its own) or failed; after '!', what the posting states that could not be read. Without a "
                    "reference, title, institution and deadline stand for it.")
    importing.add_argument("paths", nargs="+", metavar="PATH")
    importing.add_argument("--json", action="store_true", help="print the outcome of each file as JSON")

    listing = commands.add_parser("list", parents=[common], help="list the vacancies",
                                  description="List the vacancies, soonest deadline first.")
    listing.add_argument("--json", action="store_true", help="print the records as JSON")
    listing.add_argument("--eligible", action="store_true",
                         help="only open postings your profile is eligible to, or will be once you confirm what only "
                              "you can (see: eujobs profile)")
    listing.add_argument("--include-closed", action="store_true",
                         help="with --eligible: the postings whose deadline has passed too")

    showing = commands.add_parser("show", parents=[common], help="show one vacancy",
                                  description="Show one vacancy by its id or its own reference; --sources shows "
                                              "where in the posting each field was read.")
    showing.add_argument("vacancy", metavar="ID|REFERENCE")
    showing.add_argument("--json", action="store_true", help="print the record as JSON")
    showing.add_argument("--sources", action="store_true",
                         help="each field beside where in the posting it was read (FIELD VALUE READ FROM), to "
                              "check it at a glance; fix a wrong one with E in the dashboard")

    status = commands.add_parser("status", parents=[common], help="show or set a vacancy's status",
                                 description="Print a vacancy's status, or set it: the change is dated in its "
                                             "history.")
    status.add_argument("vacancy", metavar="ID|REFERENCE")
    status.add_argument("status", nargs="?", choices=STATUSES, metavar="STATUS",
                        help=", ".join(STATUSES) + " (none: print the status)")
    status.add_argument("--note", default="", help="a word on the change, kept in the history")

    note = commands.add_parser("note", parents=[common], help="write a vacancy's notes",
                               description="Write a vacancy's notes, replacing them (or --append); without "
                                           "TEXT, print them.")
    note.add_argument("vacancy", metavar="ID|REFERENCE")
    note.add_argument("text", nargs="?", metavar="TEXT",
                      help="the notes, replacing them; - reads them from standard input; '' clears them")
    note.add_argument("--append", metavar="TEXT", help="add TEXT after the notes, on a line of its own (- reads it "
                                                       "from standard input)")

    deleting.add_parser(commands, common)
    attaching.add_parsers(commands, common)
    procedure_commands.add_parsers(commands, common)
    from . import stats_report  # here and in run(): the dashboard's start does without it

    stats_report.add_parser(commands, common)

    tick = commands.add_parser("tick", parents=[common], help="tick a checklist item",
                               description="Tick a checklist item (the ids are shown by `eujobs show ID`).")
    tick.add_argument("vacancy", metavar="ID|REFERENCE")
    tick.add_argument("item", metavar="ITEM_ID")
    tick.add_argument("--undo", action="store_true", help="untick it instead")

    profile = commands.add_parser("profile", parents=[common], help="show or change your candidate profile",
                                  description="Your profile answers every posting's eligibility checklist.")
    profile_commands = profile.add_subparsers(dest="profile_command", metavar="ACTION", required=True)
    profile_show = profile_commands.add_parser("show", parents=[common], help="print the profile")
    profile_show.add_argument("--json", action="store_true", help="in the shape `profile load` reads")
    profile_set = profile_commands.add_parser(
        "set", parents=[common], help="change fields: KEY=VALUE...",
        description="Change profile fields, e.g. languages='English C1, French B2' experience_years=6 "
                    "citizenships=Belgium education='master 7 5 Information Systems' available_from=01/02/2026")
    profile_set.add_argument("assignments", nargs="+", metavar="KEY=VALUE")
    profile_load = profile_commands.add_parser("load", parents=[common], help="replace the profile with a JSON file")
    profile_load.add_argument("file", metavar="FILE")

    due_parser = commands.add_parser("due", parents=[common], help="deadlines and next actions coming up",
                                     description="Deadlines (the posting's and yours), events and next actions "
                                                 "in the coming days, soonest first, and a reserve list you are on "
                                                 "from a month before it lapses: for a login script or cron over SSH.")
    due_parser.add_argument("--days", type=due_days, default=14, metavar="N", help="how far ahead (default 14)")
    due_parser.add_argument("--quiet", action="store_true", help="print nothing when nothing is due")

    exporting = commands.add_parser("export", parents=[common], help="export to a calendar, a spreadsheet or JSON",
                                    description="ics: the open deadlines (the posting's and yours) and the events to "
                                                "come, with alarms, for a calendar; csv: a row per stage each vacancy "
                                                "reached (one for a vacancy that reached none) with its dated status "
                                                "history; json: schema records.")
    exporting.add_argument("--format", required=True, choices=FORMATS)
    exporting.add_argument("--out", metavar="FILE", help="write to FILE (default: standard output)")
    exporting.add_argument("--status", nargs="+", choices=STATUSES, metavar="STATUS", help="only these statuses")
    exporting.add_argument("--bom", action="store_true", help="csv: start with a UTF-8 BOM (for spreadsheets)")

    backing_up = commands.add_parser("backup", parents=[common], help="write a backup of the store",
                                     description="Write a consistent backup of the store (one .zip file).")
    backing_up.add_argument("folder", nargs="?", metavar="DIR|FILE.zip",
                            help="a folder to write a dated .zip into, or the .zip file to write (default: the "
                                 "store's backups/ folder)")
    restoring = commands.add_parser("restore", parents=[common], help="restore the store from a backup",
                                    description="Replace the store with a backup; the current one is backed up first.")
    restoring.add_argument("file", metavar="FILE")

    watching = commands.add_parser(
        "watch", parents=[common], help="find new postings on listing pages",
        description="One pass over listing pages (default: EU Careers' open competitions, non-permanent posts "
                    "and temporary agents; watch.toml in your config folder adds sources and filters): new "
                    "postings are imported, a moved deadline updated (your status, ticks and notes kept). Ends "
                    "with '3 new, 1 changed (deadline 13/10 → 20/10), 41 unchanged'. Exit 1 when a listing "
                    "could not be read.")
    watching.add_argument("urls", nargs="*", metavar="URL", help="listing pages to read instead of the sources")
    watching.add_argument("--quiet", action="store_true",
                          help="no progress, and nothing printed unless something is new or changed (for cron)")

    demo = commands.add_parser("demo", parents=[debug], help="open the dashboard on sample postings",
                               description="Import sample postings into a throwaway store and open the dashboard.")
    demo.add_argument("folder", nargs="?", default=None, metavar="FOLDER")
    return parser


def dashboard_arguments(argv: list[str]) -> argparse.Namespace | None:
    """The arguments, as the parser would read them, when they only open the dashboard (--store PATH,
    --debug); None for anything else. Building every command's parser took 4 ms of each start of the
    dashboard, half of it gettext looking for translations of the help texts."""
    found, rest = argparse.Namespace(command=None, version=None), list(argv)
    while rest:
        token = rest.pop(0)
        if token == "--debug":
            found.debug = True
        elif token == "--store" and rest and not rest[0].startswith("-"):
            found.store = rest.pop(0)
        elif token.startswith("--store="):
            found.store = token.removeprefix("--store=")
        else:
            return None
    return found


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = dashboard_arguments(argv) or build_parser().parse_args(argv)
    args.debug = getattr(args, "debug", False)
    if args.command is not None:
        gc.enable()  # off while the dashboard starts (tui/launch.py), not while a command works
    try:
        return run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`eujobs list | head -1`): stop quietly, as Unix tools do; what is still
        # buffered for standard output goes nowhere rather than failing again when Python exits.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # 128 + SIGPIPE: what a shell reports for a tool whose pipe was closed
    except Exception as error:
        if args.debug:
            raise
        if isinstance(error, StoreError):
            print(f"eujobs: {error}", file=sys.stderr)
        else:
            print(f"eujobs: internal error ({type(error).__name__}: {error}); run again with --debug "
                  "for the details and please report it", file=sys.stderr)
        return 1


READ_ONLY = {"list", "show", "due", "export", "attachments", "stats"}
PROCEDURE_COMMANDS = {"procedure": procedure_commands.run_procedure, "stage": procedure_commands.run_stage,
                      "event": procedure_commands.run_event, "deadline": procedure_commands.run_deadline}
CHANGING = {"import", "watch", "status", "note", "tick", "rm", "profile", "restore", "attach", "detach",
            *PROCEDURE_COMMANDS}
# They need a store there, as the READ_ONLY ones do.
ABOUT_VACANCIES_KEPT = {"status", "note", "tick", "rm", "backup", "attach", "detach", *PROCEDURE_COMMANDS}


def run(args: argparse.Namespace) -> int:
    if args.command == "demo":
        return run_demo(args)
    dashboard = args.command is None
    if dashboard and not on_a_terminal():
        print(NO_TERMINAL, file=sys.stderr)
        return 2
    # A command that only reads works on a store it could not change (a read-only copy); restore must
    # open the damaged store it is there to repair.
    reads_only = (args.command in READ_ONLY or (args.command == "profile" and args.profile_command == "show")
                  or (args.command == "status" and args.status is None)
                  or (args.command == "note" and args.text is None and args.append is None)
                  or (args.command in PROCEDURE_COMMANDS and not procedure_commands.changes_something(args)))
    # A command about what a store holds never makes one: a mistyped --store is said. Only the default store,
    # not made yet on a first run, reads as empty.
    must_exist = args.command in ABOUT_VACANCIES_KEPT or (reads_only and chosen_store(args) is not None)
    if args.command == "restore":  # its file first: a file that is none makes no store folder either
        args.file = backup_file(args.file)
    store = Store.open(store_path(args), clock, writable=not reads_only, must_exist=must_exist,
                       check_files=not dashboard and args.command != "restore")
    if dashboard:
        return open_dashboard(store, store.front_or_read())
    from . import stats_report

    commands = {"import": run_import, "list": run_list, "show": run_show, "status": run_status, "note": run_note,
                "tick": run_tick, "rm": deleting.run_rm, "attach": attaching.run_attach,
                "attachments": attaching.run_attachments, "detach": attaching.run_detach,
                "profile": run_profile, "due": run_due, "export": run_export, "backup": run_backup,
                "restore": run_restore, "watch": run_watch, "stats": stats_report.run_stats,
                **PROCEDURE_COMMANDS}
    version = store.version()
    code = commands[args.command](store, args)
    if args.command in CHANGING and not reads_only and store.version() != version:
        store.save_front()  # so the dashboard's next start draws its first screen without reading the catalog
    return code


def run_import(store: Store, args: argparse.Namespace) -> int:
    # Imported here, as in run_demo: the parser's 450 regular expressions are 60 ms the dashboard's start
    # does without.
    from eujobs.store.ingest.importer import ImportStopped, import_paths, read_stdin

    stdin = read_stdin(sys.stdin.buffer) if "-" in args.paths else None
    stopped = None
    try:
        with ProgressBar(sys.stderr) as bar, ExitStack() as closing:
            fetcher = fetcher_for(store, args.paths)  # for the addresses among the paths
            if fetcher:
                closing.enter_context(fetcher)
            outcomes = import_paths(store, args.paths, stdin=stdin, progress=bar.update, debug=args.debug,
                                    download=fetcher and fetcher.fetch)
    except ImportStopped as error:  # Ctrl-C: what was done is said, then it ends as any Ctrl-C does (130)
        outcomes, stopped = error.outcomes, error
    if args.json:
        print(json_text([asdict(outcome) for outcome in outcomes]))
    else:
        for outcome in outcomes:
            print(import_line(outcome))
        if not stopped:
            print(import_summary(outcomes))
    if stopped:
        print(f"eujobs: {stopped}", file=sys.stderr)
        raise stopped
    return 1 if any(outcome.failed for outcome in outcomes) else 0


def run_list(store: Store, args: argparse.Namespace) -> int:
    now, profile = store.clock(), store.profile()
    vacancies = sorted(store.vacancies(), key=by_deadline(now))
    if args.eligible and profile.is_empty:
        raise StoreError("no profile yet: describe yourself first (eujobs profile set / load)")
    fits = {} if profile.is_empty else {v.id: fit(profile, v, now.date()) for v in vacancies}
    closed_left_out = 0
    if args.eligible:
        possible = [v for v in vacancies if fits[v.id].possible]
        vacancies = possible if args.include_closed else [v for v in possible if is_open(v, now)]
        closed_left_out = len(possible) - len(vacancies)
    if args.json:
        print(json_text([record_with_verdicts(v, profile, now) for v in vacancies]))
        return 0
    if vacancies:
        print(vacancy_table(vacancies, now, fits))
    elif args.eligible:
        print("No open posting you are eligible to (eujobs list shows them all, with how you fit each).")
    else:
        print(f"No vacancies yet in {store.root}. Add postings with: eujobs import PATH...")
    if closed_left_out:
        print(f"{closed_left_out} closed posting{'s' if closed_left_out != 1 else ''} you were eligible to "
              "left out (--include-closed lists them).")
    return 0


def run_show(store: Store, args: argparse.Namespace) -> int:
    vacancy, now, profile = store.require(args.vacancy), store.clock(), store.profile()
    if args.sources:
        # Imported here, as in run_import: the parser's regular expressions are what --sources reads the text with.
        from eujobs.store.parse.provenance import sources_of

        sources = sources_of(vacancy.posting, store.text_of(vacancy))
        print(json_text(sources_record(vacancy, sources)) if args.json
              else sources_table(vacancy, sources))
    elif args.json:
        print(json_text(record_with_verdicts(vacancy, profile, now)))
    else:
        found = verdicts(profile, vacancy, now.date())
        print(describe_vacancy(vacancy, now, found, None if profile.is_empty else fit_of(vacancy, found),
                               own_zone()))
    return 0


def record_with_verdicts(vacancy: Vacancy, profile: Profile, now: datetime) -> dict:
    """The schema's record; with a profile, each eligibility item says whether it is met and why, the rules that
    are no item (the grade's, the start date) are listed, and the fit sums them up."""
    record = vacancy.to_json()
    found = verdicts(profile, vacancy, now.date())
    for item in record["checklist"]:
        if item["id"] in found:
            item["verdict"], item["reason"] = found[item["id"]].verdict, found[item["id"]].reason
    if profile.is_empty:
        return record
    record["rules"] = [{"id": key, "verdict": found[key].verdict, "reason": found[key].reason}
                       for key in RULE_NAMES if key in found]
    record["fit"] = fit_of(vacancy, found).to_json()
    return record


def run_profile(store: Store, args: argparse.Namespace) -> int:
    if args.profile_command == "load":
        try:
            data = json.loads(Path(args.file).read_text(encoding="utf-8"))
        except OSError as error:
            raise StoreError(f"{args.file}: cannot read a profile ({describe_error(error)})") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise StoreError(f"{args.file}: cannot read a profile ({error})") from None
        if not isinstance(data, dict):
            raise StoreError(f"{args.file}: a profile is a JSON object, like tests/spec/profile.example.json")
        store.save_profile(checked_profile(lambda: Profile.from_json(data), args.file))
    elif args.profile_command == "set":
        profile = store.profile()
        for assignment in args.assignments:
            profile = checked_profile(lambda: set_field(profile, assignment, store.clock().date()), assignment)
        store.save_profile(profile)
    profile = store.profile()
    if getattr(args, "json", False):
        print(json_text(profile.to_json()))
    else:
        print(describe_profile(profile))
    return 0


def checked_profile(make, source: str) -> Profile:
    try:
        return make()
    except ProfileError as error:
        raise StoreError(f"{source}: {error}; nothing was saved") from None


def run_status(store: Store, args: argparse.Namespace) -> int:
    vacancy = store.require(args.vacancy)
    if args.status is None:
        print(f"{vacancy.id}: {vacancy.status}")
    elif args.status == vacancy.status:  # no change to date in the history, so nothing is written
        dropped = " (--note is kept only with a change; eujobs note ID --append TEXT adds to the notes)"
        print(f"{vacancy.id}: already {vacancy.status}; nothing changed{dropped if args.note else ''}")
    else:
        store.set_status(vacancy.id, args.status, args.note)
        print(f"{vacancy.id}: {vacancy.status} -> {args.status}")
    return 0


MAX_NOTES_BYTES = 1 << 20  # notes from standard input: a page of text is some kilobytes


def run_note(store: Store, args: argparse.Namespace) -> int:
    if args.text is not None and args.append is not None:
        print("eujobs note: give TEXT to replace the notes, or --append TEXT to add to them, not both",
              file=sys.stderr)
        return 2
    vacancy = store.require(args.vacancy)
    if args.text is None and args.append is None:
        if vacancy.notes.strip():
            print(printable(vacancy.notes))
        else:
            print(f"{vacancy.id}: no notes yet (eujobs note {vacancy.id} TEXT writes some)", file=sys.stderr)
        return 0
    given = args.append if args.text is None else args.text
    text = notes_from_stdin() if given == "-" else given
    appending = args.append is not None
    notes = f"{vacancy.notes.rstrip()}\n{text}" if appending and vacancy.notes.strip() else text
    if notes == vacancy.notes:
        print(f"{vacancy.id}: the notes already say that; nothing changed")
        return 0
    # `was`: notes another eujobs changed meanwhile are kept beside these, not lost
    store.apply(Change(vacancy.id, "notes", notes, was=vacancy.notes))
    lines = len(notes.splitlines())
    size = f"{lines} line{'s' if lines != 1 else ''}"
    print(f"{vacancy.id}: " + ("notes cleared" if not notes.strip() else
                               f"added to the notes (now {size})" if appending else f"notes written ({size})"))
    return 0


def notes_from_stdin() -> str:
    data = sys.stdin.buffer.read(MAX_NOTES_BYTES + 1)
    if len(data) > MAX_NOTES_BYTES:
        raise StoreError(f"the notes on standard input are over {MAX_NOTES_BYTES >> 20} MB; nothing was saved")
    try:
        return data.decode("utf-8").rstrip("\n")
    except UnicodeDecodeError:
        raise StoreError("the notes on standard input are not UTF-8 text; nothing was saved") from None


def run_tick(store: Store, args: argparse.Namespace) -> int:
    vacancy = store.require(args.vacancy)
    store.tick(vacancy.id, args.item, done=not args.undo)
    print(f"{vacancy.id}: {args.item} {'unticked' if args.undo else 'ticked'}")
    return 0



def run_demo(args: argparse.Namespace) -> int:
    if "store" in args:  # `eujobs --store PATH demo`: the demo never touches a store of the user's
        print("eujobs: demo uses a throwaway store of its own; --store does not apply to it", file=sys.stderr)
        return 2
    if not on_a_terminal():
        print(NO_TERMINAL, file=sys.stderr)
        return 2
    if args.folder and not os.path.exists(args.folder):
        print(f"eujobs: {args.folder}: no such file or folder", file=sys.stderr)
        return 1
    folder_given = args.folder or sample_postings()
    if folder_given is None:
        print("eujobs: the sample postings are not installed here; give a folder: eujobs demo FOLDER", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="eujobs-demo-") as folder:
        from eujobs.store.ingest.importer import import_paths

        store = Store.open(Path(folder) / "store", clock)
        outcomes = import_paths(store, [folder_given])
        if not any(outcome.vacancy_id for outcome in outcomes):
            print(f"eujobs: no postings could be read from {folder_given}", file=sys.stderr)
            return 1
        if args.folder is None:  # the samples, whose own deadlines have passed: moved to days from today
            from .demo import move_deadlines

            move_deadlines(store)
        return open_dashboard(store)


def open_dashboard(store: Store, front: Front | None = None) -> int:
    # Starting the dashboard makes some million objects (Textual's modules, the screen's widgets and styles)
    # and frees next to none: the collector's passes over them took a seventh of the time to the first
    # screen. It collects again once that screen is drawn (EujobsApp.on_ready).
    gc.disable()
    from .app import (
        EujobsApp,  # Textual is imported only when the dashboard opens: commands stay quick
    )

    app = EujobsApp(store, front)
    refused = app.run()
    if refused is not None:
        raise refused  # the store could not be read after all, or an error ended it: said in one line
    return app.return_code or 0  # 128 + N after signal N

