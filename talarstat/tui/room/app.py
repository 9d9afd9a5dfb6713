"""The room view app: one read-only screen on a follower. The CLI, `serve` and the tests make it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.driver import Driver

from talarstat.clock import Clock, SteadyClock
from talarstat.i18n import Translator
from talarstat.store.follow import Follower
from talarstat.tui.room.screen import RoomScreen
from talarstat.tui.room.theme import THEMES


class RoomApp(App[None]):
    CSS_PATH = "room.tcss"
    TITLE = "talarstat"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+q,q", "quit", show=False, id="quit")]

    def __init__(self, follower: Follower, tr: Translator, *, clock: Clock | None = None, theme: str = "projector") -> None:
        super().__init__()
        self.follower = follower
        self.tr = tr
        self.clock = clock or SteadyClock()
        for choice in THEMES.values():
            self.register_theme(choice)
        self.theme = THEMES[theme].name

    def get_driver_class(self) -> type[Driver]:
        """On a POSIX terminal, one that leaves when the terminal goes away without SIGHUP (a
        projector's machine may keep the view for days)."""
        driver = super().get_driver_class()
        if driver.__name__ == "LinuxDriver":  # Textual's own for POSIX terminals, not a driver asked for by name
            from talarstat.tui.hangup import HangUpLeavingDriver

            return HangUpLeavingDriver
        return driver

    def on_mount(self) -> None:
        self.push_screen(RoomScreen(self.follower, self.tr, self.clock))

    def on_unmount(self) -> None:
        self.follower.close()
