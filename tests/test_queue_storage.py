"""The speaker list stored: every queue action one transaction, logged and undoable, on SQLite and
PostgreSQL; the next-turn tags survive a reload; purge clears request tokens; and a database of the
previous release upgrades in place with its meetings intact."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from typing import Any

from sqlalchemy import create_engine, text
from sqlmodel import select
from support import BOARD

from talarstat.clock import ManualClock
from talarstat.domain.meetingfile import parse_bytes
from talarstat.domain.planning import plan_meeting
from talarstat.domain.queue import QueueSettings
from talarstat.recorder import Recorder
from talarstat.store import migrate
from talarstat.store.database import Database
from talarstat.store.meetings import delete_meeting, insert_meeting, load_meeting, purge_speaker_tokens
from talarstat.store.models import AuditRow, RequestRow

T0 = 1_773_500_000_000


def new_recorder(database: Database, **plan: Any) -> Recorder:
    import datetime as dt

    meeting = plan_meeting(title="Styrelsemöte", now=T0, day=dt.date(2026, 3, 14), agenda=("Budget", "Motioner"),
                           attendance={"woman": 5, "man": 4}, **plan)
    with database.transaction() as session:
        insert_meeting(meeting, session=session)
    return Recorder(database, meeting.id, ManualClock(T0))


def reloaded(recorder: Recorder) -> Recorder:
    return Recorder(recorder.database, recorder.meeting.id, recorder.clock)


def test_every_queue_action_is_stored_and_reloads_equal(database: Database) -> None:
    recorder = new_recorder(database)
    clock = recorder.clock
    assert isinstance(clock, ManualClock)
    assert recorder.set_queue_settings(QueueSettings(order="alternate", limits={"speech": 180, "reply": 60}))
    assert recorder.request("man", speaker="12")
    clock.advance(2)
    assert recorder.request("woman")
    clock.advance(2)
    assert recorder.request("man", "point_of_order")
    assert [e.request.kind for e in recorder.speaker_list()] == ["point_of_order", "speech", "speech"]
    assert recorder.call_next()
    clock.advance(30)
    assert recorder.request("woman", "reply")
    first_speech = next(e.request.id for e in recorder.speaker_list() if e.request.kind == "speech")
    assert recorder.move_to_front(first_speech)
    assert recorder.withdraw(recorder.speaker_list()[-1].request.id)
    assert recorder.toggle_list_closed()
    assert reloaded(recorder).meeting == recorder.meeting
    assert reloaded(recorder).speaker_list() == recorder.speaker_list()

    with database.transaction() as session:
        logged = {row.action for row in session.exec(select(AuditRow))}
    assert {"action.request", "action.call_next", "action.withdraw", "action.move_to_front",
            "action.toggle_list_closed", "action.queue_settings"} <= logged


def test_queue_actions_undo_and_redo_through_the_database(database: Database) -> None:
    recorder = new_recorder(database)
    recorder.request("woman", speaker="7")
    clock = recorder.clock
    assert isinstance(clock, ManualClock)
    clock.advance(1)
    before_call = recorder.meeting
    recorder.call_next()
    called = recorder.meeting
    assert recorder.undo() == "action.call_next"
    assert reloaded(recorder).meeting == before_call
    assert recorder.undo() == "action.request"
    assert reloaded(recorder).meeting.requests == ()
    assert recorder.redo() == "action.request"
    assert recorder.redo() == "action.call_next"
    assert reloaded(recorder).meeting == called


def test_next_item_and_end_store_the_withdrawals(database: Database) -> None:
    recorder = new_recorder(database)
    recorder.request("woman")
    recorder.next_item()
    assert [r.state for r in reloaded(recorder).meeting.requests] == ["withdrawn"]
    recorder.request("man")
    recorder.end_meeting()
    assert [r.state for r in reloaded(recorder).meeting.requests] == ["withdrawn", "withdrawn"]


def test_next_turn_tags_survive_a_reload(database: Database) -> None:
    """Issue 14: `c` with nobody speaking, then kill -9: the next turn is still the chair's."""
    recorder = new_recorder(database)
    recorder.toggle_role("chair")
    recorder.toggle_kind("presentation")
    again = reloaded(recorder)
    assert (again.next_turn.kind, again.next_turn.role) == ("presentation", "chair")
    again.start_turn("woman")
    assert (again.meeting.turns[-1].kind, again.meeting.turns[-1].role) == ("presentation", "chair")
    assert reloaded(again).next_turn == again.next_turn
    assert (again.next_turn.kind, again.next_turn.role) == ("speech", "member")


