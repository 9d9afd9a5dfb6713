"""One meeting being recorded: its live state, its storage, undo and redo. No Textual here: the
TUI calls these methods, and tests (the monkey test among them) call them directly.

How an action is stored (issue 14: a long write elsewhere must not block recording):

- The instant of an action is read from the clock when the action is asked for (the key handler
  calls the method at once), before any storage, so a key pressed while the database is busy
  keeps its true instant.
- With `background=True` (the TUI), `self.meeting` changes at once and the action goes to a
  single writer thread owned by this Recorder, which commits the actions one by one, in the order
  they were made, each in its own transaction. The event loop never waits for the database.
  `pending` says how many are not stored yet; `waiting_seconds` how long the oldest has been
  trying. A busy or unreachable database (SQLite "database is locked", a PostgreSQL connection
  lost: errors that may go away) is retried until it answers; nothing is dropped meanwhile.
- A commit that fails for good (the database refused the change) stops the writer at that action.
  The actions queued after it were made on top of a state that is not stored, so they are not
  stored either. `settle()` (the TUI calls it four times a second) then puts `self.meeting` back
  to the last stored state, forgets undo and redo (their steps may name unstored states), and
  returns the error with how many actions were lost. The guarantee: once the writer is idle and
  `settle()` has run, what `self.meeting` holds is exactly what is stored.
- With `background=False` (the default: the command line, tests), each action is committed
  before `self.meeting` changes, with the same retries, and a failure raises.

`flush()` waits until everything queued is stored (leaving the app, tests). `on_idle`, when set, is
called from the writer thread each time the queue has been emptied (the live screen redraws then).
"""

from __future__ import annotations

import contextlib
import queue
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from talarstat.clock import Clock
from talarstat.domain import recording
from talarstat.domain.figures import Figures, LiveTally, TurnFilter, compute
from talarstat.domain.meeting import Meeting, NextTurn
from talarstat.domain.queue import ListEntry, QueueSettings, speaker_list
from talarstat.domain.vocabulary import DEFAULT_ROLE, DEFAULT_TURN_KIND
from talarstat.errors import JobFailed, TalarstatError
from talarstat.store.changes import save_changes
from talarstat.store.database import Database
from talarstat.store.meetings import load_meeting


@dataclass(frozen=True, slots=True, kw_only=True)
class Step:
    """One undoable action: its name (a message key) and the meeting before and after it. Named
    fields only: a step with its two meetings swapped would store the action undone."""

    action: str
    before: Meeting
    after: Meeting


@dataclass(frozen=True, slots=True)
class _Write:
    """One step on its way to the database; `epoch` changes when a failure discards the queue."""

    epoch: int
    step: Step


# Errors worth waiting out: the database is busy (another process writes) or out of reach.
_TRANSIENT = "error.db_unavailable"
RETRY_FIRST_SECONDS, RETRY_MOST_SECONDS = 0.02, 0.5
BUSY_AFTER_SECONDS = 1.0

_open_recorders: weakref.WeakSet[Recorder] = weakref.WeakSet()
_WHOLE_MEETING = TurnFilter()


def flush_all(timeout: float = 30.0) -> None:
    """Wait until every open Recorder has stored what it holds (tests read the database after)."""
    for recorder in list(_open_recorders):
        recorder.flush(timeout)


