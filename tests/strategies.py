"""Hypothesis strategies: valid meetings of any shape the rules allow."""

from __future__ import annotations

import uuid

from hypothesis import strategies as st

from talarstat.domain.meeting import AgendaItem, AttendanceRecord, Break, Meeting, Turn
from talarstat.domain.queue import ORDERS, REQUEST_KINDS, QueueSettings, Request
from talarstat.domain.vocabulary import ROLES, TURN_KINDS

BASE = 1_773_500_000_000
CATEGORY_SETS = st.sampled_from([
    ("woman", "man"),
    ("woman", "man", "nonbinary", "unknown"),
    ("woman", "man", "nonbinary", "unknown", "youth_2"),
])
uuids = st.builds(lambda n: str(uuid.UUID(int=n, version=4)), st.integers(0, 2**122))


@st.composite
def meetings(draw: st.DrawFn, *, with_attendance: bool | None = None, running: bool = False, max_turns: int = 25) -> Meeting:
    categories = draw(CATEGORY_SETS)
    agenda = tuple(
        AgendaItem(id=item_id, position=index, title=f"Punkt {index} – åäö")
        for index, item_id in enumerate(draw(st.lists(uuids, max_size=4, unique=True)), 1)
    )
    count = draw(st.integers(0, max_turns))
    gaps = draw(st.lists(st.integers(0, 30_000), min_size=count, max_size=count))
    lengths = draw(st.lists(st.integers(1, 600_000), min_size=count, max_size=count))
    ids = draw(st.lists(uuids, min_size=count, max_size=count, unique=True))
    use_tokens = draw(st.booleans())
    turns: list[Turn] = []
    breaks: list[Break] = []
    clock = BASE + draw(st.integers(0, 60_000))
    started_at = clock
    for index in range(count):
        clock += gaps[index]
        if draw(st.integers(0, 20)) == 0:  # now and then a break between turns
            breaks.append(Break(start=clock, end=clock + 60_000))
            clock += 60_000
        is_last_running = running and index == count - 1
        turns.append(Turn(
            id=ids[index], category=draw(st.sampled_from(categories)), start=clock,
            end=None if is_last_running else clock + lengths[index],
            kind=draw(st.sampled_from(TURN_KINDS)), role=draw(st.sampled_from(ROLES)),
            agenda_item=draw(st.sampled_from([None, *[item.id for item in agenda]])),
            speaker=draw(st.sampled_from([None, "1", "2", "17", "B4"])) if use_tokens else None,
        ))
        clock += lengths[index]
    attendance: tuple[AttendanceRecord, ...] = ()
    if with_attendance if with_attendance is not None else draw(st.booleans()):
        times = sorted(draw(st.sets(st.integers(BASE - 600_000, clock + 1), min_size=1, max_size=4)))
        attendance = tuple(
            AttendanceRecord(at=at, counts={
                **{category: draw(st.integers(0, 40)) for category in categories},
                categories[0]: draw(st.integers(1, 40)),  # somebody is present
            })
            for at in times
        )
    ended_at = None if running or not draw(st.booleans()) else clock + 1000
    agenda_ids = [item.id for item in agenda]
    queue = QueueSettings(
        order=draw(st.sampled_from(ORDERS)),
        priority=tuple(draw(st.lists(st.sampled_from(categories), unique=True, max_size=2))),
        max_replies=draw(st.integers(0, 5)),
        limits=dict(sorted(draw(st.dictionaries(st.sampled_from(TURN_KINDS), st.integers(1, 999_999), max_size=3)).items(),
                           key=lambda pair: TURN_KINDS.index(pair[0]))),
        closed_items=tuple(draw(st.lists(st.sampled_from([None, *agenda_ids]), unique=True, max_size=3))),
    )
    requests: list[Request] = []
    unused_turns = list(turns)
    for request_id in draw(st.lists(uuids, max_size=6, unique=True)):
        states = ["withdrawn"] + (["granted"] if unused_turns else []) + ([] if ended_at is not None else ["waiting"])
        state = draw(st.sampled_from(states))
        requested_at = draw(st.integers(BASE - 60_000, clock))
        turn = None
        closed_at = None
        if state == "granted":
            turn = unused_turns.pop(draw(st.integers(0, len(unused_turns) - 1)))
            requested_at = turn.start - draw(st.integers(0, 300_000))
            closed_at = turn.start
        elif state == "withdrawn":
            closed_at = requested_at + draw(st.integers(0, 300_000))
        requests.append(Request(
            id=request_id, category=draw(st.sampled_from(categories)), requested_at=requested_at,
            kind=draw(st.sampled_from(REQUEST_KINDS)),
            speaker=draw(st.sampled_from([None, "1", "17"])) if use_tokens else None,
            agenda_item=draw(st.sampled_from([None, *agenda_ids])),
            reply_to=draw(st.sampled_from([None, *[t.id for t in turns]])),
            front_at=draw(st.sampled_from([None, requested_at, requested_at + 5000])),
            state=state, closed_at=closed_at, turn=turn.id if turn else None,
        ))
    return Meeting(
        id=draw(uuids), title=draw(st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(str.strip)), categories=categories,
        district=draw(st.sampled_from([None, "Skåne", "Västra Götaland"])),
        body=draw(st.sampled_from([None, "Distriktsstyrelsen"])), kind=draw(st.sampled_from([None, "board", "annual"])),
        started_at=started_at if draw(st.booleans()) else None,
        ended_at=ended_at,
        offset_minutes=draw(st.sampled_from([0, 60, 120, -300, 330])),
        attendance=attendance, agenda=agenda, breaks=tuple(breaks), turns=tuple(turns),
        current_item=draw(st.sampled_from([None, *agenda_ids])), queue=queue,
        requests=tuple(sorted(requests, key=lambda request: (request.requested_at, request.id))),
    )
