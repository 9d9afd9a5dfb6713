"""The table of recent turns: select one and press the edit key to correct it."""

from __future__ import annotations

from typing import Self

from rich.text import Text
from textual.geometry import Region

from talarstat.domain.meeting import Meeting, Turn
from talarstat.domain.timefmt import to_datetime
from talarstat.i18n import Translator
from talarstat.palette import category_colour
from talarstat.presentation import display
from talarstat.tui.widgets.table import LiveTable


class RecentTurns(LiveTable[str | Text]):
    """Oldest at the top, newest at the bottom and in view, as in a minutes book.

    A new turn appends a row and finishes the row before it; only other changes (undo, corrections)
    rebuild the table. Rebuilding costs a frame; appending does not. The turn that scrolls out at the
    top is removed without a layout of the screen (Textual asks for one, for tables as tall as their
    rows): this one is as tall as the screen gives it.
    """

    DEFAULT_CSS = "RecentTurns { height: 1fr; min-height: 4; }"
    LIMIT = 25  # a screenful at 200×60; older turns stay in the database and the editor
    _removing = False

    def __init__(self, tr: Translator, *, limit: int | None = LIMIT, selects_on_enter: bool = True, id: str | None = None) -> None:
        """`limit` turns at most, the latest; None lists them all (the all-turns screen).
        `selects_on_enter`: LiveTable's."""
        super().__init__(cursor_type="row", zebra_stripes=True, selects_on_enter=selects_on_enter, id=id)
        self.tr = tr
        self.limit = limit
        self._listed: tuple[Turn, ...] = ()

    def on_mount(self) -> None:
        tr = self.tr
        self.add_columns(tr("tui.col.start"), tr("tui.col.category"), tr("tui.col.length"), tr("tui.col.kind"),
                         tr("tui.col.role"), tr("tui.col.item"))

    def _cells(self, meeting: Meeting, turn: Turn, now: int) -> tuple[str | Text, ...]:
        position = next((item.position for item in meeting.agenda if item.id == turn.agenda_item), "")
        length = display.duration(turn.milliseconds(now) / 1000) + (" ●" if turn.end is None else "")
        return (
            to_datetime(turn.start, meeting.offset_minutes).strftime("%H:%M:%S"),
            Text(self.tr.label("category", turn.category), style=category_colour(turn.category, meeting.categories)),
            length,
            self.tr.label("kind", turn.kind),
            self.tr.label("role", turn.role),
            str(position),
        )

    def show(self, meeting: Meeting, now: int) -> None:
        wanted = meeting.turns if self.limit is None else meeting.turns[-self.limit :]
        on_newest = self.row_count == 0 or self.cursor_row >= self.row_count - 1
        ids = [turn.id for turn in wanted]
        listed = [turn.id for turn in self._listed]
        # Turns that scrolled out of the window at the top (the window slides as turns are added).
        dropped = listed.index(ids[0]) if ids and ids[0] in listed else 0
        kept = len(listed) - dropped
        if listed and ids and listed[dropped:] == ids[:kept]:
            # The usual case: the turns listed are still there, perhaps the last one changed, new ones follow.
            self._removing = True
            try:
                for turn_id in listed[:dropped]:
                    self.remove_row(turn_id)
            finally:
                self._removing = False
            for old, new in zip(self._listed[dropped:], wanted, strict=False):
                if old != new:
                    for column, cell in zip(self.columns, self._cells(meeting, new, now), strict=False):
                        self.update_cell(new.id, column, cell, update_width=True)
            for turn in wanted[kept:]:
                self.add_row(*self._cells(meeting, turn, now), key=turn.id)
        else:
            selected = self.selected_turn_id()
            self.clear()
            for turn in wanted:
                self.add_row(*self._cells(meeting, turn, now), key=turn.id)
            if not on_newest and selected in ids:
                self.move_cursor(row=ids.index(selected), animate=False)
                on_newest = False
        self._listed = wanted
        if on_newest and self.row_count:
            self.move_cursor(row=self.row_count - 1, animate=False)

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Self:
        return super().refresh(*regions, repaint=repaint, layout=layout and not self._removing, recompose=recompose)

    def tick(self, meeting: Meeting, now: int) -> None:
        """Refresh the running turn's length in place."""
        running = meeting.running_turn
        if running is not None and running.id in self.rows:
            length = display.duration(running.milliseconds(now) / 1000) + " ●"
            self.update_cell(running.id, list(self.columns)[2], length, update_width=True)

    def selected_turn_id(self) -> str | None:
        if self.row_count == 0:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return row_key.value
