"""The schema's ordered steps: version 1 as released, then one migration per version."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import peewee as pw

from careerdesk.core.schema_v1 import V1_DDL

if TYPE_CHECKING:  # imported when a migration runs: opening a current file skips it
    from playhouse.migrate import SqliteMigrator


@dataclass(frozen=True)
class Migration:
    """One ordered schema step: `apply` runs inside a transaction with foreign keys off."""

    version: int
    description: str
    apply: Callable[[pw.SqliteDatabase, SqliteMigrator], None]


def _create_schema_v1(db: pw.SqliteDatabase, migrator: SqliteMigrator) -> None:
    # The released DDL, not create_tables(): version 1 must never change when a
    # model does, or fresh files and upgraded ones would drift apart.
    for sql in V1_DDL:
        db.execute_sql(sql)


# contact.last_contacted: the newest of the interactions' dates and of the date
# an imported file noted (imported_last_contacted); kept here for every path that
# logs, edits, deletes or restores an interaction, or imports a contact.
_LAST_CONTACTED_OF = """(SELECT max(d) FROM (
    SELECT contact.imported_last_contacted AS d
    UNION ALL SELECT max(interaction.date) FROM interaction
    WHERE interaction.contact_id = contact.id))"""


def _last_contacted_by_triggers(db: pw.SqliteDatabase, migrator: SqliteMigrator) -> None:
    db.execute_sql('ALTER TABLE "contact" ADD COLUMN "imported_last_contacted" DATE')
    # Keep today's values exactly: a date newer than every interaction came from a file.
    db.execute_sql(
        """UPDATE contact SET imported_last_contacted = last_contacted
        WHERE last_contacted IS NOT NULL AND last_contacted > coalesce(
            (SELECT max(date) FROM interaction WHERE contact_id = contact.id), '')"""
    )
    for sql in (
        f"""CREATE TRIGGER interaction_added AFTER INSERT ON interaction BEGIN
            UPDATE contact SET last_contacted = {_LAST_CONTACTED_OF}
            WHERE id = NEW.contact_id; END""",
        f"""CREATE TRIGGER interaction_removed AFTER DELETE ON interaction BEGIN
            UPDATE contact SET last_contacted = {_LAST_CONTACTED_OF}
            WHERE id = OLD.contact_id; END""",
        f"""CREATE TRIGGER interaction_changed AFTER UPDATE OF date, contact_id ON interaction
            BEGIN
            UPDATE contact SET last_contacted = {_LAST_CONTACTED_OF}
            WHERE id IN (OLD.contact_id, NEW.contact_id); END""",
        f"""CREATE TRIGGER contact_noted_last_contacted
            AFTER UPDATE OF imported_last_contacted ON contact
            WHEN NEW.imported_last_contacted IS NOT OLD.imported_last_contacted BEGIN
            UPDATE contact SET last_contacted = {_LAST_CONTACTED_OF} WHERE id = NEW.id; END""",
        f"""CREATE TRIGGER contact_added_last_contacted AFTER INSERT ON contact
            WHEN NEW.imported_last_contacted IS NOT NULL BEGIN
            UPDATE contact SET last_contacted = {_LAST_CONTACTED_OF} WHERE id = NEW.id; END""",
    ):
        db.execute_sql(sql)


def _name_parts(db: pw.SqliteDatabase, migrator: SqliteMigrator) -> None:
    # Kept apart from the first name so a vCard round trip gives back the same N.
    for column in ("middle_name", "name_prefix", "name_suffix"):
        db.execute_sql(f'ALTER TABLE "contact" ADD COLUMN "{column}" TEXT NOT NULL DEFAULT \'\'')


def _open_follow_ups_index(db: pw.SqliteDatabase, migrator: SqliteMigrator) -> None:
    # The follow-ups still open, by date, read at start-up and after every contact
    # change: without it SQLite walks every unarchived contact (180 ms at 50,000).
    db.execute_sql(
        'CREATE INDEX "interaction_follow_up_done_follow_up_date" '
        'ON "interaction" ("follow_up_done", "follow_up_date")'
    )


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema", _create_schema_v1),
    Migration(2, "last contacted kept by triggers", _last_contacted_by_triggers),
    Migration(3, "middle names, name prefix and suffix", _name_parts),
    Migration(4, "an index of open follow-ups by date", _open_follow_ups_index),
)
SCHEMA_VERSION = MIGRATIONS[-1].version
