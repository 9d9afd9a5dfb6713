"""`report --json` reads the database with its driver alone (store.report_sql): it chooses the meetings
store.meetings.MeetingQuery chooses, opens a current database without SQLAlchemy, and goes through
store.database (which upgrades or refuses) for anything else, with the same document."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from support import downgrade

from talarstat.demo import demo_meetings
from talarstat.domain.figures import TurnFilter
from talarstat.errors import JobFailed
from talarstat.reports.term_json import write_report_json
from talarstat.store import report_sql
from talarstat.store.database import Database
from talarstat.store.meeting_filter import MeetingFilter
from talarstat.store.meetings import MeetingQuery
from talarstat.store.migrate import SCHEMA_HEAD
from talarstat.store.models import MeetingRow
from talarstat.store.report_sql import reading, report_sums
from talarstat.store.transfer import store_meeting

NOW = 1_773_600_000_000


def _stored(database: Database) -> list[str]:
    meetings = demo_meetings(today=dt.date(2026, 6, 1))[:8]
    for index, meeting in enumerate(meetings):
        changed = dataclasses.replace(meeting, district="SKÅNE" if index % 3 == 0 else meeting.district,
                                      turns=() if index == 4 else meeting.turns)
        with database.transaction() as session:
            store_meeting(changed, session=session, is_demo=index % 2 == 0)
    return [meeting.id for meeting in meetings]


QUERIES = [
    MeetingQuery(), MeetingQuery(district=" skåne "), MeetingQuery(kind="board"), MeetingQuery(body="Nope"),
    MeetingQuery(date_from=dt.date(2026, 3, 1)), MeetingQuery(date_to=dt.date(2026, 3, 1)),
    MeetingQuery(date_from=dt.date(2026, 2, 1), date_to=dt.date(2026, 5, 1)),
]


def test_the_report_chooses_the_meetings_meeting_query_chooses(database: Database) -> None:
    _stored(database)
    for query in QUERIES:
        for reported in (query.for_report(include_demo=False), query.for_report(include_demo=True)):
            with database.transaction() as session:
                from sqlmodel import select

                expected = {str(found) for found in session.exec(select(MeetingRow.id).where(*reported.conditions()))}
            light = MeetingFilter(district=query.district, body=query.body, kind=query.kind, date_from=query.date_from,
                                  date_to=query.date_to).for_report(include_demo=reported.include_demo)
            with reading(database.url, lambda: database) as sql:
                chosen = {meeting.id for meeting, _, _ in report_sums(sql, light, turn_filter=TurnFilter(), now=NOW)}
            assert chosen == expected, reported


def _document(database: Database) -> bytes:
    out = io.BytesIO()
    with reading(database.url, lambda: database) as sql:
        write_report_json(out.write, report_sums(sql, MeetingFilter().for_report(include_demo=True), turn_filter=TurnFilter(), now=NOW),
                          filters={}, turn_filter=TurnFilter(), suppress=False)
    return out.getvalue()


def test_through_sqlalchemy_the_document_is_the_same(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    _stored(database)
    straight = _document(database)
    monkeypatch.setattr(report_sql, "_light_url", lambda url: None)  # an URL only SQLAlchemy reads
    assert _document(database) == straight
    assert len(orjson.loads(straight)["meetings"]) == 7


def test_an_old_schema_is_upgraded_first(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    _stored(database)
    opened: list[bool] = []
    document = _document(database)
    downgrade(database, "0002_speaker_list")

    def database_opened() -> Database:
        opened.append(True)
        database.prepare()
        return database

    with reading(database.url, database_opened) as sql:
        assert sql.rows("SELECT version_num FROM alembic_version") == [(SCHEMA_HEAD,)]
    assert opened == [True]
    assert _document(database) == document  # the sums the upgrade made read as the turns did


@pytest.mark.parametrize("straight", [True, False])
def test_a_driver_error_is_a_job_failed(database: Database, straight: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if not straight:
        monkeypatch.setattr(report_sql, "_light_url", lambda url: None)  # the driver SQLAlchemy loaded
    with pytest.raises(JobFailed) as failed, reading(database.url, lambda: database) as sql:
        sql.rows("SELECT no_such_column FROM meeting")
    assert "no_such_column" in failed.value.params["reason"]


def test_the_report_imports_no_sqlalchemy(sqlite_path: str) -> None:
    Database.open(sqlite_path).dispose()
    code = ("import sys; from talarstat.cli.main import main; code = main(sys.argv[1:]); "
            "print(*sorted(sys.modules), file=sys.stderr); sys.exit(code)")
    done = subprocess.run([sys.executable, "-c", code, "--db", sqlite_path, "report", "--json"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    loaded = set(done.stderr.split())
    assert not {"sqlalchemy", "sqlmodel", "talarstat.store.models"} & loaded
    assert orjson.loads(done.stdout)["meetings"] == []


URLS = ["postgresql+psycopg://talarstat:secret@127.0.0.1:5432/talarstat", "postgresql+psycopg://u@host/db",
        "postgresql+psycopg://u:p:q@host:65535/db", "postgresql+psycopg://u:p@host:65536/db", "postgresql+psycopg://u:p@h:0/db",
        "postgresql+psycopg://u:p@h:/db", "postgresql+psycopg://u:p@h:abc/db", "sqlite:////tmp/x.db", "sqlite://",
        "postgresql://h/db?sslmode=require", "mysql://[::1]:3306/x", "weird+://x"]


@pytest.mark.parametrize("url", URLS)
def test_a_plain_url_is_read_as_sqlalchemy_reads_it(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import re

    from talarstat.errors import BadInput
    from talarstat.store import engine

    def outcome() -> str:
        try:
            return engine.resolve_url(url)
        except BadInput as error:
            return error.key

    light = outcome()
    monkeypatch.setattr(engine, "_PLAIN_URL", re.compile(r"(?!)"))  # never plain: SQLAlchemy reads it
    assert light == outcome()


def test_requests_limits_tokens_and_no_attendance_read_as_the_store_reads_them(database: Database) -> None:
    """The chunks ask for requests, time limits and speakers only where the headers say they are:
    the document is still the one store.statistics computes, in chunks of one meeting and more."""
    from test_queue_figures import MEETING, _id
    from test_queue_figures import NOW as QUEUE_NOW

    from talarstat.presentation.stats_json import report_json
    from talarstat.store.statistics import term_statistics

    tokened = dataclasses.replace(
        MEETING, id=_id(300), title="Tokens", district="Norr",
        turns=tuple(dataclasses.replace(turn, id=_id(310 + index), speaker=f"s{index % 2}") for index, turn in enumerate(MEETING.turns)),
        requests=())
    unattended = dataclasses.replace(MEETING, id=_id(400), title="No attendance", attendance=(), queue=dataclasses.replace(MEETING.queue, limits={}),
                                     turns=tuple(dataclasses.replace(turn, id=_id(410 + index)) for index, turn in enumerate(MEETING.turns)),
                                     requests=())
    for meeting in (MEETING, tokened, unattended):
        with database.transaction() as session:
            store_meeting(meeting, session=session)
    query = MeetingQuery().for_report(include_demo=True)
    with database.transaction() as session:
        expected = report_json(term_statistics(query, turn_filter=TurnFilter(), now=QUEUE_NOW, session=session),
                               filters={}, turn_filter=TurnFilter(), suppress=False)
    for chunk in (1, 400):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(report_sql, "CHUNK", chunk)
            out = io.BytesIO()
            with reading(database.url, lambda: database) as sql:
                write_report_json(out.write, report_sums(sql, MeetingFilter().for_report(include_demo=True),
                                                         turn_filter=TurnFilter(), now=QUEUE_NOW),
                                  filters={}, turn_filter=TurnFilter(), suppress=False)
        document = orjson.loads(out.getvalue())
        assert document == expected
        by_title = {meeting["title"]: meeting for meeting in document["meetings"]}
        assert by_title["Medlemsmöte"]["queue"]["categories"]["man"]["over_limit"] == 2
        assert by_title["Tokens"]["categories"]["man"]["speakers"] == 2
        assert by_title["No attendance"]["categories"]["man"]["attendance"] is None


def test_a_sqlite_url_with_escapes_is_left_to_sqlalchemy(tmp_path: Path) -> None:
    """`%20` is a space to SQLAlchemy: read literally, the report could open another file."""
    (tmp_path / "a b.db").write_bytes(b"x")
    (tmp_path / "a%20b.db").write_bytes(b"x")
    assert report_sql._light_url(f"sqlite:///{tmp_path}/a b.db") == ("sqlite", {"database": f"{tmp_path}/a b.db"})
    assert report_sql._light_url(f"sqlite:///{tmp_path}/a%20b.db") is None
