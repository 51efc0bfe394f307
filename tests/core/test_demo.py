"""The example plan: believable, complete, relative to today and deterministic (core.demo)."""

from __future__ import annotations

import datetime as dt
import sqlite3

from careerdesk.core import db as cdb
from careerdesk.core import demo, demo_content, gaps
from careerdesk.core import models as m


def test_example_plan_has_everything_the_tabs_show(example_plan, today):
    TODAY = today  # noqa: N806
    with cdb.opened(example_plan):
        assert 6 <= m.Goal.select().count() <= 10
        assert m.Goal.select().where(m.Goal.horizon == "long").count() >= 2
        assert m.Goal.select().where(m.Goal.horizon == "short").count() >= 2
        steps = list(m.Step.select())
        assert len(steps) >= 30
        dues = [s.due_date for s in steps]
        assert (max(dues) - min(dues)).days >= 365 + 180  # spread over ~2 years
        assert any(s.done_date for s in steps)
        assert any(s.done_date is None and s.due_date < TODAY for s in steps)  # overdue
        skills = list(m.Skill.select())
        assert len(skills) >= 15
        assert sum(1 for s in skills if (s.current_level or 0) < (s.target_level or 0)) >= 8
        roles = {r.onet_code or r.source: r for r in m.TargetRole.select()}
        assert {"15-1299.08", "11-3021.00", "own"} <= set(roles)
        for role in roles.values():
            assert role.requirements.count() >= 5
        assert m.LearningActivity.select().count() >= 5
        assert m.CareerRole.select().count() >= 3
        assert m.Contact.select().count() >= 40
        assert m.Interaction.select().count() >= 40
        checkins = list(m.CheckIn.select())
        assert len(checkins) == 4 and all(c.date < TODAY for c in checkins)
        assert m.CheckInGoal.select().count() > 0
        assert m.Achievement.select().count() >= 3 and m.Feedback.select().count() >= 3


def test_example_plan_is_deterministic_for_a_day(tmp_path, today):
    TODAY = today  # noqa: N806

    def dump(path):
        conn = sqlite3.connect(path)
        rows = (
            conn.execute("SELECT title, start_date, target_date FROM goal ORDER BY id").fetchall()
            + conn.execute(
                "SELECT first_name, last_name, company, last_contacted FROM contact ORDER BY id"
            ).fetchall()
        )
        conn.close()
        return rows

    for name in ("a.db", "b.db"):
        with cdb.opened(tmp_path / name):
            demo.write_example_plan(today=TODAY)
    assert dump(tmp_path / "a.db") == dump(tmp_path / "b.db")
    with cdb.opened(tmp_path / "later.db"):
        demo.write_example_plan(today=TODAY + dt.timedelta(days=30))
        first = m.Goal.select().order_by(m.Goal.id).first()
    # Dates move with "today", so the plan never goes stale.
    assert first.start_date == dt.date.fromisoformat(dump(tmp_path / "a.db")[0][1]) + dt.timedelta(
        days=30
    )


def test_scale_and_contacts_for_benchmarks(tmp_path, today):
    TODAY = today  # noqa: N806
    with cdb.opened(tmp_path / "big.db"):
        demo.write_example_plan(today=TODAY, scale=3, contacts=500)
        assert m.Goal.select().count() == 3 * len(demo_content.GOALS)
        assert m.Step.select().count() == 3 * sum(len(g[-1]) for g in demo_content.GOALS)
        names = [s.name for s in m.Skill.select(m.Skill.name)]
        assert sum(n.endswith((" (2)", " (3)")) for n in names) == 2 * len(demo_content.SKILLS)
        assert m.CheckIn.select().count() == 12
        assert m.Contact.select().count() == 500
        emails = [c.email for c in m.Contact.select(m.Contact.email)]
        assert len(set(emails)) == 500


def test_example_roles_show_gaps(example_plan):
    with cdb.opened(example_plan):
        for role in m.TargetRole.select():
            analysis = gaps.role_analysis(role.id)
            assert 0 < analysis.readiness < 1, role.title
            assert analysis.open_gaps
