"""Where an import's work runs: worker processes that end with the importing process however it ends, and
threads that never hold up its end.

An import killed with SIGKILL (`kill -9`, the out-of-memory killer) left its worker processes alive for good,
each blocked reading the calls pipe or writing the results pipe: every worker forked after another holds that
one's pipe ends too, so none of them ever saw a pipe close. Now each worker watches a pipe of its own, the
lifeline, whose writing end only the importing process holds: however that process ends, the kernel closes
the pipe and the worker exits. On Linux the kernel also kills a worker when its parent ends (the parent-death
signal), even while the worker is inside a long regular-expression match that never lets its watch run.
"""

from __future__ import annotations

import os
import queue
import signal
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing.connection import Connection, Pipe

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


class WorkerProcesses(ProcessPoolExecutor):
    """A process pool whose workers end when this process does, and at once on `stop`."""

    def __init__(self, workers: int, mp_context) -> None:
        self._lifeline = Pipe(duplex=False)  # (the workers' end, the end only this process holds)
        super().__init__(max_workers=workers, mp_context=mp_context, initializer=_start_worker,
                         initargs=self._lifeline)

    def stop(self) -> None:
        """End the workers now, whatever they are doing (Ctrl-C): their lifeline breaks."""
        self._lifeline[1].close()

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        super().shutdown(wait, cancel_futures=cancel_futures)
        if wait:  # the workers are gone: closing the lifeline now cuts nothing short
            for end in self._lifeline:
                end.close()


def _start_worker(lifeline: Connection, held: Connection) -> None:
    """In each worker, before its first call."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the importing process's to act on: it ends us
    held.close()  # this worker's copy (forked with it, or sent): only the importing process may keep one
    _die_with_parent()
    threading.Thread(target=_exit_when_cut, args=(lifeline,), daemon=True).start()


def _exit_when_cut(lifeline: Connection) -> None:
    try:
        lifeline.recv_bytes()  # nothing is ever sent: this returns only when the importing process is gone
    except (EOFError, OSError):
        pass
    os._exit(1)


def _die_with_parent() -> None:
    """Linux: the kernel kills this process the moment the process that made it ends."""
    if sys.platform != "linux":
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # the lifeline still ends it


class DaemonThreads:
    """Threads taking calls in the order given, which never hold up this process's exit: a thread cannot be
    stopped, and concurrent.futures joins its own at exit, so the first Ctrl-C waited for a slow file (55 s
    seen) to be read, only to throw it away."""

    def __init__(self, count: int) -> None:
        self._count = count
        self._threads: list[threading.Thread] = []
        self._calls: queue.SimpleQueue = queue.SimpleQueue()

    def submit(self, call: Callable, *args) -> Future:
        future: Future = Future()
        self._calls.put((future, call, args))
        if len(self._threads) < self._count:
            self._threads.append(threading.Thread(target=self._serve, daemon=True))
            self._threads[-1].start()
        return future

    def _serve(self) -> None:
        while (work := self._calls.get()) is not None:
            future, call, args = work
            if future.set_running_or_notify_cancel():
                try:
                    future.set_result(call(*args))
                except BaseException as error:
                    future.set_exception(error)

    def shutdown(self, cancel: bool = False) -> None:
        """End the threads once the calls given are done; with cancel, the calls not begun are dropped and
        those under way are not waited for."""
        while cancel:
            try:
                self._calls.get_nowait()[0].cancel()
            except queue.Empty:
                break
        for _ in self._threads:
            self._calls.put(None)
        if not cancel:  # done or idle: gone before the next import looks for other threads (_worker_processes)
            for thread in self._threads:
                thread.join()

    def __enter__(self) -> DaemonThreads:
        return self

    def __exit__(self, error_type, *_rest) -> None:
        self.shutdown(cancel=error_type is not None)
