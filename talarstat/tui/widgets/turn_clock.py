"""The running turn's clock (the Textual stopwatch pattern: Digits, refreshed on a timer)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, Label

from talarstat.presentation.display import duration
from talarstat.tui.widgets.labels import set_text


class TurnClock(Horizontal):
    DEFAULT_CSS = """
    TurnClock { height: 3; }
    TurnClock Digits { width: 16; }
    TurnClock Vertical { padding: 0 0 0 2; height: 3; width: 1fr; }
    TurnClock Label { width: 1fr; }
    TurnClock #who { text-style: bold; }
    TurnClock Digits.-idle { color: $text-disabled; }
    TurnClock Digits.-overrun { color: $error; }
    TurnClock #limit { width: auto; max-width: 24; height: 3; padding: 1 1 0 1; text-style: bold; }
    TurnClock #limit.-overrun { background: $error; color: $text; }
    """

    def compose(self) -> ComposeResult:
        yield Digits("0:00", id="turn-time")
        with Vertical():
            yield Label("", id="who", markup=False)
            yield Label("", id="tags", markup=False)
            yield Label("", id="next", markup=False)
        yield Label("", id="limit", markup=False)

    def show(self, *, seconds: float | None, who: str, tags: str, upcoming: str, limit: str = "", overrun: bool = False) -> None:
        """`limit` says the time left against the turn kind's limit (empty: no limit); `overrun`
        marks a turn past it, in the digits and the limit."""
        digits = self.query_one("#turn-time", Digits)
        shown = duration(seconds) if seconds is not None else "0:00"
        if digits.value != shown:  # `update` draws the digits again even when they are the same
            digits.update(shown)
        digits.set_class(seconds is None, "-idle")
        digits.set_class(overrun, "-overrun")
        left = self.query_one("#limit", Label)
        set_text(left, limit)
        left.set_class(overrun, "-overrun")
        left.display = bool(limit)
        set_text(self.query_one("#who", Label), who)
        set_text(self.query_one("#tags", Label), tags)
        set_text(self.query_one("#next", Label), upcoming)
