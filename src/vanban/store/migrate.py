"""Create or upgrade the schema with alembic; check the version cheaply on every other path."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError, ProgrammingError

# The newest migration; a test checks it against the migrations folder.
HEAD = "0004"
MIGRATIONS = Path(__file__).with_name("migrations")


def upgrade(engine: Engine) -> None:
    """Bring the database to the newest schema (creating it when empty)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def current_revision(engine: Engine) -> str | None:
    """The schema version of the database, None when it holds no vanban schema."""
    from vanban.store.engine import READ_ONLY, translate

    try:
        with engine.connect() as raw:
            conn = raw.execution_options(**{READ_ONLY: True})
            version: str | None = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            return version
    except ProgrammingError:
        return None  # PostgreSQL, MariaDB: no such table
    except OperationalError as exc:
        if "no such table" in str(exc.orig):
            return None
        translated = translate(exc)
        if translated is not None:
            raise translated from exc
        raise
