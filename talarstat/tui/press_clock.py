"""The TUI's clock: while a key or click is being handled, `now()` is when it was pressed.

Textual stamps every input event (`event.time`, its monotonic clock) when the driver reads it from
the terminal, on the driver's own thread. If the event loop is busy when a key arrives (a frame
being drawn, a slow widget), the key waits in the queue; dated by the stamp, its turn still starts
when the key was pressed (issue 14: queued keys must not share one instant). Clocks that do not
follow real time (tests' manual clocks) are left as they are.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from talarstat.clock import Clock, ClockStep
from talarstat.domain.timefmt import Instant

# The clock Textual stamps events with (textual/_time.py, private there): monotonic, or the
# finer perf_counter on Windows.
get_time = time.perf_counter if sys.platform == "win32" else time.monotonic


class PressClock:
    def __init__(self, source: Clock) -> None:
        self.source = source
        self._pressed: float | None = None
        self._real = getattr(source, "follows_real_time", False)

    @contextmanager
    def input_at(self, stamp: float) -> Iterator[None]:
        """While the input stamped `stamp` (Textual's clock) is handled, time is its press."""
        outer, self._pressed = self._pressed, stamp
        try:
            yield
        finally:
            self._pressed = outer

    def now(self) -> Instant:
        now = self.source.now()
        if self._pressed is None or not self._real:
            return now
        return now - max(0, round((get_time() - self._pressed) * 1000))

    def not_before(self, instant: Instant) -> int | None:
        return self.source.not_before(instant)

    def check_step(self) -> ClockStep | None:
        return self.source.check_step()

    def __getattr__(self, name: str) -> Any:
        # A test's ManualClock is still advanced through app.clock.
        return getattr(self.source, name)
