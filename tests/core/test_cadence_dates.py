"""Stored due dates (schema 4): after every kind of change, what the keep-in-touch rule gives."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import peewee as pw

from careerdesk.core import db as cdb
from careerdesk.core import models as m
from careerdesk.core import network_edits, records
from careerdesk.core.cadence import due_count, reach_out_queue
from careerdesk.io import contact_import, json_archive

FIXTURES = Path(__file__).parent.parent / "io" / "fixtures"
RELEASED = Path(__file__).parent.parent / "data"
D = dt.date
TODAY = D(2026, 11, 23)  # the day these writes are made on


def _interval(ideal: pw.Field, maximum: pw.Field) -> tuple[pw.Node, pw.Node]:
    ideal_days = pw.fn.COALESCE(ideal, maximum)
    return ideal_days, pw.fn.max(pw.fn.COALESCE(maximum, ideal), ideal_days)


def old_schedule() -> pw.Select:
    """The rule as cadence._schedule computed it on every call before schema 4
    (copied as it was, without its filter of archived contacts: the stored dates
    are kept for every contact, the queue leaves the archived out)."""
    C, T, CT = m.Contact, m.Tag, m.ContactTag
    own_ideal, own_max = _interval(C.cadence_ideal_days, C.cadence_max_days)
    own = C.select(
        C.id.alias("contact_id"),
        own_ideal.alias("ideal"),
        own_max.alias("maximum"),
        pw.Value("").alias("source"),
    ).where(C.cadence_ideal_days.is_null(False) | C.cadence_max_days.is_null(False))
    tag_ideal, tag_max = _interval(T.cadence_ideal_days, T.cadence_max_days)
    tagged = (
        CT.select(CT.contact, tag_ideal, tag_max, T.name)
        .join(T)
        .where(T.cadence_ideal_days.is_null(False) | T.cadence_max_days.is_null(False))
    )
    candidates = (own + tagged).cte(
        "candidates", columns=("contact_id", "ideal", "maximum", "source")
    )
    rank = candidates.c.ideal * 100_000_000 + candidates.c.maximum * 10_000
    best = (
        candidates.select_from(
            candidates.c.contact_id,
            candidates.c.ideal,
            candidates.c.maximum,
            candidates.c.source,
            pw.fn.MIN(rank + (candidates.c.source != "")).alias("rank"),
        )
        .group_by(candidates.c.contact_id)
        .cte("best")
    )
    counted_from = pw.fn.COALESCE(C.last_contacted, C.added_date)

    def plus(days: pw.Node) -> pw.Node:
        return pw.fn.date(counted_from, pw.Value("+").concat(days).concat(" days"))

    return (
        C.select(C.id, plus(best.c.ideal), plus(best.c.maximum))
        .join(best, on=(best.c.contact_id == C.id))
        .with_cte(candidates, best)
    )


def stored() -> dict[int, tuple[str | None, str | None]]:
    rows = m.database_proxy.execute_sql(
        "SELECT id, cadence_due_date, cadence_overdue_date FROM contact"
    )
    return {contact_id: (due, overdue) for contact_id, due, overdue in rows}


def by_the_rule() -> dict[int, tuple[str | None, str | None]]:
    expected = {contact_id: (None, None) for contact_id in stored()}
    for contact_id, due, overdue in old_schedule().tuples():
        expected[contact_id] = (due, overdue)
    return expected


def assert_dates_follow_the_rule() -> None:
    assert stored() == by_the_rule()


def person(first: str, ideal: int | None = None, maximum: int | None = None, **fields) -> int:
    return m.Contact.create(
        first_name=first,
        last_name="X",
        cadence_ideal_days=ideal,
        cadence_max_days=maximum,
        added_date=fields.pop("added_date", D(2026, 1, 1)),
        **fields,
    ).id


def tag_id(name: str) -> int:
    return m.Tag.get(m.Tag.name == name).id


def some_people() -> dict[str, int]:
    people = {
        "ann": person("Ann", 30, 60),
        "bo": person("Bo", 30, None),
        "cy": person("Cy", None, 45),
        "di": person("Di"),
        "ed": person("Ed", 14, 30, archived=True),
        # an imported "last contacted": schema 2's trigger sets last_contacted
        "fay": person("Fay", 20, 40, imported_last_contacted=D(2026, 3, 1)),
        "gus": person("Gus", 14, 20),
    }
    assert_dates_follow_the_rule()
    return people


def test_a_contact_added_or_changed(db_path):
    p = some_people()
    assert stored()[p["di"]] == (None, None)
    assert stored()[p["ann"]] == ("2026-01-31", "2026-03-02")
    network_edits.set_cadence(p["di"], 10, 20)
    assert_dates_follow_the_rule()
    network_edits.set_cadence(p["ann"], None, None)
    assert stored()[p["ann"]] == (None, None)
    records.update(m.Contact, p["bo"], added_date=D(2026, 2, 1))
    assert_dates_follow_the_rule()
    network_edits.set_archived(p["bo"], True)
    assert_dates_follow_the_rule()


def test_interactions_move_the_dates_through_last_contacted(db_path):
    p = some_people()
    logged = network_edits.log_interaction(
        p["ann"], D(2026, 4, 1), "coffee", "Caught up", today=TODAY
    )
    assert stored()[p["ann"]] == ("2026-05-01", "2026-05-31")
    interaction = m.Interaction.get(m.Interaction.contact == p["ann"]).id
    network_edits.edit_interaction(interaction, D(2026, 2, 1), "coffee", today=TODAY)
    assert_dates_follow_the_rule()
    logged.undo()
    assert_dates_follow_the_rule()
    # The imported date, folded into last_contacted by another trigger.
    m.Contact.update(imported_last_contacted=D(2026, 6, 1)).where(
        m.Contact.id == p["fay"]
    ).execute()
    assert stored()[p["fay"]] == ("2026-06-21", "2026-07-11")
    network_edits.contacted_today(p["gus"], D(2026, 5, 1))
    assert_dates_follow_the_rule()


def test_tags_and_their_cadences(db_path):
    p = some_people()
    network_edits.set_tags(p["ann"], ["close", "yearly"])
    network_edits.set_tags(p["di"], ["close"])
    network_edits.set_tags(p["gus"], ["close", "peers"])
    network_edits.set_tags(p["ed"], ["close"])
    assert_dates_follow_the_rule()
    network_edits.set_tag_cadences({"close": (14, 30), "yearly": (365, None)})
    assert stored()[p["di"]] == ("2026-01-15", "2026-01-31")
    assert_dates_follow_the_rule()
    # Gus's own (14, 20) beats close's (14, 30) on the maximum; peers ties with his own.
    network_edits.set_tag_cadences({"peers": (14, 20)})
    assert stored()[p["gus"]] == ("2026-01-15", "2026-01-21")
    assert_dates_follow_the_rule()
    network_edits.set_tag_cadences({"close": (None, 10)})
    assert_dates_follow_the_rule()
    network_edits.set_tags(p["ann"], ["yearly"])  # close removed
    assert_dates_follow_the_rule()
    network_edits.set_tag_cadences({"yearly": (None, None)})
    assert_dates_follow_the_rule()
    # A link moved from one contact to another.
    m.ContactTag.update(contact=p["bo"]).where(
        (m.ContactTag.contact == p["di"]) & (m.ContactTag.tag == tag_id("close"))
    ).execute()
    assert stored()[p["di"]] == (None, None)
    assert_dates_follow_the_rule()


def test_a_tag_deleted_and_put_back(db_path):
    p = some_people()
    for name in ("ann", "di", "gus"):
        network_edits.set_tags(p[name], ["close"])
    network_edits.set_tag_cadences({"close": (7, 9)})
    assert stored()[p["di"]] == ("2026-01-08", "2026-01-10")
    deleted = records.delete(m.Tag, tag_id("close"))  # its links go by ON DELETE CASCADE
    assert stored()[p["di"]] == (None, None)
    assert_dates_follow_the_rule()
    deleted.undo()
    assert stored()[p["di"]] == ("2026-01-08", "2026-01-10")
    assert_dates_follow_the_rule()


def test_a_contact_put_back_with_stale_dates_is_recomputed(db_path):
    p = some_people()
    network_edits.set_tags(p["ann"], ["close"])
    network_edits.set_tag_cadences({"close": (7, 9)})
    network_edits.log_interaction(p["ann"], D(2026, 4, 1), "call", "", today=TODAY)
    deleted = network_edits.delete_contact(p["ann"])
    for model, data in deleted.value.rows:
        if model is m.Contact:
            data["cadence_due_date"] = data["cadence_overdue_date"] = D(1999, 1, 1)
    deleted.undo()
    assert stored()[p["ann"]] == ("2026-04-08", "2026-04-10")
    assert_dates_follow_the_rule()


def test_a_contact_saved_with_dates_read_before_a_change(db_path):
    p = some_people()
    ann = m.Contact.get_by_id(p["ann"])
    network_edits.set_tags(p["ann"], ["close"])
    network_edits.set_tag_cadences({"close": (7, 9)})
    ann.notes = "met at the meetup"
    ann.save()  # writes every column, the dates as they were read
    assert stored()[p["ann"]] == ("2026-01-08", "2026-01-10")
    assert_dates_follow_the_rule()


def test_an_import_and_its_undo(db_path):
    p = some_people()
    network_edits.set_tags(p["di"], ["mentor"])
    network_edits.set_tag_cadences({"mentor": (30, 45)})
    plan = contact_import.preview(contact_import.read_file("vcard", FIXTURES / "apple_30.vcf"))
    done = contact_import.apply(plan, today=D(2026, 11, 23))
    yuki = m.Contact.get(m.Contact.last_name == "Nakamura")
    assert stored()[yuki.id] != (None, None)  # tagged "mentor" by the file
    assert_dates_follow_the_rule()
    redo = done.undo()
    assert_dates_follow_the_rule()
    redo.undo()
    assert_dates_follow_the_rule()
    plan = contact_import.preview(
        contact_import.read_file("linkedin", FIXTURES / "linkedin_connections.csv")
    )
    contact_import.apply(plan, today=D(2026, 11, 23))
    assert_dates_follow_the_rule()


def test_an_archive_with_stale_dates_loads_with_the_rules_dates(tmp_path):
    with cdb.opened(tmp_path / "first.db") as database:
        p = some_people()
        network_edits.set_tags(p["di"], ["close"])
        network_edits.set_tag_cadences({"close": (7, 9)})
        expected = stored()
        archive = json_archive.dump(database)
    contacts = archive["tables"]["contact"]
    due, overdue = (
        contacts["columns"].index(c) for c in ("cadence_due_date", "cadence_overdue_date")
    )
    for row in contacts["rows"]:
        row[due], row[overdue] = "1999-01-01", None
    with cdb.opened(tmp_path / "second.db") as database:
        json_archive.load(database, archive)
        assert stored() == expected
        assert_dates_follow_the_rule()


def test_an_upgraded_file_has_the_rules_dates(tmp_path):
    path = tmp_path / "v3.careerdesk"
    shutil.copy(RELEASED / "schema-v3.careerdesk", path)
    with cdb.opened(path):
        assert any(due for due, _overdue in stored().values())
        assert_dates_follow_the_rule()


def test_queue_and_counts_leave_the_archived_out(db_path):
    p = some_people()
    today = D(2026, 12, 1)
    assert p["ed"] not in {d.contact_id for d in reach_out_queue(today)}
    assert sum(due_count(today)) == len(reach_out_queue(today)) == 5
