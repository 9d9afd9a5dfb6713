"""Figures people can trust (issue 12): demo data and meetings never held stay out of reports,
meetings can be deleted, small cells read `<3` everywhere, `latest` is the meeting just worked on,
and filters forgive the case of a district's name."""

from __future__ import annotations

import datetime as dt
import io
import json
import time

import pytest
from sqlmodel import select
from support import ANNUAL, BOARD, EXAMPLES, Cli

from talarstat.demo import demo_meetings
from talarstat.store.database import Database
from talarstat.store.meetings import MeetingQuery, list_meetings
from talarstat.store.models import AuditRow
from talarstat.store.transfer import store_meeting


@pytest.fixture
def mixed(sqlite_path: str, cli: Cli) -> str:
    """Two real meetings, the demo data, and one meeting planned but never held."""
    assert cli("--db", sqlite_path, "import", *EXAMPLES).code == 0
    assert cli("--db", sqlite_path, "demo").code == 0
    assert cli("--db", sqlite_path, "new", "--title", "Planerat möte", "--district", "Skåne").code == 0
    return sqlite_path


def test_report_leaves_out_demo_and_meetings_never_held(mixed: str, cli: Cli) -> None:
    real = json.loads(cli("--db", mixed, "report", "--json").out)
    assert sorted(m["id"][:4] for m in real["meetings"]) == ["bdaa", "cb33"]
    assert real["pooled"]["meetings"] == 2
    with_demo = json.loads(cli("--db", mixed, "report", "--json", "--include-demo").out)
    assert with_demo["pooled"]["meetings"] == 65  # still without the meeting never held
    text = cli("--db", mixed, "report").out
    assert "2 meetings pooled" in text
    assert "Left out: 63 demo meetings and 1 meeting without turns. --include-demo includes demo meetings." in text


