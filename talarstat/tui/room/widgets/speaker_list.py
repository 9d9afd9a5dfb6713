"""The speaker list as the room sees it: place, category (in its colour) and kind; the closed mark."""

from __future__ import annotations

from rich.text import Text

from talarstat.domain.room import QueueLine
from talarstat.palette import category_colour
from talarstat.tui.room.widgets.redrawn import TextPanel

_Shown = tuple[tuple[QueueLine, ...], bool, tuple[str, ...]]


class SpeakerList(TextPanel[_Shown]):
    def show(self, lines: tuple[QueueLine, ...], closed: bool, categories: tuple[str, ...]) -> None:
        self._show((lines, closed, categories))

    def drawing(self, state: _Shown | None) -> Text | None:
        if state is None:
            return None
        lines, closed, categories = state
        tr = self.tr
        text = Text()
        text.append(tr("room.list_title"), style="bold underline")
        text.append("\n")
        if closed:
            text.append(f" {tr('room.list_closed')} ", style="bold reverse")
            text.append("\n")
        if not lines:
            text.append(tr("room.list_empty"), style="italic")
        room = max(self.size.height - (3 if closed else 2), 1)
        shown = lines if len(lines) <= room else lines[: room - 1]
        for line in shown:
            colour = category_colour(line.category, categories)
            text.append(f"{line.position:>2}. ", style="bold")
            text.append("█ ", style=colour)
            text.append(tr.label("category", line.category), style="bold")
            if line.kind != "speech":
                text.append(f" · {tr.label('kind', line.kind)}")
            text.append("\n")
        if len(shown) < len(lines):
            text.append(tr("room.list_more", count=len(lines) - len(shown)), style="italic")
        return text