def test_purge_clears_request_tokens_too(database: Database) -> None:
    recorder = new_recorder(database)
    recorder.request("woman", speaker="7")
    recorder.request("man", speaker="8")
    recorder.call_next()
    with database.transaction() as session:
        removed = purge_speaker_tokens(recorder.meeting.id, session=session)
    assert removed == 3  # two requests and the turn called from one
    with database.transaction() as session:
        assert session.exec(select(RequestRow.speaker)).all() == [None, None]


def test_a_database_of_the_previous_release_upgrades_with_its_meetings_intact(db_url: str) -> None:
    """Build the schema of 0001_initial, store a meeting the way that release did, then open it."""
    url = db_url if "://" in db_url else f"sqlite:///{db_url}"
    engine = create_engine(url)
    config = migrate._alembic_config()
    from alembic import command

    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001_initial")
    board = json.loads(BOARD.read_text(encoding="utf-8"))
    meeting = parse_bytes(BOARD.read_bytes())
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO meeting (id, title, district, body, kind, date, started_at, ended_at, offset_minutes, is_demo)"
            " VALUES (:id, :title, :district, :body, :kind, :date, :started, :ended, :offset, :demo)"
        ), {"id": uuid.UUID(meeting.id).hex if engine.dialect.name == "sqlite" else meeting.id,
            "title": meeting.title, "district": meeting.district, "body": meeting.body,
            "kind": meeting.kind, "date": meeting.date, "started": meeting.started_at, "ended": meeting.ended_at,
            "offset": meeting.offset_minutes, "demo": False})
        for position, key in enumerate(meeting.categories):
            connection.execute(text("INSERT INTO meeting_category (meeting_id, key, position) VALUES (:m, :k, :p)"),
                               {"m": uuid.UUID(meeting.id).hex if engine.dialect.name == "sqlite" else meeting.id,
                                "k": key, "p": position})
        for turn in meeting.turns[:3]:
            connection.execute(text(
                'INSERT INTO turn (id, meeting_id, category, kind, role, speaker, start, "end", deleted)'
                " VALUES (:id, :m, :c, :k, :r, :s, :start, :end, :d)"
            ), {"id": uuid.UUID(turn.id).hex if engine.dialect.name == "sqlite" else turn.id,
                "m": uuid.UUID(meeting.id).hex if engine.dialect.name == "sqlite" else meeting.id,
                "c": turn.category, "k": turn.kind, "r": turn.role, "s": turn.speaker, "start": turn.start,
                "end": turn.end, "d": False})
    engine.dispose()

    database = Database.open(db_url)
    assert migrate.current_revision(database.engine) == migrate.SCHEMA_HEAD
    with database.transaction() as session:
        upgraded = load_meeting(meeting.id, session=session)
    database.dispose()
    assert upgraded.title == board["title"] and upgraded.categories == meeting.categories
    assert upgraded.turns == tuple(replace(turn, agenda_item=None) for turn in meeting.turns[:3]) and upgraded.started_at == meeting.started_at
    assert upgraded.queue == QueueSettings() and upgraded.requests == ()
    assert (upgraded.next_turn.kind, upgraded.next_turn.role) == ("speech", "member")

    # The foreign keys of 0001 cascade: deleting the upgraded meeting takes its rows with it.
    database = Database.open(db_url)
    with database.transaction() as session:
        delete_meeting(meeting.id, session=session)
    with database.engine.connect() as connection:
        left = [connection.execute(text(f"SELECT count(*) FROM {table}")).scalar() for table in ("meeting_category", "turn")]
    database.dispose()
    assert left == [0, 0]


def test_undoing_an_item_with_a_turn_on_it_keeps_the_database_whole(database: Database) -> None:
    """Undo takes the turn back (marked deleted, still naming the item), then the item: the schema
    sets the deleted turn's item to NULL; redo brings both back."""
    from talarstat.store.models import AgendaItemRow, TurnRow

    recorder = new_recorder(database)
    assert recorder.add_item("Övriga frågor")
    item_id = recorder.meeting.current_item
    assert recorder.start_turn("woman")
    turn_id = recorder.meeting.turns[-1].id
    assert recorder.undo() and recorder.undo()
    stored = reloaded(recorder).meeting
    assert stored.turns == () and item_id not in {item.id for item in stored.agenda}
    with database.transaction() as session:
        turn = session.get(TurnRow, uuid.UUID(turn_id))
        assert turn is not None and turn.deleted and turn.agenda_item_id is None
        assert session.get(AgendaItemRow, uuid.UUID(item_id or "")) is None
    assert recorder.redo() and recorder.redo()
    assert recorder.meeting.turns[-1].id == turn_id and recorder.meeting.turns[-1].agenda_item == item_id
    assert reloaded(recorder).meeting == recorder.meeting
