"""The profile: who the user is, their self-assessment and career history."""

from __future__ import annotations

from typing import Any

from peewee import fn

from careerdesk.core import models as m
from careerdesk.core import records
from careerdesk.core.operation import Done, nothing_done
from careerdesk.core.vocabulary import ASSESSMENT_KINDS, CONSTRAINT_AREAS

# What the user edits of the profile itself (About me).
PROFILE_FIELDS = ("name", "headline", "location", "email", "growth_definition")
ROLE_FIELDS = (
    "title",
    "organisation",
    "industry",
    "level",
    "start_date",
    "end_date",
    "responsibilities",
)
ASSESSMENT_FIELDS = ("kind", "text", "detail", "constraint_area")


# --- reading ------------------------------------------------------------------------


def get_profile() -> m.Profile:
    """The single profile row; an unsaved empty one while the file has none.

    A read never writes: the row is made by the first change (`write_profile`),
    as one undo step with it, so opening the Profile tab of a file changes nothing.
    """
    return m.Profile.select().order_by(m.Profile.id).first() or m.Profile()


def assessment_items(kind: str | None = None) -> list[m.AssessmentItem]:
    """Self-assessment items, grouped by kind in the order of ASSESSMENT_KINDS."""
    query = m.AssessmentItem.select()
    if kind:
        query = query.where(m.AssessmentItem.kind == kind)
    items = list(query.order_by(m.AssessmentItem.position, m.AssessmentItem.id))
    order = {k: i for i, k in enumerate(ASSESSMENT_KINDS)}
    return sorted(items, key=lambda item: order.get(item.kind, len(order)))


def assessment_values(item_id: int) -> dict[str, Any]:
    """The fields of one self-assessment item its editor shows."""
    return records.stored_values(m.AssessmentItem, item_id, list(ASSESSMENT_FIELDS))


def career_history() -> list[m.CareerRole]:
    """Roles held, the current one first."""
    return list(
        m.CareerRole.select().order_by(
            m.CareerRole.end_date.is_null(False), m.CareerRole.start_date.desc()
        )
    )


def role_values(role_id: int) -> dict[str, Any]:
    """The stored fields of one role (for the editor)."""
    return records.stored_values(m.CareerRole, role_id, list(ROLE_FIELDS))


# --- checks ----------------------------------------------------------------------------


def _refuse_unknown(values: dict[str, Any], known: tuple[str, ...], what: str) -> None:
    unknown = set(values) - set(known)
    if unknown:
        raise ValueError(f"{what} has no field {', '.join(sorted(unknown))}.")


def check_role(values: dict[str, Any]) -> None:
    """Raise ValueError unless a role has a title and its dates in order."""
    if not str(values.get("title", "")).strip():
        raise ValueError("A role needs a title.")
    start, end = values.get("start_date"), values.get("end_date")
    if start is None:
        raise ValueError("A role needs the date it started.")
    if end is not None and end < start:
        raise ValueError("A role cannot end before it starts.")


def check_assessment_item(kind: str, text: str, constraint_area: str | None = None) -> None:
    """Raise ValueError unless the item has a known kind and some text."""
    if kind not in ASSESSMENT_KINDS:
        raise ValueError(f"A self-assessment item is one of: {', '.join(ASSESSMENT_KINDS)}.")
    if not text.strip():
        raise ValueError("Write the item first.")
    if constraint_area is not None and constraint_area not in CONSTRAINT_AREAS:
        raise ValueError(f"A constraint is on one of: {', '.join(CONSTRAINT_AREAS)}.")


# --- writing (each returns Done; its undo is the operation that takes it back) -------


def update_profile(**values: Any) -> Done:
    """Change fields of About me (name, headline, location, e-mail, what growth means)."""
    _refuse_unknown(values, PROFILE_FIELDS, "The profile")
    values = {k: str(v).strip() if k != "growth_definition" else str(v) for k, v in values.items()}
    return write_profile(**values)


def write_profile(**values: Any) -> Done:
    """Set fields of the profile row, made with them when the file has none (undo removes it)."""
    me = m.Profile.select(m.Profile.id).order_by(m.Profile.id).first()
    if me is None:
        return records.create(m.Profile, **values)
    return records.update(m.Profile, me.id, **values)


def add_role(**values: Any) -> Done:
    """Add a role to the career history (checked: a title, and dates in order)."""
    _refuse_unknown(values, ROLE_FIELDS, "A role")
    check_role(values)
    return records.create(m.CareerRole, **values)


def update_role(role_id: int, **values: Any) -> Done:
    """Change a role of the career history; the same checks as adding one."""
    _refuse_unknown(values, ROLE_FIELDS, "A role")
    check_role({**role_values(role_id), **values})
    return records.update(m.CareerRole, role_id, **values)


def delete_role(role_id: int) -> Done:
    """Remove a role from the career history."""
    return records.delete(m.CareerRole, role_id)


def _next_position(kind: str) -> int:
    last = (
        m.AssessmentItem.select(fn.MAX(m.AssessmentItem.position))
        .where(m.AssessmentItem.kind == kind)
        .scalar()
    )
    return (last or 0) + 1


def add_assessment_item(
    kind: str, text: str, detail: str = "", constraint_area: str | None = None
) -> Done:
    """Add a strength, weakness, interest, value or constraint, at the end of its kind."""
    check_assessment_item(kind, text, constraint_area)
    return records.create(
        m.AssessmentItem,
        kind=kind,
        text=text.strip(),
        detail=detail.strip(),
        constraint_area=constraint_area if kind == "constraint" else None,
        position=_next_position(kind),
    )


def update_assessment_item(item_id: int, **values: Any) -> Done:
    """Change an item's text, detail, kind or constraint area; a new kind puts it last there."""
    _refuse_unknown(values, ASSESSMENT_FIELDS, "A self-assessment item")
    current = assessment_values(item_id)
    merged = {**current, **values}
    check_assessment_item(merged["kind"], merged["text"], merged["constraint_area"])
    if "text" in values:
        values["text"] = values["text"].strip()
    if "detail" in values:
        values["detail"] = values["detail"].strip()
    if merged["kind"] != "constraint":
        values["constraint_area"] = None  # only a constraint is on an area
    if merged["kind"] != current["kind"]:
        values["position"] = _next_position(merged["kind"])
    if not values:
        return nothing_done()
    return records.update(m.AssessmentItem, item_id, **values)


def delete_assessment_item(item_id: int) -> Done:
    """Remove an item from the self-assessment."""
    return records.delete(m.AssessmentItem, item_id)


def assessment_kind(item_id: int) -> str:
    """The kind of one item (a new one is added next to it)."""
    return m.AssessmentItem.get_by_id(item_id).kind
