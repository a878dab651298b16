"""Run the installed `eujobs` in a real pseudo-terminal and read its screen, as a person over SSH would."""

from __future__ import annotations

import os
import select
import sys
import time
from collections.abc import Callable
from pathlib import Path

import ptyprocess
import pyte

EUJOBS = Path(sys.executable).parent / "eujobs"
SCROLLBAR_GLYPHS = "".join(map(chr, range(0x2580, 0x25A0)))  # the block elements a thumb is drawn with

# What the keys send down a terminal.
ENTER = "\r"
ESCAPE = "\x1b"
CTRL_S = "\x13"


def focused(pane: str) -> str:
    """A focused pane's top border: heavy, with its title (focus is shown by weight, not colour alone)."""
    return f"┏━ {pane}"


class Terminal:
    def __init__(self, *args: str, columns: int = 80, lines: int = 24, env: dict[str, str] | None = None,
                 program: list[str] | None = None, cwd: Path | None = None) -> None:
        """`eujobs` with `args`, or another `program` (its command line, args after it)."""
        self.screen = pyte.Screen(columns, lines)
        self.stream = pyte.ByteStream(self.screen)
        self.output = bytearray()  # every byte the program wrote, escape sequences and all
        # The pty's size is the terminal's: COLUMNS and LINES, when the tests' environment has them, would win over it.
        inherited = {name: value for name, value in os.environ.items() if name not in ("COLUMNS", "LINES")}
        environment = {**inherited, "TERM": "xterm-256color", **(env or {})}
        self.process = ptyprocess.PtyProcess.spawn(
            [*(program or [str(EUJOBS)]), *args], dimensions=(lines, columns), env=environment, cwd=cwd
        )

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def pump(self, seconds: float = 0.1) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            readable, _, _ = select.select([self.process.fd], [], [], 0.05)
            if not readable:
                continue
            try:
                data = self.process.read(65536)
            except EOFError:
                return
            self.output += data
            self.stream.feed(data)

    def line_with(self, needle: str) -> str:
        """The first screen line holding `needle`, or "" when none does."""
        return next((line for line in self.screen.display if needle in line), "")

    def wait_until(self, condition: Callable[[str], bool], what: str, timeout: float = 15.0) -> None:
        """Read the program's output until condition(screen text) holds; fail saying `what` never happened."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.pump(0.1)
            if condition(self.text()):
                return
        raise AssertionError(f"{what} never happened within {timeout} s; the screen:\n{self.text()}")

    def wait_for(self, needle: str, timeout: float = 15.0) -> None:
        self.wait_until(lambda text: needle in text, f"{needle!r} appearing on screen", timeout)

    def wait_gone(self, needle: str, timeout: float = 15.0) -> None:
        self.wait_until(lambda text: needle not in text, f"{needle!r} leaving the screen", timeout)

    def wait_for_line(self, needle: str, *parts: str, timeout: float = 15.0) -> None:
        """Until the line holding `needle` also holds every one of `parts` (a mark, a status...)."""
        self.wait_until(lambda _: all(part in self.line_with(needle) for part in parts),
                        f"a line with {needle!r} showing {parts!r}", timeout)

    def press(self, keys: str) -> None:
        self.process.write(keys.encode())

    def wait_exit(self, timeout: float = 10.0) -> int:
        deadline = time.monotonic() + timeout
        while self.process.isalive() and time.monotonic() < deadline:
            self.pump(0.1)
        if self.process.isalive():
            self.process.terminate(force=True)
            raise AssertionError(f"eujobs did not exit:\n{self.text()}")
        return self.process.exitstatus

    def close(self) -> None:
        if self.process.isalive():
            self.process.terminate(force=True)

    def tick_first_item(self) -> str:
        """Go to the checklist (key 3), tick its first item and wait for the tick on screen; its text."""
        self.press("3")
        self.wait_for(focused("3 Checklist"))
        # the pane's right edge may hold its scrollbar's thumb (block elements) before the border
        first_item = self.line_with("▶ [ ]").split("[ ]", 1)[1].rstrip(" ┃│" + SCROLLBAR_GLYPHS).strip()
        assert first_item, self.text()
        self.press(" ")
        self.wait_for_line(first_item, "▶ [x]")
        return first_item

