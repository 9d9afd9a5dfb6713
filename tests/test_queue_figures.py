"""The `queue` block of METRICS.md, computed by hand, the same from SQL as from the domain, in
`stats --json`, the stats table, `report --json` (pooled and per district) and `summary.csv`."""

from __future__ import annotations

import csv
import io
import json
import uuid
from dataclasses import replace
from pathlib import Path

import pytest
from support import Cli

from talarstat.domain.figures import TurnFilter, meeting_figures
from talarstat.domain.meeting import AttendanceRecord, Meeting, Turn
from talarstat.domain.meetingfile import to_json
from talarstat.domain.queue import QueueSettings, Request
from talarstat.domain.queue_figures import compute_queue, pool_queue, tally_queue
from talarstat.store.database import Database
from talarstat.store.queue_tallies import tally_queues
from talarstat.store.statistics import meeting_statistics
from talarstat.store.tallies import select_meeting
from talarstat.store.transfer import store_meeting

T0 = 1_773_500_000_000
S = 1000  # a second


def _id(n: int) -> str:
    return str(uuid.UUID(int=n, version=4))


TURNS = (
    Turn(_id(1), "man", T0, T0 + 200 * S, kind="speech"),             # over the 180 s limit
    Turn(_id(2), "woman", T0 + 200 * S, T0 + 260 * S, kind="reply"),  # exactly 60 s: not over
    Turn(_id(3), "woman", T0 + 260 * S, T0 + 400 * S, kind="speech"),
    Turn(_id(4), "man", T0 + 400 * S, T0 + 470 * S, kind="reply"),    # over the 60 s limit
)
REQUESTS = (
    Request(_id(11), "man", T0 - 30 * S, state="granted", closed_at=T0, turn=_id(1)),
    Request(_id(12), "woman", T0 + 100 * S, kind="reply", reply_to=_id(1), state="granted", closed_at=T0 + 200 * S, turn=_id(2)),
    Request(_id(13), "woman", T0 + 150 * S, state="granted", closed_at=T0 + 260 * S, turn=_id(3)),
    Request(_id(14), "woman", T0 + 160 * S, state="withdrawn", closed_at=T0 + 170 * S),
    Request(_id(15), "man", T0 + 300 * S, kind="reply", reply_to=_id(3), state="granted", closed_at=T0 + 400 * S, turn=_id(4)),
    Request(_id(16), "man", T0 + 450 * S),
)
MEETING = Meeting(
    id=_id(100), title="Medlemsmöte", categories=("woman", "man"), district="Skåne", started_at=T0,
    attendance=(AttendanceRecord(T0, {"woman": 6, "man": 4}),), turns=TURNS, requests=REQUESTS,
    queue=QueueSettings(limits={"speech": 180, "reply": 60}),
)
NOW = T0 + 1000 * S


def test_the_block_by_hand() -> None:
    figures = meeting_figures(MEETING, turn_filter=TurnFilter(), now=NOW)
    queue = compute_queue(tally_queue(MEETING, turn_filter=TurnFilter(), now=NOW), figures)
    assert queue is not None
    totals = queue.totals
    assert (totals.requests, totals.granted, totals.withdrawn, totals.waiting) == (6, 4, 1, 1)
    woman, man = queue.categories["woman"], queue.categories["man"]
    assert (woman.requests, woman.granted, woman.withdrawn, woman.waiting) == (3, 2, 1, 0)
    assert (man.requests, man.granted, man.withdrawn, man.waiting) == (3, 2, 0, 1)
    assert woman.request_share == man.request_share == 0.5
    assert woman.request_ratio == pytest.approx(0.5 / 0.6) and man.request_ratio == pytest.approx(0.5 / 0.4)
    assert woman.grant_rate == pytest.approx(2 / 3) and man.grant_rate == 1.0
    assert woman.mean_wait_seconds == 105.0 and man.mean_wait_seconds == 65.0
    assert (woman.over_limit, man.over_limit) == (0, 2)


def test_the_filter_kinds_choose_requests_and_turns() -> None:
    speech = TurnFilter.build(kinds=["speech"])
    queue = compute_queue(tally_queue(MEETING, turn_filter=speech, now=NOW), meeting_figures(MEETING, turn_filter=speech, now=NOW))
    assert queue is not None
    assert (queue.categories["woman"].requests, queue.categories["man"].requests) == (2, 2)
    assert queue.categories["man"].over_limit == 1


