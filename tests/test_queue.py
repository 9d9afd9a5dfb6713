"""The speaker list in the domain: the order of QUEUE.md by hand-computed examples from practice,
the actions, and every refusal."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from talarstat.domain import recording
from talarstat.domain.meeting import AgendaItem, AttendanceRecord, Meeting, NextTurn, Turn
from talarstat.domain.queue import QueueSettings, Request, is_list_closed, speaker_list, time_limit
from talarstat.errors import BadInput

T0 = 1_773_500_000_000
ITEM_1 = "5e0d8a52-0b59-4d7f-8d5e-2f3c8a9b1c01"
ITEM_2 = "5e0d8a52-0b59-4d7f-8d5e-2f3c8a9b1c02"
CATEGORIES = ("woman", "man", "nonbinary", "unknown")


def meeting(order: str = "arrival", **fields: Any) -> Meeting:
    return Meeting(
        id="0b6f2f0e-4c8e-4f57-9a43-6f0a3d1c2b11", title="Årsmöte", categories=CATEGORIES,
        agenda=(AgendaItem(id=ITEM_1, position=1, title="Budget"), AgendaItem(id=ITEM_2, position=2, title="Motioner")), current_item=ITEM_1,
        started_at=T0, queue=QueueSettings(order=order), **fields,
    )


def ask(m: Meeting, *requests: str | tuple[str, ...], at: int = T0) -> Meeting:
    """Requests one second apart: a category, or (category, kind, speaker)."""
    for index, spec in enumerate(requests):
        category, kind, speaker = (spec, "speech", None) if isinstance(spec, str) else (*spec, None, None)[:3]
        assert category is not None
        m = recording.request(m, category, at + 1000 * index, kind or "speech", speaker)
    return m


def order(m: Meeting, at: int = T0 + 10**6) -> list[str]:
    return [entry.request.category for entry in speaker_list(m, at)]


def spoke(m: Meeting, category: str, seconds: int, *, speaker: str | None = None, kind: str = "speech") -> Meeting:
    """A turn that ends `seconds` after it starts, right after the last one."""
    start = max([T0] + [turn.end for turn in m.turns if turn.end is not None])
    turn = Turn(id=recording.new_id(), category=category, start=start, end=start + seconds * 1000, kind=kind,
                agenda_item=m.current_item, speaker=speaker)
    return replace(m, turns=(*m.turns, turn))


# The order, by hand


def test_arrival_is_first_come_first_served() -> None:
    assert order(ask(meeting(), "man", "woman", "man")) == ["man", "woman", "man"]


def test_alternate_after_a_man_spoke_women_and_men_take_turns() -> None:
    """W W W M after a man spoke comes out W M W W: the men run out and the women go on."""
    m = spoke(meeting("alternate"), "man", 90)
    assert order(ask(m, "woman", "woman", "woman", "man")) == ["woman", "man", "woman", "woman"]


def test_alternate_after_a_woman_spoke_a_man_goes_first() -> None:
    m = spoke(meeting("alternate"), "woman", 90)
    assert order(ask(m, "woman", "woman", "man", "man")) == ["man", "woman", "man", "woman"]


def test_alternate_with_nobody_spoken_starts_with_group_a_and_nonbinary_is_in_it() -> None:
    m = meeting("alternate")
    assert order(ask(m, "man", "man", "nonbinary", "unknown")) == ["nonbinary", "man", "man", "unknown"]


def test_first_time_speakers_go_first_by_token() -> None:
    m = spoke(meeting("first_time"), "man", 60, speaker="12")
    m = ask(m, ("man", "speech", "12"), ("woman", "speech", "7"), ("man", "speech", "3"))
    assert [(e.request.speaker, e.spoken) for e in speaker_list(m, T0 + 10**6)] == [("7", 0), ("3", 0), ("12", 1)]


def test_first_time_without_tokens_is_arrival() -> None:
    m = spoke(meeting("first_time"), "man", 60)
    assert order(ask(m, "man", "woman", "man")) == ["man", "woman", "man"]


def test_alternate_tiers_first_time_speakers_before_the_rest() -> None:
    """A woman who spoke already waits behind a man who has not, even though women are due."""
    m = spoke(meeting("alternate"), "man", 60, speaker="1")
    m = spoke(m, "woman", 60, speaker="2")
    m = spoke(m, "man", 60, speaker="3")
    m = ask(m, ("woman", "speech", "2"), ("man", "speech", "4"), ("woman", "speech", "5"))
    assert [e.request.speaker for e in speaker_list(m, T0 + 10**6)] == ["5", "4", "2"]


def test_balance_picks_the_least_time_per_person_present() -> None:
    """9 women and 6 men; women spoke 600 s (66.7 s each), men 300 s (50 s each): a man first, then
    the mean turn (450 s) is added to men: 750/6 = 125 s > 66.7 s, so a woman, and so on."""
    m = meeting("balance", attendance=(AttendanceRecord(T0, {"woman": 9, "man": 6, "nonbinary": 0, "unknown": 0}),))
    m = spoke(spoke(m, "woman", 600), "man", 300)
    m = ask(m, "woman", "woman", "man", "man", "nonbinary")
    # Nobody non-binary is present: that request comes after every category with people present.
    assert order(m) == ["man", "woman", "woman", "man", "nonbinary"]


def test_balance_without_turns_assumes_a_minute_and_takes_the_earliest_on_a_tie() -> None:
    m = meeting("balance", attendance=(AttendanceRecord(T0, {"woman": 2, "man": 2}),))
    assert order(ask(m, "man", "woman", "man")) == ["man", "woman", "man"]


def test_points_of_order_then_replies_and_information_then_moved_then_the_rest() -> None:
    m = spoke(meeting(), "man", 60)
    m = ask(m, "woman", ("man", "information"), ("unknown", "point_of_order"), "nonbinary", ("woman", "reply"), "man")
    moved = next(r.id for r in m.requests if r.category == "nonbinary")
    m = recording.move_to_front(m, moved, T0 + 20_000)
    assert order(m) == ["unknown", "man", "woman", "nonbinary", "woman", "man"]
    assert [e.position for e in speaker_list(m, T0 + 10**6)] == [1, 2, 3, 4, 5, 6]
    assert [e.request.kind for e in speaker_list(m, T0 + 10**6)][:3] == ["point_of_order", "information", "reply"]


def test_the_most_recently_moved_leads() -> None:
    m = ask(meeting(), "woman", "man", "unknown")
    first, second = m.requests[0].id, m.requests[1].id
    m = recording.move_to_front(m, first, T0 + 10_000)
    m = recording.move_to_front(m, second, T0 + 11_000)
    assert order(m) == ["man", "woman", "unknown"]


def test_the_list_is_the_current_items() -> None:
    m = ask(meeting(), "woman")
    m = replace(m, requests=(*m.requests, Request(id=recording.new_id(), category="man", requested_at=T0, agenda_item=ITEM_2)))
    assert order(m) == ["woman"]


# The actions


def test_call_next_ends_the_running_turn_and_starts_the_first_requests_turn() -> None:
    m = recording.start_turn(meeting(), "man", T0)
    m = ask(m, ("woman", "reply", "B4"), at=T0 + 5000)
    m = recording.call_next(m, T0 + 60_000)
    previous, running = m.turns
    assert previous.end == running.start == T0 + 60_000
    assert (running.category, running.kind, running.role, running.speaker, running.agenda_item) == (
        "woman", "reply", "member", "B4", ITEM_1)
    granted = m.requests[0]
    assert (granted.state, granted.turn, granted.closed_at, granted.reply_to) == (
        "granted", running.id, T0 + 60_000, previous.id)
    assert speaker_list(m, T0 + 60_000) == ()


def test_call_next_is_member_even_when_the_chair_was_chosen_for_the_next_turn() -> None:
    m = recording.set_next_turn(ask(meeting(), "woman"), role="chair")
    m = recording.call_next(m, T0 + 1000)
    assert m.running_turn is not None and m.running_turn.role == "member"
    assert m.next_turn == NextTurn()


def test_call_next_on_an_empty_list_changes_nothing() -> None:
    m = recording.start_turn(meeting(), "man", T0)
    assert recording.call_next(m, T0 + 1000) is m


def test_next_turn_tags_apply_once() -> None:
    m = recording.set_next_turn(meeting(), kind="presentation")
    m = recording.set_next_turn(m, role="presenter")
    m = recording.start_turn(m, "woman", T0)
    assert (m.turns[0].kind, m.turns[0].role) == ("presentation", "presenter")
    assert m.next_turn == NextTurn()


def test_withdraw_and_move_only_touch_waiting_requests() -> None:
    m = ask(meeting(), "woman", "man")
    woman, man = (r.id for r in m.requests)
    m = recording.withdraw(m, woman, T0 + 5000)
    assert m.request(woman).state == "withdrawn" and m.request(woman).closed_at == T0 + 5000
    assert recording.withdraw(m, woman, T0 + 6000) is m
    assert recording.move_to_front(m, woman, T0 + 6000) is m
    assert order(m) == ["man"]
    with pytest.raises(BadInput) as refused:
        recording.withdraw(m, recording.new_id(), T0)
    assert refused.value.key == "error.unknown_request"
    assert man


def test_next_item_withdraws_the_list_left_and_end_withdraws_all() -> None:
    m = ask(meeting(), "woman", "man")
    m = recording.next_item(m, T0 + 9000)
    assert m.current_item == ITEM_2
    assert {(r.state, r.closed_at) for r in m.requests} == {("withdrawn", T0 + 9000)}
    m = ask(m, "unknown", at=T0 + 10_000)
    m = recording.end_meeting(m, T0 + 20_000)
    assert m.requests[-1].state == "withdrawn" and m.requests[-1].closed_at == m.ended_at


def test_toggle_closed_is_per_item_and_includes_no_item() -> None:
    m = recording.toggle_list_closed(meeting())
    assert is_list_closed(m) and m.queue.closed_items == (ITEM_1,)
    m = recording.next_item(m, T0)
    assert not is_list_closed(m)
    m = recording.toggle_list_closed(replace(m, current_item=None))
    assert m.queue.closed_items == (ITEM_1, None) and is_list_closed(m)
    m = recording.toggle_list_closed(m)
    assert m.queue.closed_items == (ITEM_1,)


def test_time_limits_per_kind() -> None:
    m = recording.set_queue_settings(meeting(), QueueSettings(limits={"speech": 180, "reply": 60}))
    assert time_limit(m, "speech") == 180 and time_limit(m, "reply") == 60 and time_limit(m, "information") is None


def test_a_reply_answers_the_running_turn_or_the_last_speech_on_the_item() -> None:
    m = spoke(meeting(), "man", 60)
    m = spoke(m, "woman", 30, kind="information")
    m = ask(m, ("woman", "reply"))
    assert m.requests[0].reply_to == m.turns[0].id
    m = recording.start_turn(m, "unknown", T0 + 200_000)
    m = ask(m, ("woman", "reply"), at=T0 + 201_000)
    assert m.requests[1].reply_to == m.turns[-1].id
    assert ask(meeting(), ("man", "speech")).requests[0].reply_to is None


# Refusals


def test_a_closed_list_refuses_speeches_but_takes_the_other_kinds() -> None:
    m = recording.toggle_list_closed(meeting())
    with pytest.raises(BadInput) as refused:
        recording.request(m, "woman", T0)
    assert refused.value.key == "error.list_closed"
    m = ask(m, ("man", "reply"), ("woman", "point_of_order"), ("woman", "information"))
    assert len(m.requests) == 3


def test_replies_beyond_the_limit_are_refused_and_withdrawn_ones_do_not_count() -> None:
    m = recording.start_turn(meeting(), "man", T0)
    m = ask(m, ("woman", "reply"), ("man", "reply"), at=T0 + 1000)
    with pytest.raises(BadInput) as refused:
        recording.request(m, "unknown", T0 + 5000, "reply")
    assert refused.value.key == "error.reply_limit" and refused.value.params == {"most": 2}
    m = recording.withdraw(m, m.requests[0].id, T0 + 6000)
    m = recording.request(m, "unknown", T0 + 7000, "reply")
    m = recording.call_next(m, T0 + 8000)  # a granted reply still counts
    with pytest.raises(BadInput):
        recording.request(m, "woman", T0 + 9000, "reply")


def test_a_new_speech_allows_new_replies() -> None:
    m = replace(recording.start_turn(meeting(), "man", T0), queue=QueueSettings(max_replies=1))
    m = ask(m, ("woman", "reply"), at=T0 + 1000)
    m = recording.start_turn(m, "woman", T0 + 60_000)
    m = ask(m, ("man", "reply"), at=T0 + 61_000)
    assert len(m.requests) == 2


def test_an_ended_meeting_takes_no_requests() -> None:
    m = recording.end_meeting(recording.start_turn(meeting(), "man", T0), T0 + 1000)
    with pytest.raises(BadInput) as refused:
        recording.request(m, "woman", T0 + 2000)
    assert refused.value.key == "error.meeting_ended"


@pytest.mark.parametrize(("settings", "key"), [
    (QueueSettings(order="random"), "error.unknown_order"),
    (QueueSettings(priority=("youth",)), "error.unknown_category"),
    (QueueSettings(max_replies=-1), "error.bad_max_replies"),
    (QueueSettings(limits={"speech": 0}), "error.bad_time_limit"),
    (QueueSettings(limits={"rant": 60}), "error.unknown_limit_kind"),
])
def test_bad_settings_are_refused(settings: QueueSettings, key: str) -> None:
    with pytest.raises(BadInput) as refused:
        recording.set_queue_settings(meeting(), settings)
    assert refused.value.key == key


def test_unknown_category_kind_and_long_token_are_refused() -> None:
    for args, key in ((("youth",), "error.unknown_category"), (("man", "presentation"), "error.unknown_tag"),
                      (("man", "speech", "x" * 33), "file.speaker")):
        with pytest.raises(BadInput) as refused:
            recording.request(meeting(), args[0], T0, *args[1:])
        assert refused.value.key == key


# Corrections keep the requests pointing at real turns


def test_deleting_a_called_turn_puts_the_request_back_on_the_list() -> None:
    m = recording.call_next(ask(meeting(), "woman"), T0 + 1000)
    m = recording.delete(m, m.turns[-1].id)
    assert m.requests[0].state == "waiting" and m.requests[0].turn is None
    assert order(m) == ["woman"]


def test_merging_passes_the_grant_on() -> None:
    m = recording.start_turn(meeting(), "woman", T0)
    m = ask(m, "woman", at=T0 + 100)
    m = recording.call_next(m, T0 + 1000)
    m = recording.merge_with_next(m, m.turns[0].id)
    assert m.requests[0].turn == m.turns[0].id and len(m.turns) == 1


def test_a_called_request_is_never_closed_before_it_was_made() -> None:
    """Requests in one millisecond get distinct times, a millisecond ahead: the grant follows them."""
    m = meeting()
    for _ in range(3):
        m = recording.request(m, "woman", T0)
    assert [r.requested_at for r in m.requests] == [T0, T0 + 1, T0 + 2]
    m = recording.move_to_front(m, m.requests[2].id, T0)
    m = recording.call_next(m, T0)
    granted = m.request(m.requests[2].id)
    assert granted.state == "granted" and granted.closed_at is not None and granted.closed_at >= granted.requested_at


def test_live_text_keeps_to_the_limits_of_the_meeting_file() -> None:
    for title, key in (("Budget\x1b[2J", "error.bad_text"), ("x" * 501, "error.bad_text")):
        with pytest.raises(BadInput) as refused:
            recording.add_item(meeting(), title)
        assert refused.value.key == key
    with pytest.raises(BadInput):
        recording.request(meeting(), "woman", T0, speaker="1\t2")
