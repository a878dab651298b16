"""Run the installed `eujobs` in a real pseudo-terminal and read its screen, as a person over SSH would."""

from __future__ import annotations

import os
import select
import sys
import time
from pathlib import Path

import ptyprocess
import pyte

EUJOBS = Path(sys.executable).parent / "eujobs"


class Terminal:
    def __init__(self, *args: str, columns: int = 80, lines: int = 24, env: dict[str, str] | None = None) -> None:
        self.screen = pyte.Screen(columns, lines)
        self.stream = pyte.ByteStream(self.screen)
        environment = {**os.environ, "TERM": "xterm-256color", **(env or {})}
        self.process = ptyprocess.PtyProcess.spawn(
            [str(EUJOBS), *args], dimensions=(lines, columns), env=environment
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
                self.stream.feed(self.process.read(65536))
            except EOFError:
                return

    def wait_for(self, needle: str, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.pump(0.1)
            if needle in self.text():
                return
        raise AssertionError(f"{needle!r} never appeared on screen:\n{self.text()}")

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
