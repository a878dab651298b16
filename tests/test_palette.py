"""The command palette (ctrl+p) lists eujobs' own commands, each once, and nothing of Textual's."""

from __future__ import annotations

from textual.command import CommandList

from eujobs.tui.app import EujobsApp
from eujobs.tui.commands import COMMANDS

from .test_app import press, settle


async def listed(pilot) -> list[str]:
    """The palette's entries as it lists them before anything is typed."""
    await press(pilot, "ctrl+p")
    entries = pilot.app.screen.query_one(CommandList)
    for _ in range(200):  # the providers answer in a worker: until the list stops growing
        count = entries.option_count
        await pilot.pause(0.02)
        if count and entries.option_count == count:
            break
    return [str(entries.get_option_at_index(index).prompt).split("\n")[0] for index in range(entries.option_count)]


async def test_the_palette_lists_only_eujobs_commands_each_once(sample_store) -> None:
    app = EujobsApp(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        entries = await listed(pilot)
    app.saver.close()
    labels = {command.label for command in COMMANDS}
    assert entries and set(entries) <= labels, sorted(set(entries) - labels)
    assert len(entries) == len(set(entries))
    assert entries.count("Quit") == 1 and "Export calendar" in entries
