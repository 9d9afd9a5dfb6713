"""Schema migrations, applied on start.

The current revision is read with one query, and Alembic (slow to import) is only loaded when the
database is behind, so opening an up-to-date database costs the TUI almost nothing. A database whose
revision this version does not know was written by a newer talarstat and is refused, not touched.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from talarstat.errors import BadInput, JobFailed

if TYPE_CHECKING:  # Alembic is slow to import: only when the database is behind
    from alembic.config import Config
    from sqlalchemy import Engine

# SQLAlchemy is imported by the functions: the report reads SCHEMA_HEAD without it (store.report_sql).

# The newest revision in migrations/versions; a test checks it against Alembic's own view.
SCHEMA_HEAD = "0004_period_sums"
MIGRATIONS = Path(__file__).parent / "migrations"


def current_revision(engine: Engine) -> str | None:
    """One query when the database has been migrated (every start but the first): the version row.
    Only when that fails is the catalogue asked whether the table exists at all; a database that
    holds tables but none of talarstat's (someone else's SQLite file, a mistyped URL) is refused,
    not filled with ours."""
    from sqlalchemy import inspect, text
    from sqlalchemy.exc import DBAPIError

    with engine.connect() as connection:
        try:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except DBAPIError:
            connection.rollback()  # PostgreSQL refuses any further statement in a failed transaction
            inspector = inspect(connection)
            if inspector.has_table("alembic_version"):
                raise
            if inspector.get_table_names():
                raise BadInput("error.db_foreign", where=engine.url.render_as_string(hide_password=True)) from None
            return None


def _alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {script.revision for script in ScriptDirectory.from_config(_alembic_config()).walk_revisions()}


def upgrade(engine: Engine) -> None:
    """Bring the database to this version's schema, or refuse one from a newer version."""
    from sqlalchemy.exc import SQLAlchemyError

    try:
        current = current_revision(engine)
        if current == SCHEMA_HEAD:
            return
        if current is not None and current not in known_revisions():
            raise JobFailed("error.db_newer", revision=current)
        from alembic import command

        config = _alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except SQLAlchemyError as error:
        raise JobFailed("error.db_unavailable", reason=first_line(error)) from None


def first_line(error: Exception) -> str:
    message = str(getattr(error, "orig", None) or error)
    return message.strip().splitlines()[0] if message.strip() else type(error).__name__
