"""Network queries and edits: the contact list, a contact's details, interactions, tags, goals."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import NamedTuple

import peewee as pw

from careerdesk.core import models as m
from careerdesk.core import records
from careerdesk.core.cadence import ContactCadence, check_cadence, contact_cadence
from careerdesk.core.changes import Changes

# --- the contact list -------------------------------------------------------------------
#
# A filter matches when every word is found, case-insensitively, in the name,
# company, position, email or a tag (the contact's tag_text, which the
# database's triggers keep). Counting the matches scans the narrow
# `contact_search` index (m.CONTACT_SEARCH_TEXT) once. A page is read in one of
# two ways: few matches are read by id and sorted, many by walking the
# sort's index until the page is full (sorting tens of thousands of wide rows
# per keystroke would cost 100 ms at 50,000 contacts).

C = m.Contact
_NAME = (C.last_name.collate("NOCASE"), C.first_name.collate("NOCASE"))
# Sort keys the contact list offers -> columns; every key ends with the id so
# pages never overlap or skip a row when values repeat.
SORTS: dict[str, tuple[pw.Node, ...]] = {
    "name": _NAME,
    "first_name": (C.first_name.collate("NOCASE"), C.last_name.collate("NOCASE")),
    "last_name": _NAME,
    "company": (C.company.collate("NOCASE"), C.last_name.collate("NOCASE")),
    "position": (C.position.collate("NOCASE"), C.last_name.collate("NOCASE")),
    "email": (C.email.collate("NOCASE"),),
    "relationship": (C.relationship, C.last_name.collate("NOCASE")),
    # NULL sorts first in SQLite: never contacted counts as the longest ago.
    "last_contacted": (C.last_contacted,),
    "added_date": (C.added_date,),
}
# Below this many matches, sorting them beats walking a sort index in order.
_WALK_INDEX_FROM = 2000
_LIST_COLUMNS = (
    C.id,
    C.first_name,
    C.last_name,
    C.company,
    C.position,
    C.email,
    C.relationship,
    C.last_contacted,
)
_CASEFOLD = "careerdesk_casefold"


class ContactRow(NamedTuple):
    """One line of the contact list."""

    id: int
    first_name: str
    last_name: str
    company: str
    position: str
    email: str
    relationship: str
    last_contacted: dt.date | None
    tags: str  # comma-separated, for display

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)


def _casefold(text: str | None) -> str:
    return (text or "").casefold()


def _word_matches(word: str) -> pw.Expression:
    """One (case-folded) word of the filter found in a contact's search text (tags included)."""
    if word.isascii():  # SQLite's lower() folds ASCII only: enough here, and indexed
        return pw.fn.instr(m.CONTACT_SEARCH_TEXT, word) > 0
    # "zoë" must find "ZOË": Python folds the text (slower, without the index)
    m.database_proxy.register_function(_casefold, _CASEFOLD, 1, deterministic=True)
    return pw.fn.instr(getattr(pw.fn, _CASEFOLD)(m.CONTACT_SEARCH_FIELDS), word) > 0


def _matching(filter_text: str, *, use_search_index: bool) -> pw.Expression:
    """Contacts listed (not archived) that match every word of the filter."""
    # `archived = 0` lets SQLite pick the search index (which starts with
    # archived); `archived + 0` keeps it off that index so it walks a sort index.
    listed = (C.archived == False) if use_search_index else (C.archived + 0 == 0)  # noqa: E712
    for word in filter_text.casefold().split():
        listed &= _word_matches(word)
    return listed


def _matching_ids(filter_text: str) -> list[int]:
    """The ids of the contacts the filter matches, in one scan (as one JSON text)."""
    query = C.select(pw.fn.json_group_array(C.id)).where(
        _matching(filter_text, use_search_index=True)
    )
    return json.loads(query.scalar())


def _among(ids: list[int]) -> pw.Expression:
    """Contacts with these ids; the ids go to SQLite as one JSON text, since Peewee
    takes about 5 µs to bind each of a long list of parameters."""
    return C.id.in_(pw.Select([pw.fn.json_each(json.dumps(ids))], [pw.SQL("value")]))


def _order(sort: str, descending: bool) -> list[pw.Node]:
    if sort not in SORTS:
        raise ValueError(f"Cannot sort contacts by '{sort}'; use one of: {', '.join(SORTS)}.")
    return [key.desc() if descending else key.asc() for key in (*SORTS[sort], C.id)]