class Recorder:
    def __init__(self, database: Database, meeting_id: str, clock: Clock, *, background: bool = False) -> None:
        self.database = database
        self.clock = clock
        with database.transaction() as session:
            self.meeting = load_meeting(meeting_id, session=session)
        self._undo: list[Step] = []
        self._redo: list[Step] = []
        self._live_tallies: dict[tuple[TurnFilter, str | None], LiveTally] = {}
        self.background = background
        # The writer's side, shared under the lock: what is stored, what is queued, what failed.
        self._lock = threading.Lock()
        self._stored = self.meeting
        self._epoch = 0
        self._pending = 0
        self._idle = threading.Condition(self._lock)
        self._trying_since: float | None = None
        self._failure: tuple[TalarstatError, int] | None = None
        self._unreported: tuple[TalarstatError, int] | None = None
        self._last_transient: TalarstatError | None = None
        self._queue: queue.SimpleQueue[_Write] = queue.SimpleQueue()
        self._writer: threading.Thread | None = None
        # Called from the writer thread whenever it has stored (or refused) all that was queued.
        self.on_idle: Callable[[], object] | None = None
        _open_recorders.add(self)

    # Storage: the one way state changes.

    def _commit(self, step: Step) -> None:
        """Store one step, waiting out a busy or unreachable database; raise if it is refused."""
        delay = RETRY_FIRST_SECONDS
        while True:
            try:
                with self.database.transaction() as session:
                    save_changes(step.before, step.after, session=session, action=step.action)
                self._last_transient = None
                return
            except JobFailed as error:
                if error.key != _TRANSIENT:
                    raise
                self._last_transient = error
                time.sleep(delay)
                delay = min(delay * 2, RETRY_MOST_SECONDS)

    def _write_loop(self) -> None:
        while True:
            write = self._queue.get()
            with self._lock:
                current = write.epoch == self._epoch
                if current:
                    self._trying_since = time.monotonic()
            if current:
                try:
                    self._commit(write.step)
                except TalarstatError as error:
                    with self._lock:
                        lost = self._pending  # this action and every one queued after it
                        self._failure = (error, lost)
                        self._epoch += 1
                else:
                    with self._lock:
                        self._stored = write.step.after
            with self._lock:
                self._pending -= 1
                self._trying_since = None
                idle = self._pending == 0
                if idle:
                    self._idle.notify_all()
            on_idle = self.on_idle
            if idle and on_idle is not None:
                with contextlib.suppress(RuntimeError):  # the app's event loop has closed: nobody to tell
                    on_idle()

    def _store(self, step: Step) -> None:
        if self.background:
            with self._lock:
                if self._failure is not None:
                    # Made on top of a state the database refused: not stored either; the next
                    # settle() shows the stored state again and counts this one as lost.
                    error, lost = self._failure
                    self._failure = (error, lost + 1)
                else:
                    self._pending += 1
                    self._queue.put(_Write(self._epoch, step))
            if self._writer is None:
                self._writer = threading.Thread(target=self._write_loop, name="talarstat-writer", daemon=True)
                self._writer.start()
        else:
            self._commit(step)
            self._stored = step.after
        self.meeting = step.after
        if step.action not in recording.TAIL_ONLY_ACTIONS:
            # A correction, an undo or new attendance can change what earlier turns count for.
            self._reset_tallies()

    def _reset_tallies(self) -> None:
        for tally in self._live_tallies.values():
            tally.reset()

    @property
    def pending(self) -> int:
        """Actions made and not stored yet."""
        return self._pending

    @property
    def waiting_seconds(self) -> float:
        """How long the action being stored has been trying (0 when none is)."""
        since = self._trying_since
        return 0.0 if since is None else time.monotonic() - since

    @property
    def busy(self) -> bool:
        """The writer is waiting for the database: it said busy or unreachable, or one commit has
        taken longer than any commit should (SQLite waits out a lock inside the attempt)."""
        return bool(self._pending) and (self._last_transient is not None or self.waiting_seconds > BUSY_AFTER_SECONDS)

    def _revert(self) -> None:
        """After a refused commit: show the stored state again and forget undo and redo (their
        steps may name states that were never stored). The failure waits for `settle()`."""
        with self._lock:
            failure, self._failure = self._failure, None
            stored = self._stored
        if failure is None:
            return
        if self._unreported is not None:
            failure = (failure[0], failure[1] + self._unreported[1])
        self._unreported = failure
        self.meeting = stored
        self._undo.clear()
        self._redo.clear()
        self._reset_tallies()

    def settle(self) -> tuple[TalarstatError, int] | None:
        """The screen calls this often: after a refused commit, the stored state is shown again,
        and the error is returned once, with the number of actions not stored. Else None."""
        self._revert()
        report, self._unreported = self._unreported, None
        return report

    def flush(self, timeout: float = 30.0) -> bool:
        """Wait until everything queued is stored or refused; False if still pending at `timeout`."""
        with self._lock:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    def do(self, action: str, change: Callable[[Meeting], Meeting]) -> bool:
        """Apply a change, store it, and remember it for undo. False when it changed nothing."""
        if self._failure is not None:
            self._revert()
        before = self.meeting
        after = change(before)
        if after is before or after == before:
            return False
        step = Step(action=action, before=before, after=after)
        self._store(step)
        self._undo.append(step)
        self._redo.clear()
        return True

    def undo(self) -> str | None:
        """Undo the last action; returns its name, or None when there is nothing to undo."""
        return self._replay(self._undo, self._redo, "undo")

    def redo(self) -> str | None:
        """Do again the last action undone; returns its name, or None when there is nothing to redo."""
        return self._replay(self._redo, self._undo, "redo")

    def _replay(self, steps: list[Step], then: list[Step], how: Literal["undo", "redo"]) -> str | None:
        """Store the last of `steps` again, backwards to undo it or forwards to redo it (logged as
        `undo:` or `redo:` and its action), and move it to `then`."""
        if self._failure is not None:
            self._revert()  # clears both lists: nothing left to replay
        if not steps:
            return None
        step = steps[-1]
        before, after = (step.after, step.before) if how == "undo" else (step.before, step.after)
        self._store(Step(action=f"{how}:{step.action}", before=before, after=after))
        then.append(steps.pop())
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
        self._toggle("kind", kind, DEFAULT_TURN_KIND)

    def toggle_role(self, role: str) -> None:
        """The same for the role; again, back to member."""
        self._toggle("role", role, DEFAULT_ROLE)

    def _toggle(self, tag: Literal["kind", "role"], value: str, default: str) -> None:
        running = self.meeting.running_turn
        tagged = running if running is not None else self.next_turn
        chosen = {tag: default if getattr(tagged, tag) == value else value}
        if running is None:
            self.do("action.next_turn", lambda m: recording.set_next_turn(m, **chosen))
        else:
            self.do("action.retag", lambda m: recording.retag_running(m, **chosen))

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

    def figures(self, turn_filter: TurnFilter = _WHOLE_MEETING, *, agenda_item: str | None = None) -> Figures:
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
