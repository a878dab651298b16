"""The main screen seen through the messages it posts (run_test's message_hook): one tick is written once and
updates the list once, and only another process's change is read back."""

from __future__ import annotations

import pytest

from eujobs.store.persistence.db import Store
from eujobs.store.persistence.state import Change
from eujobs.tui.app import EujobsApp
from eujobs.tui.messages import ChangeAsked, Filtered, Loaded
from eujobs.tui.saver import Written
from eujobs.tui.widgets.vacancy_list import VacancyList

from .conftest import fixed_clock
from .test_app import press, settle


def of_type(messages: list, kind: type) -> list:
    """The messages of a kind, each once: the hook sees a message again at each node it bubbles to."""
    return list({id(message): message for message in messages if isinstance(message, kind)}.values())


@pytest.fixture
async def watched(sample_store: Store, monkeypatch):
    """The dashboard on the sample store, started; the messages posted and the list's updates from then on."""
    messages: list = []
    app = EujobsApp(sample_store)
    async with app.run_test(size=(120, 40), message_hook=messages.append) as pilot:
        await settle(pilot)
        updates: list = []
        real = VacancyList.watch_vacancies
        monkeypatch.setattr(VacancyList, "watch_vacancies",
                            lambda self, old, new: updates.append(new) or real(self, old, new))
        messages.clear()
        yield pilot, messages, updates
    app.saver.close()


async def test_one_tick_is_written_once_and_updates_the_list_once(watched) -> None:
    pilot, messages, updates = watched
    screen = pilot.app.screen
    await press(pilot, "3", "space")
    for _ in range(3):  # the checks a second would make: our own write is not read back
        screen.check_for_changes()
        await settle(pilot)

    [asked] = of_type(messages, ChangeAsked)
    assert asked.change.slot.startswith("tick:") and asked.change.value is True
    assert len(of_type(messages, Written)) == 1 and of_type(messages, Loaded) == []
    assert len(updates) == 1  # one list update for one tick
    [ticked] = [v for v in updates[0] if v.id == asked.change.vacancy_id]
    assert ticked.ticks[asked.change.slot.removeprefix("tick:")] is True


async def test_a_change_from_another_process_is_read_back_once(watched, sample_store: Store) -> None:
    pilot, messages, updates = watched
    screen = pilot.app.screen
    vacancy = screen.current
    Store.open(sample_store.root, fixed_clock).apply(Change(vacancy.id, "status", "applied"))
    for _ in range(3):
        screen.check_for_changes()
        await settle(pilot)

    assert len(of_type(messages, Loaded)) == 1 and len(of_type(messages, Filtered)) == 1
    assert len(updates) == 1 and screen.current.status == "applied"