def _tags_of(ids: list[int]) -> dict[int, str]:
    """Each contact's tags as the list shows them: in name order, comma-separated."""
    names: dict[int, list[str]] = {}
    query = (
        m.ContactTag.select(m.ContactTag.contact, m.Tag.name)
        .join(m.Tag)
        .where(m.ContactTag.contact.in_(ids))
        .order_by(m.Tag.name.collate("NOCASE"), m.Tag.name)
        .tuples()
    )
    for contact_id, name in query:
        names.setdefault(contact_id, []).append(name)
    return {contact_id: ", ".join(tags) for contact_id, tags in names.items()}


def _page(where: pw.Expression, sort: str, descending: bool, offset: int, limit: int) -> list:
    rows = list(
        C.select(*_LIST_COLUMNS)
        .where(where)
        .order_by(*_order(sort, descending))
        .limit(limit)
        .offset(offset)
        .tuples()
    )
    tags = _tags_of([row[0] for row in rows])
    return [ContactRow(*row, tags.get(row[0], "")) for row in rows]


def contact_list(
    filter: str, sort: str, descending: bool, limit: int
) -> tuple[int, list[ContactRow]]:
    """How many contacts match the filter and their first page: what one keystroke shows."""
    _order(sort, descending)  # an unknown sort fails before any query
    if not filter.strip():
        total = C.select().where(C.archived == False).count()  # noqa: E712
        return total, _page(C.archived + 0 == 0, sort, descending, 0, limit)
    ids = _matching_ids(filter)
    return len(ids), _filtered_page(filter, ids, sort, descending, 0, limit)


def _filtered_page(
    filter: str, ids: list[int], sort: str, descending: bool, offset: int, limit: int
) -> list[ContactRow]:
    if not ids:
        return []
    if len(ids) < _WALK_INDEX_FROM:
        return _page(_among(ids), sort, descending, offset, limit)
    return _page(_matching(filter, use_search_index=False), sort, descending, offset, limit)


def contact_page(
    filter: str, sort: str, descending: bool, offset: int, limit: int
) -> list[ContactRow]:
    """One page of the filtered, sorted contact list (filtering and sorting run in SQL)."""
    _order(sort, descending)
    if not filter.strip():
        return _page(C.archived + 0 == 0, sort, descending, offset, limit)
    return _filtered_page(filter, _matching_ids(filter), sort, descending, offset, limit)


def contact_count(filter: str) -> int:
    """How many contacts match the filter."""
    return C.select().where(_matching(filter, use_search_index=True)).count()


# --- details ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    id: int
    company: str
    position: str
    start_date: dt.date | None
    end_date: dt.date | None
    notes: str


@dataclass(frozen=True)
class GoalHelped:
    link_id: int
    goal_id: int
    title: str
    role: str  # how this person helps


@dataclass(frozen=True)
class InteractionEntry:
    id: int
    date: dt.date
    kind: str
    summary: str
    follow_up_date: dt.date | None
    follow_up_done: bool
    notes: str


@dataclass(frozen=True)
class ContactDetails:
    """Everything the detail pane shows about one contact."""

    id: int
    first_name: str
    last_name: str
    company: str
    position: str
    email: str
    phone: str
    linkedin_url: str
    urls: list[str]
    relationship: str
    how_met: str
    introduced_by_id: int | None
    introduced_by_name: str
    cadence_ideal_days: int | None
    cadence_max_days: int | None
    added_date: dt.date
    connected_on: dt.date | None
    last_contacted: dt.date | None
    source: str
    archived: bool
    notes: str
    tags: list[str] = field(default_factory=list)
    employment: list[Job] = field(default_factory=list)
    goals: list[GoalHelped] = field(default_factory=list)
    interactions: list[InteractionEntry] = field(default_factory=list)
    cadence: ContactCadence | None = None

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)


def contact_tags(contact_id: int) -> list[str]:
    query = (
        m.Tag.select(m.Tag.name)
        .join(m.ContactTag)
        .where(m.ContactTag.contact == contact_id)
        .order_by(m.Tag.name.collate("NOCASE"), m.Tag.name)
    )
    return [tag.name for tag in query]


def employment(contact_id: int) -> list[Job]:
    """A contact's past jobs, the most recent first (undated ones last)."""
    query = (
        m.Employment.select()
        .where(m.Employment.contact == contact_id)
        .order_by(
            m.Employment.end_date.is_null(False).desc(),  # undated end: still or unknown
            m.Employment.end_date.desc(),
            m.Employment.start_date.desc(),
            m.Employment.id.desc(),
        )
    )
    return [Job(e.id, e.company, e.position, e.start_date, e.end_date, e.notes) for e in query]


