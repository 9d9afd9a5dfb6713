"""The recording clock with fake time sources: sleep counts, wall-clock steps are caught, not bent
into the turns."""

from __future__ import annotations

import sys
import time

import pytest

from talarstat.clock import STEP_TOLERANCE_MS, ClockStep, SteadyClock, _suspend_counting_source
from talarstat.domain import recording
from talarstat.domain.meeting import Meeting
from talarstat.domain.timeline import latest_instant

HOUR_NS = 3600 * 10**9
T0_MS = 1_795_000_000_000


class FakeTime:
    """A wall clock and a steady clock that move only when told."""

    def __init__(self) -> None:
        self.wall = T0_MS * 10**6
        self.steady = 5 * 10**9

    def sleep(self, ns: int, *, steady_counts: bool = True) -> None:
        self.wall += ns
        if steady_counts:
            self.steady += ns

    def clock(self, *, counts_suspend: bool = True) -> SteadyClock:
        return SteadyClock(steady_ns=lambda: self.steady, wall_ns=lambda: self.wall, counts_suspend=counts_suspend)


def test_the_default_source_counts_suspend_where_the_platform_allows() -> None:
    source, counts = _suspend_counting_source()
    if sys.platform.startswith("linux"):
        assert counts
        assert abs(source() - time.clock_gettime_ns(time.CLOCK_BOOTTIME)) < 10**9
    first = source()
    assert source() >= first


def test_a_turn_across_a_sleep_keeps_the_time_slept() -> None:
    fake = FakeTime()
    clock = fake.clock()
    meeting = recording.start_turn(Meeting(id="m", title="t", categories=("woman", "man")), "woman", clock.now())
    fake.sleep(HOUR_NS)  # the lid closed for an hour; CLOCK_BOOTTIME counts it
    assert clock.check_step() is None  # wall and steady agree: nothing to tell
    meeting = recording.start_turn(meeting, "man", clock.now())
    first = meeting.turns[0]
    assert first.end is not None and first.end - first.start == 3_600_000


def test_a_wall_clock_step_while_recording_is_told_once_and_leaves_durations_alone() -> None:
    fake = FakeTime()
    clock = fake.clock()
    before = clock.now()
    fake.wall -= HOUR_NS  # NTP or a hand sets the clock back an hour
    fake.steady += 10**9
    assert clock.check_step() == ClockStep(milliseconds=-3_600_000 - 1000, taken=False)
    assert clock.now() - before == 1000
    assert clock.check_step() is None  # told once
    fake.wall += 2 * HOUR_NS
    step = clock.check_step()
    assert step is not None and step.milliseconds == 7_200_000 and not step.taken
    assert clock.now() - before == 1000


def test_a_step_back_is_reported_with_its_size() -> None:
    fake = FakeTime()
    clock = fake.clock()
    fake.wall -= HOUR_NS
    assert clock.check_step() == ClockStep(milliseconds=-3_600_000, taken=False)


def test_without_a_suspend_counting_source_a_forward_jump_is_taken_as_sleep() -> None:
    fake = FakeTime()
    clock = fake.clock(counts_suspend=False)
    before = clock.now()
    fake.sleep(HOUR_NS, steady_counts=False)  # time.monotonic stood still through the sleep
    assert clock.check_step() == ClockStep(milliseconds=3_600_000, taken=True)
    assert clock.now() - before == 3_600_000
    fake.wall -= HOUR_NS  # but a step back is never taken
    assert clock.check_step() == ClockStep(milliseconds=-3_600_000, taken=False)
    assert clock.now() - before == 3_600_000


def test_small_differences_are_noise() -> None:
    fake = FakeTime()
    clock = fake.clock()
    fake.wall += (STEP_TOLERANCE_MS - 1) * 10**6
    assert clock.check_step() is None


def test_a_restart_after_the_clock_went_back_goes_on_from_the_stored_times() -> None:
    fake = FakeTime()
    meeting = Meeting(id="m", title="t", categories=("woman", "man"))
    meeting = recording.start_turn(meeting, "woman", fake.clock().now())
    fake.sleep(60 * 10**9)
    fake.wall -= HOUR_NS  # set back an hour while the app was closed
    clock = fake.clock()
    latest = latest_instant(meeting)
    assert latest is not None
    behind = clock.not_before(latest)
    assert behind == 3_600_000 - 60_000
    assert clock.now() >= meeting.turns[-1].start
    fake.steady += 10 * 10**9
    after = recording.start_turn(meeting, "man", clock.now())
    ended = after.turns[0]
    assert ended.end is not None and ended.end - ended.start >= 10_000  # not squeezed to a millisecond
    assert after.turns[1].milliseconds(clock.now()) >= 0  # no negative clock


def test_not_before_leaves_a_correct_clock_alone() -> None:
    fake = FakeTime()
    clock = fake.clock()
    assert clock.not_before(clock.now() - 1000) is None
    assert clock.not_before(clock.now() + STEP_TOLERANCE_MS) is None


@pytest.mark.parametrize("turns", [0, 3])
def test_latest_instant_reads_the_tail(turns: int) -> None:
    meeting = Meeting(id="m", title="t", categories=("woman",))
    assert latest_instant(meeting) is None
    for index in range(turns):
        meeting = recording.start_turn(meeting, "woman", 1000 * (index + 1))
    if turns:
        meeting = recording.end_turn(meeting, 10_000)
        assert latest_instant(meeting) == 10_000