def test_delete_asks_logs_and_refuses_unknown(with_examples_db: str, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    unknown = cli("--db", with_examples_db, "delete", "ffffffff", "--yes")
    assert (unknown.code, unknown.err.strip()) == (2, "talarstat: no meeting ffffffff")
    piped = cli("--db", with_examples_db, "delete", "cb33")
    assert piped.code == 2 and "add --yes" in piped.err
    assert len(json.loads(cli("--db", with_examples_db, "meetings", "--json").out)) == 2

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    kept = cli("--db", with_examples_db, "delete", "cb33")
    assert kept.code == 0 and "Delete the meeting Distriktsstyrelsen, mars" in kept.out and "Nothing deleted" in kept.out
    monkeypatch.setattr("sys.stdin", Terminal("y\n"))
    deleted = cli("--db", with_examples_db, "delete", "cb33")
    assert deleted.code == 0 and "Deleted the meeting Distriktsstyrelsen, mars" in deleted.out
    assert [m["id"][:4] for m in json.loads(cli("--db", with_examples_db, "meetings", "--json").out)] == ["bdaa"]
    assert cli("--db", with_examples_db, "delete", "bdaa", "--yes").code == 0

    from talarstat.store.database import Database

    database = Database.open(with_examples_db)
    try:
        with database.transaction() as session:
            entries = session.exec(select(AuditRow).where(AuditRow.action == "delete")).all()
    finally:
        database.dispose()
    assert len(entries) == 2
    before = entries[0].before
    assert before is not None and json.loads(before)["title"] == "Distriktsstyrelsen, mars"  # the meeting, kept to restore


@pytest.fixture
def with_examples_db(sqlite_path: str, cli: Cli) -> str:
    assert cli("--db", sqlite_path, "import", *EXAMPLES).code == 0
    return sqlite_path


def test_demo_remove_takes_out_only_demo_meetings(mixed: str, cli: Cli) -> None:
    removed = cli("--db", mixed, "demo", "--remove")
    assert removed.code == 0 and "Removed 63 demo meetings" in removed.out
    assert len(json.loads(cli("--db", mixed, "meetings", "--json").out)) == 3
    assert "Removed 0 demo meetings" in cli("--db", mixed, "demo", "--remove").out


def test_demo_data_ends_today(sqlite_path: str, cli: Cli) -> None:
    today = dt.date(2027, 5, 4)
    dates = [meeting.date for meeting in demo_meetings(today=today)]
    assert None not in dates
    held = [day for day in dates if day is not None]
    assert max(held) <= today and max(held) >= today - dt.timedelta(days=40)
    assert min(held) >= today - dt.timedelta(days=366)
    cli("--db", sqlite_path, "demo")
    listed = json.loads(cli("--db", sqlite_path, "meetings", "--json").out)
    assert max(m["date"] for m in listed) <= dt.date.today().isoformat()
    assert max(m["ended_at"] for m in listed) < dt.datetime.now(dt.UTC).isoformat()


def test_small_cells_read_less_than_three_in_the_tables(with_examples_db: str, cli: Cli) -> None:
    # The board meeting had one non-binary member present: no figures for one person.
    stats = cli("--db", with_examples_db, "stats", "cb33").out
    nonbinary = next(line for line in stats.splitlines() if line.startswith("non-binary"))
    assert nonbinary.split()[1:] == ["<3"] * 6
    assert "non-binary <3" in stats  # per agenda item too
    shown = cli("--db", with_examples_db, "stats", "cb33", "--no-suppress").out
    assert "<3" not in shown
    report = cli("--db", with_examples_db, "report").out
    assert next(line for line in report.splitlines() if line.startswith("non-binary")).split()[1:] == ["<3"] * 6
    assert "<3" not in cli("--db", with_examples_db, "report", "--no-suppress").out
    # JSON carries the figures unsuppressed, as docs/figures.md defines them.
    assert json.loads(cli("--db", with_examples_db, "stats", "cb33", "--json").out)["categories"]["nonbinary"]["turns"] > 0


def test_latest_is_the_meeting_most_recently_created_or_recorded(sqlite_path: str, cli: Cli) -> None:
    assert cli("--db", sqlite_path, "import", ANNUAL).code == 0  # dated July
    time.sleep(0.01)
    assert cli("--db", sqlite_path, "import", BOARD).code == 0  # dated March, but imported after
    assert json.loads(cli("--db", sqlite_path, "stats", "latest", "--json").out)["meeting"]["id"].startswith("cb33")
    time.sleep(0.01)
    created = cli("--db", sqlite_path, "new", "--title", "Gammalt datum", "--date", "2020-01-01").out.strip()
    assert json.loads(cli("--db", sqlite_path, "stats", "latest", "--json").out)["meeting"]["id"] == created


def test_filters_match_whatever_the_case_and_say_when_nothing_matches(with_examples_db: str, cli: Cli) -> None:
    def ids(*args: str) -> list[str]:
        return [m["id"][:4] for m in json.loads(cli("--db", with_examples_db, "meetings", "--json", *args).out)]

    assert ids("--district", "västra götaland") == ["cb33"]
    assert ids("--district", "VÄSTRA GÖTALAND") == ["cb33"]
    report = json.loads(cli("--db", with_examples_db, "report", "--json", "--district", "STOCKHOLM").out)
    assert [m["id"][:4] for m in report["meetings"]] == ["bdaa"]
    nothing = cli("--db", with_examples_db, "meetings", "--district", "Skåne")
    assert nothing.code == 0 and nothing.out.strip() == (
        "No meetings match district “Skåne” (upper or lower case does not matter). "
        "Districts in the database: Stockholm, Västra Götaland."
    )
    in_swedish = cli("--lang", "sv", "--db", with_examples_db, "report", "--district", "skåne")
    assert in_swedish.code == 0 and in_swedish.out.startswith("Inga möten matchar distrikt “skåne”")


def test_store_filters_ignore_case_on_both_databases(database: Database) -> None:
    from talarstat.domain.meetingfile import parse_bytes

    with database.transaction() as session:
        for path in EXAMPLES:
            store_meeting(parse_bytes(path.read_bytes()), session=session)
    with database.transaction() as session:
        for spelling in ("VÄSTRA GÖTALAND", "västra götaland", " Västra Götaland "):
            assert [m.id[:4] for m in list_meetings(MeetingQuery(district=spelling), session=session)] == ["cb33"]
        assert [m.id[:4] for m in list_meetings(MeetingQuery(body="DISTRIKTSSTYRELSEN"), session=session)] == ["cb33"]
