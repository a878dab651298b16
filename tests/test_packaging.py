"""One installed name: the wheel holds the package `eujobs` alone (eujobs.store, eujobs.tui, and the sample
postings as package data), and installed from it `eujobs demo` opens the dashboard on those postings."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT
from .terminal import Terminal

SAMPLE_SUFFIXES = {".md", ".txt", ".pdf"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel as `pip install .` builds it (offline: the build backend installed with the tests)."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                    "-q", "-w", str(out), str(ROOT)], check=True, capture_output=True, timeout=300)
    return next(out.glob("eujobs-*.whl"))


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory) -> Path:
    """The wheel installed into a folder of its own (its dependencies are the test environment's)."""
    target = tmp_path_factory.mktemp("site")
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q", "--target",
                    str(target), str(wheel)], check=True, capture_output=True, timeout=300)
    return target


def names_in(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_the_wheel_holds_one_top_level_package(wheel: Path) -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert {name.split("/")[0] for name in names_in(wheel)} == {"eujobs", f"eujobs-{version}.dist-info"}


def test_the_wheel_holds_every_module_the_tcss_and_the_sample_postings(wheel: Path) -> None:
    names = names_in(wheel)
    modules = {f"eujobs/{path.relative_to(ROOT).as_posix()}" for folder in ("store", "tui")
               for path in (ROOT / folder).rglob("*.py")}
    samples = {f"eujobs/sample_postings/{path.name}" for path in (ROOT / "sample_data" / "postings").iterdir()
               if path.suffix in SAMPLE_SUFFIXES}
    assert modules - names == set()  # a folder left out of pyproject's package list would miss here
    assert samples and samples - names == set()
    assert "eujobs/tui/app.tcss" in names


def installed_python(installed: Path, code: str, tmp_path: Path) -> subprocess.CompletedProcess:
    """Python with the installed wheel first on its path, away from the checkout."""
    env = {**os.environ, "PYTHONPATH": str(installed)}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env,
                          timeout=60)


def test_installed_our_folders_are_not_importable_by_their_own_names(installed: Path, tmp_path: Path) -> None:
    found = installed_python(installed, "import eujobs.store, eujobs.tui; print(eujobs.store.__file__)", tmp_path)
    assert found.returncode == 0 and found.stdout.startswith(str(installed))
    for name in ("store", "tui"):
        refused = installed_python(installed, f"import {name}", tmp_path)
        assert refused.returncode != 0 and f"No module named '{name}'" in refused.stderr


def test_installed_eujobs_demo_opens_the_dashboard_on_the_sample_postings(installed: Path, tmp_path: Path) -> None:
    launch = [sys.executable, "-c", "import sys; from eujobs.tui.launch import main; sys.exit(main())"]
    env = {"PYTHONPATH": str(installed), "EUJOBS_NOW": "2026-03-10T09:00:00+00:00"}
    terminal = Terminal("demo", columns=120, lines=40, env=env, program=launch, cwd=tmp_path)
    try:
        terminal.wait_for("5 vacancies", timeout=60)
        terminal.wait_for("IT Project Officer – IT project leader")  # the first one, its details shown
        terminal.press("q")
        assert terminal.wait_exit() == 0
    finally:
        terminal.close()
