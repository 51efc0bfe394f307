"""Create, update, delete and restore any record: row writes, and the same as operations."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import peewee as pw

from careerdesk.core import models as m
from careerdesk.core.changes import Changes
from careerdesk.core.operation import Done, nothing_done

# Which screen areas a write to each table touches.
_AREA: dict[type[m.BaseModel], str] = {
    m.Profile: "profile",
    m.AssessmentItem: "profile",
    m.CareerRole: "history",
    m.Skill: "skills",
    m.SkillLevelChange: "skills",
    m.Evidence: "skills",
    m.TargetRole: "roles",
    m.RoleRequirement: "roles",
    m.Goal: "goals",
    m.Step: "steps",
    m.GoalSkill: "goals",
    m.LearningActivity: "learning",
    m.LearningSkill: "learning",
    m.Contact: "contacts",
    m.Tag: "contacts",
    m.ContactTag: "contacts",
    m.Employment: "contacts",
    m.GoalContact: "contacts",
    m.Interaction: "interactions",
    m.CheckIn: "journal",
    m.CheckInGoal: "journal",
    m.Achievement: "journal",
    m.AchievementSkill: "journal",
    m.Feedback: "journal",
    m.FeedbackSkill: "journal",
}


def changes_for(*model_classes: type[m.BaseModel]) -> Changes:
    """The Changes flags for writes to these tables."""
    return Changes(**{_AREA[cls]: True for cls in model_classes})


def _check_fields(model: type[m.BaseModel], values: Mapping[str, Any]) -> None:
    unknown = (
        set(values)
        - set(model._meta.fields)
        - {
            f"{name}_id"
            for name, f in model._meta.fields.items()
            if isinstance(f, pw.ForeignKeyField)
        }
    )
    if unknown:
        raise ValueError(f"{model.__name__} has no field {', '.join(sorted(unknown))}")


def insert_row(model: type[m.BaseModel], **values: Any) -> tuple[int, Changes]:
    """Insert one record; return its id and what changed."""
    _check_fields(model, values)
    with m.database_proxy.atomic():
        row = model.create(**values)
    return row.id, changes_for(model)


def update_row(model: type[m.BaseModel], record_id: int, **values: Any) -> Changes:
    """Set fields of one record (and its updated_at)."""
    _check_fields(model, values)
    with m.database_proxy.atomic():
        row = model.get_by_id(record_id)
        for name, value in values.items():
            setattr(row, name, value)
        row.save()
    return changes_for(model)


def values_of(row: m.BaseModel, names: list[str] | None = None) -> dict[str, Any]:
    """The stored values of a record (foreign keys as ids), e.g. to undo an edit."""
    data = row.__data__
    return {k: data.get(k) for k in (names or list(data))}


def stored_values(
    model: type[m.BaseModel], record_id: int, names: list[str] | None = None
) -> dict[str, Any]:
    """The stored values of one record, by id."""
    return values_of(model.get_by_id(record_id), names)


@dataclass
class DeletedRecords:
    """Everything a delete removed or unlinked, enough to put it all back."""

    rows: list[tuple[type[m.BaseModel], dict[str, Any]]] = field(default_factory=list)
    unlinked: list[tuple[type[m.BaseModel], str, list[int], int]] = field(default_factory=list)


def _collect(row: m.BaseModel, found: DeletedRecords, seen: set[tuple[str, int]]) -> None:
    key = (type(row).__name__, row.id)
    if key in seen:
        return
    seen.add(key)
    found.rows.append((type(row), dict(row.__data__)))
    for fk in type(row)._meta.backrefs:
        related = fk.model
        children = list(related.select().where(fk == row.id))
        if not children:
            continue
        if fk.on_delete == "CASCADE":
            for child in children:
                _collect(child, found, seen)
        else:  # SET NULL: remember the links to restore them
            found.unlinked.append((related, fk.name, [c.id for c in children], row.id))


def delete_rows(model: type[m.BaseModel], record_id: int) -> tuple[DeletedRecords, Changes]:
    """Delete a record and what cascades from it; return what is needed to restore it."""
    found = DeletedRecords()
    with m.database_proxy.atomic():
        _collect(model.get_by_id(record_id), found, set())
        model.delete_by_id(record_id)
    return found, changes_for(*{cls for cls, _ in found.rows}, *{c for c, *_ in found.unlinked})


def restore_rows(deleted: DeletedRecords) -> Changes:
    """Put back records removed by `delete`, with their ids, uuids and links."""
    with m.database_proxy.atomic():
        # Rows may point at each other (a step depending on a later one).
        m.database_proxy.execute_sql("PRAGMA defer_foreign_keys = ON")
        for cls, data in deleted.rows:  # parents were collected before their children
            cls.insert(**data).execute()
        for cls, fk_name, ids, target in deleted.unlinked:
            cls.update({fk_name: target}).where(cls.id.in_(ids)).execute()
    return changes_for(*{cls for cls, _ in deleted.rows}, *{c for c, *_ in deleted.unlinked})


# --- the same as operations (Done with its undo) ---------------------------------


def create(model: type[m.BaseModel], **values: Any) -> Done:
    """Insert one record; undo deletes it (and what hangs from it). `value` is its id."""
    record_id, changes = insert_row(model, **values)
    return added(model, record_id, changes)


def added(model: type[m.BaseModel], record_id: int, changes: Changes) -> Done:
    """The Done of a record a core function has just inserted (after its own checks)."""
    return Done(changes, lambda: delete(model, record_id), record_id)


def update(model: type[m.BaseModel], record_id: int, **values: Any) -> Done:
    """Set fields of one record; undo sets them back. Nothing changes: nothing done."""
    before = stored_values(model, record_id, list(values))
    if all(before[k] == v for k, v in values.items()):
        return nothing_done()
    changes = update_row(model, record_id, **values)
    return Done(changes, lambda: update(model, record_id, **before))


def delete(model: type[m.BaseModel], record_id: int) -> Done:
    """Delete a record and what cascades from it; undo puts back the same rows."""
    deleted, changes = delete_rows(model, record_id)
    return Done(changes, lambda: restore(deleted), deleted)


def restore(deleted: DeletedRecords) -> Done:
    """Put back what `delete` removed; undo deletes it again."""
    changes = restore_rows(deleted)
    root_model, root = deleted.rows[0]
    return Done(changes, lambda: delete(root_model, root["id"]))


def is_empty() -> bool:
    """True for a file with nothing of the user's in it yet (a new file)."""
    return not any(model.select().exists() for model in (m.Goal, m.Skill, m.Contact, m.CareerRole))
