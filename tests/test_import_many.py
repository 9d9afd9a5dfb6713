"""Import of several files: every file is tried, each all-or-nothing in its own transaction, a summary
at the end, exit status 2 when any was refused — also when the database itself refuses one."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from pathlib import Path

from support import ANNUAL, BOARD, Cli


def _colliding(tmp_path: Path) -> Path:
    """The board meeting under another meeting id: its turn ids are another meeting's, which the
    database refuses (the file on its own is fine)."""
    document = json.loads(BOARD.read_text(encoding="utf-8"))
    document["id"] = str(uuid.UUID(int=12345, version=4))
    path = tmp_path / "colliding.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_a_file_the_database_refuses_does_not_stop_the_rest(tmp_path: Path, db_url: str, cli: Cli) -> None:
    assert cli("--db", db_url, "import", BOARD).code == 0
    colliding = _colliding(tmp_path)
    unreadable = tmp_path / "missing.json"
    changed = tmp_path / "changed.json"
    changed.write_bytes(BOARD.read_bytes().replace(b'"Distriktsstyrelsen, mars"', b'"Styrelsen i mars"'))

    result = cli("--db", db_url, "import", colliding, unreadable, changed, BOARD, ANNUAL)

    assert result.code == 2
    errors = result.err.strip().splitlines()
    assert len(errors) == 3
    assert errors[0].startswith(f"talarstat: {colliding}: the database refused")
    assert errors[1].startswith(f"talarstat: {unreadable}: $: cannot be read")
    assert errors[2].startswith(f"talarstat: {changed}: meeting cb33c310") and "--replace" in errors[2]
    assert result.out.splitlines()[-1] == "5 files: 1 imported, 1 unchanged, 0 replaced, 3 refused"
    listed = json.loads(cli("--db", db_url, "meetings", "--json").out)
    assert sorted(meeting["title"] for meeting in listed) == sorted(
        [json.loads(BOARD.read_text(encoding="utf-8"))["title"], json.loads(ANNUAL.read_text(encoding="utf-8"))["title"]]
    )
    # Nothing of the refused file was stored, and the database is usable afterwards.
    assert cli("--db", db_url, "dump", "00000000").code == 2
    assert cli("--db", db_url, "stats", "cb33").code == 0
    assert cli("--db", db_url, "db", "check").code == 0


def test_all_files_good_exit_0_with_a_summary(sqlite_path: str, cli: Cli) -> None:
    result = cli("--db", sqlite_path, "import", BOARD, ANNUAL, BOARD)
    assert result.code == 0 and result.err == ""
    assert result.out.splitlines()[-1] == "3 files: 2 imported, 1 unchanged, 0 replaced, 0 refused"


def test_one_file_has_no_summary(sqlite_path: str, cli: Cli) -> None:
    result = cli("--db", sqlite_path, "import", BOARD)
    assert result.code == 0 and len(result.out.splitlines()) == 1



def test_import_and_sync_give_way_to_live_recording(tmp_path: Path) -> None:
    """Long batch jobs lower their own CPU priority, so that a TUI recording beside them on the same
    computer reads each key in time (issue 14); the TUI itself keeps its priority."""
    code = ("import os, sys\n"
            "from talarstat.cli.main import main\n"
            "before = os.nice(0)\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "print(os.nice(0) - before)\n")
    db = str(tmp_path / "x.db")
    for args in (["--db", db, "import", str(BOARD)], ["--db", db, "sync", "--to", str(tmp_path / "y.db")],
                 ["--db", db, "meetings"]):
        result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60)
        assert result.stdout.strip().splitlines()[-1] == ("0" if "meetings" in args else "10"), result.stderr
