"""Batch work gives way to live recording on the same computer.

An import of a congress's 100,000 turns, or a sync to the central database, can take a core for
tens of seconds. The secretary may be recording in the TUI beside it on a two-core laptop, and a
key is dated when the TUI's input thread reads it: starved of the processor, that thread reads it
late (issue 14: every key within 50 ms of its press). So these jobs lower their own priority, as
`nice` would: on an idle computer they run as fast as before; beside the TUI they wait their turn.
"""

from __future__ import annotations

import contextlib
import os

BATCH_NICENESS = 10


def give_way_to_live_recording() -> None:
    """Lower this process's CPU priority; a no-op where the platform has no `nice` or refuses it."""
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(BATCH_NICENESS)
