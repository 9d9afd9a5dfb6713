"""Textual's footer, built again only when the keys it shows change.

Textual's `Footer` composes its keys anew each time the screen says its bindings may have changed:
three times as a screen starts (the focus set, the screen shown, the focus settled) and on every
change of focus after. Each build mounts a widget per key and lays the screen out again; on the
home screen two of them fell between the first frame and the filled list (issue 11). This one
compares what it would show with what it shows, and builds only when they differ.
"""

from __future__ import annotations

from typing import TypeAlias

from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter

# What a footer shows: each key's binding, whether it is enabled, and its tooltip.
Shown: TypeAlias = tuple[tuple[Binding, bool, str], ...]


class Footer(TextualFooter):
    def __init__(self, *, id: str | None = None, compact: bool = False) -> None:
        super().__init__(id=id, compact=compact)
        self._showing: Shown | None = None

    def _keys(self, screen: Screen[object]) -> Shown:
        """The keys that `compose` would show now (the command palette's key among them)."""
        palette = self.app.COMMAND_PALETTE_BINDING if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE else None
        return tuple((active.binding, active.enabled, active.tooltip) for key, active in screen.active_bindings.items()
                     if active.binding.show or key == palette)

    def bindings_changed(self, screen: Screen[object]) -> None:
        keys = self._keys(screen)
        if keys == self._showing:
            return
        super().bindings_changed(screen)
        if screen.app.app_focus and self.is_attached and screen is self.screen:  # a build was asked for
            self._showing = keys
