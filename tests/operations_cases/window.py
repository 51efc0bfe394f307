"""Operations of the window itself (file-level ones are not undoable; none yet)."""

from __future__ import annotations

import datetime as dt

from careerdesk.core import models as m
from careerdesk.core import records
from careerdesk.ui.operations import perform

from .case import Case


def _add_role(window) -> None:
    perform(
        window.ctx,
        "Add role",
        lambda: records.create(
            m.CareerRole, title="Tester", organisation="Acme", start_date=dt.date(2015, 1, 1)
        ),
    )


def _delete_goal(window) -> None:
    goal = m.Goal.select().where(m.Goal.parent.is_null(False)).order_by(m.Goal.id).first()
    perform(window.ctx, "Delete goal", lambda: records.delete(m.Goal, goal.id))


CASES = [
    Case("records: create a row", _add_role),
    Case("records: delete a goal with its steps", _delete_goal),
]
