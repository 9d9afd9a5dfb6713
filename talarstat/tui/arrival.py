"""When a key reached the terminal, also when Textual's input thread reads it late.

A key is dated by the stamp Textual gives its event (`PressClock`), taken on the input thread once
it has read and parsed the bytes. That thread needs the GIL to do so, and while the main thread
draws a frame, CPython can leave it waiting: other threads (the output writer, the Recorder's writer)
take the GIL in turn, and a waiting thread only forces a switch after an interval with no switch at
all. Beside a busy import on two cores, keys were read 60-330 ms late that way (issue 14: every key
within 50 ms of its press).

The kernel knows when input arrives. With O_ASYNC on the terminal it sends SIGIO, and CPython runs
the Python handler on the main thread at its next bytecode, which is at once while that thread is
busy drawing: the handler notes the time. The input thread then dates each event it parses by the
oldest note not yet used, never later than its own stamp. The notes are taken on a file of our own
(the terminal opened again), so the flag goes with this process and never stays on the shell's
terminal after a crash.

SIGIO also comes when the terminal has room for output again, and signals that arrive together come
as one. So a note is taken only when the terminal holds bytes not yet read that were not there at
the last note; an event without a note keeps Textual's stamp (late, never early); and a note older
than `STALE_SECONDS` is dropped rather than used. Only on POSIX terminals; elsewhere (Windows, the
browser, tests' headless driver) events keep Textual's stamp.
"""

from __future__ import annotations

import array
import collections
import contextlib
import os
import signal
import sys
import threading
from typing import Any

from textual.message import Message

from talarstat.tui.hangup import HangUpLeavingDriver
from talarstat.tui.press_clock import get_time

STALE_SECONDS = 1.0  # no key waits this long for the input thread; a note this old is not its key's


def pending_bytes(fd: int) -> int:
    """Bytes the terminal holds that nobody has read yet."""
    import fcntl
    import termios

    count = array.array("i", [0])
    fcntl.ioctl(fd, termios.FIONREAD, count, True)
    return count[0]


class ArrivalNotes:
    """Times at which input reached the terminal, noted on the main thread and used, oldest first,
    by the input thread."""

    def __init__(self, pending: Any = pending_bytes) -> None:
        self._pending = pending
        self._notes: collections.deque[float] = collections.deque()
        self._lock = threading.Lock()
        self._unread_at_last_note = 0
        self._in_handler = False
        self._fd: int | None = None
        self._previous_handler: Any = None

    def start(self, terminal_fd: int) -> bool:
        """Ask the kernel for SIGIO when input reaches the terminal of `terminal_fd`; False (and
        nothing changed) where that cannot be done."""
        if sys.platform == "win32" or not hasattr(signal, "SIGIO") or threading.current_thread() is not threading.main_thread():
            return False
        import fcntl

        try:
            self._fd = os.open(os.ttyname(terminal_fd), os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
            self._previous_handler = signal.signal(signal.SIGIO, self._on_signal)
            signal.siginterrupt(signal.SIGIO, False)  # system calls of other threads resume, not fail with EINTR
            fcntl.fcntl(self._fd, fcntl.F_SETOWN, os.getpid())
            fcntl.fcntl(self._fd, fcntl.F_SETFL, fcntl.fcntl(self._fd, fcntl.F_GETFL) | os.O_ASYNC)
        except (OSError, ValueError):
            self.stop()
            return False
        return True

    def stop(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)  # O_ASYNC and the owner go with the file
            self._fd = None
        if self._previous_handler is not None:
            with contextlib.suppress(OSError, ValueError):
                signal.signal(signal.SIGIO, self._previous_handler)
            self._previous_handler = None

    def _on_signal(self, signum: int, frame: object) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                self.note(get_time(), self._fd)

    def note(self, now: float, fd: int) -> None:
        """Input may have arrived by `now`: noted if the terminal holds unread bytes it did not hold
        at the last note. The count is asked under the lock, so the input thread cannot read those
        bytes and date their event between the question and the note (the note would be left over,
        and the next key dated by it)."""
        with self._lock:
            unread = self._pending(fd)
            if unread > self._unread_at_last_note:
                self._notes.append(now)
            self._unread_at_last_note = unread

    def claim(self, parsed_at: float) -> float:
        """When the input of an event parsed at `parsed_at` arrived: the oldest unused note that is
        not later than the parse, else `parsed_at` itself."""
        with self._lock:
            notes = self._notes
            self._unread_at_last_note = 0  # the input thread has read what was waiting
            while notes and notes[0] < parsed_at - STALE_SECONDS:
                notes.popleft()
            if notes and notes[0] <= parsed_at:
                return notes.popleft()
            return parsed_at


class ArrivalStampedDriver(HangUpLeavingDriver):
    """Textual's terminal driver, its input events dated by when their bytes arrived (and leaving
    when the terminal goes away without SIGHUP: tui/hangup.py)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.arrivals = ArrivalNotes()

    def start_application_mode(self) -> None:
        super().start_application_mode()
        if os.isatty(self.fileno):
            self.arrivals.start(self.fileno)

    def stop_application_mode(self) -> None:
        self.arrivals.stop()
        super().stop_application_mode()

    def process_message(self, message: Message) -> None:
        # Only what the input thread parsed from the terminal has a note; a resize or a message of
        # the driver's own does not take one.
        if threading.current_thread() is self._key_thread:
            message.time = self.arrivals.claim(message.time)
        super().process_message(message)
