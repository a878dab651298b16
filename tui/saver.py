"""Saving off the UI thread, in order.

Textual's thread workers run side by side, so a tick and a quick untick could reach the disk in the
wrong order. One thread fed in order keeps the user's sequence, and `close()` waits for it so every
change is on disk before the program exits. The thread is a daemon: a save stuck behind another process's
lock is left behind once close's wait is over, rather than holding the exit of a signalled dashboard.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

from textual.message import Message


@dataclass(eq=False, repr=False)  # an event, equal only to itself; see tui/messages.py
class Written(Message):
    """A job finished: which (the name it was submitted under), its result, or the error that stopped it, and
    what it was about (the change saved, for one)."""

    job: str
    result: Any
    error: Exception | None
    about: Any = None


class Saver:
    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[tuple[Callable[[], Any], Future] | None] = queue.SimpleQueue()
        self._pending: set[Future] = set()
        self._thread: threading.Thread | None = None  # started by the first job: a start saves nothing

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def submit(self, job: Callable[[], Any], reply_to, name: str, about: Any = None) -> None:
        """Run `job` after every job submitted before it; `reply_to` then receives a Written message."""
        future: Future = Future()
        self._pending.add(future)

        def report(done: Future) -> None:
            self._pending.discard(done)
            error = done.exception()
            reply_to.post_message(Written(name, None if error else done.result(), error, about))

        future.add_done_callback(report)
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="eujobs-save", daemon=True)
            self._thread.start()
        self._jobs.put((job, future))

    def _run(self) -> None:
        while (item := self._jobs.get()) is not None:
            job, future = item
            try:
                result = job()
            except Exception as error:  # said to the screen (Written), which says it to the user
                future.set_exception(error)
            else:
                future.set_result(result)

    def close(self, timeout: float | None = None) -> int:
        """Wait for every job submitted, or at most `timeout` seconds; how many are left unfinished."""
        if self._thread is not None:
            self._jobs.put(None)
            self._thread.join(timeout)
        return len(self._pending)
