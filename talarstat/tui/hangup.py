"""Leaving when the terminal goes away without a word.

A terminal that hangs up normally sends SIGHUP, and Textual leaves. One that goes without it (an
SSH connection that died with no SIGHUP reaching the process, a terminal program or a tool that
closes its end of the pseudo-terminal) leaves the app with input at its end for good: Textual's
input thread then reads nothing, at once, over and over, a whole core for as long as the process
lives (Textualize/textual#6690), with nobody to see the screen. A recorder of a four-hour congress
left like that on a shared machine is the secretary's problem the next morning.

So a thread of our own waits on the terminal for the hang-up alone (poll with no event asked: the
kernel reports a hang-up and an error whatever is asked), using no CPU until then, and asks the app
to leave as if told to: what the Recorder holds is stored on the way out, as on any exit.
"""

from __future__ import annotations

import contextlib
import os
import select
import threading
from collections.abc import Callable
from typing import Any

from textual.drivers.linux_driver import LinuxDriver

_LOOK_MS = 1000  # how often the thread sees whether it should stop: its only cost, a wake a second
_GONE = select.POLLHUP | select.POLLERR | select.POLLNVAL if hasattr(select, "poll") else 0


class HangUpWatch:
    """Calls `gone()` once, from a thread of its own, when the terminal of `fd` hangs up."""

    def __init__(self, fd: int, gone: Callable[[], object]) -> None:
        self._fd, self._gone = fd, gone
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> bool:
        """False (and nothing started) where the platform cannot wait for a hang-up (no poll)."""
        if not hasattr(select, "poll"):
            return False
        self._thread = threading.Thread(target=self._watch, name="talarstat-hangup", daemon=True)
        self._thread.start()
        return True

    def stop(self) -> None:
        """Not waited for: leaving the app would wait up to a look for it. The thread sees the stop
        at its next look and ends (a daemon, it never holds the process)."""
        self._stop.set()
        self._thread = None

    def _watch(self) -> None:
        watched = select.poll()
        watched.register(self._fd, 0)
        while not self._stop.is_set():
            try:
                events = watched.poll(_LOOK_MS)
            except OSError:
                return
            if any(mask & _GONE for _, mask in events):
                if not self._stop.is_set():
                    with contextlib.suppress(Exception):  # the app may be on its way out already
                        self._gone()
                return


class HangUpLeavingDriver(LinuxDriver):
    """Textual's terminal driver for POSIX, leaving when the terminal goes away without SIGHUP."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.hang_up = HangUpWatch(self.fileno, lambda: self._app.call_from_thread(self._app.exit))

    def start_application_mode(self) -> None:
        super().start_application_mode()  # type: ignore[no-untyped-call]  # Textual leaves this one method unannotated
        if os.isatty(self.fileno):
            self.hang_up.start()

    def stop_application_mode(self) -> None:
        self.hang_up.stop()
        super().stop_application_mode()

