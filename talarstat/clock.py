"""Time for the live screen: wall-clock instants whose differences come from a monotonic clock.

The wall clock is read once, when recording starts; after that, time advances by time.monotonic().
If someone changes the system clock mid-meeting (or NTP steps it), durations stay true. After a
restart the anchor is read again: a running turn resumes from its stored start.
"""

from __future__ import annotations

import time
from typing import Protocol

from talarstat.domain.timefmt import Instant


class Clock(Protocol):
    def now(self) -> Instant: ...


class SteadyClock:
    def __init__(self) -> None:
        self._wall_anchor = time.time_ns() // 1_000_000
        self._steady_anchor = time.monotonic_ns()

    def now(self) -> Instant:
        return self._wall_anchor + (time.monotonic_ns() - self._steady_anchor) // 1_000_000


class ManualClock:
    """A clock that moves only when told: for tests and screenshots."""

    def __init__(self, start: Instant) -> None:
        self.instant = start

    def now(self) -> Instant:
        return self.instant

    def advance(self, seconds: float) -> None:
        self.instant += int(seconds * 1000)
