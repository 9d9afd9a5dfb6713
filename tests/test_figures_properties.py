"""Properties of the figures that must hold for any meeting (hypothesis).

`reference` recomputes docs/figures.md turn by turn, straight from the definitions, to check the tallied
computation (and pooling) against something that shares none of its code.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import BASE, meetings

from talarstat.domain.figures import (
    CategoryFigures,
    Headcount,
    Slice,
    Tally,
    TurnFilter,
    _averages,
    compute,
    figure_values,
    figures_of,
    meeting_figures,
    pool,
    sums,
    tally_turns,
)
from talarstat.domain.hygiene import hygiene
from talarstat.domain.meeting import Meeting
from talarstat.domain.meetingfile import parse_document, to_document
from talarstat.domain.term import Pool

NOW = BASE + 10**9
FILTERS = st.sampled_from([TurnFilter(), TurnFilter.build(include_chair=True), TurnFilter.build(kinds=["speech", "reply"])])


def reference(many: list[Meeting], turn_filter: TurnFilter) -> dict[str, dict[str, float]]:
    """Per category: seconds, turns and the turn-by-turn attendance share Σ d·a_g(s) / T."""
    categories = []
    for meeting in many:
        categories += [c for c in meeting.categories if c not in categories]
    out = {c: {"seconds": 0.0, "turns": 0, "presence": 0.0} for c in categories}
    total = 0  # milliseconds spoken while some attendance was recorded
    for meeting in many:
        records = sorted(meeting.attendance, key=lambda r: r.at)
        for turn in meeting.turns:
            if not turn_filter.admits(turn):
                continue
            d = turn.milliseconds(NOW)
            out[turn.category]["seconds"] += d / 1000
            out[turn.category]["turns"] += 1
            if records:
                total += d
                in_force = [r for r in records if r.at <= turn.start] or [records[0]]
                counts = in_force[-1].counts
                for c in categories:
                    out[c]["presence"] += d * counts.get(c, 0) / sum(counts.values())
    for c in categories:
        out[c]["presence"] = out[c]["presence"] / total if total else math.nan
    return out


def total(shares: Iterable[float | None]) -> float:
    """The sum of shares that must all be known."""
    known = list(shares)
    assert None not in known
    return sum(share for share in known if share is not None)


@settings(max_examples=150, deadline=None)
@given(meetings(), FILTERS)
def test_shares_sum_to_one(meeting: Meeting, turn_filter: TurnFilter) -> None:
    result = meeting_figures(meeting, turn_filter=turn_filter, now=NOW)
    if result.turns:
        assert total(v.turn_share for v in result.categories.values()) == pytest.approx(1.0)
        assert total(v.time_share for v in result.categories.values()) == pytest.approx(1.0)
    if meeting.attendance:
        assert total(v.attendance_share for v in result.categories.values()) == pytest.approx(1.0)


@settings(max_examples=150, deadline=None)
@given(meetings(with_attendance=True), FILTERS)
def test_ratios_are_shares_over_attendance_share(meeting: Meeting, turn_filter: TurnFilter) -> None:
    result = meeting_figures(meeting, turn_filter=turn_filter, now=NOW)
    for values in result.categories.values():
        if values.attendance_share and values.time_share is not None and values.turn_share is not None:
            assert values.time_ratio == pytest.approx(values.time_share / values.attendance_share)
            assert values.turn_ratio == pytest.approx(values.turn_share / values.attendance_share)
            assert values.gap_pp == pytest.approx(100 * (values.time_share - values.attendance_share))
        else:
            assert values.time_ratio is None


@settings(max_examples=100, deadline=None)
@given(st.lists(meetings(), min_size=1, max_size=5), FILTERS)
def test_pooling_equals_the_union_of_turns(many: list[Meeting], turn_filter: TurnFilter) -> None:
    tallies = [tally_turns(m, m.turns, turn_filter=turn_filter, now=NOW) for m in many]
    pooled = compute(pool(tallies))
    union = reference(many, turn_filter)
    for category, values in pooled.categories.items():
        assert values.turns == union[category]["turns"]
        assert values.seconds == pytest.approx(union[category]["seconds"])
        # Attendance pools over the turns of the meetings that recorded it (docs/figures.md: Σ T_m·p_m / Σ T_m).
        if not math.isnan(union[category]["presence"]):
            assert values.attendance_share == pytest.approx(union[category]["presence"])


@settings(max_examples=100, deadline=None)
@given(meetings(), FILTERS)
def test_one_meeting_pooled_alone_is_itself(meeting: Meeting, turn_filter: TurnFilter) -> None:
    tally = tally_turns(meeting, meeting.turns, turn_filter=turn_filter, now=NOW)
    assert compute(pool([tally])) == compute(tally)


@settings(max_examples=150, deadline=None)
@given(st.one_of(meetings(), meetings(running=True)))
def test_dump_then_read_gives_the_same_file(meeting: Meeting) -> None:
    document = to_document(meeting)
    assert to_document(parse_document(document)) == document


@settings(max_examples=100, deadline=None)
@given(meetings(running=True) | meetings(), FILTERS, st.data())
def test_live_tally_equals_a_full_tally_as_the_meeting_grows(meeting: Meeting, turn_filter: TurnFilter, data: st.DataObject) -> None:
    """Adding turns one by one to a LiveTally gives, at every step, exactly the full computation."""
    from dataclasses import replace

    from talarstat.domain.figures import LiveTally

    item = data.draw(st.sampled_from([None, *[i.id for i in meeting.agenda]]))
    live = LiveTally(turn_filter, item)
    for count in range(len(meeting.turns) + 1):
        growing = replace(meeting, turns=meeting.turns[:count])
        turns = growing.turns if item is None else [t for t in growing.turns if t.agenda_item == item]
        expected = compute(tally_turns(growing, turns, turn_filter=turn_filter, now=NOW))
        assert compute(live.tally(growing, NOW)) == expected


def _averages_as_specified(
    weighted: list[tuple[Headcount, int]], categories: tuple[str, ...]
) -> tuple[dict[str, float], dict[str, float]]:
    """domain.figures._averages as first written (main 744b42b): a list of terms per category, each
    summed by math.fsum. The faster code must give these bits, whatever its shortcuts."""
    head_terms: dict[str, list[float]] = {category: [] for category in categories}
    share_terms: dict[str, list[float]] = {category: [] for category in categories}
    weight = composed_weight = 0
    for headcount, ms in weighted:
        weight += ms
        if headcount.total > 0:
            composed_weight += ms
        for category, count in headcount.counts:
            if count and category in head_terms:
                head_terms[category].append(ms * count)
                share_terms[category].append(ms * count / headcount.total)
    heads = {category: math.fsum(terms) / weight for category, terms in head_terms.items()}
    shares = {category: math.fsum(terms) / composed_weight if composed_weight else 0.0 for category, terms in share_terms.items()}
    return heads, shares


HEADCOUNTS = st.dictionaries(
    st.sampled_from(["woman", "man", "nonbinary", "unknown", "other"]),
    st.integers(0, 40) | st.integers(0, 2**62),  # huge counts: terms beyond 2**53, which float() rounds
    max_size=5,
).map(Headcount.of)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(HEADCOUNTS, st.integers(1, 10**13)), min_size=1, max_size=4),
       st.sampled_from([("woman", "man", "nonbinary", "unknown"), ("woman", "man"), ("man", "woman", "x")]))
def test_averages_are_the_bits_of_the_specified_sums(weighted: list[tuple[Headcount, int]], categories: tuple[str, ...]) -> None:
    """One record (a shortcut without lists of terms) or several: the same floats, to the bit and in
    the same order of keys."""
    expected = _averages_as_specified(weighted, categories)
    found = _averages(weighted, categories)
    assert [list(part.items()) for part in found] == [list(part.items()) for part in expected]
    assert [[value.hex() for value in part.values()] for part in found] == [[value.hex() for value in part.values()] for part in expected]


def test_figure_values_are_keyed_as_the_figures_fields() -> None:
    """The report writes CategoryValues as they are: their keys are CategoryFigures' fields, in order."""
    tally = Tally(categories=("woman", "man"), slices=(Slice("woman", 2, 5000, Headcount.of({"woman": 3, "man": 4})),))
    _, _, values = figure_values(sums(tally))
    fields = [field.name for field in dataclasses.fields(CategoryFigures)]
    assert all(list(row) == fields for row in values.values())
    assert figures_of(sums(tally)) == compute(tally)


@settings(max_examples=100, deadline=None)
@given(st.lists(meetings(max_turns=8), min_size=1, max_size=5), FILTERS)
def test_a_pool_added_meeting_by_meeting_has_the_figures_of_the_pooled_tally(many: list[Meeting], turn_filter: TurnFilter) -> None:
    """term.Pool (the streamed report's pools, which keep the fallback records only while no time was
    spoken) gives the figures of `pool`, to the bit; a meeting without turns among them included."""
    tallies = [tally_turns(meeting, meeting.turns, turn_filter=turn_filter, now=NOW) for meeting in many]
    streamed = Pool()
    for meeting, tally in zip(many, tallies, strict=True):
        streamed.add(sums(tally), hygiene(meeting), 7)
    expected = compute(pool(tallies))
    assert streamed.group().figures == expected
    assert repr(streamed.group().figures) == repr(expected)  # -0.0 and 0.0 told apart
