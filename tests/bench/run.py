"""The dashboard and importer benchmark of issue 6: prints a table and writes every figure as JSON.

    python tests/bench/run.py [--sizes 1000,10000,50000] [--json FILE]

Each size runs in a fresh child process (`--one SIZE`, one JSON line on stdout) so sizes do not share
memory or caches; the import and pseudo-terminal figures are measured once, in this process. Timings are
time.perf_counter in the measuring process; the UI is driven with Textual's Pilot (headless, 120x40).
First paint is what a user waits for: from starting the command to its first full screen in a
pseudo-terminal, ours and a bare Textual app's (the *_in_process figures leave out the interpreter and
the imports). Figures are medians / p95 of one run: no thresholds are asserted here.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import json
import os
import resource
import select
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

from corpus import NOW, fill_store, make_corpus, make_pdfs  # noqa: E402

from eujobs.store.persistence.front import FRONT_FILE  # noqa: E402

SIZE = (120, 40)
CURSOR_MOVES = 50
TICKS = 30
FIELD_WORD = "office"  # in many titles ("... Officer"): the list fields answer most keystrokes
FULLTEXT_WORD = "govern"  # "governance", only in posting bodies: no list field holds even "go"
PTY_MOVES = 20
EUJOBS_NOW = NOW.isoformat()


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


# ---------------------------------------------------------------- one size, in its own process
#
# Pilot's own press()/pause() poll for idleness in steps of several ms, which would swamp the figures. So
# keys are sent to the driver as Pilot does, but without its waits, and the end of each measurement is the
# moment of the last screen update written after the change (App._display, which in headless mode we
# make encode the update as a terminal would, so that cost is counted), once the state is reached and
# nothing has been painted for QUIET_S.

QUIET_S = 0.05
POLL_S = 0.0005


class Probe:
    """Timestamps of the app's screen updates, its saver's finished jobs, and the screen's reactives."""

    def __init__(self, app) -> None:
        self.app = app
        self.paints: list[float] = []
        self.saved: list[float] = []
        display = app._display

        def timed_display(screen, renderable) -> None:
            display(screen, renderable)
            if renderable is not None and not app._batch_count:
                if hasattr(renderable, "render_segments"):
                    renderable.render_segments(app.console)  # what a real terminal's driver would do
                self.paints.append(time.perf_counter())

        app._display = timed_display
        saver = getattr(app, "saver", None)
        if saver is not None:
            submit = saver.submit

            def timed_submit(job, reply_to, name, about=None):
                def timed():
                    try:
                        return job()
                    finally:
                        self.saved.append(time.perf_counter())
                submit(timed, reply_to, name, about)

            saver.submit = timed_submit

    def key(self, key: str) -> float:
        from textual import events

        start = time.perf_counter()
        event = events.Key(key, key if len(key) == 1 else (" " if key == "space" else None))
        event.set_sender(self.app)
        self.app._driver.send_message(event)
        return start

    def busy(self) -> bool:
        app = self.app
        screen = app.screen
        return (
            any(w.is_running for w in app.workers if w.group != "dialog")
            or bool(getattr(app, "saver", None) and app.saver.busy)
            or bool(screen._dirty_widgets) or screen._layout_required or screen._repaint_required
        )

    async def until(self, condition, start: float, timeout: float = 60.0) -> float:
        """Wait for condition() and quiet; the time from start to the last paint (or to now if later)."""
        deadline = time.perf_counter() + timeout
        while True:
            await asyncio.sleep(POLL_S)
            if time.perf_counter() > deadline:
                raise TimeoutError("the app never reached the state measured")
            if not condition() or self.busy():
                continue
            reached = time.perf_counter()
            last = self.paints[-1] if self.paints else 0.0
            if reached - max(last, start) >= QUIET_S or (last > start and reached - last >= QUIET_S):
                if condition() and not self.busy():
                    end = last if last > start else reached
                    return end - start


async def bare_first_paint() -> float:
    from textual.app import App
    from textual.widgets import DataTable

    class Bare(App):
        def compose(self):
            yield DataTable()

    start = time.perf_counter()
    app = Bare()
    probe = Probe(app)
    async with app.run_test(size=SIZE):
        return await probe.until(lambda: app.screen.query(DataTable) and bool(probe.paints), start)


