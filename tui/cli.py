"""The command line: the dashboard's other face, for scripts and quick looks."""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import os
import sys
import tempfile
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

from .outputs import run_backup, run_due, run_export, run_restore
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


def store_path(args: argparse.Namespace) -> Path:
    chosen = getattr(args, "store", None) or os.environ.get("EUJOBS_STORE")
    return Path(chosen).expanduser() if chosen else Path(user_data_dir("eujobs")) / "store"


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
        description="Read postings (.txt, .md, .pdf, .html; folders; - for stdin). A line per file: imported, "
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

    status = commands.add_parser("status", parents=[common], help="set a vacancy's status",
                                 description="Set a vacancy's status; the change is dated in its history.")
    status.add_argument("vacancy", metavar="ID|REFERENCE")
    status.add_argument("status", choices=STATUSES, metavar="STATUS", help=", ".join(STATUSES))
    status.add_argument("--note", default="", help="a word on the change, kept in the history")

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
                                     description="Deadlines and next actions in the coming days, soonest first: "
                                                 "for a login script or cron over SSH.")
    due_parser.add_argument("--days", type=due_days, default=14, metavar="N", help="how far ahead (default 14)")
    due_parser.add_argument("--quiet", action="store_true", help="print nothing when nothing is due")

    exporting = commands.add_parser("export", parents=[common], help="export to a calendar, a spreadsheet or JSON",
                                    description="ics: the open deadlines with alarms, for a calendar; csv: a row per "
                                                "vacancy with its dated status history; json: schema records.")
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


READ_ONLY = {"list", "show", "due", "export"}
CHANGING = {"import", "status", "tick", "profile", "restore"}


def run(args: argparse.Namespace) -> int:
    if args.command == "demo":
        return run_demo(args)
    # A command that only reads works on a store it could not change (a read-only copy); restore must
    # open the damaged store it is there to repair.
    reads_only = args.command in READ_ONLY or (args.command == "profile" and args.profile_command == "show")
    dashboard = args.command is None
    store = Store.open(store_path(args), clock, writable=not reads_only,
                       check_files=not dashboard and args.command != "restore")
    if dashboard:
        return open_dashboard(store, store.front_or_read())
    commands = {"import": run_import, "list": run_list, "show": run_show, "status": run_status, "tick": run_tick,
                "profile": run_profile, "due": run_due, "export": run_export, "backup": run_backup,
                "restore": run_restore}
    code = commands[args.command](store, args)
    if args.command in CHANGING and not reads_only:
        store.save_front()  # so the dashboard's next start draws its first screen without reading the catalog
    return code


def run_import(store: Store, args: argparse.Namespace) -> int:
    # Imported here, as in run_demo: the parser's 450 regular expressions are 60 ms the dashboard's start
    # does without.
    from eujobs.store.ingest.importer import ImportStopped, import_paths, read_stdin

    stdin = read_stdin(sys.stdin.buffer) if "-" in args.paths else None
    stopped = None
    try:
        with ProgressBar(sys.stderr) as bar:
            outcomes = import_paths(store, args.paths, stdin=stdin, progress=bar.update, debug=args.debug)
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
        print(f"The store {store.root} is empty. Add postings with: eujobs import PATH...")
    if closed_left_out:
        print(f"{closed_left_out} closed posting{'s' if closed_left_out != 1 else ''} you were eligible to "
              "left out (--include-closed lists them).")
    return 0


def run_show(store: Store, args: argparse.Namespace) -> int:
    vacancy, now, profile = require(store, args.vacancy), store.clock(), store.profile()
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
        print(describe_vacancy(vacancy, now, found, None if profile.is_empty else fit_of(vacancy, found)))
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
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
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
    vacancy = require(store, args.vacancy)
    store.set_status(vacancy.id, args.status, args.note)
    print(f"{vacancy.id}: {vacancy.status} -> {args.status}")
    return 0


def run_tick(store: Store, args: argparse.Namespace) -> int:
    vacancy = require(store, args.vacancy)
    store.tick(vacancy.id, args.item, done=not args.undo)
    print(f"{vacancy.id}: {args.item} {'unticked' if args.undo else 'ticked'}")
    return 0


def require(store: Store, wanted: str) -> Vacancy:
    vacancy = store.find(wanted)
    if vacancy is None:
        raise StoreError(f"no vacancy with id or reference '{wanted}' (see: eujobs list)")
    return vacancy


def run_demo(args: argparse.Namespace) -> int:
    if "store" in args:  # `eujobs --store PATH demo`: the demo never touches a store of the user's
        print("eujobs: demo uses a throwaway store of its own; --store does not apply to it", file=sys.stderr)
        return 2
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

