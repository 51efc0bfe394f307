"""The profile: who the user is, their self-assessment and career history."""

from __future__ import annotations

from typing import Any

from peewee import fn

from careerdesk.core import models as m
from careerdesk.core import records
from careerdesk.core.changes import Changes


def get_profile() -> m.Profile:
    """The single profile row, created empty the first time."""
    profile = m.Profile.select().order_by(m.Profile.id).first()
    if profile is None:
        with m.database_proxy.atomic():
            profile = m.Profile.create()
    return profile


def assessment_items(kind: str | None = None) -> list[m.AssessmentItem]:
    """Self-assessment items, grouped by kind in the order of ASSESSMENT_KINDS."""
    query = m.AssessmentItem.select()
    if kind:
        query = query.where(m.AssessmentItem.kind == kind)
    items = list(query.order_by(m.AssessmentItem.position, m.AssessmentItem.id))
    order = {k: i for i, k in enumerate(m.ASSESSMENT_KINDS)}
    return sorted(items, key=lambda item: order.get(item.kind, len(order)))


def career_history() -> list[m.CareerRole]:
    """Roles held, the current one first."""
    return list(
        m.CareerRole.select().order_by(
            m.CareerRole.end_date.is_null(False), m.CareerRole.start_date.desc()
        )
    )


def check_role(values: dict[str, Any]) -> None:
    """Raise ValueError unless a role has a title and its dates in order."""
    if not str(values.get("title", "")).strip():
        raise ValueError("A role needs a title.")
    start, end = values.get("start_date"), values.get("end_date")
    if start is None:
        raise ValueError("A role needs the date it started.")
    if end is not None and end < start:
        raise ValueError("A role cannot end before it starts.")


def add_role(**values: Any) -> tuple[int, Changes]:
    """Add a role to the career history (checked: a title, and dates in order)."""
    check_role(values)
    return records.insert_row(m.CareerRole, **values)


def update_role(role_id: int, **values: Any) -> Changes:
    current = records.stored_values(m.CareerRole, role_id)
    check_role({**current, **values})
    return records.update_row(m.CareerRole, role_id, **values)


def role_values(role_id: int) -> dict[str, Any]:
    """The stored fields of one role (for the editor)."""
    return records.stored_values(m.CareerRole, role_id)


def check_assessment_item(kind: str, text: str) -> None:
    """Raise ValueError unless the item has a known kind and some text."""
    if kind not in m.ASSESSMENT_KINDS:
        raise ValueError(f"A self-assessment item is one of: {', '.join(m.ASSESSMENT_KINDS)}.")
    if not text.strip():
        raise ValueError("Write the item first.")


def add_assessment_item(kind: str, text: str, **values: Any) -> tuple[int, Changes]:
    """Add a strength, weakness, interest, value or constraint, at the end of its kind."""
    check_assessment_item(kind, text)
    last = (
        m.AssessmentItem.select(fn.MAX(m.AssessmentItem.position))
        .where(m.AssessmentItem.kind == kind)
        .scalar()
    )
    return records.insert_row(
        m.AssessmentItem, kind=kind, text=text.strip(), position=(last or 0) + 1, **values
    )


def assessment_kind(item_id: int) -> str:
    return m.AssessmentItem.get_by_id(item_id).kind
