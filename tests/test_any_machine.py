"""The tests pass whatever the machine they run on: a narrow terminal's size in the environment (COLUMNS, LINES),
NO_COLOR and another time zone change no test's outcome. Run as a nested pytest on tests that depended on them."""

from __future__ import annotations

import os
import subprocess
import sys

from .conftest import ROOT

DEPENDING = (
    "tests/test_cli.py::test_list_puts_open_deadlines_first",  # the table's width
    "tests/test_literal_text.py::test_the_dashboard_shows_the_hostile_title_literally",  # the pty's size
    "tests/test_line_views.py::test_the_scrollbar_paints_its_rows_as_textual_would",  # the colours
)


def test_a_narrow_terminal_no_colour_and_another_time_zone_change_no_outcome(tmp_path) -> None:
    machine = {**os.environ, "COLUMNS": "40", "LINES": "10", "NO_COLOR": "1", "TZ": "Pacific/Kiritimati"}
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--basetemp",
                             str(tmp_path / "nested"), *DEPENDING], cwd=ROOT, env=machine, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout[-3000:]
