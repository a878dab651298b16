"""The design's two rules: store/ knows nothing of the screen, tui/ nothing of how data is kept or read."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from .conftest import ROOT

FORBIDDEN = {"store": {"textual", "rich"}, "tui": {"tinydb", "pdfminer"}}


def imported_modules(path) -> set[str]:
    tree = ast.parse(path.read_text(), str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_does_not_import_the_other_sides_libraries(package: str) -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_modules(path) & FORBIDDEN[package])
        for path in (ROOT / package).rglob("*.py")
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_loading_the_whole_store_package_never_loads_textual(tmp_path) -> None:
    modules = ["eujobs." + p.relative_to(ROOT).with_suffix("").as_posix().replace("/", ".")
               for p in (ROOT / "store").rglob("*.py")]
    code = "import sys\n" + "".join(f"import {m.removesuffix('.__init__')}\n" for m in modules)
    code += "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    # Run away from the checkout, as installed: its folders must not be importable by their own names.
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_every_import_of_our_code_names_it_by_its_installed_name(package: str) -> None:
    """`import store` finds another project's store once installed: ours is eujobs.store."""
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_modules(path) & {"store", "tui", "sample_data"})
        for path in (ROOT / package).rglob("*.py")
    }
    assert {path: names for path, names in offenders.items() if names} == {}
