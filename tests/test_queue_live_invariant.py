"""Whatever the secretary and the chair do live, the stored meeting stays a valid meeting file: every
sequence of actions (requests, calls, withdrawals, corrections, undo-like reopening) dumps and reads
back unchanged. `db check` applies exactly this rule to every stored meeting."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from talarstat.domain import recording
from talarstat.domain.meetingfile import parse_document, to_document
from talarstat.domain.planning import plan_meeting
from talarstat.domain.queue import QueueSettings
from talarstat.errors import BadInput

T0 = 1_773_500_000_000
CATEGORIES = ("woman", "man", "nonbinary", "unknown")

ACTIONS = st.sampled_from([
    "start", "end", "request", "request", "request", "call", "call", "withdraw", "front", "close", "next_item",
    "add_item", "end_meeting", "reopen", "delete", "merge", "split", "tag", "break",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(ACTIONS, st.integers(0, 20_000), st.integers(0, 10**6)), max_size=40),
       st.sampled_from(["arrival", "first_time", "alternate", "balance"]))
def test_any_live_sequence_keeps_the_meeting_a_valid_file(steps: list[tuple[str, int, int]], order: str) -> None:
    m = plan_meeting(title="Möte", now=T0, day=dt.date(2026, 3, 14), agenda=("Ett", "Två"),
                     attendance={"woman": 3, "man": 3}, queue=QueueSettings(order=order, max_replies=1))
    now = T0
    for action, pause, pick in steps:
        now += pause
        category = CATEGORIES[pick % 4]
        waiting = [r.id for r in m.requests if r.state == "waiting"]
        try:
            if action == "start":
                m = recording.start_turn(m, category, now)
            elif action == "end":
                m = recording.end_turn(m, now)
            elif action == "request":
                kind = ("speech", "speech", "reply", "point_of_order", "information")[pick % 5]
                m = recording.request(m, category, now, kind, ("7", None, "12")[pick % 3])
            elif action == "call":
                m = recording.call_next(m, now)
            elif action == "withdraw" and waiting:
                m = recording.withdraw(m, waiting[pick % len(waiting)], now)
            elif action == "front" and waiting:
                m = recording.move_to_front(m, waiting[pick % len(waiting)], now)
            elif action == "close":
                m = recording.toggle_list_closed(m)
            elif action == "next_item":
                m = recording.next_item(m, now)
            elif action == "add_item":
                m = recording.add_item(m, f"Punkt {pick}", at=now)
            elif action == "end_meeting":
                m = recording.end_meeting(m, now)
            elif action == "reopen":
                m = recording.reopen(m)
            elif action == "delete" and m.turns:
                m = recording.delete(m, m.turns[pick % len(m.turns)].id)
            elif action == "merge" and m.turns:
                m = recording.merge_with_next(m, m.turns[pick % len(m.turns)].id)
            elif action == "split" and m.turns:
                turn = m.turns[pick % len(m.turns)]
                m = recording.split(m, turn.id, turn.start + 1 + pick % 1000)
            elif action == "tag":
                m = recording.set_next_turn(m, role=("chair", "member")[pick % 2])
            elif action == "break":
                m = recording.end_break(m, now) if m.running_break else recording.start_break(m, now)
        except BadInput:
            continue  # a refusal changes nothing
        assert parse_document(to_document(m)) is not None
