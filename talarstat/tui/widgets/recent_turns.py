"""The table of recent turns, newest first: select one and press the edit key to correct it.

Only the latest turns are listed (a keystroke must repaint within a frame, even at turn 1,000);
the running turn's length is updated in place each tick.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from talarstat.domain import display
from talarstat.domain.meeting import Meeting
from talarstat.domain.timefmt import to_datetime
from talarstat.i18n import Translator
from talarstat.palette import category_colour


class RecentTurns(DataTable):  # type: ignore[type-arg]
    DEFAULT_CSS = "RecentTurns { height: 1fr; min-height: 4; }"
    LIMIT = 40

    def __init__(self, tr: Translator, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self.tr = tr

    def on_mount(self) -> None:
        tr = self.tr
        self.add_columns(tr("tui.col.start"), tr("tui.col.category"), tr("tui.col.length"), tr("tui.col.kind"),
                         tr("tui.col.role"), tr("tui.col.item"))

    def show(self, meeting: Meeting, now: int) -> None:
        """The latest turns, newest first; the cursor stays on the turn it was on."""
        selected = self.selected_turn_id()
        # On the newest turn, the cursor follows to the next newest; elsewhere it stays put.
        follow = self.row_count == 0 or self.cursor_row == 0
        positions = {item.id: item.position for item in meeting.agenda}
        self.clear()
        for turn in reversed(meeting.turns[-self.LIMIT :]):
            colour = category_colour(turn.category, meeting.categories)
            length = display.duration(turn.milliseconds(now) / 1000)
            self.add_row(
                to_datetime(turn.start, meeting.offset_minutes).strftime("%H:%M:%S"),
                Text(self.tr.label("category", turn.category), style=colour),
                length + (" ●" if turn.end is None else ""),
                self.tr.label("kind", turn.kind),
                self.tr.label("role", turn.role),
                str(positions.get(turn.agenda_item, "")) if turn.agenda_item else "",
                key=turn.id,
            )
        if not follow and selected is not None and selected in {turn.id for turn in meeting.turns[-self.LIMIT :]}:
            self.move_cursor(row=self.get_row_index(selected), animate=False)
        else:
            self.move_cursor(row=0, animate=False)

    def selected_turn_id(self) -> str | None:
        if self.row_count == 0:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return row_key.value

    def tick(self, meeting: Meeting, now: int) -> None:
        """Refresh the running turn's length, which is the top row when there is one."""
        running = meeting.running_turn
        if running is not None and self.row_count:
            length = display.duration(running.milliseconds(now) / 1000) + " ●"
            self.update_cell(running.id, self._length_column, length)

    @property
    def _length_column(self):  # type: ignore[no-untyped-def]
        return list(self.columns)[2]
