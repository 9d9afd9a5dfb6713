"""Benchmark (not a test): a database of a million turns, its import rate, and the pooled figures.

    python benchmarks/figures_at_scale.py [--turns 1000000] [--db URL|PATH]

27 districts × 250 meetings × about 150 turns, as a national database would hold after a term.
Prints the import rate (turns per second, one transaction per meeting as `import` does) and the
time of the term figures over every meeting, then `talarstat report --by-district --json` run as
a process with its wall time and peak memory (aim: under 2 s and 300 MB on a 2-core machine).
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from talarstat.domain.figures import TurnFilter
from talarstat.domain.meeting import AgendaItem, AttendanceRecord, Meeting, Turn
from talarstat.store.database import Database
from talarstat.store.meetings import MeetingQuery
from talarstat.store.statistics import term_statistics
from talarstat.store.transfer import store_meeting

CATEGORIES = ("woman", "man", "nonbinary", "unknown")
DISTRICTS = 27


def synthetic_meeting(rng: random.Random, district: int, index: int, turns: int) -> Meeting:
    start = 1_767_225_600_000 + index * 86_400_000
    agenda = tuple(AgendaItem(id=str(uuid.UUID(int=rng.getrandbits(128), version=4)), position=p, title=f"Punkt {p}") for p in range(1, 6))
    clock = start
    made = []
    for _ in range(turns):
        length = rng.randint(5_000, 240_000)
        made.append(Turn(
            id=str(uuid.UUID(int=rng.getrandbits(128), version=4)), category=rng.choices(CATEGORIES, (45, 45, 7, 3))[0],
            start=clock, end=clock + length, kind=rng.choice(("speech", "speech", "reply", "information")),
            role=rng.choice(("member", "member", "member", "chair", "presenter")), agenda_item=rng.choice(agenda).id,
        ))
        clock += length + rng.randint(0, 20_000)
    attendance = tuple(
        AttendanceRecord(at=start + k * 3_600_000, counts={c: rng.randint(0, 40) + (c == "woman") for c in CATEGORIES})
        for k in range(3)
    )
    return Meeting(
        id=str(uuid.UUID(int=rng.getrandbits(128), version=4)), title=f"Möte {index}", categories=CATEGORIES,
        district=f"Distrikt {district:02d}", body="Distriktsstyrelsen", kind="board", started_at=start,
        ended_at=clock, attendance=attendance, agenda=agenda, turns=tuple(made),
    )


def build(target: str, turns: int, *, out=print) -> Database:  # type: ignore[no-untyped-def]
    """The national database of `turns` turns (the same every time: a fixed seed) at `target`."""
    database = Database.open(target)
    rng = random.Random(1)
    per_meeting = 150
    meetings = max(1, turns // per_meeting)
    out(f"database: {database.shown}")
    out(f"building {meetings} meetings × {per_meeting} turns = {meetings * per_meeting:,} turns in {DISTRICTS} districts")
    began = time.perf_counter()
    for index in range(meetings):
        meeting = synthetic_meeting(rng, index % DISTRICTS, index, per_meeting)
        with database.transaction() as session:
            store_meeting(meeting, session=session)
    took = time.perf_counter() - began
    out(f"import: {meetings * per_meeting / took:,.0f} turns/s ({took:.1f} s, one transaction per meeting)")
    return database


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--turns", type=int, default=1_000_000)
    parser.add_argument("--db", help="database URL or file (default: a new temporary SQLite file)")
    args = parser.parse_args()
    target = args.db or str(Path(tempfile.mkdtemp(prefix="talarstat-bench-")) / "bench.db")
    database = build(target, args.turns)
    for attempt in (1, 2):  # the second run has a warm cache, as a report asked twice would
        began = time.perf_counter()
        with database.transaction() as session:
            result = term_statistics(MeetingQuery(), turn_filter=TurnFilter(), now=0, session=session)
        took = time.perf_counter() - began
        print(f"term figures over {len(result.meetings)} meetings, {result.pooled.figures.turns:,} counted turns: {took:.2f} s (run {attempt})")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process: {peak:.0f} MB")
    database.dispose()
    report_process(target)


def report_process(target: str) -> None:
    """`talarstat report --by-district --json` as a user runs it: wall time and peak memory (RSS)."""
    began = time.perf_counter()
    subprocess.run([sys.executable, "-m", "talarstat", "--db", target, "report", "--by-district", "--json"],
                   check=True, stdout=subprocess.DEVNULL)
    took = time.perf_counter() - began
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"report --by-district --json as a process: {took:.2f} s, peak memory {peak_mb:.0f} MB (aim: 2 s, 300 MB)")


if __name__ == "__main__":
    main()
