"""The drawing processes of reports/parallel.py, run as the command line runs them: in a process of
their own (forking from a test worker, which has threads, is what the module warns against)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

# A command line in miniature: fork the drawing process ahead, then run three jobs that each write a
# file, and print what came back and how long it took. `HANG` makes the drawing process unable to
# end (a thread that is not a daemon, which Python's exit waits for), as a teardown that never ends.
SCRIPT = textwrap.dedent(
    """
    import os, sys, threading, time
    from pathlib import Path
    from talarstat.reports import parallel

    folder = Path(sys.argv[1])
    hang = sys.argv[2] == "hang"

    def prepare():
        if hang:
            threading.Thread(target=time.sleep, args=(3600,), daemon=False).start()

    def draw(inputs, name):
        if name == "broken":
            raise ValueError("cannot draw " + name)
        path = folder / f"{inputs}-{name}.txt"
        path.write_text(name)
        return [path]

    parallel.start_ahead(prepare)
    drawing = parallel._ahead.process
    began = time.monotonic()
    try:
        written = parallel.run_jobs(draw, "chart", sys.argv[3].split(","), parallel=True)
    except ValueError as error:
        print("error:", error)
    else:
        print(sorted(path.name for paths in written.values() for path in paths))
    print("seconds:", round(time.monotonic() - began, 1))
    print("drawing process alive:", drawing.is_alive())
    """
)


def _run(tmp_path: Path, mode: str, names: str) -> list[str]:
    script = tmp_path / "drawing.py"
    script.write_text(SCRIPT)
    done = subprocess.run([sys.executable, str(script), str(tmp_path), mode, names], capture_output=True, text=True,
                          timeout=60, check=True)
    return done.stdout.splitlines()


def _seconds(lines: list[str]) -> float:
    return float(next(line for line in lines if line.startswith("seconds:")).split()[1])


def test_the_drawing_process_runs_every_job_and_ends(tmp_path: Path) -> None:
    lines = _run(tmp_path, "end", "a,b,c")
    assert lines[0] == "['chart-a.txt', 'chart-b.txt', 'chart-c.txt']"
    assert lines[-1] == "drawing process alive: False"


def test_a_drawing_process_that_cannot_end_does_not_hold_the_export(tmp_path: Path) -> None:
    """Every file is written and reported, so the export is done: the process is ended after its
    grace, not waited for without end (seen once in about fifty exports on a loaded machine)."""
    began = time.monotonic()
    lines = _run(tmp_path, "hang", "a,b,c")
    assert lines[0] == "['chart-a.txt', 'chart-b.txt', 'chart-c.txt']"
    assert lines[-1] == "drawing process alive: False"
    assert _seconds(lines) < 30
    assert time.monotonic() - began < 45


def test_a_failed_job_is_raised_and_the_drawing_process_ends(tmp_path: Path) -> None:
    lines = _run(tmp_path, "end", "a,broken,c")
    assert lines[0] == "error: cannot draw broken"
    assert lines[-1] == "drawing process alive: False"
