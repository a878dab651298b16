from __future__ import annotations

import gc
import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from eujobs.store.model import ChecklistItem, Posting, Source
from eujobs.store.persistence.db import Incoming, Store

ROOT = Path(__file__).resolve().parent.parent
POSTINGS = ROOT / "sample_data" / "postings"
EXPECTED = json.loads((ROOT / "tests" / "expected.json").read_text(encoding="utf-8"))
SEEDS = sorted(name for name in EXPECTED if not name.startswith("_"))
TODAY = datetime(2026, 3, 10, 9, 0, tzinfo=timezone.utc)


def fixed_clock() -> datetime:
    return TODAY


@pytest.fixture(autouse=True)
def same_on_any_machine(monkeypatch):
    """What a test would otherwise take from the machine it runs on: the width the command line lays its tables out
    to (the terminal's under `pytest -s`, else COLUMNS; 100 columns without either), NO_COLOR (the dashboard turns
    every colour to grey) and a store named in the environment, which a command run without --store would use."""
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("LINES", "24")
    for name in ("NO_COLOR", "EUJOBS_STORE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "store", fixed_clock)


def incoming(reference: str | None = "EC/2026/TEST/1", sha: str = "a" * 64, title: str = "Test officer",
             items: tuple[str, ...] = ("elig-citizenship", "app-cv")) -> Incoming:
    """A parsed posting as the importer hands it to the store, without going through files."""
    posting = Posting(
        title=title, reference=reference, institution="European Commission",
        checklist=[ChecklistItem(item, "eligibility", f"text of {item}") for item in items],
    )
    return Incoming(posting, f"full text of {title}", Source("/tmp/x.txt", sha, "text", TODAY.isoformat()))


def store_bytes(root: Path) -> dict[str, bytes]:
    """Every file of a store folder and its content, to prove a failed command changed nothing."""
    return {str(path.relative_to(root)): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


@pytest.fixture(scope="session")
def sample_store_template(tmp_path_factory) -> Path:
    """The sample postings imported once per run (the PDFs take a child process each)."""
    from eujobs.store.ingest.importer import import_paths

    root = tmp_path_factory.mktemp("template") / "store"
    import_paths(Store.open(root, fixed_clock), [str(POSTINGS)])
    return root


@pytest.fixture
def sample_store(sample_store_template: Path, tmp_path: Path) -> Store:
    """A private copy of the sample store, for tests that change it."""
    import shutil

    shutil.copytree(sample_store_template, tmp_path / "store")
    return Store.open(tmp_path / "store", fixed_clock)


# The reliability tests report what they tried (kills survived, changes kept, inputs tried) here; the
# figures are printed at the end of the run, since pytest captures a passing test's own output.
RELIABILITY_FIGURES: list[str] = []


@pytest.fixture
def report():
    """Call report("crash: 200 kills survived, 1,834 changes kept") to print a figure after the run."""
    return RELIABILITY_FIGURES.append


def pytest_terminal_summary(terminalreporter) -> None:
    if RELIABILITY_FIGURES:
        terminalreporter.section("reliability figures")
        for line in RELIABILITY_FIGURES:
            terminalreporter.write_line(line)


@pytest.fixture
def collector():
    """The collector as the tests leave it: enabled, thresholds and frozen objects as they were."""
    thresholds, enabled = gc.get_threshold(), gc.isenabled()
    yield
    gc.set_threshold(*thresholds)
    gc.unfreeze()
    (gc.enable if enabled else gc.disable)()


class Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the cyclic collector frees it