async def measure_app(root: Path) -> dict:
    from eujobs.store.persistence.db import Store
    from eujobs.tui.app import EujobsApp
    from eujobs.tui.widgets.panes import Panes

    result: dict = {}
    start = time.perf_counter()
    store = Store.open(root, lambda: NOW, check_files=False)
    front = store.front_or_read()  # as `eujobs` starts
    result["store_open_s"] = time.perf_counter() - start
    app = EujobsApp(store, front)
    probe = Probe(app)
    async with app.run_test(size=SIZE):

        def screen():
            return app.screen

        def ready() -> bool:
            s = screen()
            listing = getattr(getattr(s, "model", None), "listing", None)
            return bool(listing and listing.shown) and s.current is not None and bool(s.view.text)

        result["first_paint_in_process_s"] = await probe.until(ready, start)
        s = screen()
        await probe.until(lambda: bool(s.model.vacancies), start)  # the rest of the list, read after its front

        moves = []
        for _ in range(CURSOR_MOVES):
            before = s.current.id
            t = probe.key("j")
            moves.append(1000 * await probe.until(lambda: s.current.id != before and bool(s.view.text), t))
        result["cursor_move_ms_p95"] = p95(moves)
        result["cursor_move_ms_median"] = statistics.median(moves)

        for key, word in (("filter_key_ms", FIELD_WORD), ("fulltext_key_ms", FULLTEXT_WORD)):
            t = probe.key("slash")
            await probe.until(lambda: s.focused is s.query_one("#filter"), t)
            times = []
            for i, letter in enumerate(word, 1):
                t = probe.key(letter)
                # the list is filtered (in a worker, or at once) and repainted when it changed
                times.append(1000 * await probe.until(lambda: s.model.filter.needle == word[:i], t))
            result[f"{key}_p95"] = p95(times)
            result[f"{key}_all"] = [round(x, 1) for x in times]
            result[f"{key}_matches"] = len(s.model.listing.shown)
            t = probe.key("escape")
            await probe.until(lambda: s.model.filter.needle == "" and s.focused is not s.query_one("#filter"), t)

        t = probe.key("3")
        await probe.until(lambda: s.query_one(Panes).focused_pane == "checklist", t)
        ticks = []
        for _ in range(TICKS):
            saved = len(probe.saved)
            t = probe.key("space")
            await probe.until(lambda: len(probe.saved) > saved, t)
            ticks.append(1000 * (probe.saved[saved] - t))  # until the change was committed and fsynced
        result["tick_durable_ms_median"] = statistics.median(ticks)
        result["tick_durable_ms_p95"] = p95(ticks)
    app.saver.close()
    return result


def one_size(size: int, root: Path, profile: str | None) -> dict:
    """Measure the dashboard on the store at root (built by another process: its memory is not ours)."""
    asyncio.run(bare_first_paint())  # warm-up: imports, Textual's own CSS; not timed
    bare = asyncio.run(bare_first_paint())
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    result = asyncio.run(measure_app(root))
    if profile:
        profiler.disable()
        profiler.dump_stats(profile)
    result.update(
        size=size, bare_first_paint_in_process_s=bare,
        first_paint_in_process_ratio=result["first_paint_in_process_s"] / bare, rss_mb=rss_mb(),
    )
    return result


# ---------------------------------------------------------------- imports, once

IMPORT_ROUNDS = 3


