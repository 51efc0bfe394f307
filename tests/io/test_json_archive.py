"""JSON export and import: every table back exactly, into a new file only (io.json_archive)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import uuid
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerdesk import cli
from careerdesk.core import db as cdb
from careerdesk.core import models as m
from careerdesk.io import json_archive


def full_dump(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table with each value's storage type: 'exactly' means this."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        out = {}
        for model in m.ALL_MODELS:
            table = model._meta.table_name
            cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
            typed = ", ".join(f'"{c}", typeof("{c}")' for c in cols)
            out[table] = conn.execute(f'SELECT {typed} FROM "{table}" ORDER BY rowid').fetchall()
        return out
    finally:
        conn.close()


def test_example_plan_round_trips_exactly_through_the_command_line(tmp_path, example_plan):
    out = tmp_path / "plan.json"
    assert cli.run(["export", "json", str(out), "--db", str(example_plan)]) == 0
    copy = tmp_path / "copy.db"
    assert cli.run(["import", "json", str(out), "--db", str(copy)]) == 0
    assert full_dump(copy) == full_dump(example_plan)
    archive = json.loads(out.read_text(encoding="utf-8"))
    assert archive["format"] == "careerdesk-archive"
    assert archive["schema_version"] == cdb.SCHEMA_VERSION
    assert cdb.check_database(copy)


def test_import_into_a_file_that_holds_a_plan_is_refused_in_one_line(
    tmp_path, example_plan, capsys
):
    out = tmp_path / "plan.json"
    cli.run(["export", "json", str(out), "--db", str(example_plan)])
    capsys.readouterr()
    before = example_plan.read_bytes()
    assert cli.run(["import", "json", str(out), "--db", str(example_plan)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already holds a plan" in err
    assert example_plan.read_bytes() == before


def test_a_file_that_is_not_an_archive_makes_no_database(tmp_path, capsys):
    src = tmp_path / "notes.json"
    src.write_text('{"hello": 1}')
    target = tmp_path / "new.db"
    assert cli.run(["import", "json", str(src), "--db", str(target)]) == 2
    assert "not a CareerDesk JSON archive" in capsys.readouterr().err
    assert not target.exists()


def test_an_archive_with_a_broken_link_imports_nothing(tmp_path, example_plan):
    out = tmp_path / "plan.json"
    cli.run(["export", "json", str(out), "--db", str(example_plan)])
    archive = json.loads(out.read_text(encoding="utf-8"))
    steps = archive["tables"]["step"]
    steps["rows"][0][steps["columns"].index("goal_id")] = 99_999
    out.write_text(json.dumps(archive), encoding="utf-8")
    target = tmp_path / "new.db"
    assert cli.run(["import", "json", str(out), "--db", str(target)]) == 2
    assert not target.exists()


def test_an_archive_from_a_newer_schema_is_refused(tmp_path, example_plan, capsys):
    out = tmp_path / "plan.json"
    cli.run(["export", "json", str(out), "--db", str(example_plan)])
    archive = json.loads(out.read_text(encoding="utf-8"))
    archive["schema_version"] = cdb.SCHEMA_VERSION + 1
    out.write_text(json.dumps(archive), encoding="utf-8")
    capsys.readouterr()
    assert cli.run(["import", "json", str(out), "--db", str(tmp_path / "new.db")]) == 2
    assert "newer CareerDesk" in capsys.readouterr().err


# --- Random plans --------------------------------------------------------------

texts = st.text(max_size=40)
days = st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31))
floats = st.floats(allow_nan=False, allow_infinity=False, width=64) | st.none()
money = st.integers(-(2**53), 2**53) | st.none()
goal_st = st.fixed_dictionaries(
    {"title": texts, "start": days, "length": st.integers(0, 3000), "measure": floats}
)
step_st = st.fixed_dictionaries(
    {"title": texts, "due": days | st.none(), "cost": money, "effort": floats}
)
contact_st = st.fixed_dictionaries({"first": texts, "last": texts, "email": texts})
plan_st = st.fixed_dictionaries(
    {
        "goals": st.lists(goal_st, min_size=1, max_size=6),
        "steps": st.lists(st.tuples(st.integers(0, 5), step_st, st.integers(-1, 8)), max_size=10),
        "contacts": st.lists(contact_st, max_size=5),
        "tags": st.lists(st.text(min_size=1, max_size=10), max_size=4, unique=True),
        "links": st.lists(st.tuples(st.integers(0, 4), st.integers(0, 3)), max_size=6),
        "checkins": st.lists(st.tuples(days, st.integers(1, 5) | st.none(), floats), max_size=3),
    }
)


def _write_plan(plan: dict) -> None:
    with m.database_proxy.atomic():
        goal_ids = []
        for n, g in enumerate(plan["goals"]):
            parent = goal_ids[n // 2] if n and n % 2 == 0 else None
            goal_ids.append(
                m.Goal.create(
                    title=g["title"],
                    start_date=g["start"],
                    target_date=g["start"] + dt.timedelta(days=g["length"]),
                    measure_current=g["measure"],
                    parent=parent,
                ).id
            )
        step_ids: list[int] = []
        for goal_no, s, dep in plan["steps"]:
            step_ids.append(
                m.Step.create(
                    goal=goal_ids[goal_no % len(goal_ids)],
                    title=s["title"],
                    due_date=s["due"],
                    cost_minor=s["cost"],
                    currency="EUR" if s["cost"] is not None else None,
                    effort_hours=s["effort"],
                    depends_on=step_ids[dep] if 0 <= dep < len(step_ids) else None,
                ).id
            )
        contact_ids = [
            m.Contact.create(first_name=c["first"], last_name=c["last"], email=c["email"]).id
            for c in plan["contacts"]
        ]
        tag_ids = [m.Tag.create(name=t).id for t in plan["tags"]]
        seen = set()
        for c, t in plan["links"]:
            if contact_ids and tag_ids and (c % len(contact_ids), t % len(tag_ids)) not in seen:
                seen.add((c % len(contact_ids), t % len(tag_ids)))
                m.ContactTag.create(
                    contact=contact_ids[c % len(contact_ids)], tag=tag_ids[t % len(tag_ids)]
                )
        for day, wellbeing, progress in plan["checkins"]:
            checkin = m.CheckIn.create(date=day, wellbeing=wellbeing, reflection=str(uuid.uuid4()))
            for goal_id in goal_ids:
                m.CheckInGoal.create(
                    checkin=checkin, goal=goal_id, progress=progress or 0.0, health="on_track"
                )


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(plan=plan_st)
def test_random_plans_round_trip_exactly(tmp_path_factory, plan):
    folder = tmp_path_factory.mktemp("plan")
    source, copy, out = folder / "source.db", folder / "copy.db", folder / "plan.json"
    with cdb.opened(source) as database:
        _write_plan(plan)
        json_archive.export_archive(database, out)
    with cdb.opened(copy) as database:
        json_archive.import_archive(database, out)
    assert full_dump(copy) == full_dump(source)
