"""The live balance: per category turns, time, shares and the representation ratio, with bars."""

from __future__ import annotations

from rich.text import Text

from talarstat.domain.figures import Figures
from talarstat.i18n import Translator
from talarstat.palette import category_colour
from talarstat.presentation import display
from talarstat.presentation import figures as presented
from talarstat.tui.widgets.table import LiveTable

BAR_WIDTH = 10


def share_bar(time_share: float | None, attendance_share: float | None, colour: str, width: int = BAR_WIDTH) -> Text:
    """A bar of the time share, with a tick where the attendance share would put it."""
    filled = round((time_share or 0) * width)
    mark = round((attendance_share or 0) * width) if attendance_share is not None else None
    bar = Text()
    for position in range(width):
        if mark is not None and position == min(mark, width - 1) and attendance_share:
            bar.append("│", style="bold")
        elif position < filled:
            bar.append("█", style=colour)
        else:
            bar.append("·", style="dim")
    return bar


class BalanceTable(LiveTable[str | Text]):
    """Figures for the meeting, and the current agenda item's time share in the last column."""

    DEFAULT_CSS = "BalanceTable { height: auto; max-height: 12; }"

    def __init__(self, tr: Translator, *, id: str | None = None) -> None:
        super().__init__(cursor_type="none", zebra_stripes=False, show_cursor=False, id=id)
        self.tr = tr
        self.can_focus = False

    def on_mount(self) -> None:
        tr = self.tr
        tr.load_numbers()  # Babel's number formats now, as the screen opens, not at the first key
        self.add_columns(
            tr("tui.col.category"), tr("tui.col.turns"), tr("tui.col.time"), tr("tui.col.time_share"),
            tr("tui.col.attendance_share"), tr("tui.col.ratio"), tr("tui.col.bar"), tr("tui.col.item_share"),
        )

    def show(
        self, categories: tuple[str, ...], meeting: Figures, item: Figures | None, suppressed: frozenset[str] = frozenset()
    ) -> None:
        """Update the cells that changed; rows are made once (re-rendering a table costs a frame).

        The `suppressed` categories (fewer than 3 present) show `<3`, as in the reports."""
        tr = self.tr
        for category in categories:
            values = meeting.categories[category]
            in_item = item.categories[category] if item is not None else None
            colour = category_colour(category, categories)
            hidden = category in suppressed
            cells: tuple[str | Text, ...] = (
                Text(tr.label("category", category), style=f"bold {colour}"),
                *presented.category_cells(values, presented.LIVE, tr, hidden=hidden),
                "" if hidden else share_bar(values.time_share, values.attendance_share, colour),
                tr.percent(in_item.time_share) if in_item and not hidden else display.DASH,
            )
            if category not in self.rows:
                self.add_row(*cells, key=category)
                continue
            for column, cell in zip(self.columns, cells, strict=False):
                if self.get_cell(category, column) != cell:
                    self.update_cell(category, column, cell, update_width=True)
