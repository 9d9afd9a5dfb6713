"""One meeting being recorded: its live state, its storage, undo and redo. No Textual here: the
TUI calls these methods, and tests (the monkey test among them) call them directly.

Every action is committed to the database before the state it shows changes, so what the screen
shows is always what is stored; if the commit fails, nothing changes and the error is raised.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from talarstat.clock import Clock
from talarstat.domain import recording
from talarstat.domain.figures import Figures, LiveTally, TurnFilter, compute
from talarstat.domain.meeting import Meeting, NextTurn
from talarstat.domain.queue import ListEntry, QueueSettings, speaker_list
from talarstat.domain.vocabulary import DEFAULT_ROLE, DEFAULT_TURN_KIND
from talarstat.store.changes import save_changes
from talarstat.store.database import Database
from talarstat.store.meetings import load_meeting

# Actions that only append a turn or change the last one (or touch no turn): the live tallies of
# the turns before stay valid. Undo, redo, corrections and attendance are not among them.
_TAIL_ONLY = frozenset({
    "action.start_turn", "action.end_turn", "action.retag", "action.token", "action.start_break",
    "action.end_break", "action.next_item", "action.add_item", "action.end_meeting", "action.reopen",
    "action.next_turn", "action.request", "action.call_next", "action.withdraw", "action.move_to_front",
    "action.toggle_list_closed", "action.queue_settings",
})


@dataclass(frozen=True, slots=True)
class Step:
    """One undoable action: its name (a message key) and the meeting before and after it."""

    action: str
    before: Meeting
    after: Meeting


class Recorder:
    def __init__(self, database: Database, meeting_id: uuid.UUID, clock: Clock) -> None:
        self.database = database
        self.clock = clock
        with database.transaction() as session:
            self.meeting = load_meeting(meeting_id, session=session)
        self._undo: list[Step] = []
        self._redo: list[Step] = []
        self._live_tallies: dict[tuple[TurnFilter, str | None], LiveTally] = {}

    # The one way state changes.

    def _store(self, action: str, before: Meeting, after: Meeting) -> None:
        with self.database.transaction() as session:
            save_changes(before, after, session=session, action=action)
        self.meeting = after
        if action not in _TAIL_ONLY:
            # A correction, an undo or new attendance can change what earlier turns count for.
            for tally in self._live_tallies.values():
                tally.reset()

    def do(self, action: str, change: Callable[[Meeting], Meeting]) -> bool:
        """Apply a change, store it, and remember it for undo. False when it changed nothing."""
        before = self.meeting
        after = change(before)
        if after == before:
            return False
        self._store(action, before, after)
        self._undo.append(Step(action, before, after))
        self._redo.clear()
        return True

    def undo(self) -> str | None:
        """Undo the last action; returns its name, or None when there is nothing to undo."""
        if not self._undo:
            return None
        step = self._undo[-1]
        self._store(f"undo:{step.action}", step.after, step.before)
        self._redo.append(self._undo.pop())
        return step.action

    def redo(self) -> str | None:
        if not self._redo:
            return None
        step = self._redo[-1]
        self._store(f"redo:{step.action}", step.before, step.after)
        self._undo.append(self._redo.pop())
        return step.action

    # What the secretary does.

    @property
    def next_turn(self) -> NextTurn:
        """The tags chosen for the next turn (stored with the meeting)."""
        return self.meeting.next_turn

    def start_turn(self, category: str) -> bool:
        now = self.clock.now()
        return self.do("action.start_turn", lambda m: recording.start_turn(m, category, now))

    def end_turn(self) -> bool:
        now = self.clock.now()
        return self.do("action.end_turn", lambda m: recording.end_turn(m, now))

    def toggle_kind(self, kind: str) -> None:
        """Tag the running turn (or, with none running, the next) with a kind; again, back to speech."""
        running = self.meeting.running_turn
        if running is None:
            chosen = DEFAULT_TURN_KIND if self.next_turn.kind == kind else kind
            self.do("action.next_turn", lambda m: recording.set_next_turn(m, kind=chosen))
            return
        chosen = DEFAULT_TURN_KIND if running.kind == kind else kind
        self.do("action.retag", lambda m: recording.retag_running(m, kind=chosen))

    def toggle_role(self, role: str) -> None:
        running = self.meeting.running_turn
        if running is None:
            chosen = DEFAULT_ROLE if self.next_turn.role == role else role
            self.do("action.next_turn", lambda m: recording.set_next_turn(m, role=chosen))
            return
        chosen = DEFAULT_ROLE if running.role == role else role
        self.do("action.retag", lambda m: recording.retag_running(m, role=chosen))

    def toggle_break(self) -> bool:
        now = self.clock.now()
        if self.meeting.running_break is not None:
            return self.do("action.end_break", lambda m: recording.end_break(m, now))
        return self.do("action.start_break", lambda m: recording.start_break(m, now))

    def adjust_attendance(self, category: str, delta: int) -> bool:
        now = self.clock.now()
        return self.do("action.attendance", lambda m: recording.adjust_attendance(m, category, delta, now))

    def set_attendance(self, counts: dict[str, int]) -> bool:
        now = self.clock.now()
        return self.do("action.attendance", lambda m: recording.set_attendance(m, counts, now))

    def set_token(self, token: str | None) -> bool:
        running = self.meeting.running_turn
        if running is None:
            return False
        return self.do("action.token", lambda m: recording.set_speaker(m, running.id, token))

    def next_item(self) -> bool:
        now = self.clock.now()
        return self.do("action.next_item", lambda m: recording.next_item(m, now))

    def add_item(self, title: str) -> bool:
        now = self.clock.now()
        return self.do("action.add_item", lambda m: recording.add_item(m, title, at=now))

    def end_meeting(self) -> bool:
        now = self.clock.now()
        return self.do("action.end_meeting", lambda m: recording.end_meeting(m, now))

    def reopen(self) -> bool:
        """Undo the end of the meeting when that was the last action (a running turn runs on);
        otherwise open the ended meeting again as a new action."""
        if self._undo and self._undo[-1].action == "action.end_meeting":
            return self.undo() is not None
        return self.do("action.reopen", recording.reopen)

    # The speaker list (QUEUE.md).

    def request(self, category: str, kind: str = "speech", speaker: str | None = None) -> bool:
        now = self.clock.now()
        return self.do("action.request", lambda m: recording.request(m, category, now, kind, speaker))

    def call_next(self) -> bool:
        """End the running turn and start the first request's turn at the same instant."""
        now = self.clock.now()
        return self.do("action.call_next", lambda m: recording.call_next(m, now))

    def withdraw(self, request_id: str) -> bool:
        now = self.clock.now()
        return self.do("action.withdraw", lambda m: recording.withdraw(m, request_id, now))

    def move_to_front(self, request_id: str) -> bool:
        now = self.clock.now()
        return self.do("action.move_to_front", lambda m: recording.move_to_front(m, request_id, now))

    def toggle_list_closed(self) -> bool:
        return self.do("action.toggle_list_closed", recording.toggle_list_closed)

    def set_queue_settings(self, settings: QueueSettings) -> bool:
        return self.do("action.queue_settings", lambda m: recording.set_queue_settings(m, settings))

    def speaker_list(self) -> tuple[ListEntry, ...]:
        """The current item's list in order, at the clock's now."""
        return speaker_list(self.meeting, self.clock.now())

    # What the screen shows.

    def figures(self, turn_filter: TurnFilter = TurnFilter(), *, agenda_item: str | None = None) -> Figures:
        """The live figures, for the whole meeting or one agenda item, up to now."""
        key = (turn_filter, agenda_item)
        if key not in self._live_tallies:
            self._live_tallies[key] = LiveTally(turn_filter, agenda_item)
        return compute(self._live_tallies[key].tally(self.meeting, self.clock.now()))

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)
