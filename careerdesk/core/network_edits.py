"""Network edits as operations: contacts, tags, cadences, interactions, jobs, goal links.

Every function checks its input (a ValueError is one sentence for the user)
and returns a Done whose undo puts the same rows back, with their ids and
uuids. "Last contacted" is never written here: the database's triggers keep it
from the interactions and the date an imported file gave (schema 2).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from careerdesk.core import models as m
from careerdesk.core import records
from careerdesk.core.cadence import check_cadence
from careerdesk.core.changes import Changes
from careerdesk.core.network import contact_tags
from careerdesk.core.operation import Done, in_order, nothing_done
from careerdesk.core.vocabulary import INTERACTION_KINDS, RELATIONSHIPS

_CONTACT_CHANGES = Changes(contacts=True)

# Fields of a contact the detail pane edits directly.
EDITABLE_FIELDS = (
    "first_name",
    "last_name",
    "company",
    "position",
    "email",
    "phone",
    "linkedin_url",
    "how_met",
    "relationship",
    "urls",
    "notes",
)
# One "@" with something on both sides and no spaces: loose on purpose, since
# real addresses are more varied than any stricter rule admits.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")


def check_email(text: str) -> None:
    """Refuse text that cannot be an e-mail address (an empty field is fine)."""
    if text and not _EMAIL.match(text):
        raise ValueError(f"“{text}” is not an e-mail address (it needs a name@domain form).")


# --- contacts -------------------------------------------------------------------------


def new_contact(first_name: str, last_name: str, today: dt.date) -> Done:
    """Add a contact by name, added today; `value` is its id."""
    if not (first_name.strip() or last_name.strip()):
        raise ValueError("A contact needs a first or a last name.")
    return records.create(
        m.Contact,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        added_date=today,
        source="manual",
    )


def edit_contact(contact_id: int, **values: Any) -> Done:
    """Change fields of a contact (names, company, e-mail, notes…); nothing else."""
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"A contact's {', '.join(sorted(unknown))} cannot be edited here.")
    values = {k: v.strip() if k not in ("notes", "urls") else v for k, v in values.items()}
    if "email" in values:
        check_email(values["email"])
    if "relationship" in values and values["relationship"] not in RELATIONSHIPS:
        raise ValueError(f"'{values['relationship']}' is not a relationship.")
    stored = records.stored_values(m.Contact, contact_id, ["first_name", "last_name"])
    names = {**stored, **{k: v for k, v in values.items() if k in stored}}
    if not (names["first_name"] or names["last_name"]):
        raise ValueError("A contact needs a first or a last name.")
    return records.update(m.Contact, contact_id, **values)


def set_archived(contact_id: int, archived: bool) -> Done:
    """Archive a contact (hidden from the list and the queue, kept with its history)."""
    return records.update(m.Contact, contact_id, archived=archived)


def delete_contact(contact_id: int) -> Done:
    """Delete a contact with its interactions, jobs, tags and goal links."""
    return records.delete(m.Contact, contact_id)


# --- rows added and removed as one step ---------------------------------------------------

_Rows = Sequence[tuple[type[m.BaseModel], dict[str, Any]]]


def _swapped(added: _Rows, removed: _Rows, changes: Changes) -> Done:
    """Rows that were added and removed; undo removes the added and puts back the removed.

    Both lists are parents first: removal runs newest child first, insertion in order.
    """

    def undo() -> Done:
        with m.database_proxy.atomic():
            for model, data in reversed(added):
                model.delete_by_id(data["id"])
            for model, data in removed:
                model.insert(**data).execute()
        return _swapped(removed, added, changes)

    return Done(changes, undo)


def set_tags(contact_id: int, names: list[str]) -> Done:
    """Give a contact exactly these tags (creating new ones)."""
    wanted: dict[str, str] = {}
    for name in names:
        clean = _clean_tag(name)
        wanted.setdefault(clean.casefold(), clean)
    if [t.casefold() for t in contact_tags(contact_id)] == list(wanted):
        return nothing_done()
    added: list[tuple[type[m.BaseModel], dict[str, Any]]] = []
    removed: list[tuple[type[m.BaseModel], dict[str, Any]]] = []
    with m.database_proxy.atomic():
        existing = {t.name.casefold(): t for t in m.Tag.select()}
        ids = []
        for key, name in wanted.items():
            tag = existing.get(key)
            if tag is None:
                tag = m.Tag.create(name=name)
                added.append((m.Tag, dict(tag.__data__)))
            ids.append(tag.id)
        links = m.ContactTag.select().where(m.ContactTag.contact == contact_id)
        have = set()
        for link in links:
            if link.tag_id in ids:
                have.add(link.tag_id)
            else:
                removed.append((m.ContactTag, dict(link.__data__)))
                link.delete_instance()
        for tag_id in ids:
            if tag_id not in have:
                link = m.ContactTag.create(contact=contact_id, tag=tag_id)
                added.append((m.ContactTag, dict(link.__data__)))
    return _swapped(added, removed, _CONTACT_CHANGES)


def _clean_tag(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValueError("A tag needs a name.")
    if "," in name:
        raise ValueError("A tag cannot contain a comma (lists of tags are separated by commas).")
    return name


# --- cadences ------------------------------------------------------------------------------


def set_tag_cadences(cadences: dict[str, tuple[int | None, int | None]]) -> Done:
    """Set several tags' (ideal, maximum) keep-in-touch cadences as one step."""
    for ideal_days, max_days in cadences.values():
        check_cadence(ideal_days, max_days)
    steps = []
    for name, (ideal_days, max_days) in cadences.items():
        tag = m.Tag.get_or_none(m.Tag.name == name)
        if tag is None:
            raise ValueError(f"There is no tag “{name}”.")
        steps.append(
            records.update(m.Tag, tag.id, cadence_ideal_days=ideal_days, cadence_max_days=max_days)
        )
    return in_order(steps)


