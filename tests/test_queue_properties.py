"""Properties of the order function (QUEUE.md) over any speaker list hypothesis can make."""

from __future__ import annotations

import uuid
from dataclasses import replace

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from talarstat.domain.meeting import AgendaItem, AttendanceRecord, Meeting, Turn
from talarstat.domain.queue import (
    ORDERS,
    REQUEST_KINDS,
    ListEntry,
    QueueSettings,
    Request,
    speaker_list,
)

T0 = 1_773_500_000_000
ITEM, OTHER = str(uuid.UUID(int=1, version=4)), str(uuid.UUID(int=2, version=4))
CATEGORIES = ("woman", "man", "nonbinary", "unknown")
GROUP_A = ("woman", "nonbinary")
TOKENS = ("1", "2", "3", "4", "5")


@st.composite
def lists(draw: st.DrawFn, *, tokens: bool | None = None, order: str | None = None) -> tuple[Meeting, int]:
    use_tokens = draw(st.booleans()) if tokens is None else tokens
    token = st.sampled_from([None, *TOKENS]) if use_tokens else st.none()
    turns: list[Turn] = []
    clock = T0
    for index in range(draw(st.integers(0, 12))):
        length = draw(st.integers(1_000, 300_000))
        turns.append(Turn(
            id=str(uuid.UUID(int=100 + index, version=4)), category=draw(st.sampled_from(CATEGORIES)), start=clock,
            end=clock + length, kind=draw(st.sampled_from(("speech", "reply", "information", "presentation"))),
            role=draw(st.sampled_from(("member", "member", "chair"))), agenda_item=draw(st.sampled_from([ITEM, ITEM, OTHER])),
            speaker=draw(token),
        ))
        clock += length
    requests = []
    for index in range(draw(st.integers(0, 14))):
        requested_at = T0 + draw(st.integers(0, 2_000_000))
        requests.append(Request(
            id=str(uuid.UUID(int=1000 + index, version=4)), category=draw(st.sampled_from(CATEGORIES)),
            requested_at=requested_at,
            kind=draw(st.sampled_from((*REQUEST_KINDS, "speech", "speech", "speech"))), speaker=draw(token),
            agenda_item=draw(st.sampled_from([ITEM, ITEM, ITEM, OTHER, None])),
            front_at=draw(st.sampled_from([None, None, None, requested_at + 1000])),
            state=draw(st.sampled_from(["waiting", "waiting", "waiting", "withdrawn"])),
            closed_at=None,
        ))
    requests = [replace(r, closed_at=r.requested_at) if r.state != "waiting" else r for r in requests]
    counts = {category: draw(st.integers(0, 12)) for category in CATEGORIES}
    meeting = Meeting(
        id=str(uuid.UUID(int=7, version=4)), title="Möte", categories=CATEGORIES,
        agenda=(AgendaItem(id=ITEM, position=1, title="Budget"), AgendaItem(id=OTHER, position=2, title="Motioner")), current_item=ITEM,
        attendance=(AttendanceRecord(T0, counts),) if draw(st.booleans()) else (),
        turns=tuple(turns), requests=tuple(requests),
        queue=QueueSettings(order=order or draw(st.sampled_from(ORDERS)), priority=GROUP_A),
    )
    return meeting, clock + draw(st.integers(0, 60_000))


def _others(entries: tuple[ListEntry, ...]) -> list[ListEntry]:
    """The part ordered by the meeting's rule: speeches not moved to the front."""
    return [e for e in entries if e.request.kind == "speech" and e.request.front_at is None]


@settings(max_examples=300, deadline=None)
@given(lists())
def test_every_waiting_request_of_the_item_appears_once(case: tuple[Meeting, int]) -> None:
    meeting, now = case
    entries = speaker_list(meeting, now)
    expected = sorted(r.id for r in meeting.requests if r.state == "waiting" and r.agenda_item == ITEM)
    assert sorted(e.request.id for e in entries) == expected
    assert [e.position for e in entries] == list(range(1, len(entries) + 1))


@settings(max_examples=300, deadline=None)
@given(lists())
def test_points_of_order_lead_then_replies_and_information_then_the_moved(case: tuple[Meeting, int]) -> None:
    meeting, now = case
    tiers = []
    for entry in speaker_list(meeting, now):
        kind = entry.request.kind
        tiers.append(0 if kind == "point_of_order" else 1 if kind in ("reply", "information")
                     else 2 if entry.request.front_at is not None else 3)
    assert tiers == sorted(tiers)


@settings(max_examples=300, deadline=None)
@given(lists(order="alternate"))
def test_alternate_never_places_two_of_a_group_in_a_row_while_the_other_waits_in_the_tier(case: tuple[Meeting, int]) -> None:
    meeting, now = case
    others = _others(speaker_list(meeting, now))
    for index in range(len(others) - 1):
        first, second = others[index], others[index + 1]
        group = first.request.category in GROUP_A
        if first.spoken == second.spoken and (second.request.category in GROUP_A) == group:
            later = others[index + 2:]
            assert not any(e.spoken == first.spoken and (e.request.category in GROUP_A) != group for e in later)


@settings(max_examples=300, deadline=None)
@given(lists(order="first_time"))
def test_first_time_never_places_a_request_before_one_with_fewer_turns(case: tuple[Meeting, int]) -> None:
    meeting, now = case
    spoken = [e.spoken for e in _others(speaker_list(meeting, now))]
    assert spoken == sorted(spoken)


@settings(max_examples=300, deadline=None)
@given(lists(order="balance"))
def test_balance_picks_the_lowest_seconds_per_attendee(case: tuple[Meeting, int]) -> None:
    meeting, now = case
    others = _others(speaker_list(meeting, now))
    if not others:
        return
    lowest_tier = min(e.spoken for e in others)
    candidates = {e.request.category for e in others if e.spoken == lowest_tier}
    heads = dict(meeting.attendance[0].counts) if meeting.attendance else {}
    seconds = {c: sum(t.milliseconds(now) for t in meeting.turns if t.category == c and t.role != "chair") for c in CATEGORIES}

    def need(category: str) -> tuple[bool, float]:
        present = heads.get(category, 0)
        return present == 0, seconds[category] / present if present else 0.0

    best = min(need(category) for category in candidates)
    assert need(others[0].request.category) == best


@settings(max_examples=300, deadline=None)
@given(lists(tokens=False))
def test_without_tokens_first_time_is_arrival(case: tuple[Meeting, int]) -> None:
    meeting, now = case
    first_time = speaker_list(replace(meeting, queue=replace(meeting.queue, order="first_time")), now)
    arrival = speaker_list(replace(meeting, queue=replace(meeting.queue, order="arrival")), now)
    assert first_time == arrival
    assert all(entry.spoken == 0 for entry in arrival)


@settings(max_examples=200, deadline=None)
@given(lists())
def test_the_order_does_not_depend_on_the_order_requests_are_stored_in(case: tuple[Meeting, int]) -> None:
    """A reload gives requests back sorted by time (the recorder keeps their times distinct)."""
    meeting, now = case
    assume(len({r.requested_at for r in meeting.requests}) == len(meeting.requests))
    reloaded = replace(meeting, requests=tuple(sorted(meeting.requests, key=lambda r: (r.requested_at, r.id))))
    assert speaker_list(meeting, now) == speaker_list(reloaded, now)