def measure_imports(tmp: Path) -> dict:
    """Medians of IMPORT_ROUNDS rounds, each into fresh stores: one import of a second or three swings by a
    tenth with the machine's moment; in each round the PDF import and pdfminer alone run back to back."""
    from pdfminer.high_level import extract_text

    from eujobs.store.persistence.db import Store
    from eujobs.store.ingest.importer import import_paths

    texts = tmp / "texts"
    make_corpus(texts, 300)
    pdfs = make_pdfs(tmp / "pdfs", 12)
    extract_text(str(pdfs[0]))  # warm pdfminer's imports: measure extraction, not the import

    def ours(folder: Path, store: str, workers: int | None = None) -> tuple[float, list]:
        # A save ends with os.sync(), which would also wait for whatever the benchmark wrote before (a corpus
        # of 10,000 postings: 0.2 s): that is flushed before each timed import, so each pays for its own writes.
        os.sync()
        start = time.perf_counter()
        outcomes = import_paths(Store.open(tmp / store, lambda: NOW), [str(folder)], workers=workers)
        return time.perf_counter() - start, outcomes

    rounds: dict[str, list[float]] = {"text_per_s": [], "alone": [], "one": [], "many": []}
    failed = 0
    for round_ in range(IMPORT_ROUNDS):
        elapsed, outcomes = ours(texts, f"s-text-{round_}")
        rounds["text_per_s"].append(len(outcomes) / elapsed)
        failed += sum(o.failed for o in outcomes)
        start = time.perf_counter()
        for path in pdfs:
            extract_text(str(path))
        rounds["alone"].append(time.perf_counter() - start)
        for kind, workers in (("one", 1), ("many", os.cpu_count() or 1)):
            elapsed, outcomes = ours(tmp / "pdfs", f"s-pdf-{kind}-{round_}", workers)
            assert len(outcomes) == len(pdfs) and not any(o.failed for o in outcomes), outcomes
            rounds[kind].append(elapsed)
    overhead = [one / alone for one, alone in zip(rounds["one"], rounds["alone"])]
    speedup = [one / many for one, many in zip(rounds["one"], rounds["many"])]
    return {
        "import_text_per_s": statistics.median(rounds["text_per_s"]), "import_text_failed": failed,
        "import_text_per_s_rounds": [round(x, 1) for x in rounds["text_per_s"]],
        "import_pdf_s_workers_1": statistics.median(rounds["one"]),
        "import_pdf_s_pdfminer_alone": statistics.median(rounds["alone"]),
        "import_pdf_s_all_cores": statistics.median(rounds["many"]),
        "import_pdf_overhead_ratio": statistics.median(overhead),
        "import_pdf_overhead_ratio_rounds": [round(x, 3) for x in overhead],
        "import_pdf_parallel_speedup": statistics.median(speedup),
        "import_pdf_parallel_speedup_rounds": [round(x, 2) for x in speedup],
        "cpu_count": os.cpu_count(),
    }


# ---------------------------------------------------------------- bytes to a pseudo-terminal, once

BARE_EMPTY_APP = textwrap.dedent("""
    from textual.app import App
    from textual.widgets import DataTable

    class Bare(App):
        def compose(self):
            yield DataTable()

        def on_mount(self):
            self.query_one(DataTable).add_columns("Deadline", "Title", "Institution", "Reference")

    Bare().run()
""")
FIRST_PAINT_RUNS = 11  # the bare app's median alone moved by a tenth between runs of 7


def measure_first_paint(root: Path, tmp: Path) -> dict:
    """Medians of FIRST_PAINT_RUNS starts of `eujobs` on the store and of a bare Textual app (an empty table),
    each from the command to its first full screen in a pseudo-terminal, taken in turns so that the
    machine's drift weighs on all alike. Ours twice: on the store as an import (or an earlier start) leaves
    it, its front saved (store/persistence/front.py); and without the front, as a start right after a change the
    dashboard had no time to save the front after finds it."""
    script = tmp / "bare_empty.py"
    script.write_text(BARE_EMPTY_APP, encoding="utf-8")
    bare = [sys.executable, str(script)]
    ours = [str(Path(sys.executable).parent / "eujobs"), "--store", str(root)]
    front, aside = root / FRONT_FILE, tmp / FRONT_FILE
    runs: dict[str, list[float]] = {"bare": [], "with_front": [], "without_front": []}
    for _ in range(FIRST_PAINT_RUNS):
        runs["bare"].append(pty_first_paint(bare, b"Institution", {}))
        runs["with_front"].append(pty_first_paint(ours, "▶".encode(), {"EUJOBS_NOW": EUJOBS_NOW}))
        front.rename(aside)
        runs["without_front"].append(pty_first_paint(ours, "▶".encode(), {"EUJOBS_NOW": EUJOBS_NOW}))
        aside.rename(front)
    bare_s, with_front, without_front = (statistics.median(runs[kind]) for kind in runs)
    return {"first_paint_s": with_front, "bare_first_paint_s": bare_s, "first_paint_ratio": with_front / bare_s,
            "first_paint_without_front_s": without_front, "first_paint_without_front_ratio": without_front / bare_s}


