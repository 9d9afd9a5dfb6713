"""The shipped JSON Schema agrees with the files, and the migrations with the models."""

from __future__ import annotations

import json

import jsonschema
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from hypothesis import given, settings
from sqlmodel import SQLModel
from strategies import meetings
from support import EXAMPLES

from talarstat.domain.meeting import Meeting
from talarstat.domain.meetingfile import to_document
from talarstat.schema import meeting_schema_text
from talarstat.store import migrate
from talarstat.store.database import Database

SCHEMA = json.loads(meeting_schema_text())


def test_examples_match_the_schema() -> None:
    for path in EXAMPLES:
        jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), SCHEMA)


@settings(max_examples=50, deadline=None)
@given(meetings())
def test_every_dump_matches_the_schema(meeting: Meeting) -> None:
    jsonschema.validate(to_document(meeting), SCHEMA)


def test_schema_head_constant_is_alembics_head() -> None:
    assert ScriptDirectory.from_config(migrate._alembic_config()).get_heads() == [migrate.SCHEMA_HEAD]


def test_migrations_create_exactly_the_models(database: Database) -> None:
    """A migrated database has what models.py declares: no change is missing a migration."""
    with database.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert differences == []


def test_sqlite_connections_are_durable(sqlite_path: str) -> None:
    database = Database.open(sqlite_path)
    with database.engine.connect() as connection:
        def pragma(name: str) -> object:
            return connection.exec_driver_sql(f"PRAGMA {name}").scalar()

        assert pragma("foreign_keys") == 1
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2  # FULL
        assert pragma("busy_timeout") == 5000
    database.dispose()
