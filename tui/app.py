"""The dashboard application: the store, the ordered saver, and the main screen.

It never shows a traceback: the screen says a store's trouble in one line and goes on; anything else ends
it with its error as the result, which the command line says in one line once the terminal is restored.
A hang-up, a termination or an interrupt (an SSH connection dropping, a shutdown) ends it as `q` does,
its pending saves given DRAIN_S to reach the disk, with the signal's exit status (128 + its number).
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys

from textual import events
from textual.app import App
from textual.worker import WorkerFailed

from eujobs.store.persistence.db import Store
from eujobs.store.persistence.front import Front

from .collecting import resume_collecting
from .key_order import KeyGate
from .providers import CommandsProvider
from .saver import Saver
from .screens.main import MainScreen

DRAIN_S = 2.0  # for the saves pending at a signal: a tick takes milliseconds, a save waiting on a lock longer
EXIT_SIGNALS = (signal.SIGHUP, signal.SIGINT, signal.SIGTERM)


class EujobsApp(App):
    TITLE = "eujobs"
    CSS_PATH = "app.tcss"
    COMMANDS = {CommandsProvider}  # only eujobs' own commands: not Textual's (theme, keys, screenshot, quit)

    def __init__(self, store: Store, front: Front | None = None) -> None:
        super().__init__()
        self.store = store
        self.saver = Saver()
        self.front = front
        self.signalled: int | None = None  # the signal that ended the dashboard
        self.key_gate = KeyGate(self)

    def get_default_screen(self) -> MainScreen:
        # The main screen from the start: pushed on mount, an empty default screen was drawn first.
        return MainScreen(self.store, self.saver, self.front)

    async def on_event(self, event: events.Event) -> None:
        # Keys typed together are routed one by one, each once the screen is done with the one before (see
        # tui/key_order.py): a Tab moves the focus before the next field's text is routed.
        if self.key_gate.holds(event):
            return
        with self.key_gate.handling():
            await super().on_event(event)

    def on_mount(self) -> None:
        if not self.is_headless:  # tests drive a headless app inside their own event loop: theirs to stop
            loop = asyncio.get_running_loop()
            for signum in EXIT_SIGNALS:
                loop.add_signal_handler(signum, self.exit_on_signal, signum)

    def exit_on_signal(self, signum: int) -> None:
        self.signalled = signum
        self.exit(return_code=128 + signum)

    def on_ready(self) -> None:
        resume_collecting()  # see open_dashboard

    def _handle_exception(self, error: Exception) -> None:
        """Textual's end for an error nothing caught (a traceback, exit status 0 from `run`; see HOOKED in
        tui/textual_hooks.py): the error as the result instead, said in one line by the command line."""
        if self.is_headless:  # under test: Textual's own end, which hands the error to the test
            super()._handle_exception(error)
            return
        self.exit(error.error if isinstance(error, WorkerFailed) else error, return_code=1)

    def run(self, *args, **kwargs):
        try:
            return super().run(*args, **kwargs)
        finally:
            # Every change the user made is on disk before the program ends; at a signal, as many as DRAIN_S
            # allows (a save held by another process's lock is dropped, and said).
            unsaved = self.saver.close(DRAIN_S if self.signalled else None)
            if unsaved:
                with contextlib.suppress(OSError):  # the terminal may have gone with the connection
                    print(f"eujobs: {unsaved} change{'s' if unsaved > 1 else ''} not saved: the store was busy "
                          f"for {DRAIN_S:g} s after the signal", file=sys.stderr)
