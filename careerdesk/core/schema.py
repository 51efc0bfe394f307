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


# contact.cadence_due_date and cadence_overdue_date: the keep-in-touch rule of
# one contact row. Its candidates are its own cadence and its tags'; the
# shortest ideal interval wins, then the shortest maximum, then its own over a
# tag's. A missing maximum means "overdue as soon as due", a missing ideal "due
# at the maximum". Counted from last_contacted (schema 2), else the date added.
# No cadence: both NULL.
def _interval(p: str) -> str:
    """ideal, maximum of the cadence columns of `p` (a table or row name and a dot)."""
    ideal = f"coalesce({p}cadence_ideal_days, {p}cadence_max_days)"
    return f"{ideal} AS ideal, max(coalesce({p}cadence_max_days, {p}cadence_ideal_days), {ideal}) AS maximum"  # noqa: E501


def _has_cadence(p: str) -> str:
    return f"({p}cadence_ideal_days IS NOT NULL OR {p}cadence_max_days IS NOT NULL)"


def _cadence_dates_of(row: str) -> str:
    """(due, overdue) of the contact `row` (a table name or NEW), NULLs without a cadence."""
    start = f"coalesce({row}.last_contacted, {row}.added_date)"
    return f"""(SELECT
    date({start}, '+' || ideal || ' days'), date({start}, '+' || maximum || ' days')
    FROM (SELECT {_interval(row + ".")}, 0 AS from_tag
        WHERE {_has_cadence(row + ".")}
        UNION ALL SELECT {_interval("tag.")}, 1 AS from_tag
        FROM contact_tag JOIN tag ON tag.id = contact_tag.tag_id
        WHERE contact_tag.contact_id = {row}.id AND {_has_cadence("tag.")})
    ORDER BY ideal, maximum, from_tag LIMIT 1)"""


_DATES = "(cadence_due_date, cadence_overdue_date)"
_SET_CADENCE_DATES = f"UPDATE contact SET {_DATES} = {_cadence_dates_of('contact')}"
# Whether a contact row may have a cadence or stored dates to correct; a
# contact without either (most imported ones) is not rewritten. Stored dates
# inserted with a row (restored, or from a JSON archive) are recomputed too.
_MAY_HAVE_CADENCE = f"""({_has_cadence("NEW.")}
    OR NEW.cadence_due_date IS NOT NULL OR NEW.cadence_overdue_date IS NOT NULL
    OR EXISTS (SELECT 1 FROM contact_tag WHERE contact_tag.contact_id = NEW.id))"""
_CADENCE_INPUTS = ("cadence_ideal_days", "cadence_max_days", "last_contacted", "added_date")


def _open_follow_ups_and_cadence_dates(db: pw.SqliteDatabase, migrator: SqliteMigrator) -> None:
    # The follow-ups still open, by date, read at start-up and after every contact
    # change: without it SQLite walks every unarchived contact (180 ms at 50,000).
    db.execute_sql(
        'CREATE INDEX "interaction_follow_up_done_follow_up_date" '
        'ON "interaction" ("follow_up_done", "follow_up_date")'
    )
    # The reach-out queue and the due counts read stored dates through these
    # indexes instead of working out every contact's cadence (95 ms at 50,000).
    db.execute_sql('ALTER TABLE "contact" ADD COLUMN "cadence_due_date" DATE')
    db.execute_sql('ALTER TABLE "contact" ADD COLUMN "cadence_overdue_date" DATE')
    db.execute_sql(_SET_CADENCE_DATES)
    changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in _CADENCE_INPUTS)
    for sql in (
        f"""CREATE TRIGGER contact_added_cadence AFTER INSERT ON contact
            WHEN {_MAY_HAVE_CADENCE} BEGIN
            {_SET_CADENCE_DATES} WHERE id = NEW.id; END""",
        f"""CREATE TRIGGER contact_changed_cadence
            AFTER UPDATE OF {", ".join(_CADENCE_INPUTS)} ON contact
            WHEN ({changed}) AND {_MAY_HAVE_CADENCE} BEGIN
            {_SET_CADENCE_DATES} WHERE id = NEW.id; END""",
        f"""CREATE TRIGGER contact_tag_added_cadence AFTER INSERT ON contact_tag BEGIN
            {_SET_CADENCE_DATES} WHERE id = NEW.contact_id; END""",
        # Also when a tag's deletion removes its links (ON DELETE CASCADE).
        f"""CREATE TRIGGER contact_tag_removed_cadence AFTER DELETE ON contact_tag BEGIN
            {_SET_CADENCE_DATES} WHERE id = OLD.contact_id; END""",
        f"""CREATE TRIGGER contact_tag_changed_cadence
            AFTER UPDATE OF contact_id, tag_id ON contact_tag BEGIN
            {_SET_CADENCE_DATES} WHERE id IN (OLD.contact_id, NEW.contact_id); END""",
        f"""CREATE TRIGGER tag_cadence_changed
            AFTER UPDATE OF cadence_ideal_days, cadence_max_days ON tag
            WHEN NEW.cadence_ideal_days IS NOT OLD.cadence_ideal_days
                OR NEW.cadence_max_days IS NOT OLD.cadence_max_days BEGIN
            {_SET_CADENCE_DATES}
            WHERE id IN (SELECT contact_id FROM contact_tag WHERE tag_id = NEW.id); END""",
        # The queue's order (most overdue first), and the due counts.
        'CREATE INDEX "contact_reach_out_queue" ON "contact" ("archived", '
        '"cadence_overdue_date", "cadence_due_date", "last_name", "first_name") '
        'WHERE "cadence_overdue_date" IS NOT NULL',
        'CREATE INDEX "contact_cadence_due" ON "contact" ("archived", '
        '"cadence_due_date", "cadence_overdue_date") WHERE "cadence_due_date" IS NOT NULL',
    ):
        db.execute_sql(sql)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema", _create_schema_v1),
    Migration(2, "last contacted kept by triggers", _last_contacted_by_triggers),
    Migration(3, "middle names, name prefix and suffix", _name_parts),
    Migration(
        4, "open follow-ups and cadence due dates indexed", _open_follow_ups_and_cadence_dates
    ),
)
SCHEMA_VERSION = MIGRATIONS[-1].version
