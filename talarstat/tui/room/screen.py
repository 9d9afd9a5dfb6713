"""The room view's one screen: it draws what the follower last saw, and moves the clocks.

A thread worker asks the follower for changes (it may wait on a network); it never touches a
widget, it posts what it saw. The clocks tick on the event loop from the meeting already loaded.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Label
from textual.worker import get_current_worker

from talarstat.clock import Clock
from talarstat.domain.meeting import Meeting
from talarstat.domain.queue import is_list_closed
from talarstat.domain.room import RoomFigures, floor, waiting_list
from talarstat.i18n import Translator
from talarstat.store.follow import Follower, Notice, Seen
from talarstat.tui.room.widgets.balance import BalancePanel
from talarstat.tui.room.widgets.floor import FloorPanel
from talarstat.tui.room.widgets.header import MeetingHeader
from talarstat.tui.room.widgets.speaker_list import SpeakerList

TICK_SECONDS = 0.25
FIGURES_EVERY_TICKS = 4  # the clocks move four times a second, the balance and the list once


class RoomScreen(Screen[None]):
    @dataclass
    class Changed(Message):
        seen: Seen

    def __init__(self, follower: Follower, tr: Translator, clock: Clock) -> None:
        super().__init__()
        self.follower = follower
        self.tr = tr
        self.clock = clock
        self.meeting: Meeting | None = None
        self.notice: Notice | None = None
        self._figures = RoomFigures()
        self._ticks = 0

    def compose(self) -> ComposeResult:
        yield Label(self.tr("room.waiting"), id="waiting", markup=False)
        yield MeetingHeader(self.tr, id="header")
        yield FloorPanel(self.tr, id="floor")
        with Horizontal(id="lower"):
            yield SpeakerList(self.tr, id="speaker-list")
            yield BalancePanel(self.tr, id="balance")
        yield Label("", id="notice", markup=False)

    def on_mount(self) -> None:
        self.redraw()
        self.set_interval(TICK_SECONDS, self.tick)
        self.follow()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def follow(self) -> None:
        """Ask the follower for changes until the screen goes; back off while the database is away."""
        worker = get_current_worker()
        while not worker.is_cancelled:
            seen = self.follower.look()
            if seen is not None:
                self.post_message(self.Changed(seen))
            time.sleep(self.follower.poll_seconds if seen is None or seen.notice is None else 1.0)

    def on_room_screen_changed(self, message: Changed) -> None:
        self.notice = message.seen.notice
        if message.seen.notice is None:
            self.meeting = message.seen.meeting
        self.redraw()

    def on_unmount(self) -> None:
        self.workers.cancel_node(self)

    # Drawing

    def redraw(self) -> None:
        meeting = self.meeting
        notice = self.query_one("#notice", Label)
        notice.display = self.notice is not None
        if self.notice is not None:
            notice.update(self.tr(self.notice.key, **dict(self.notice.params)))
        self.set_class(meeting is None, "-waiting")
        if meeting is None:
            return
        self._ticks = 0
        self.tick()

    def tick(self) -> None:
        meeting, now = self.meeting, self.clock.now()
        if meeting is None:
            return
        self.query_one(MeetingHeader).show(meeting, now)
        self.query_one(FloorPanel).show(floor(meeting, now), meeting.categories)
        self._ticks += 1
        if (self._ticks - 1) % FIGURES_EVERY_TICKS:
            return
        self.query_one(BalancePanel).show(self._figures.of(meeting, now), meeting.categories)
        # Under the `balance` order the list moves with the running turn's time: recompute it too.
        self.query_one(SpeakerList).show(waiting_list(meeting, now), is_list_closed(meeting), meeting.categories)
