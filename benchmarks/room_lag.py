"""Benchmark (not a test): from a key press on the recording side to the room view showing it.

    python benchmarks/room_lag.py [--presses 20]

Two real processes, as in a meeting: a recorder (this script with `--writer`, a Recorder taking one
category per line on stdin) and `talarstat screen` in a pseudo-terminal. Each press is timed from
just before the recorder's action (so its commit is included) to the view's terminal receiving the
repainted floor naming the new speaker. Prints the median and the worst of the presses for SQLite,
and for PostgreSQL when TALARSTAT_TEST_PG_URL is set (a database the benchmark may write a meeting
into). Aim: under 500 ms; the view polls SQLite's data_version every 100 ms and PostgreSQL's
max(audit_log.id) every 200 ms.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
import uuid

from talarstat.domain.meeting import Meeting
from talarstat.store.database import Database
from talarstat.store.meetings import insert_meeting
from talarstat.tui.room.widgets.big_text import block_lines

SIZE = (100, 30)
# The view writes the category in block letters when they fit, else in capitals: any of these shows it.
KEYS = tuple(
    (key, (label.upper().encode(), *(block_lines(label, scale)[1].strip().encode() for scale in range(1, 7))))
    for key, label in (("woman", "woman"), ("nonbinary", "non-binary"))
)


def writer(url: str, meeting_id: str) -> None:
    from talarstat.clock import SteadyClock
    from talarstat.recorder import Recorder

    recorder = Recorder(Database.open(url), meeting_id, SteadyClock())
    print("ready", flush=True)
    for line in sys.stdin:
        pressed = time.time()
        recorder.start_turn(line.strip())
        print(pressed, flush=True)


def prepared(url: str) -> str:
    database = Database.open(url)
    meeting = Meeting(id=str(uuid.uuid4()), title="Benchmark: room view lag", categories=("woman", "man", "nonbinary", "unknown"))
    with database.transaction() as session:
        insert_meeting(meeting, session=session)
    database.dispose()
    return meeting.id


def view(url: str, meeting_id: str) -> tuple[subprocess.Popen, int]:  # type: ignore[type-arg]
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
    environment = {**os.environ, "TALARSTAT_DB": url, "TALARSTAT_LANG": "en", "TERM": "xterm-256color"}
    process = subprocess.Popen(
        [sys.executable, "-m", "talarstat", "screen", meeting_id], stdin=follower, stdout=follower,
        stderr=follower, env=environment, close_fds=True,
    )
    os.close(follower)
    return process, leader


def read_until(leader: int, wanted: tuple[bytes, ...], timeout: float) -> bool:
    seen = b""
    deadline = time.time() + timeout
    while time.time() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.01)
        if ready:
            seen = (seen + os.read(leader, 65536))[-16384:]
            if any(text in seen for text in wanted):
                return True
    return False


def drain(leader: int) -> None:
    while select.select([leader], [], [], 0.05)[0]:
        os.read(leader, 65536)


def measure(url: str, presses: int) -> list[float]:
    meeting_id = prepared(url)
    process, leader = view(url, meeting_id)
    recorder = subprocess.Popen(
        [sys.executable, __file__, "--writer", url, meeting_id], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    lags = []
    try:
        assert recorder.stdout is not None and recorder.stdin is not None
        assert recorder.stdout.readline().strip() == "ready"
        assert read_until(leader, (b"Benchmark",), 30), "the room view did not start"
        for press in range(presses):
            category, label = KEYS[press % 2]
            time.sleep(0.3)
            drain(leader)
            recorder.stdin.write(category + "\n")
            recorder.stdin.flush()
            pressed = float(recorder.stdout.readline())
            if not read_until(leader, label, 5):
                raise SystemExit(f"the room view never showed {label!r}")
            lags.append(time.time() - pressed)
    finally:
        if recorder.stdin is not None:
            recorder.stdin.close()
        recorder.wait(10)
        process.terminate()
        process.wait(10)
        os.close(leader)
    return lags


def report(name: str, lags: list[float]) -> None:
    print(f"{name:<11} key to room view: median {statistics.median(lags) * 1000:4.0f} ms, "
          f"worst {max(lags) * 1000:4.0f} ms over {len(lags)} presses")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--presses", type=int, default=20)
    parser.add_argument("--writer", nargs=2, metavar=("URL", "MEETING"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.writer:
        writer(*args.writer)
        return
    with tempfile.TemporaryDirectory(prefix="talarstat-lag-") as folder:
        report("SQLite", measure(f"sqlite:///{folder}/lag.db", args.presses))
    pg_url = os.environ.get("TALARSTAT_TEST_PG_URL")
    if pg_url:
        report("PostgreSQL", measure(pg_url, args.presses))
    else:
        print("PostgreSQL  skipped: set TALARSTAT_TEST_PG_URL=postgresql+psycopg://… to measure it")


if __name__ == "__main__":
    main()
