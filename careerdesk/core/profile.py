"""The profile: who the user is, their self-assessment and career history."""

from __future__ import annotations

from careerdesk.core import models as m


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
