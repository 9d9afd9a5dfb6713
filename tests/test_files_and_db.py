"""Files and the database location: no `.partial` left by a failed export, private files for speaker
tokens, private folders for the database under any umask, and no surprise databases (an empty
`--db`, a mistyped folder, someone else's SQLite file)."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import stat
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from matplotlib.figure import Figure
from support import ANNUAL, BOARD, EXAMPLES, Cli

from talarstat.errors import JobFailed
from talarstat.reports import meeting_export
from talarstat.reports.files import write_atomically


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_000() -> Iterator[None]:
    old = os.umask(0)
    yield
    os.umask(old)


@pytest.fixture
def with_examples(sqlite_path: str, cli: Cli) -> str:
    assert cli("--db", sqlite_path, "import", *EXAMPLES).code == 0
    return sqlite_path


def test_a_writer_that_fails_leaves_no_partial_file(tmp_path: Path) -> None:
    def full_disk(path: Path) -> None:
        path.write_bytes(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")

    def broken(path: Path) -> None:
        path.write_bytes(b"half")
        raise ValueError("the writer broke")

    with pytest.raises(JobFailed):
        write_atomically(tmp_path / "a.png", full_disk)
    with pytest.raises(ValueError, match="the writer broke"):
        write_atomically(tmp_path / "b.png", broken)
    assert list(tmp_path.iterdir()) == []


def test_a_full_disk_during_a_parallel_export_leaves_no_partial_files(
    with_examples: str, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One drawing worker finds the disk full while the others are still writing: the others are
    stopped mid-file, and their temporary files are removed too."""
    def save(figure: Figure, path: Path, file_format: str) -> None:
        with open(path, "wb") as target:
            target.write(b"half a chart")
            target.flush()
            if path.name.startswith(".1-shares"):
                raise OSError(errno.ENOSPC, "No space left on device")
            time.sleep(3)

    monkeypatch.setattr(meeting_export, "save", save)
    out = tmp_path / "out"
    result = cli("--db", with_examples, "export", "cb33", "-o", out, "--format", "png")
    assert result.code == 1
    assert "No space left on device" in result.err and result.err.count("\n") == 1
    assert [path.name for path in out.iterdir() if path.name.endswith(".partial")] == []


def test_meeting_json_with_speaker_tokens_is_private(with_examples: str, cli: Cli, tmp_path: Path, umask_000: None) -> None:
    tokens = json.loads(ANNUAL.read_text(encoding="utf-8"))["id"]
    assert cli("--db", with_examples, "export", tokens, "-o", tmp_path / "annual", "--format", "svg").code == 0
    assert mode(tmp_path / "annual" / "meeting.json") == 0o600
    assert cli("--db", with_examples, "export", "cb33", "-o", tmp_path / "board", "--format", "svg").code == 0
    assert mode(tmp_path / "board" / "meeting.json") != 0o600  # no tokens: as the umask says


def test_database_folders_are_private_under_umask_000(tmp_path: Path, cli: Cli, umask_000: None) -> None:
    db = tmp_path / "new" / "deeper" / "talarstat.db"
    assert cli("--db", db, "new", "--title", "x").code == 0
    assert (mode(tmp_path / "new"), mode(db.parent), mode(db)) == (0o700, 0o700, 0o600)
    assert cli("import", BOARD).code == 0  # the default location, made on first use
    default = Path(cli("db", "path").out.strip())
    assert mode(default) == 0o600
    assert mode(tmp_path / "xdg-data") == 0o700 and mode(default.parent) == 0o700


def test_an_empty_db_option_is_refused(cli: Cli) -> None:
    for args in (["--db", "", "meetings"], ["--db=", "db", "path"], ["--db", " ", "new", "--title", "x"]):
        result = cli(*args)
        assert result.code == 2 and result.err.strip() == (
            "talarstat: --db is empty: give a path or a URL (without --db the default database is used)")


def test_a_mistyped_folder_is_not_made_a_database(tmp_path: Path, cli: Cli) -> None:
    db = tmp_path / "tyop" / "talarstat.db"
    for args in (["meetings"], ["import", BOARD], ["stats", "latest"], ["db", "check"]):
        result = cli("--db", db, *args)
        assert result.code == 2 and "the folder" in result.err and "does not exist" in result.err
        assert not db.parent.exists()
    assert cli("--db", db, "db", "upgrade").code == 0 and db.exists()


def test_a_mistyped_file_is_not_made_a_database(tmp_path: Path, cli: Cli) -> None:
    db = tmp_path / "talarstat-typo.db"
    for args in (["meetings"], ["stats", "latest"], ["report"], ["db", "check"], ["queue", "latest"], ["demo", "--remove"]):
        result = cli("--db", db, *args)
        assert (result.code, result.err) == (2, (
            f"talarstat: {db} does not exist; a typo in --db? "
            "(talarstat new, import, demo and db upgrade create a new database)\n"))
        assert not db.exists()
    assert cli("--db", db, "db", "path").out.strip() == str(db)  # where it would be, without making it


def test_the_commands_that_fill_a_database_may_make_its_file(tmp_path: Path, cli: Cli) -> None:
    commands: tuple[list[str | Path], ...] = (["new", "--title", "x"], ["import", BOARD], ["demo"], ["db", "upgrade"])
    for number, args in enumerate(commands):
        db = tmp_path / f"new-{number}.db"
        assert cli("--db", db, *args).code == 0 and mode(db) == 0o600
    target = tmp_path / "backup.db"
    assert cli("--db", tmp_path / "new-0.db", "sync", "--to", target).code == 0 and target.exists()


def test_someone_elses_sqlite_file_is_refused_untouched(tmp_path: Path, cli: Cli) -> None:
    foreign = tmp_path / "notes.db"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE notes (body TEXT)")
    before = foreign.read_bytes()
    for args in (["meetings"], ["import", BOARD], ["db", "upgrade"], ["new", "--title", "x"]):
        result = cli("--db", foreign, *args)
        assert (result.code, result.err.strip()) == (
            2, f"talarstat: {foreign} is not a talarstat database (it holds other tables); nothing was changed")
    assert foreign.read_bytes() == before
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    result = cli("--db", junk, "meetings")
    assert (result.code, result.err.strip()) == (2, f"talarstat: {junk} is not a SQLite database; nothing was changed")


def test_a_database_with_other_tables_is_refused_on_every_engine(db_url: str, cli: Cli) -> None:
    from sqlalchemy import create_engine, inspect, text

    from talarstat.store.engine import resolve_url

    engine = create_engine(resolve_url(db_url))
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE notes (body TEXT)"))
    result = cli("--db", db_url, "meetings")
    assert result.code == 2 and "is not a talarstat database" in result.err and result.err.count("\n") == 1
    assert inspect(engine).get_table_names() == ["notes"]
    engine.dispose()
