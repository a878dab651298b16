"""The footer: the keys that work where the focus is, on one line."""

from __future__ import annotations

from typing import NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

DISABLED = Style(dim=True)


class _Key(NamedTuple):
    key: str  # as Textual names it, for a click to press it
    shown: str
    description: str
    enabled: bool


class KeyBar(Widget):
    """What Textual's Footer shows, drawn as one line of text.

    Footer (Textual 8.2) mounts a widget per key and mounts them all again whenever the bindings may
    have changed: at start-up that happened four times, a third of the dashboard's first paint. This
    works the keys out again on the same signal and repaints only when they differ.
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-bar--key { color: $footer-key-foreground; background: $footer-key-background; text-style: bold; }
        & > .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._keys: tuple[_Key, ...] = ()
        self._palette: _Key | None = None
        self._spans: list[tuple[int, int, _Key]] = []  # where each key was drawn, for the mouse

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        active = screen.active_bindings
        keys, seen = [], set()
        for _, binding, enabled, _ in active.values():
            if binding.show and binding.action not in seen:  # one entry per command, as the Footer does
                seen.add(binding.action)
                keys.append(self._key(binding, enabled))
        palette = active.get(self.app.COMMAND_PALETTE_BINDING) if self.app.ENABLE_COMMAND_PALETTE else None
        palette_key = self._key(palette[1], palette[2]) if palette else None
        if (tuple(keys), palette_key) != (self._keys, self._palette):
            self._keys, self._palette = tuple(keys), palette_key
            self.refresh()

    def _key(self, binding: Binding, enabled: bool) -> _Key:
        return _Key(binding.key, self.app.get_key_display(binding), binding.description, enabled)

    def render(self) -> Text:
        """The keys from the left, as many whole ones as fit, and the palette's key on the right: a narrow
        terminal loses keys rather than the palette."""
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        palette = self._palette
        right = len(palette.shown) + len(palette.description) + 3 if palette else 0  # "▏^p palette "
        line, self._spans = Text(no_wrap=True, overflow="crop"), []
        for key in self._keys:
            shown, description = f" {key.shown} ", f"{key.description} "
            if line.cell_len + len(shown) + len(description) > self.size.width - right:
                break
            self._draw(line, key, shown, description, key_style, description_style)
        if palette is not None:
            line.pad_right(self.size.width - right - line.cell_len)
            line.append("▏", description_style)
            self._draw(line, palette, palette.shown, f" {palette.description} ", key_style, description_style)
        return line

    def _draw(self, line: Text, key: _Key, shown: str, description: str, key_style, description_style) -> None:
        start = line.cell_len
        dim = Style() if key.enabled else DISABLED
        line.append(shown, key_style + dim)
        line.append(description, description_style + dim)
        self._spans.append((start, line.cell_len, key))

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                if key.enabled:
                    self.app.simulate_key(key.key)
                else:
                    self.app.bell()
