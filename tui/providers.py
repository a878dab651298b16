"""The command palette (ctrl+p): every command of tui/commands.py, by name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from .commands import COMMANDS


class CommandsProvider(Provider):
    def _runnable(self):
        for command in COMMANDS:
            if self.screen.check_action(command.action, ()) is not False:
                yield command, partial(self.screen.run_action, command.action)

    async def discover(self) -> Hits:
        for command, run in self._runnable():
            yield DiscoveryHit(command.label, run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command, run in self._runnable():
            score = matcher.match(f"{command.label} {command.help}")
            if score > 0:
                yield Hit(score, matcher.highlight(command.label), run, help=command.help)
