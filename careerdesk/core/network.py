"""Network reads: the contact list, a contact's details, tags, goals, follow-ups."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import NamedTuple

import peewee as pw

from careerdesk.core import models as m
from careerdesk.core.cadence import ContactCadence, contact_cadence

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
# From one match in this many listed contacts, matches count as dense (see _filtered_page).
_DENSE_SHARE = 3
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


def _id_list(ids: list[int]) -> pw.Select:
    """The ids as one JSON text for SQLite, since Peewee takes about 5 µs to bind each
    of a long list of parameters."""
    return pw.Select([pw.fn.json_each(json.dumps(ids))], [pw.SQL("value")])


def _among(ids: list[int]) -> pw.Expression:
    """Contacts with these ids."""
    return C.id.in_(_id_list(ids))


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
    listed = C.select().where(C.archived == False).count()  # noqa: E712 - peewee SQL
    if len(ids) * _DENSE_SHARE >= listed:
        # Dense matches: walking the sort index, the filter finds a page in a few rows.
        return _page(_matching(filter, use_search_index=False), sort, descending, offset, limit)
    # Sparse matches may all sit at the far end of the order ("Bluefin", company
    # descending): walking wide rows and testing the filter on each would read
    # nearly all of them. Walk the narrow sort index instead, testing only the id.
    in_order = (
        C.select(C.id)
        .where(pw.NodeList([pw.SQL("+"), C.id], glue="").in_(_id_list(ids)))  # "+": no rowid
        .order_by(*_order(sort, descending))
        .limit(limit)
        .offset(offset)
    )
    page_ids = [contact_id for (contact_id,) in in_order.tuples()]
    return _page(_among(page_ids), sort, descending, 0, limit)  # the same order, 100 rows


def contact_page(
    filter: str, sort: str, descending: bool, offset: int, limit: int
) -> list[ContactRow]:
    """One page of the filtered, sorted contact list (filtering and sorting run in SQL)."""
    _order(sort, descending)
    if not filter.strip():
        return _page(C.archived + 0 == 0, sort, descending, offset, limit)
    return _filtered_page(filter, _matching_ids(filter), sort, descending, offset, limit)


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
    """All a contact's fields and links; raises LookupError for an unknown id."""
    c = m.Contact.get_or_none(m.Contact.id == contact_id)
    if c is None:
        raise LookupError(f"There is no contact #{contact_id}.")
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
        urls=[u for u in c.urls.split("\n") if u.strip()],
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


# --- lists the edits offer -------------------------------------------------------


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


def goal_choices() -> list[tuple[int, str]]:
    """(id, title) of the goals a contact can be linked to: not archived, by title."""
    query = (
        m.Goal.select(m.Goal.id, m.Goal.title)
        .where(m.Goal.archived == False)  # noqa: E712 - peewee builds SQL from ==
        .order_by(m.Goal.title)
        .tuples()
    )
    return list(query)


@dataclass(frozen=True)
class FollowUp:
    """An interaction's follow-up not done yet: who, when, and what it was about."""

    interaction_id: int
    contact_id: int
    name: str
    company: str
    date: dt.date  # the follow-up date
    summary: str  # of the interaction it follows
    kind: str = "message"  # of that interaction

    def overdue(self, today: dt.date) -> bool:
        return self.date < today


def _open_follow_ups(today: dt.date, days: int, since: dt.date | None) -> pw.ModelSelect:
    It = m.Interaction
    # Served by the index on (follow_up_done, follow_up_date), schema 4.
    query = (
        It.select()
        .join(C)
        .where(
            It.follow_up_date.is_null(False)
            & (It.follow_up_done == False)  # noqa: E712 - peewee builds SQL from ==
            & (It.follow_up_date <= today + dt.timedelta(days=days))
            & (C.archived == False)  # noqa: E712
        )
    )
    return query if since is None else query.where(It.follow_up_date >= since)


def follow_ups(
    today: dt.date, days: int = 14, limit: int | None = None, since: dt.date | None = None
) -> list[FollowUp]:
    """Follow-ups not done, due by today + `days` (those already past first), by date;
    only those due on `since` or later when given; the first `limit` of them when given.

    Archived contacts are left out; the Overview's "coming up" and the
    reach-out queue show the same list.
    """
    It = m.Interaction
    query = (
        _open_follow_ups(today, days, since)
        .select(It.id, It.contact, C.first_name, C.last_name, C.email, C.company)
        .select_extend(It.follow_up_date, It.summary, It.kind)
        .order_by(It.follow_up_date, It.id)
        .limit(limit)
        .tuples()
    )
    return [
        FollowUp(
            iid, cid, " ".join(p for p in (first, last) if p) or email, company, day, summary, kind
        )
        for iid, cid, first, last, email, company, day, summary, kind in query
    ]


def follow_up_count(today: dt.date, days: int = 14, since: dt.date | None = None) -> int:
    """How many follow-ups `follow_ups(today, days, since=since)` lists."""
    return _open_follow_ups(today, days, since).count()