def set_cadence(contact_id: int, ideal_days: int | None, max_days: int | None) -> Done:
    """A contact's own keep-in-touch cadence (None, None: only its tags' cadences apply)."""
    check_cadence(ideal_days, max_days)
    return records.update(
        m.Contact, contact_id, cadence_ideal_days=ideal_days, cadence_max_days=max_days
    )


# --- interactions --------------------------------------------------------------------------


def _touching_contacts(done: Done) -> Done:
    """An interaction's write also changes its contact's "last contacted" (by trigger)."""
    return Done(
        done.changes | _CONTACT_CHANGES, lambda: _touching_contacts(done.undo()), done.value
    )


def check_interaction(
    date: dt.date, kind: str, follow_up_date: dt.date | None, today: dt.date
) -> None:
    """Refuse an interaction that cannot be recorded, with a reason for the user.

    An interaction is a conversation that happened (its date becomes "last contacted"
    and starts the cadence again); what is planned is its follow-up, which may be
    in the future."""
    if date > today:
        raise ValueError(
            "An interaction is one that happened, so its date cannot be after today "
            "(plan the next one as a follow-up)."
        )
    if kind not in INTERACTION_KINDS:
        raise ValueError(f"'{kind}' is not an interaction kind: {', '.join(INTERACTION_KINDS)}.")
    if follow_up_date is not None and follow_up_date < date:
        raise ValueError("The follow-up date cannot be before the interaction.")


def log_interaction(
    contact_id: int,
    date: dt.date,
    kind: str,
    summary: str = "",
    follow_up_date: dt.date | None = None,
    notes: str = "",
    *,
    today: dt.date,
) -> Done:
    """Record an interaction (a later date becomes "last contacted"); `value` is its id."""
    check_interaction(date, kind, follow_up_date, today)
    m.Contact.get_by_id(contact_id)
    done = records.create(
        m.Interaction,
        contact=contact_id,
        date=date,
        kind=kind,
        summary=summary,
        follow_up_date=follow_up_date,
        notes=notes,
    )
    return _touching_contacts(done)


def contacted_today(contact_id: int, today: dt.date, summary: str = "Reached out") -> Done:
    """The reach-out queue's one action: a message logged today."""
    return log_interaction(contact_id, today, "message", summary, today=today)


def edit_interaction(
    interaction_id: int,
    date: dt.date,
    kind: str,
    summary: str = "",
    follow_up_date: dt.date | None = None,
    notes: str = "",
    follow_up_done: bool | None = None,
    *,
    today: dt.date,
) -> Done:
    """Change a logged interaction; "last contacted" follows its new date."""
    check_interaction(date, kind, follow_up_date, today)
    values: dict[str, Any] = dict(
        date=date, kind=kind, summary=summary, follow_up_date=follow_up_date, notes=notes
    )
    if follow_up_done is not None:
        values["follow_up_done"] = follow_up_done
    return _touching_contacts(records.update(m.Interaction, interaction_id, **values))


def follow_up_done(interaction_id: int, done: bool = True) -> Done:
    """Mark an interaction's follow-up as done (it leaves the reach-out queue)."""
    return records.update(m.Interaction, interaction_id, follow_up_done=done)


def delete_interaction(interaction_id: int) -> Done:
    """Delete a logged interaction; "last contacted" becomes the newest one left."""
    return _touching_contacts(records.delete(m.Interaction, interaction_id))


# --- jobs and goals ------------------------------------------------------------------------


def check_employment(
    company: str, position: str, start_date: dt.date | None, end_date: dt.date | None
) -> None:
    """Refuse a past job that cannot be recorded, with a reason for the user."""
    if not (company.strip() or position.strip()):
        raise ValueError("A job needs a company or a position.")
    if start_date and end_date and end_date < start_date:
        raise ValueError("A job cannot end before it starts.")


def add_employment(
    contact_id: int,
    company: str,
    position: str,
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    notes: str = "",
) -> Done:
    """Add a past job to a contact's employment history; `value` is its id."""
    check_employment(company, position, start_date, end_date)
    return records.create(
        m.Employment,
        contact=contact_id,
        company=company.strip(),
        position=position.strip(),
        start_date=start_date,
        end_date=end_date,
        notes=notes,
    )


def remove_employment(job_id: int) -> Done:
    return records.delete(m.Employment, job_id)


def link_goal(contact_id: int, goal_id: int, role: str = "") -> Done:
    """Record that this person helps with a goal; `value` is the link's id."""
    exists = m.GoalContact.get_or_none(
        (m.GoalContact.contact == contact_id) & (m.GoalContact.goal == goal_id)
    )
    if exists:
        raise ValueError("This person is already linked to that goal.")
    return records.create(m.GoalContact, contact=contact_id, goal=goal_id, role=role.strip())


def unlink_goal(link_id: int) -> Done:
    return records.delete(m.GoalContact, link_id)


def followed_up(interaction_id: int, today: dt.date, summary: str = "Followed up") -> Done:
    """A follow-up done today: a message logged with its contact, and the follow-up ticked."""
    contact_id = m.Interaction.get_by_id(interaction_id).contact_id
    return in_order(
        [
            log_interaction(contact_id, today, "message", summary, today=today),
            follow_up_done(interaction_id, True),
        ]
    )
