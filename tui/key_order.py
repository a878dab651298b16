"""Keys handled in the order they were typed, however fast they come.

Textual (8.2) hands each key to the focused widget's own queue as soon as the app reads it. A key the widget
does not take itself (Tab, Enter, Escape, an Input's Backspace: bindings) comes back to the app through each
parent's queue, and only there runs as a binding. Keys that arrive together (over SSH, in a paste) had all
been handed to the widget focused at the first before that one came back: a Tab moved the focus after the
next field's text had gone into the old field; an Input's Backspaces ran after the letters typed behind them.

The gate holds a key while the screen is still busy with the ones before it (a key on its way back to the app,
a message it caused such as Input.Submitted, a dialog it opened being mounted) and lets it through once the
app and every widget of the screen have nothing left to handle. A key with nothing before it goes at once.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager

from textual import events
from textual.app import App

from .textual_hooks import has_pending_messages

GATED = (events.Key, events.Paste)  # what the user types, in the order typed
# A screen not quiet for this long (an endless animation) gets its keys anyway, as Textual would route them.
HELD_AT_MOST_S = 2.0
BUSY_TURNS = 100  # turns of the event loop given to the screen before looking again less often


class KeyGate:
    """Asked by the app about each event it reads (holds); held keys are posted to the app again in order."""

    def __init__(self, app: App) -> None:
        self.app = app
        self._held: deque[events.Event] = deque()
        self._let_through: deque[events.Event] = deque()  # posted again by the gate: routed as they arrive
        self._handling = 0  # events the app is handling now (its handler may await)
        self._releasing: asyncio.Task | None = None

    def holds(self, event: events.Event) -> bool:
        """Whether the app must not route `event` now: the gate keeps it and posts it again once its turn comes."""
        if self._let_through and event is self._let_through[0]:
            self._let_through.popleft()
            return False
        if not isinstance(event, GATED) or event.is_forwarded:
            return False
        if not self._held and self._quiet():
            return False
        self._held.append(event)
        if self._releasing is None:
            self._releasing = asyncio.create_task(self._release())
        return True

    @contextmanager
    def handling(self) -> Iterator[None]:
        """Around the app's handling of an event: while it lasts the app is not quiet."""
        self._handling += 1
        try:
            yield
        finally:
            self._handling -= 1

    def _quiet(self) -> bool:
        if self._handling or self._let_through or has_pending_messages(self.app):
            return False
        stack = self.app.screen_stack  # empty before the first screen: Textual's own routing then
        return not stack or not any(has_pending_messages(node) for node in stack[-1].walk_children(with_self=True))

    async def _until_quiet(self) -> bool:
        """Wait until the app and the screen are quiet; False when they were not within HELD_AT_MOST_S."""
        started, turns = time.monotonic(), 0
        while not self._quiet():
            if time.monotonic() - started > HELD_AT_MOST_S:
                return False
            turns += 1
            # Quiet within a few turns, as a rule; a handler waiting on something else is not spun for.
            await asyncio.sleep(0 if turns < BUSY_TURNS else 0.001)
        return True

    async def _release(self) -> None:
        never_quiet = False
        try:
            while self._held:
                never_quiet = never_quiet or not await self._until_quiet()
                key = self._held.popleft()
                if not self.app.post_message(key):  # the app is closing: nothing to route to
                    self._held.clear()
                    return
                self._let_through.append(key)
        finally:
            self._releasing = None