BARE_TABLE_APP = textwrap.dedent("""
    import sys
    from textual.app import App
    from textual.widgets import DataTable

    class Bare(App):
        def compose(self):
            yield DataTable(cursor_type="row")

        def on_mount(self):
            table = self.query_one(DataTable)
            table.add_columns("", "Title", "Institution", "Reference", "Deadline", "Due", "Fit")
            for i in range(int(sys.argv[1])):
                table.add_row("!", f"Posting number {i} of the benchmark", "EC", f"EC/2026/DIGIT/{i:06d}",
                              "2026-06-01", "in 3 d", "2/8")
            table.focus()

    Bare().run()
""")


def spawn(command: list[str], env: dict):
    import ptyprocess

    return ptyprocess.PtyProcess.spawn(command, dimensions=(SIZE[1], SIZE[0]),
                                       env={**os.environ, "TERM": "xterm-256color", **env})


def read_until_quiet(process, quiet: float, limit: float = 10.0) -> tuple[bytes, float | None]:
    """What the program writes until it has been quiet for `quiet` s; and when its last byte came (None
    when it wrote nothing)."""
    got, last_byte = b"", None
    last = time.perf_counter()
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and time.perf_counter() - last < quiet:
        readable, _, _ = select.select([process.fd], [], [], 0.02)
        if readable:
            try:
                got += process.read(65536)
            except EOFError:
                break
            last = last_byte = time.perf_counter()
    return got, last_byte


def wait_for_screen(process, command: list[str], ready: bytes, limit: float) -> float | None:
    """Read until `ready` has been written and the program is quiet; when its last byte came."""
    seen, last_byte = b"", None
    deadline = time.monotonic() + limit
    while ready not in seen and time.monotonic() < deadline:
        got, at = read_until_quiet(process, 0.5, 1.0)
        seen, last_byte = seen + got, at or last_byte
    assert ready in seen, f"{command[0]} never showed {ready!r}"
    return last_byte


def pty_first_paint(command: list[str], ready: bytes, env: dict) -> float:
    """Seconds from starting the program to the last byte of its first full screen at 120x40: what a
    user waits for after pressing Enter on the command (interpreter, imports and data included)."""
    start = time.perf_counter()
    process = spawn(command, env)
    try:
        shown = wait_for_screen(process, command, ready, 60)
        _, after = read_until_quiet(process, 0.5)  # any frame right after
        return (after or shown) - start
    finally:
        process.terminate(force=True)


def pty_bytes(command: list[str], key: bytes, ready: bytes, env: dict) -> tuple[float, float]:
    """(bytes per key press, bytes written while idle for as long) at 120x40."""
    process = spawn(command, env)
    try:
        wait_for_screen(process, command, ready, 30)
        read_until_quiet(process, 1.5)  # the first paint and anything scheduled after it
        window = 0.4
        start = time.monotonic()
        idle = len(read_until_quiet(process, PTY_MOVES * window, PTY_MOVES * window)[0])
        idle_s = time.monotonic() - start
        total = 0
        start = time.monotonic()
        for _ in range(PTY_MOVES):
            process.write(key)
            total += len(read_until_quiet(process, 0.3)[0])
        moved_s = time.monotonic() - start
        # Subtract what an idle screen writes in the same time (clock, timers), if anything.
        return (total - idle * moved_s / idle_s) / PTY_MOVES, idle / idle_s
    finally:
        process.terminate(force=True)


def measure_pty(tmp: Path) -> dict:
    root = tmp / "pty-store"
    fill_store(root, 1000)
    eujobs = str(Path(sys.executable).parent / "eujobs")
    ours, ours_idle = pty_bytes([eujobs, "--store", str(root)], b"j", "▶".encode(), {"EUJOBS_NOW": EUJOBS_NOW})
    script = tmp / "bare_table.py"
    script.write_text(BARE_TABLE_APP, encoding="utf-8")
    bare, bare_idle = pty_bytes([sys.executable, str(script), "1000"], b"\x1b[B", b"Posting number 0", {})
    return {"bytes_per_cursor_move": ours, "bare_bytes_per_cursor_move": bare,
            "idle_bytes_per_s": ours_idle, "bare_idle_bytes_per_s": bare_idle}


# ---------------------------------------------------------------- the whole run