def goals_helped(contact_id: int) -> list[GoalHelped]:
    query = (
        m.GoalContact.select(m.GoalContact, m.Goal)
        .join(m.Goal)
        .where(m.GoalContact.contact == contact_id)
        .order_by(m.Goal.title)
    )
    return [GoalHelped(link.id, link.goal.id, link.goal.title, link.role) for link in query]


def interactions(contact_id: int) -> list[InteractionEntry]:
    """The interaction history, the newest first."""
    query = (
        m.Interaction.select()
        .where(m.Interaction.contact == contact_id)
        .order_by(m.Interaction.date.desc(), m.Interaction.id.desc())
    )
    return [
        InteractionEntry(
            i.id, i.date, i.kind, i.summary, i.follow_up_date, i.follow_up_done, i.notes
        )
        for i in query
    ]


def contact_details(contact_id: int, today: dt.date) -> ContactDetails:
    """All a contact's fields and links; raises m.Contact.DoesNotExist for an unknown id."""
    c = m.Contact.get_by_id(contact_id)
    introducer = c.introduced_by
    return ContactDetails(
        id=c.id,
        first_name=c.first_name,
        last_name=c.last_name,
        company=c.company,
        position=c.position,
        email=c.email,
        phone=c.phone,
        linkedin_url=c.linkedin_url,
        urls=[u for u in c.urls.splitlines() if u.strip()],
        relationship=c.relationship,
        how_met=c.how_met,
        introduced_by_id=introducer.id if introducer else None,
        introduced_by_name=introducer.full_name if introducer else "",
        cadence_ideal_days=c.cadence_ideal_days,
        cadence_max_days=c.cadence_max_days,
        added_date=c.added_date,
        connected_on=c.connected_on,
        last_contacted=c.last_contacted,
        source=c.source,
        archived=c.archived,
        notes=c.notes,
        tags=contact_tags(contact_id),
        employment=employment(contact_id),
        goals=goals_helped(contact_id),
        interactions=interactions(contact_id),
        cadence=contact_cadence(contact_id, today),
    )


# --- edits ----------------------------------------------------------------------------------

_CONTACT_CHANGES = Changes(contacts=True)
_INTERACTION_CHANGES = Changes(contacts=True, interactions=True)


@dataclass(frozen=True)
class LoggedInteraction:
    """What logging an interaction did, enough to take it back."""

    interaction_id: int
    contact_id: int
    previous_last_contacted: dt.date | None


def _check_interaction(date: dt.date, kind: str, follow_up_date: dt.date | None) -> None:
    if kind not in m.INTERACTION_KINDS:
        raise ValueError(f"'{kind}' is not an interaction kind: {', '.join(m.INTERACTION_KINDS)}.")
    if follow_up_date is not None and follow_up_date < date:
        raise ValueError("The follow-up date cannot be before the interaction.")


def log_interaction(
    contact_id: int,
    date: dt.date,
    kind: str,
    summary: str = "",
    follow_up_date: dt.date | None = None,
    notes: str = "",
) -> tuple[LoggedInteraction, Changes]:
    """Record an interaction; a later date becomes "last contacted", restarting the cadence."""
    _check_interaction(date, kind, follow_up_date)
    with m.database_proxy.atomic():
        contact = m.Contact.get_by_id(contact_id)
        previous = contact.last_contacted
        interaction = m.Interaction.create(
            contact=contact_id,
            date=date,
            kind=kind,
            summary=summary,
            follow_up_date=follow_up_date,
            notes=notes,
        )
        if previous is None or date > previous:
            contact.last_contacted = date
            contact.save(only=[m.Contact.last_contacted, m.Contact.updated_at])
    return LoggedInteraction(interaction.id, contact_id, previous), _INTERACTION_CHANGES


def unlog_interaction(logged: LoggedInteraction) -> Changes:
    """Undo `log_interaction`: remove the interaction and put "last contacted" back."""
    with m.database_proxy.atomic():
        m.Interaction.delete_by_id(logged.interaction_id)
        _set_last_contacted(logged.contact_id, logged.previous_last_contacted)
    return _INTERACTION_CHANGES


