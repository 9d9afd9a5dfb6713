"""Time for the live screen: wall-clock instants whose differences come from a steady clock.

The wall clock is read once, when recording starts; after that, time advances by a steady clock, so
a system clock changed mid-meeting (by hand or by NTP) does not distort durations.

The steady clock must also count the time the computer sleeps: a turn that runs while the lid is
closed is as long as it really was. `time.monotonic` does not (on Linux it stops during suspend), so
the source is CLOCK_BOOTTIME on Linux and CLOCK_MONOTONIC on macOS (which, unlike
`time.monotonic` there, counts sleep); on Windows `time.monotonic` already counts it. Elsewhere the
fallback is `time.monotonic` and the clock says so (`counts_suspend`).

Two kinds of wall-clock step are caught and reported instead of bent into the turns:
- at a restart, instants already stored may lie ahead of the wall clock (it was set back while the
  app was closed). `not_before` anchors the clock at the latest stored instant, so new turns follow
  the stored ones, none is squeezed to a millisecond and no clock shows a negative time;
- while running (after a resume from sleep, or an NTP step), `check_step` compares the wall clock
  with the steady one. With a source that counts suspend, a difference is a wall-clock step and is
  only reported; with the fallback, a forward difference is most likely sleep the source missed, so
  the clock takes it (and reports it) rather than losing that time.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from talarstat.domain.timefmt import Instant

# A difference between wall and steady time smaller than this is scheduling noise or NTP slewing.
STEP_TOLERANCE_MS = 2000


@dataclass(frozen=True, slots=True)
class ClockStep:
    """The wall clock moved by `milliseconds` against the steady clock (positive: ahead).
    `taken` is True when the recording clock moved with it (sleep that the source did not count)."""

    milliseconds: int
    taken: bool


class Clock(Protocol):
    def now(self) -> Instant: ...

    def not_before(self, instant: Instant) -> int | None: ...

    def check_step(self) -> ClockStep | None: ...


def _suspend_counting_source() -> tuple[Callable[[], int], bool]:
    """The best steady nanosecond counter of this platform, and whether it counts suspend."""
    if sys.platform.startswith("linux") and hasattr(time, "CLOCK_BOOTTIME"):
        boottime = time.CLOCK_BOOTTIME
        return (lambda: time.clock_gettime_ns(boottime)), True
    if sys.platform == "darwin" and hasattr(time, "CLOCK_MONOTONIC"):
        monotonic = time.CLOCK_MONOTONIC  # mach_continuous_time: counts sleep, unlike time.monotonic
        return (lambda: time.clock_gettime_ns(monotonic)), True
    return time.monotonic_ns, sys.platform == "win32"  # QueryPerformanceCounter counts sleep


class SteadyClock:
    """Instants (ms since the epoch, UTC) that advance with a steady clock from a wall anchor.

    `steady_ns` and `wall_ns` are the sources (tests pass fakes); by default the platform's
    suspend-counting clock and `time.time_ns`.
    """


    def __init__(
        self, *, steady_ns: Callable[[], int] | None = None, wall_ns: Callable[[], int] = time.time_ns,
        counts_suspend: bool | None = None,
    ) -> None:
        source, counts = _suspend_counting_source()
        # Real sources follow real time, so an input's age can be taken off an instant: the TUI
        # dates a key by when it was pressed, not by when the event loop got to it.
        self.follows_real_time = steady_ns is None and wall_ns is time.time_ns
        self._steady_ns = steady_ns or source
        self.counts_suspend = counts if counts_suspend is None else counts_suspend
        self._wall_ns = wall_ns
        self._anchor(wall_ns() // 1_000_000)

    def _anchor(self, instant: Instant) -> None:
        self._wall_anchor = instant
        self._steady_anchor = self._steady_ns()

    def now(self) -> Instant:
        return self._wall_anchor + (self._steady_ns() - self._steady_anchor) // 1_000_000

    def not_before(self, instant: Instant) -> int | None:
        """Never give an instant before `instant` (the latest one stored): when the wall clock is
        behind it, anchor there. Returns how far behind the wall clock was, in ms, or None."""
        behind = instant - self.now()
        if behind <= STEP_TOLERANCE_MS:
            return None
        self._anchor(instant)
        return behind

    def check_step(self) -> ClockStep | None:
        """A wall-clock step since the last check (each step is reported once), or None."""
        wall = self._wall_ns() // 1_000_000
        step = wall - self.now()
        if abs(step) <= STEP_TOLERANCE_MS:
            return None
        taken = step > 0 and not self.counts_suspend
        if taken:
            self._anchor(wall)
        else:
            # Keep steady time, and report this step once: wall and steady now differ by `step`.
            self._wall_ns = _shifted(self._wall_ns, -step)
        return ClockStep(milliseconds=step, taken=taken)


def _shifted(source: Callable[[], int], milliseconds: int) -> Callable[[], int]:
    return lambda: source() + milliseconds * 1_000_000


class ManualClock:
    """A clock that moves only when told: for tests and screenshots."""

    def __init__(self, start: Instant) -> None:
        self.instant = start

    def now(self) -> Instant:
        return self.instant

    def advance(self, seconds: float) -> None:
        self.instant += int(seconds * 1000)

    def not_before(self, instant: Instant) -> int | None:
        behind = instant - self.instant
        if behind <= STEP_TOLERANCE_MS:
            return None
        self.instant = instant
        return behind

    def check_step(self) -> ClockStep | None:
        return None
