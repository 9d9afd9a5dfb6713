"""`report --json` made by two processes (cli/report_json.py, cli/forked.py) is the document one
process makes, to the byte, wherever the meetings are cut, on SQLite and PostgreSQL; what the second
process refuses or what stops it reaches the user as one line, and no process or file is left."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest
from support import Cli

from talarstat.cli import report_json
from talarstat.cli.forked import Forked
from talarstat.demo import demo_meetings
from talarstat.errors import JobFailed
from talarstat.store import report_sql
from talarstat.store.database import Database
from talarstat.store.transfer import store_meeting


def _stored(database: Database) -> None:
    """A year of demo meetings in three districts, some with attendance and some without."""
    for index, meeting in enumerate(demo_meetings(today=dt.date(2026, 6, 1))):
        changed = meeting if index % 4 else dataclasses.replace(meeting, attendance=())
        with database.transaction() as session:
            store_meeting(changed, session=session)


def _report(cli: Cli, database: Database, *args: str) -> str:
    result = cli("--db", database.url, "report", "--json", "--include-demo", *args)
    assert result.code == 0, result.err
    return result.out


def _no_children_left() -> None:
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


@pytest.mark.parametrize("through_sqlalchemy", [False, True])
@pytest.mark.parametrize("args", [(), ("--no-suppress",), ("--include-chair",), ("--kinds", "speech,reply"), ("--district", "Skåne")])
def test_two_processes_write_the_document_of_one(database: Database, cli: Cli, args: tuple[str, ...], through_sqlalchemy: bool,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Through SQLAlchemy (a URL only it reads) the second process connects through the pool the
    fork copied, with idle connections in it: emptied first, as SQLAlchemy asks of a forked process
    (the parent's sockets are the parent's)."""
    _stored(database)
    if through_sqlalchemy:
        monkeypatch.setattr(report_sql, "_light_url", lambda url: None)
        with database.engine.connect(), database.engine.connect():
            pass  # two idle connections in the pool: one for this process, one the fork copies
    monkeypatch.setattr(report_json, "SPLIT_FROM", 10**9)
    alone = _report(cli, database, *args)
    assert len(orjson.loads(alone)["meetings"]) > 3
    monkeypatch.setattr(report_json, "SPLIT_FROM", 1)
    for share in (0.0, 0.1, 0.5, 0.55, 0.9, 1.0):  # none, one or all of the meetings in either process
        monkeypatch.setattr(report_json, "FIRST_SHARE", share)
        assert _report(cli, database, *args) == alone, share
    _no_children_left()


def test_what_the_second_process_refuses_is_the_users_one_line(database: Database, cli: Cli,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    _stored(database)
    monkeypatch.setattr(report_json, "SPLIT_FROM", 1)

    def refused(*arguments: object) -> object:
        raise JobFailed("error.db_unavailable", reason="the server closed the connection")

    monkeypatch.setattr(report_json, "_later_part", refused)
    result = cli("--db", database.url, "report", "--json", "--lang", "en")
    assert result.code == 1
    (line,) = result.err.strip().splitlines()
    assert line.startswith("talarstat: ") and "the server closed the connection" in line
    _no_children_left()


def test_without_a_second_process_one_makes_the_whole_document(database: Database, cli: Cli,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    _stored(database)
    monkeypatch.setattr(report_json, "SPLIT_FROM", 10**9)
    alone = _report(cli, database)

    def no_fork() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(report_json, "SPLIT_FROM", 1)
    monkeypatch.setattr("talarstat.cli.forked.os.fork", no_fork)
    assert _report(cli, database) == alone
    _no_children_left()


def test_a_second_process_that_dies_is_an_error_not_a_short_document(tmp_path: Path) -> None:
    second = Forked(lambda write: os._exit(3))
    with pytest.raises(RuntimeError, match="exit status 3"):
        second.result()
    second.stop()
    _no_children_left()


def test_the_second_process_hands_back_its_bytes_its_result_and_its_errors() -> None:
    def work(write: Callable[[bytes], object]) -> dict[str, int]:
        for piece in (b"abc", b"d" * 3_000_000, b"e"):
            write(piece)
        return {"meetings": 3}

    second = Forked(work)
    assert second.result() == {"meetings": 3}
    assert b"".join(second.chunks()) == b"abc" + b"d" * 3_000_000 + b"e"
    second.stop()

    def refusing(write: Callable[[bytes], object]) -> None:
        raise JobFailed("error.db_failed", reason="no such table")

    second = Forked(refusing)
    with pytest.raises(JobFailed) as raised:
        second.result()
    assert raised.value.params == {"reason": "no such table"}
    second.stop()

    second = Forked(lambda write: 1 / 0)
    with pytest.raises(RuntimeError, match="ZeroDivisionError"):
        second.result()
    second.stop()
    _no_children_left()


def test_a_second_process_stopped_early_is_gone() -> None:
    import time

    second = Forked(lambda write: time.sleep(60))
    second.stop()  # the parent failed meanwhile
    _no_children_left()
