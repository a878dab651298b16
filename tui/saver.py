"""Saving off the UI thread, in order.

Textual's thread workers run side by side, so a tick and a quick untick could reach the disk in the
wrong order. One worker thread fed in order keeps the user's sequence, and `close()` waits for it so
every change is on disk before the program exits.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from textual.message import Message


@dataclass(eq=False, repr=False)  # an event, equal only to itself; see tui/messages.py
class Written(Message):
    """A job finished: which (the name it was submitted under), its result, or the error that stopped it."""

    job: str
    result: Any
    error: Exception | None


class Saver:
    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="eujobs-save")
        self._pending: set[Future] = set()

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def submit(self, job: Callable[[], Any], reply_to, name: str) -> None:
        """Run `job` after every job submitted before it; `reply_to` then receives a Written message."""
        future = self._executor.submit(job)
        self._pending.add(future)

        def report(done: Future) -> None:
            self._pending.discard(done)
            error = done.exception()
            reply_to.post_message(Written(name, None if error else done.result(), error))

        future.add_done_callback(report)

    def close(self) -> None:
        self._executor.shutdown(wait=True)
