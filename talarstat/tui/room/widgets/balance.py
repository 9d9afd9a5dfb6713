"""The balance so far: per category the representation ratio as a bar with the 1.0 mark (in
proportion to attendance), the time and attendance shares, and women's share of the speaking time
against the 40–60 % band."""

from __future__ import annotations

from rich.text import Text

from talarstat.domain.figures import WOMAN, Figures
from talarstat.palette import category_colour
from talarstat.tui.room.widgets.redrawn import TextPanel

RATIO_AXIS = 2.0  # the bar runs from 0 to twice the fair share; 1.0 sits in the middle


def ratio_bar(ratio: float | None, colour: str, width: int) -> Text:
    """A bar of the representation ratio, 0 to 2, with the 1.0 mark; beyond 2 ends in an arrow."""
    width = max(width, 5)
    middle = width // 2
    filled = 0 if ratio is None else round(min(ratio, RATIO_AXIS) / RATIO_AXIS * width)
    bar = Text()
    for position in range(width):
        if position == middle:
            bar.append("┃", style="bold")
        elif position < filled:
            bar.append("█", style=colour)
        else:
            bar.append("·", style="dim")
    if ratio is not None and ratio > RATIO_AXIS:
        bar.append("▶", style=colour)
    return bar


def band_bar(share: float | None, width: int) -> Text:
    """A share from 0 to 100 % with marks at 40 and 60 %."""
    width = max(width, 10)
    filled = 0 if share is None else round(share * width)
    marks = {round(0.4 * width), round(0.6 * width)}
    bar = Text()
    for position in range(width):
        if position in marks:
            bar.append("┃", style="bold")
        elif position < filled:
            bar.append("█", style=category_colour(WOMAN, (WOMAN,)))
        else:
            bar.append("·", style="dim")
    return bar


class BalancePanel(TextPanel[tuple[Figures, tuple[str, ...]]]):
    def on_mount(self) -> None:
        self.tr.load_numbers()  # Babel's number formats as the view opens, not at the first turn

    def show(self, figures: Figures, categories: tuple[str, ...]) -> None:
        self._show((figures, categories))

    def drawing(self, shown: tuple[Figures, tuple[str, ...]] | None) -> Text | None:
        if shown is None:
            return None
        figures, categories = shown
        tr = self.tr
        width = max(self.size.width - 2, 30)
        label_width = min(max(len(tr.label("category", c)) for c in categories) + 1, 14) if categories else 8
        ratio_width = 11
        bar_width = max(width - label_width - ratio_width, 10)
        text = Text()
        text.append(tr("room.balance_title"), style="bold underline")
        text.append("\n")
        if not figures.turns:
            text.append(tr("room.no_time_yet"), style="italic")
            return text
        spacious = self.size.height >= 3 * len(categories) + 4
        for category in categories:
            values = figures.categories[category]
            colour = category_colour(category, categories)
            text.append(f"{tr.label('category', category)[: label_width - 1]:<{label_width}}", style=f"bold {colour}")
            text.append_text(ratio_bar(values.time_ratio, colour, bar_width))
            text.append(f" {tr.number(values.time_ratio, 2):>{ratio_width - 2}}", style="bold")
            text.append("\n")
            shares = tr("room.shares", time=tr.percent(values.time_share), present=tr.percent(values.attendance_share))
            text.append(" " * label_width + shares + "\n", style="dim" if not spacious else "")
            if spacious:
                text.append("\n")
        text.append(" " * label_width + tr("room.ratio_axis") + "\n", style="dim")
        woman = figures.categories.get(WOMAN)
        if woman is not None:
            within = figures.within_40_60
            text.append(tr("room.women_share", share=tr.percent(woman.time_share)) + "  ", style="bold")
            if within is not None:
                text.append(tr("room.within") if within else tr("room.outside"), style="bold" if within else "bold reverse")
            text.append("\n")
            text.append_text(band_bar(woman.time_share, width))
        return text
