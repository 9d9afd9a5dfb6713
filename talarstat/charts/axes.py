"""How chart axes write their values: wall-clock times, minutes, and percents and numbers as the
chart's language writes them (the Translator's formats, carried by the chart's Frame)."""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.ticker import Formatter, FuncFormatter, MultipleLocator

from talarstat.charts.data import Frame


def clock_formatter() -> FuncFormatter:
    """Minutes since midnight as the wall clock: 1110 → 18:30."""

    def label(value: float, _position: int | None = None) -> str:
        minutes = round(value)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"

    return FuncFormatter(label)


CLOCK_STEPS = (1, 2, 5, 10, 15, 30, 60, 120, 240)  # minutes between clock ticks


def clock_step(span_minutes: float) -> int:
    """The round step that puts three to eight ticks on the meeting: a six-minute meeting gets one
    a minute, an evening meeting one every half hour."""
    return next((step for step in CLOCK_STEPS if span_minutes / step <= 8), CLOCK_STEPS[-1])


def clock_ticks(axes: Axes) -> None:
    """Clock times on the x axis at whole minutes, quarters, halves or hours, whichever suits the
    meeting's length, so even a short meeting has times on its axis."""
    start, end = axes.get_xlim()
    axes.xaxis.set_major_locator(MultipleLocator(clock_step(end - start)))
    axes.xaxis.set_major_formatter(clock_formatter())


def percent_formatter(frame: Frame) -> FuncFormatter:
    """An axis of percents (0 to 100) written as the chart's language writes a share (`frame.percent`)."""
    return FuncFormatter(lambda value, _position=None: frame.percent(value / 100))


class NumberFormatter(Formatter):
    """An axis of plain numbers (a ratio: 0,5 1,0 1,5) as the chart's language writes them
    (`frame.number`), with as many decimals as the ticks need: all of them the same, as matplotlib's
    own formatter writes them."""

    def __init__(self, frame: Frame) -> None:
        self.frame = frame
        self.digits = 1

    def set_locs(self, locs: list[float]) -> None:
        super().set_locs(locs)
        self.digits = next((digits for digits in range(4) if all(abs(round(value, digits) - value) < 1e-9 for value in locs)), 3)

    def __call__(self, x: float, pos: int | None = None) -> str:
        return self.frame.number(x, self.digits)


def minutes_formatter() -> FuncFormatter:
    """Minutes as m:ss: 2.5 → 2:30."""

    def label(value: float, _position: int | None = None) -> str:
        seconds = round(value * 60)
        return f"{seconds // 60}:{seconds % 60:02d}"

    return FuncFormatter(label)
