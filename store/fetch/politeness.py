"""One request at a time per host, with a pause between them: a watch pass is a handful of requests a day to
sites that serve many people, and must never look like a crawler to them. The clock and the sleep are
passed in, so that tests do not wait."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

PAUSE_S = 2.0  # between two requests to one host


class HostPacer:
    def __init__(self, monotonic: Callable[[], float], sleep: Callable[[float], None], pause: float = PAUSE_S) -> None:
        self.monotonic, self.sleep, self.pause = monotonic, sleep, pause
        self._locks: dict[str, threading.Lock] = {}
        self._last: dict[str, float] = {}  # host -> when its last request ended
        self._guard = threading.Lock()

    @contextmanager
    def turn(self, host: str) -> Iterator[None]:
        """Hold the host for one request: wait for any other request to it, then for the pause since the last."""
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        with lock:
            if host in self._last:
                wait = self._last[host] + self.pause - self.monotonic()
                if wait > 0:
                    self.sleep(wait)
            try:
                yield
            finally:
                self._last[host] = self.monotonic()
