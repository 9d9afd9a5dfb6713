"""The meeting's title and clock, and the agenda item under debate."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label

from talarstat.domain.meeting import Meeting
from talarstat.domain.room import current_item, meeting_seconds
from talarstat.domain.timefmt import Instant
from talarstat.i18n import Translator
from talarstat.presentation import display


class MeetingHeader(Vertical):
    DEFAULT_CSS = """
    MeetingHeader { height: auto; padding: 0 1; }
    MeetingHeader Horizontal { height: 1; }
    MeetingHeader #title { width: 1fr; text-style: bold; }
    MeetingHeader #meeting-clock { width: auto; }
    MeetingHeader #item { width: 1fr; text-style: bold; color: $primary; }
    """

    def __init__(self, tr: Translator, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tr = tr
        self._shown: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label("", id="title", markup=False)
            yield Label("", id="meeting-clock", markup=False)
        yield Label("", id="item", markup=False)

    def show(self, meeting: Meeting, now: Instant) -> None:
        tr = self.tr
        seconds = meeting_seconds(meeting, now)
        item = current_item(meeting)
        shown = (
            meeting.title,
            tr("room.meeting_clock", time=display.duration(seconds)) if seconds is not None else "",
            tr("room.item", position=item.position, title=item.title) if item else tr("room.no_item"),
        )
        if shown == self._shown:
            return
        self._shown = shown
        for label, text in zip(("#title", "#meeting-clock", "#item"), shown, strict=True):
            self.query_one(label, Label).update(text)
