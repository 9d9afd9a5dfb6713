"""Benchmark (not a test): from keystroke to committed and painted, and start-up to the first frame.

    python benchmarks/keystroke.py [--presses 200] [--history 1000]

Runs the real `talarstat record` in a pseudo-terminal on a SQLite file whose meeting already has
`--history` turns (a long congress), and presses 1 and 2 in turn. Each press is timed from writing
the key to a new row in the turn table (committed: what `make bench` compares with its floor), and
to the terminal receiving the repainted screen naming the new speaker (the screen is redrawn once
the writer has committed the action). Aim: median under one 16 ms frame. It also times start-up to
the first frame, checks matplotlib was not imported on the way, and reports talarstat's own share
of a keystroke on the event loop (the action and the widget updates; not Textual's rendering),
measured in-process.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import fcntl
import os
import pty
import select
import sqlite3
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
from talarstat.i18n import Translator
from talarstat.store.database import Database
from talarstat.store.meetings import insert_meeting
from talarstat.tui.app import TalarstatApp
from talarstat.tui.screens.live import LiveScreen


def meeting_with_history(turns: int):  # type: ignore[no-untyped-def]
    """A meeting already `turns` turns long, so the timing is that of a long congress."""
    start = int(time.time() * 1000) - turns * 60_000
    meeting = plan_meeting(title="Kongress", now=start, day=dt.date.today(), agenda=("Punkt 1", "Punkt 2"),
                           attendance={"woman": 120, "man": 110, "nonbinary": 6, "unknown": 2})
    for index in range(turns):
        meeting = recording.start_turn(meeting, meeting.categories[index % 3], start + index * 60_000)
    return recording.end_turn(meeting, start + turns * 60_000 - 1000)


class Terminal:
    """`talarstat record MEETING` in a pty of 100×36, its output read as it comes."""

    def __init__(self, db: str, meeting_id: str, flag: Path) -> None:
        code = ("import sys, atexit; flag = sys.argv.pop(1); "
                "atexit.register(lambda: open(flag, 'w').write(str('matplotlib' in sys.modules))); "
                "from talarstat.cli.main import main; main(sys.argv[1:])")
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 100, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "TALARSTAT_DB": db, "TALARSTAT_LANG": "sv"}
        self.started = time.perf_counter()
        self.process = subprocess.Popen([sys.executable, "-c", code, str(flag), "record", meeting_id],
                                        stdin=slave, stdout=slave, stderr=slave, env=env)
        os.close(slave)

    def wait_for(self, text: bytes, timeout: float = 30, seen: bytes = b"") -> float:
        """Read until `text` arrives (or is already in what was `seen`); returns when it did."""
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
        """Keep reading, so the app never blocks on a full terminal."""
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline and self.process.poll() is None:
            if select.select([self.master], [], [], 0.01)[0]:
                try:
                    os.read(self.master, 65536)
                except OSError:
                    return

    def close(self) -> None:
        os.write(self.master, b"\x11")  # ctrl+q: leave the live screen
        self.drain(0.5)
        os.write(self.master, b"\x11")  # ctrl+q: quit
        self.drain(30)
        self.process.wait(timeout=5)
        os.close(self.master)


def in_terminal(db: str, meeting_id: str, presses: int) -> tuple[list[float], list[float], float, bool]:
    flag = Path(tempfile.mkdtemp()) / "matplotlib"
    terminal = Terminal(db, meeting_id, flag)
    first_frame = terminal.wait_for(b"Ingen talar") - terminal.started
    turns = sqlite3.connect(db, timeout=5)

    def count() -> int:
        return int(turns.execute("SELECT count(*) FROM turn").fetchone()[0])

    committed, painted = [], []
    for index in range(presses):
        key, caption = (b"1", "kvinna") if index % 2 == 0 else (b"2", "man")
        before = count()
        began = terminal.press(key)
        seen = b""
        while count() == before:
            if time.perf_counter() - began > 5:
                raise TimeoutError("no turn stored")
            if select.select([terminal.master], [], [], 0.0005)[0]:  # read what is painted meanwhile
                seen = seen[-4096:] + os.read(terminal.master, 65536)
        committed.append((time.perf_counter() - began) * 1000)
        painted.append((terminal.wait_for(caption.encode(), seen=seen) - began) * 1000)
        terminal.drain(0.3)  # a secretary is not a machine gun: let each frame settle
    turns.close()
    terminal.close()
    return committed, painted, first_frame, flag.read_text() == "True"


async def own_share(database: Database, meeting_id: str, presses: int) -> list[float]:
    """Milliseconds of talarstat's own work per keystroke: the action, its commit, the widget updates."""
    app = TalarstatApp(database, Translator("sv"), clock=SteadyClock(), record=meeting_id)
    timings = []
    async with app.run_test(size=(100, 36)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        for index in range(presses):
            began = time.perf_counter()
            screen.action_start_category(index % 4)
            timings.append((time.perf_counter() - began) * 1000)
            await pilot.pause()
    return timings


def summary(timings: list[float]) -> str:
    timings = sorted(timings)
    return (f"median {statistics.median(timings):.1f} ms, p90 {timings[int(len(timings) * 0.9)]:.1f} ms, "
            f"max {timings[-1]:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--presses", type=int, default=200)
    parser.add_argument("--history", type=int, default=1000, help="turns already in the meeting")
    args = parser.parse_args()
    db = str(Path(tempfile.mkdtemp(prefix="talarstat-keys-")) / "bench.db")
    database = Database.open(db)
    meeting = meeting_with_history(args.history)
    with database.transaction() as session:
        insert_meeting(meeting, session=session)
    committed, painted, first_frame, imported = in_terminal(db, meeting.id, args.presses)
    print(f"in a real terminal ({args.presses} presses, meeting of {args.history} turns):")
    print(f"  keystroke → committed turn: {summary(committed)}")
    print(f"  keystroke → repainted screen: {summary(painted)}  (one frame at 60 Hz: 16.7 ms)")
    own = asyncio.run(own_share(database, meeting.id, args.presses))
    print(f"talarstat's own work per keystroke on the event loop (action, widget updates): {summary(own)}")
    print(f"start-up to the first frame of the live screen: {first_frame:.2f} s; matplotlib imported: {imported}")
    database.dispose()


if __name__ == "__main__":
    main()
