"""The running turn's clock (the Textual stopwatch pattern: Digits, refreshed on a timer)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, Label

from talarstat.domain.display import duration


class TurnClock(Horizontal):
    DEFAULT_CSS = """
    TurnClock { height: 3; }
    TurnClock Digits { width: 16; }
    TurnClock Vertical { padding: 0 0 0 2; height: 3; width: 1fr; }
    TurnClock Label { width: 1fr; }
    TurnClock #who { text-style: bold; }
    TurnClock Digits.-idle { color: $text-disabled; }
    """

    def compose(self) -> ComposeResult:
        yield Digits("0:00", id="turn-time")
        with Vertical():
            yield Label("", id="who", markup=False)
            yield Label("", id="tags", markup=False)
            yield Label("", id="next", markup=False)

    def show(self, *, seconds: float | None, who: str, tags: str, upcoming: str) -> None:
        digits = self.query_one("#turn-time", Digits)
        digits.update(duration(seconds) if seconds is not None else "0:00")
        digits.set_class(seconds is None, "-idle")
        self.query_one("#who", Label).update(who)
        self.query_one("#tags", Label).update(tags)
        self.query_one("#next", Label).update(upcoming)