@dataclass(frozen=True)
class InteractionChange:
    """What editing or deleting an interaction did, enough to take it back."""

    interaction_id: int
    contact_id: int
    previous_last_contacted: dt.date | None
    before: dict[str, object] = field(default_factory=dict)  # the edited fields as they were
    deleted: records.DeletedRecords | None = None


_INTERACTION_FIELDS = ("date", "kind", "summary", "follow_up_date", "follow_up_done", "notes")


def _set_last_contacted(contact_id: int, day: dt.date | None) -> None:
    m.Contact.update(last_contacted=day, updated_at=m.utc_now()).where(
        m.Contact.id == contact_id
    ).execute()


def _recount_last_contacted(contact_id: int, previous: dt.date | None, old_date: dt.date) -> None:
    """After the interaction of `old_date` changed or went, "last contacted" is the newest
    interaction left; a later date it had (a later interaction, an import) stays."""
    latest = (
        m.Interaction.select(m.Interaction.date)
        .where(m.Interaction.contact == contact_id)
        .order_by(m.Interaction.date.desc())
        .first()
    )
    newest = latest.date if latest else None
    if previous is None or previous <= old_date or (newest is not None and newest > previous):
        _set_last_contacted(contact_id, newest)


def edit_interaction(
    interaction_id: int,
    date: dt.date,
    kind: str,
    summary: str = "",
    follow_up_date: dt.date | None = None,
    notes: str = "",
) -> tuple[InteractionChange, Changes]:
    """Change a logged interaction; "last contacted" follows its new date."""
    _check_interaction(date, kind, follow_up_date)
    with m.database_proxy.atomic():
        interaction = m.Interaction.get_by_id(interaction_id)
        contact_id = interaction.contact_id
        previous = m.Contact.get_by_id(contact_id).last_contacted
        before = records.values_of(interaction, list(_INTERACTION_FIELDS))
        old_date = interaction.date
        records.update_row(
            m.Interaction,
            interaction_id,
            date=date,
            kind=kind,
            summary=summary,
            follow_up_date=follow_up_date,
            notes=notes,
        )
        _recount_last_contacted(contact_id, previous, old_date)
    return InteractionChange(interaction_id, contact_id, previous, before=before), (
        _INTERACTION_CHANGES
    )


def delete_interaction(interaction_id: int) -> tuple[InteractionChange, Changes]:
    """Delete a logged interaction; "last contacted" becomes the newest one left."""
    with m.database_proxy.atomic():
        interaction = m.Interaction.get_by_id(interaction_id)
        contact_id, old_date = interaction.contact_id, interaction.date
        previous = m.Contact.get_by_id(contact_id).last_contacted
        deleted, _changes = records.delete_rows(m.Interaction, interaction_id)
        _recount_last_contacted(contact_id, previous, old_date)
    return InteractionChange(interaction_id, contact_id, previous, deleted=deleted), (
        _INTERACTION_CHANGES
    )


def undo_interaction_change(change: InteractionChange) -> Changes:
    """Put an edited or deleted interaction back as it was, with "last contacted"."""
    with m.database_proxy.atomic():
        if change.deleted is not None:
            records.restore_rows(change.deleted)
        else:
            records.update_row(m.Interaction, change.interaction_id, **change.before)
        _set_last_contacted(change.contact_id, change.previous_last_contacted)
    return _INTERACTION_CHANGES


def contacted_today(contact_id: int, today: dt.date) -> tuple[LoggedInteraction, Changes]:
    """The reach-out queue's one action: a message logged today."""
    return log_interaction(contact_id, today, "message", "Reached out")


