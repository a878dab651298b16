"""The dashboard application: the store, the ordered saver, and the main screen."""

from __future__ import annotations

from textual.app import App

from .collecting import resume_collecting
from eujobs.store.persistence.db import Store
from eujobs.store.persistence.front import Front

from .providers import CommandsProvider
from .saver import Saver
from .screens.main import MainScreen


class EujobsApp(App):
    TITLE = "eujobs"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {CommandsProvider}

    def __init__(self, store: Store, front: Front | None = None) -> None:
        super().__init__()
        self.store = store
        self.saver = Saver()
        self.front = front

    def get_default_screen(self) -> MainScreen:
        # The main screen from the start: pushed on mount, an empty default screen was drawn first.
        return MainScreen(self.store, self.saver, self.front)

    def on_ready(self) -> None:
        resume_collecting()  # see open_dashboard

    def run(self, *args, **kwargs):
        try:
            return super().run(*args, **kwargs)
        finally:
            self.saver.close()  # every change the user made is on disk before the program ends
