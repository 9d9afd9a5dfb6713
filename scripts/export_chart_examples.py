"""Fill docs/charts/ with the charts of the example meeting and of the demo term, drawn by the real
commands (`talarstat export` and `talarstat report`), so the user guide shows what users get.

    python scripts/export_chart_examples.py
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from talarstat.cli.main import main

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "tests" / "data" / "board-meeting.json"
MEETING_ID = "cb33c310-55f1-4cea-ba91-10d072edba50"


def run(*args: str) -> None:
    code = main(list(args))
    if code != 0:
        raise SystemExit(f"talarstat {' '.join(args)} failed with {code}")


def main_script() -> None:
    target = ROOT / "docs" / "charts"
    shutil.rmtree(target, ignore_errors=True)
    with tempfile.TemporaryDirectory() as scratch:
        db = str(Path(scratch) / "examples.db")
        run("--db", db, "import", str(EXAMPLE))
        run("--db", db, "demo")
        run("--db", db, "--lang", "sv", "export", MEETING_ID, "-o", str(target / "meeting"), "--format", "png")
        run("--db", db, "--lang", "sv", "report", "--by-district", "--include-demo", "-o", str(target / "term"))
    for leftover in (*target.rglob("*.svg"), *target.rglob("*.csv"), *(target / "meeting").glob("meeting.json")):
        leftover.unlink()


if __name__ == "__main__":
    main_script()