PER_SIZE = ("first_paint_s", "bare_first_paint_s", "first_paint_ratio", "first_paint_without_front_s",
            "first_paint_without_front_ratio", "cursor_move_ms_p95", "filter_key_ms_p95", "fulltext_key_ms_p95",
            "tick_durable_ms_median", "rss_mb")
TARGETS_AT_10K = {"first_paint_ratio": "≤ 1.5", "cursor_move_ms_p95": "≤ 16", "filter_key_ms_p95": "≤ 30",
                  "fulltext_key_ms_p95": "≤ 150", "tick_durable_ms_median": "≤ 30", "rss_mb": "≤ 300"}
ONCE_TARGETS = {"tick_growth_ratio": "≤ 2 (1k→50k)", "import_text_per_s": "≥ 200",
                "import_pdf_overhead_ratio": "≤ 1.1", "import_pdf_parallel_speedup": "≥ 1.7 (2 cores)",
                "bytes_per_cursor_move": "≤ 8192", "bare_bytes_per_cursor_move": ""}


def run_size(size: int, profile: str | None) -> dict:
    with tempfile.TemporaryDirectory(prefix="eujobs-bench-") as tmp:
        root = Path(tmp) / "store"
        start = time.perf_counter()
        subprocess.run([sys.executable, str(Path(__file__).with_name("corpus.py")), "store", str(root), str(size)],
                       check=True, capture_output=True, cwd=ROOT)
        built = time.perf_counter() - start
        first_paint = measure_first_paint(root, Path(tmp))
        command = [sys.executable, __file__, "--one", str(size), "--store", str(root)]
        done = subprocess.run(command + (["--profile", profile] if profile else []),
                              capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        sys.exit(f"size {size} failed:\n{done.stderr}")
    return {**json.loads(done.stdout.strip().splitlines()[-1]), **first_paint, "corpus_build_s": built}


def compile_eujobs() -> None:
    """Compile eujobs's modules to bytecode first, as every start after a user's first finds them (and as
    pip left Textual's, which the bare app imports): an editable install compiles them on first import,
    and never when PYTHONDONTWRITEBYTECODE is set, which left each start compiling them again (60 ms)."""
    for package in ("store", "tui"):
        compileall.compile_dir(ROOT / package, quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated numbers of postings")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the figures here")
    parser.add_argument("--one", type=int, metavar="SIZE", help=argparse.SUPPRESS)  # a child: one size
    parser.add_argument("--store", type=Path, help=argparse.SUPPRESS)  # the child's store
    parser.add_argument("--profile", metavar="FILE", help="cProfile the dashboard part of each size into FILE.SIZE")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_size(args.one, args.store, args.profile)))
        return

    started = time.perf_counter()
    compile_eujobs()
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    runs = sorted(set(sizes) | {1000})
    per_size = {}
    for size in runs:
        print(f"measuring {size} postings...", file=sys.stderr, flush=True)
        per_size[size] = run_size(size, f"{args.profile}.{size}" if args.profile else None)
    largest = max(sizes)
    once = {"tick_growth_ratio": per_size[largest]["tick_durable_ms_median"] / per_size[1000]["tick_durable_ms_median"]}
    with tempfile.TemporaryDirectory(prefix="eujobs-bench-") as tmp:
        print("measuring imports...", file=sys.stderr, flush=True)
        once.update(measure_imports(Path(tmp)))
        print("measuring bytes to a pseudo-terminal...", file=sys.stderr, flush=True)
        once.update(measure_pty(Path(tmp)))
    elapsed = time.perf_counter() - started

    print(f"{'per size':<32}" + "".join(f"{size:>12,}" for size in runs) + f"{'target @10k':>16}")
    for key in PER_SIZE:
        print(f"{key:<32}" + "".join(f"{per_size[size][key]:>12.3f}" for size in runs)
              + f"{TARGETS_AT_10K.get(key, ''):>16}")
    print()
    for key, target in ONCE_TARGETS.items():
        print(f"{key:<30}{once[key]:>12.2f}{target:>20}")
    print(f"\n(benchmark took {elapsed:.0f} s; {os.cpu_count()} cores; per-size figures from one child process each)")

    if args.json:
        document = {"sizes": {str(size): per_size[size] for size in runs}, **once, "elapsed_s": elapsed,
                    "python": sys.version.split()[0], "cpu_count": os.cpu_count()}
        args.json.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
