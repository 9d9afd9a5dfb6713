"""The rules of time in a meeting: one speaker at a time, nothing in a break, nothing outside the
meeting, at most one running turn and it last. Shared by the meeting file (docs/file-format.md) and the live
screen's corrections, so a correction can never store what an import would refuse."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from typing import Any

from talarstat.domain.meeting import Break, Meeting, Turn
from talarstat.domain.timefmt import Instant
from talarstat.errors import BadInput

_FOREVER = float("inf")


class TimelineError(BadInput):
    """A rule broken at `field` of the `index`-th turn or break (in the order given), or of the meeting."""

    def __init__(self, kind: str, index: int | None, field: str, rule: str, **params: Any) -> None:
        super().__init__(rule, **params)
        self.kind = kind  # "turns", "breaks" or "meeting"
        self.index = index
        self.field = field


def check_timeline(
    turns: Sequence[Turn], breaks: Sequence[Break], started_at: Instant | None, ended_at: Instant | None
) -> None:
    """Raise TimelineError for the first rule broken; turns and breaks may come in any order."""
    for index, turn in enumerate(turns):
        if turn.end is not None and turn.end <= turn.start:
            raise TimelineError("turns", index, "end", "file.end_after_start")
    for index, brk in enumerate(breaks):
        if brk.end is not None and brk.end <= brk.start:
            raise TimelineError("breaks", index, "end", "file.end_after_start")
    if started_at is not None and ended_at is not None and ended_at < started_at:
        raise TimelineError("meeting", None, "ended_at", "file.ended_before_started")
    ordered_breaks = _one_after_another(breaks, "breaks", "file.break_overlap")
    for index, brk in enumerate(breaks):
        if brk.end is None and ended_at is not None:
            raise TimelineError("breaks", index, "end", "file.open_in_ended")
    _one_after_another(turns, "turns", "file.overlap")
    break_starts = [breaks[i].start for i in ordered_breaks]
    for index, turn in enumerate(turns):
        if started_at is not None and turn.start < started_at:
            raise TimelineError("turns", index, "start", "file.before_started")
        if turn.end is None and ended_at is not None:
            raise TimelineError("turns", index, "end", "file.open_in_ended")
        if ended_at is not None and turn.end is not None and turn.end > ended_at:
            raise TimelineError("turns", index, "end", "file.after_ended")
        turn_end = turn.end if turn.end is not None else _FOREVER
        # Only the break that starts last before the turn ends can reach into it: breaks do not overlap.
        position = bisect.bisect_left(break_starts, turn_end) - 1
        if position >= 0:
            brk = breaks[ordered_breaks[position]]
            if (brk.end if brk.end is not None else _FOREVER) > turn.start:
                raise TimelineError("turns", index, "start", "file.turn_in_break")


def _one_after_another(spans: Sequence[Turn] | Sequence[Break], kind: str, overlap_rule: str) -> list[int]:
    """The spans' indexes by start time, each but the last ended by the time the next starts."""
    ordered = sorted(range(len(spans)), key=lambda i: spans[i].start)
    for earlier, later in itertools.pairwise(ordered):
        previous = spans[earlier]
        if previous.end is None:
            raise TimelineError(kind, earlier, "end", "file.open_not_last")
        if spans[later].start < previous.end:
            params = {"other": previous.id} if isinstance(previous, Turn) else {}
            raise TimelineError(kind, later, "start", overlap_rule, **params)
    return ordered


def latest_instant(meeting: Meeting) -> Instant | None:
    """The latest instant the live clock recorded in a meeting: the clock must not go back before it.
    Only the tail can hold it (turns and breaks are in order), so this is O(1) in the meeting.
    Attendance is left out: its first record is the planned start, which may lie in the future."""
    candidates = [meeting.started_at, meeting.ended_at]
    for turn in meeting.turns[-1:]:
        candidates += [turn.start, turn.end]
    for pause in meeting.breaks[-1:]:
        candidates += [pause.start, pause.end]
    present = [instant for instant in candidates if instant is not None]
    return max(present) if present else None
