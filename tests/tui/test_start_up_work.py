"""What start-up does once and not again (issue 11): the footer is built when the keys it shows
change, not each time the screen says its bindings may have; the cycle collector, held off while
the app starts, runs again once the list of meetings is drawn."""

from __future__ import annotations

import gc
from typing import ClassVar

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Input

from talarstat.clock import ManualClock
from talarstat.store.database import Database
from talarstat.tui.widgets.footer import Footer

from .pilots import home_ready, make_app


class Keys(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("a", "thing", "Thing")]
    allowed = True

    def compose(self) -> ComposeResult:
        yield Input()
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "thing" and not self.allowed else True  # None: shown greyed out

    def action_thing(self) -> None:
        pass


async def test_the_footer_is_built_again_only_when_its_keys_change(monkeypatch: pytest.MonkeyPatch) -> None:
    builds: list[Footer] = []
    recompose = Footer.recompose

    async def counted(self: Footer) -> None:
        builds.append(self)
        await recompose(self)

    monkeypatch.setattr(Footer, "recompose", counted)
    app = Keys()
    async with app.run_test() as pilot:
        await pilot.pause()
        footer = app.query_one(Footer)
        assert len(builds) == 1  # Textual's footer builds itself three times as a screen starts
        assert [key.key for key in footer.query("FooterKey")] == ["ctrl+p"]  # the focused input types an a

        app.refresh_bindings()  # nothing changed: nothing built
        await pilot.pause()
        assert len(builds) == 1

        app.query_one(Input).blur()  # now a is a key of the app
        await pilot.pause()
        assert len(builds) == 2
        assert [key.key for key in footer.query("FooterKey")] == ["a", "ctrl+p"]

        app.allowed = False  # a is shown greyed out: built again
        app.refresh_bindings()
        await pilot.pause()
        assert len(builds) == 3


async def test_the_collector_runs_again_once_the_list_is_drawn(database: Database, clock: ManualClock) -> None:
    assert gc.isenabled()
    app = make_app(database, clock)
    async with app.run_test() as pilot:
        await home_ready(pilot)
        await pilot.pause()
        assert gc.isenabled()
    assert gc.isenabled()