def _clean_tag(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValueError("A tag needs a name.")
    if "," in name:
        raise ValueError("A tag cannot contain a comma (lists of tags are separated by commas).")
    return name


def set_tags(contact_id: int, names: list[str]) -> tuple[list[str], Changes]:
    """Give a contact exactly these tags (creating new ones); return the tags it had before."""
    wanted: dict[str, str] = {}
    for name in names:
        clean = _clean_tag(name)
        wanted.setdefault(clean.casefold(), clean)
    with m.database_proxy.atomic():
        before = contact_tags(contact_id)
        existing = {t.name.casefold(): t for t in m.Tag.select()}
        ids = []
        for key, name in wanted.items():
            tag = existing.get(key) or m.Tag.create(name=name)
            ids.append(tag.id)
        m.ContactTag.delete().where(
            (m.ContactTag.contact == contact_id) & m.ContactTag.tag.not_in(ids)
        ).execute()
        have = {
            link.tag_id for link in m.ContactTag.select().where(m.ContactTag.contact == contact_id)
        }
        missing = [tag_id for tag_id in ids if tag_id not in have]
        if missing:
            m.ContactTag.insert_many(
                [{"contact": contact_id, "tag": tag_id} for tag_id in missing]
            ).execute()
    return before, _CONTACT_CHANGES


def add_tag(contact_id: int, name: str) -> tuple[list[str], Changes]:
    """Add one tag to a contact; return the tags it had before."""
    return set_tags(contact_id, [*contact_tags(contact_id), name])


def remove_tag(contact_id: int, name: str) -> tuple[list[str], Changes]:
    """Take one tag off a contact (the tag itself stays); return the tags it had before."""
    keep = [t for t in contact_tags(contact_id) if t.casefold() != name.casefold()]
    return set_tags(contact_id, keep)


def all_tags() -> list[tuple[str, int | None, int | None, int]]:
    """(name, ideal days, maximum days, number of contacts) of every tag."""
    query = (
        m.Tag.select(
            m.Tag.name,
            m.Tag.cadence_ideal_days,
            m.Tag.cadence_max_days,
            pw.fn.COUNT(m.ContactTag.id).alias("uses"),
        )
        .join(m.ContactTag, pw.JOIN.LEFT_OUTER)
        .group_by(m.Tag.id)
        .order_by(m.Tag.name.collate("NOCASE"), m.Tag.name)
        .tuples()
    )
    return list(query)


def set_tag_cadence(name: str, ideal_days: int | None, max_days: int | None) -> Changes:
    """Give every contact with this tag a keep-in-touch cadence (None, None removes it)."""
    set_tag_cadences({name: (ideal_days, max_days)})
    return _CONTACT_CHANGES


def set_tag_cadences(
    cadences: dict[str, tuple[int | None, int | None]],
) -> dict[str, tuple[int | None, int | None]]:
    """Set several tags' (ideal, maximum) cadences in one transaction; return what they were."""
    for ideal_days, max_days in cadences.values():
        check_cadence(ideal_days, max_days)
    before = {}
    with m.database_proxy.atomic():
        for name, (ideal_days, max_days) in cadences.items():
            tag = m.Tag.get(m.Tag.name == name)
            before[name] = (tag.cadence_ideal_days, tag.cadence_max_days)
            tag.cadence_ideal_days, tag.cadence_max_days = ideal_days, max_days
            tag.save()
    return before


def set_cadence(contact_id: int, ideal_days: int | None, max_days: int | None) -> Changes:
    """A contact's own keep-in-touch cadence (None, None: only its tags' cadences apply)."""
    check_cadence(ideal_days, max_days)
    return records.update_row(
        m.Contact, contact_id, cadence_ideal_days=ideal_days, cadence_max_days=max_days
    )


def add_employment(
    contact_id: int,
    company: str,
    position: str,
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    notes: str = "",
) -> tuple[int, Changes]:
    """Add a past job to a contact's employment history."""
    if not (company.strip() or position.strip()):
        raise ValueError("A job needs a company or a position.")
    if start_date and end_date and end_date < start_date:
        raise ValueError("A job cannot end before it starts.")
    return records.insert_row(
        m.Employment,
        contact=contact_id,
        company=company.strip(),
        position=position.strip(),
        start_date=start_date,
        end_date=end_date,
        notes=notes,
    )


def link_goal(contact_id: int, goal_id: int, role: str = "") -> tuple[int, Changes]:
    """Record that this person helps with a goal."""
    exists = m.GoalContact.get_or_none(
        (m.GoalContact.contact == contact_id) & (m.GoalContact.goal == goal_id)
    )
    if exists:
        raise ValueError("This person is already linked to that goal.")
    return records.insert_row(m.GoalContact, contact=contact_id, goal=goal_id, role=role)


def goal_choices() -> list[tuple[int, str]]:
    """(id, title) of the goals a contact can be linked to: not archived, by title."""
    query = (
        m.Goal.select(m.Goal.id, m.Goal.title)
        .where(m.Goal.archived == False)  # noqa: E712 - peewee builds SQL from ==
        .order_by(m.Goal.title)
        .tuples()
    )
    return list(query)


def new_contact(first_name: str, last_name: str, today: dt.date) -> tuple[int, Changes]:
    """Add a contact by name, added today."""
    if not (first_name.strip() or last_name.strip()):
        raise ValueError("A contact needs a first or a last name.")
    return records.insert_row(
        m.Contact,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        added_date=today,
        source="manual",
    )