def test_null_without_requests_and_limits_and_over_limit_null_without_limits() -> None:
    bare = replace(MEETING, requests=(), queue=QueueSettings())
    assert compute_queue(tally_queue(bare, turn_filter=TurnFilter(), now=NOW), meeting_figures(bare, turn_filter=TurnFilter(), now=NOW)) is None
    limited_only = replace(bare, queue=MEETING.queue)
    queue = compute_queue(tally_queue(limited_only, turn_filter=TurnFilter(), now=NOW),
                          meeting_figures(limited_only, turn_filter=TurnFilter(), now=NOW))
    assert queue is not None and queue.totals.requests == 0 and queue.categories["man"].request_share is None
    unlimited = replace(MEETING, queue=QueueSettings())
    queue = compute_queue(tally_queue(unlimited, turn_filter=TurnFilter(), now=NOW),
                          meeting_figures(unlimited, turn_filter=TurnFilter(), now=NOW))
    assert queue is not None and queue.categories["man"].over_limit is None


def test_pooling_adds_counts_and_means_over_every_granted_request() -> None:
    other = replace(MEETING, id=_id(200), queue=QueueSettings(), requests=REQUESTS[:1])  # no limits
    pooled = pool_queue([tally_queue(m, turn_filter=TurnFilter(), now=NOW) for m in (MEETING, other)])
    queue = compute_queue(pooled, meeting_figures(MEETING, turn_filter=TurnFilter(), now=NOW))
    assert queue is not None
    man = queue.categories["man"]
    assert man.requests == 4 and man.granted == 3
    assert man.mean_wait_seconds == pytest.approx((30 + 100 + 30) / 3)
    assert man.over_limit == 2  # only the meeting with limits counts
    none_limited = pool_queue([tally_queue(other, turn_filter=TurnFilter(), now=NOW)])
    unlimited = compute_queue(none_limited, meeting_figures(other, turn_filter=TurnFilter(), now=NOW))
    assert unlimited is not None and unlimited.categories["man"].over_limit is None


def test_sql_tallies_equal_the_domain_tallies(database: Database) -> None:
    with database.transaction() as session:
        store_meeting(MEETING, session=session)
    for turn_filter in (TurnFilter(), TurnFilter.build(kinds=["speech"]), TurnFilter.build(include_chair=True)):
        with database.transaction() as session:
            from_sql = tally_queues(select_meeting(uuid.UUID(MEETING.id)), turn_filter=turn_filter, now=NOW, session=session)
        assert from_sql[uuid.UUID(MEETING.id)] == tally_queue(MEETING, turn_filter=turn_filter, now=NOW)
    with database.transaction() as session:
        result = meeting_statistics(MEETING.id, turn_filter=TurnFilter(), now=NOW, session=session)
    assert result.queue == compute_queue(tally_queue(MEETING, turn_filter=TurnFilter(), now=NOW), result.figures)


def test_stats_json_table_report_and_summary(sqlite_path: str, tmp_path: Path, cli: Cli) -> None:
    path = tmp_path / "m.json"
    path.write_text(to_json(MEETING), encoding="utf-8")
    assert cli("--db", sqlite_path, "import", path).code == 0
    stats = json.loads(cli("--db", sqlite_path, "stats", MEETING.id, "--json").out)
    assert stats["queue"]["totals"] == {"requests": 6, "granted": 4, "withdrawn": 1, "waiting": 1}
    assert stats["queue"]["categories"]["woman"]["mean_wait_seconds"] == 105.0
    assert set(stats["queue"]["categories"]["man"]) == {
        "requests", "request_share", "request_ratio", "granted", "withdrawn", "waiting", "grant_rate",
        "mean_wait_seconds", "over_limit"}

    table = cli("--db", sqlite_path, "stats", MEETING.id).out
    assert "Speaker list" in table and "1:45" in table  # woman's mean wait, m:ss
    assert "Talarlistan" in cli("--lang", "sv", "--db", sqlite_path, "stats", MEETING.id).out

    report = json.loads(cli("--db", sqlite_path, "report", "--json", "--no-suppress").out)
    assert report["pooled"]["queue"]["totals"]["requests"] == 6
    assert report["districts"]["Skåne"]["queue"]["categories"]["man"]["over_limit"] == 2
    assert report["meetings"][0]["queue"]["categories"]["woman"]["granted"] == 2

    out = tmp_path / "export"
    assert cli("--db", sqlite_path, "export", MEETING.id, "-o", out, "--format", "png").code == 0
    rows = list(csv.DictReader(io.StringIO((out / "summary.csv").read_text(encoding="utf-8-sig"))))
    meeting_rows = {row["category"]: row for row in rows if row["scope"] == "meeting"}
    assert meeting_rows["woman"]["requests"] == "3" and meeting_rows["man"]["over_limit"] == "2"
    assert meeting_rows["woman"]["mean_wait_seconds"] == "105.0"


def test_a_meeting_without_the_list_has_a_null_queue(sqlite_path: str, cli: Cli) -> None:
    from support import BOARD

    assert cli("--db", sqlite_path, "import", BOARD).code == 0
    assert json.loads(cli("--db", sqlite_path, "stats", "latest", "--json").out)["queue"] is None
