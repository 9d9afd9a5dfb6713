"""Benchmark (not a test): calling the next speaker from the speaker list, keystroke to painted.

    python benchmarks/call_next.py [--calls 100] [--history 600] [--waiting 30]

Runs the real `talarstat record` in a pseudo-terminal on a SQLite file whose meeting already has
`--history` turns and `--waiting` requests on its speaker list (order `alternate`). Each round adds
one request with `q` and a digit (not timed), so that `--waiting` wait, then presses Enter: the
running turn ends, the first request's turn starts, and the list is one shorter. Enter is timed from
writing it to the terminal receiving the repainted list header with the new count: by then the action
has been committed (the screen changes only after the commit) and painted. Aim: median under one
16 ms frame, as for a digit (benchmarks/keystroke.py). It also reports talarstat's own share of a call
(the action, its commit, the widget updates; not Textual's rendering), measured in-process.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
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
from pathlib import Path

from talarstat.clock import SteadyClock
from talarstat.domain import recording
from talarstat.domain.planning import plan_meeting
from talarstat.domain.queue import QueueSettings
from talarstat.i18n import Translator
from talarstat.recorder import Recorder
from talarstat.store.database import Database
from talarstat.store.meetings import insert_meeting
from talarstat.tui.app import TalarstatApp

CATEGORIES = ("woman", "man", "nonbinary")


def meeting_with_history(turns: int):  # type: ignore[no-untyped-def]
    """A meeting already `turns` turns long, the last still running, under `varannan`."""
    start = int(time.time() * 1000) - turns * 60_000
    meeting = plan_meeting(title="Kongress", now=start, day=dt.date.today(), agenda=("Punkt 1", "Punkt 2"),
                           attendance={"woman": 120, "man": 110, "nonbinary": 6, "unknown": 2})
    for index in range(turns):
        meeting = recording.start_turn(meeting, CATEGORIES[index % 3], start + index * 60_000)
    return meeting


def fill_list(database: Database, meeting_id: str, waiting: int) -> None:
    recorder = Recorder(database, meeting_id, SteadyClock())
    recorder.set_queue_settings(QueueSettings(order="alternate", limits={"speech": 180, "reply": 60}))
    for index in range(waiting):
        recorder.request(CATEGORIES[index % 3])


class Terminal:
    """`talarstat record MEETING` in a pty of 100×36, its output read as it comes."""

    def __init__(self, db: str, meeting_id: str) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 100, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "TALARSTAT_DB": db, "TALARSTAT_LANG": "sv"}
        self.process = subprocess.Popen([sys.executable, "-m", "talarstat", "record", meeting_id],
                                        stdin=slave, stdout=slave, stderr=slave, env=env)
        os.close(slave)

    def wait_for(self, text: bytes, timeout: float = 30) -> float:
        seen = b""
        deadline = time.perf_counter() + timeout
        while text not in seen:
            if time.perf_counter() > deadline:
                raise TimeoutError(text)
            if select.select([self.master], [], [], 0.001)[0]:
                seen = seen[-4096:] + os.read(self.master, 65536)
        return time.perf_counter()

    def press(self, key: bytes) -> float:
        began = time.perf_counter()
        os.write(self.master, key)
        return began

    def drain(self, seconds: float) -> None:
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline and self.process.poll() is None:
            if select.select([self.master], [], [], 0.01)[0]:
                try:
                    os.read(self.master, 65536)
                except OSError:
                    return

    def close(self) -> None:
        for _ in range(2):  # ctrl+q leaves the live screen, then quits
            os.write(self.master, b"\x11")
            self.drain(0.5)
        self.drain(30)
        self.process.wait(timeout=5)
        os.close(self.master)


def header(count: int) -> bytes:
    return f"Talarlista ({count})".encode()


def in_terminal(db: str, meeting_id: str, calls: int, waiting: int) -> list[float]:
    terminal = Terminal(db, meeting_id)
    terminal.wait_for(header(waiting))
    terminal.drain(0.5)
    timings = []
    for index in range(calls):
        began = terminal.press(b"\r")
        timings.append((terminal.wait_for(header(waiting - 1)) - began) * 1000)
        terminal.drain(0.05)  # let the frame settle, as a chair would
        terminal.press(b"q" + str(index % 3 + 1).encode())
        terminal.wait_for(header(waiting))
        terminal.drain(0.05)
    terminal.close()
    return timings


async def own_share(database: Database, meeting_id: str, calls: int) -> list[float]:
    """Milliseconds of talarstat's own work per call: the action, its commit, the widget updates."""
    app = TalarstatApp(database, Translator("sv"), clock=SteadyClock(), record=meeting_id)
    timings = []
    async with app.run_test(size=(100, 36)) as pilot:
        await pilot.pause()
        screen = app.screen
        for index in range(calls):
            began = time.perf_counter()
            screen.action_call_next()
            timings.append((time.perf_counter() - began) * 1000)
            await pilot.pause()
            screen.recorder.request(CATEGORIES[index % 3])
            screen.refresh_view()
            await pilot.pause()
    return timings


def summary(timings: list[float]) -> str:
    timings = sorted(timings)
    return (f"median {statistics.median(timings):.1f} ms, p90 {timings[int(len(timings) * 0.9)]:.1f} ms, "
            f"max {timings[-1]:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=100)
    parser.add_argument("--history", type=int, default=600, help="turns already in the meeting")
    parser.add_argument("--waiting", type=int, default=30, help="requests on the list at each call")
    args = parser.parse_args()
    db = str(Path(tempfile.mkdtemp(prefix="talarstat-call-")) / "bench.db")
    database = Database.open(db)
    meeting = meeting_with_history(args.history)
    with database.transaction() as session:
        insert_meeting(meeting, session=session)
    fill_list(database, meeting.id, args.waiting)
    timings = in_terminal(db, meeting.id, args.calls, args.waiting)
    print(f"enter → next speaker committed and painted in a real terminal ({args.calls} calls, "
          f"{args.waiting} waiting, meeting of {args.history} turns):")
    print(f"  {summary(timings)}  (one frame at 60 Hz: 16.7 ms)")
    own = asyncio.run(own_share(database, meeting.id, args.calls))
    print(f"talarstat's own work per call (action, commit, widget updates): {summary(own)}")
    database.dispose()


if __name__ == "__main__":
    main()
