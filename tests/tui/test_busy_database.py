"""Recording while another process imports a 100,000-turn file (issue 14): the real app in a pty,
100 keys. Every key is stored, at its true instant (within 50 ms), and the screen answers each key
within half a second: storage waits for the database in the Recorder's writer thread, never in the
event loop.

The pty is read all the time, by a thread, as a terminal emulator reads it. A test that reads only
while it waits for an answer leaves the app's output to fill the pty between keys; the app then
blocks writing its screen, and keys were dated up to 360 ms late by the test's own terminal, not by
the app (seen with py-spy: every thread of the app idle, its writer thread in write()). The rest of
the lateness was the app's: Textual's input thread waiting for the GIL while a frame was drawn
(tui/arrival.py dates a key by its arrival), and full runs of the cycle collector that held every
thread for 40-110 ms (tui/widgets/table.py, and the start-up's objects frozen in tui/app.py). Ten
runs on a quiet machine: no key past 9 ms."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import select
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest

from talarstat.domain.meeting import AttendanceRecord, Meeting, Turn
from talarstat.domain.meetingfile import to_json

from .test_crash import TALARSTAT, Terminal

KEYS = 100
BIG = 100_000
GAP_SECONDS = 0.12  # a brisk secretary; the keys span the import


class ReadTerminal(Terminal):
    """The app in a pty whose output is read continuously, as by a terminal emulator."""

    def __init__(self, *args: str, env: dict[str, str]) -> None:
        super().__init__(*args, env=env)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while not self._stop.is_set():
            ready, _, _ = select.select([self.master], [], [], 0.005)
            if ready:
                with contextlib.suppress(OSError), self._lock:
                    self.output += os.read(self.master, 65536)

    def forget_output(self) -> None:
        """From here on, `output` holds only what the app writes next."""
        with self._lock:
            self.output = b""

    def drain(self, seconds: float = 0.05) -> None:
        time.sleep(seconds)  # the reader thread does the reading

    def kill(self) -> None:
        self._stop.set()
        self._reader.join(timeout=5)
        super().kill()


def big_file(path: Path) -> None:
    start = 1_790_000_000_000
    categories = ("woman", "man", "nonbinary", "unknown")
    turns = tuple(Turn(id=str(uuid.UUID(int=index + 1, version=4)), category=categories[index % 3],
                       start=start + index * 1000, end=start + index * 1000 + 900) for index in range(BIG))
    meeting = Meeting(id=str(uuid.uuid4()), title="Kongress", categories=categories, date=dt.date(2026, 9, 21),
                      started_at=start, ended_at=start + BIG * 1000, turns=turns,
                      attendance=(AttendanceRecord(at=start, counts=dict.fromkeys(categories, 10)),))
    data = to_json(meeting)
    path.write_bytes(data if isinstance(data, bytes) else data.encode())


def stored_turns(db: Path, meeting: str) -> list[tuple[str, int]]:
    with sqlite3.connect(db, timeout=60) as connection:
        return connection.execute("SELECT category, start FROM turn WHERE NOT deleted AND meeting_id = ? ORDER BY start",
                                  (uuid.UUID(meeting).hex,)).fetchall()


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_keys_while_another_process_imports_a_huge_file(tmp_path: Path) -> None:
    db = tmp_path / "busy.db"
    env = {**os.environ, "TERM": "xterm-256color", "TALARSTAT_LANG": "en", "TALARSTAT_DB": str(db),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    meeting = subprocess.run([TALARSTAT, "new", "--title", "Busy"], env=env, capture_output=True, text=True,
                             check=True).stdout.strip()
    big = tmp_path / "big.json"
    big_file(big)

    screen = ReadTerminal("record", meeting, env=env)
    screen.wait_for(lambda: b"Nobody speaking" in screen.output, "the live screen")
    importer = subprocess.Popen([TALARSTAT, "import", str(big)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(1.0)  # the import is parsing, then writing: the keys fall across both

    pressed: list[tuple[str, float]] = []
    answers: list[float] = []
    during_import = 0
    for index in range(KEYS):
        during_import += importer.poll() is None
        key, label = (b"1", b"woman") if index % 2 == 0 else (b"3", b"non-binary")
        screen.forget_output()
        began = time.monotonic()
        pressed.append(("woman" if key == b"1" else "nonbinary", time.time() * 1000))
        screen.press(key)
        while label not in screen.output and time.monotonic() - began < 10:
            time.sleep(0.005)
        answers.append(time.monotonic() - began)
        time.sleep(max(0.0, GAP_SECONDS - answers[-1]))
    _, err = importer.communicate(timeout=300)
    assert importer.returncode == 0, err

    deadline = time.monotonic() + 60
    while len(stored_turns(db, meeting)) < KEYS and time.monotonic() < deadline:
        screen.drain(0.2)
    turns = stored_turns(db, meeting)
    screen.kill()

    assert during_import >= KEYS // 5, f"only {during_import} keys fell during the import: the test proved little"
    assert max(answers) < 0.5, f"the screen took {max(answers):.2f} s to answer a key"
    assert [category for category, _ in turns] == [category for category, _ in pressed]
    late = [round(start - at) for (_, start), (_, at) in zip(turns, pressed, strict=True) if abs(start - at) > 50]
    assert not late, f"{len(late)} keys stored more than 50 ms from when they were pressed: {late[:10]}"
