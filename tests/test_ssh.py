"""The dashboard over a real SSH session: a throwaway sshd on 127.0.0.1, `ssh -tt` from an 80x24
pseudo-terminal, `eujobs` run in the remote session; navigate, tick a checklist item, quit, and find the tick
in the store."""

from __future__ import annotations

import os
import shlex
import time

import pytest

from eujobs.store.persistence.db import Store

from .conftest import fixed_clock
from .sshd import (
    CommandTerminal,
    Sshd,
    missing_tools,
    remote_shell_line,
    why_no_terminal,
)
from .terminal import ENTER, EUJOBS, focused

NOW = "2026-03-10T09:00:00+00:00"
FIRST = "IT Project Officer"
SECOND = "ICT Security Officer"


@pytest.fixture
def sshd(tmp_path):
    missing = missing_tools()
    why = (f"needs {', '.join(missing)}: install openssh-server and openssh-client (.ci/run does)" if missing
           else why_no_terminal())
    if why:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the SSH test, but it {why}")
        pytest.skip(why)
    server = Sshd(tmp_path / "sshd")
    server.start()
    try:
        yield server
    finally:
        server.stop()


def test_dashboard_over_a_real_ssh_session_keeps_a_tick(sshd, sample_store, tmp_path, report) -> None:
    size_file = tmp_path / "remote_size"
    remote = remote_shell_line(
        tmp_path, "eujobs", "--store", str(sample_store.root),
        env={"TERM": "xterm-256color", "LANG": "C.UTF-8", "EUJOBS_NOW": NOW},
        path_first=EUJOBS.parent, before=f"stty size > {shlex.quote(str(size_file))}",
    )
    started = time.monotonic()
    terminal = CommandTerminal(sshd.ssh_command(remote), columns=80, lines=24)
    try:
        terminal.wait_for_line(FIRST, "▶", timeout=20)
        terminal.press("j")
        terminal.wait_for_line(SECOND, "▶")
        terminal.press("k")
        terminal.wait_for_line(FIRST, "▶")
        terminal.press(ENTER)
        terminal.wait_for(focused("2 Details"))
        first_item = terminal.tick_first_item()
        terminal.press("q")
        status = terminal.wait_exit()
    except AssertionError as error:
        raise AssertionError(f"{error}\n--- sshd log:\n{sshd.log_text()}") from None
    finally:
        terminal.close()
    seconds = time.monotonic() - started

    assert status == 0, f"ssh exited with {status}; the screen:\n{terminal.text()}\n--- sshd log:\n{sshd.log_text()}"
    assert size_file.read_text().split() == ["24", "80"], "ssh -tt did not pass the 80x24 window to the remote pty"
    assert f"Accepted publickey for {sshd.user}" in sshd.log_text()

    ticked = [v for v in Store.open(sample_store.root, fixed_clock).vacancies() if any(v.ticks.values())]
    assert [v.posting.title[:len(FIRST)] for v in ticked] == [FIRST], "the tick is missing or went elsewhere"
    done = [item.text for item in ticked[0].posting.checklist if ticked[0].ticks.get(item.id)]
    assert len(done) == 1 and done[0].startswith(first_item), (first_item, done)
    report(f"ssh: dashboard over a real sshd on 127.0.0.1:{sshd.port} at 80x24, 1 tick kept "
           f"({seconds:.1f} s from connect to quit)")
