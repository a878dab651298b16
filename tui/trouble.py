"""A store's trouble met by one of the dashboard's workers: said on screen in one line, with what to do,
never as a traceback that ends the dashboard (the store's errors say what to do: restore a backup, try again
once another eujobs has finished...)."""

from __future__ import annotations

import functools
from collections.abc import Callable

from eujobs.store.errors import StoreError

SHOWN_FOR_S = 30  # a notice's time on screen: long enough to read a path and a command


def said(error: Exception) -> str:
    """An error in one line for the user."""
    if isinstance(error, StoreError):
        return str(error)
    if isinstance(error, OSError):
        return f"{error.filename or 'the store'}: {error.strerror or error}"
    return f"internal error ({type(error).__name__}: {error}); please report it"


def reporting(doing: str) -> Callable[[Callable], Callable]:
    """A screen's worker (below @work) whose store errors are said on the screen: `doing` failed, and why."""

    def decorate(body: Callable) -> Callable:
        @functools.wraps(body)
        def run(screen, *args) -> None:
            try:
                body(screen, *args)
            except (StoreError, OSError) as error:
                screen.notify(f"{doing}: {said(error)}", title="Store", severity="error", markup=False,
                              timeout=SHOWN_FOR_S)  # notify is thread-safe

        return run

    return decorate
