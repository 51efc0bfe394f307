"""Network queries and edits: the contact list, a contact's details, interactions, tags, goals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

import peewee as pw

from careerdesk.core import models as m
from careerdesk.core import records
from careerdesk.core.cadence import ContactCadence, check_cadence, contact_cadence
from careerdesk.core.changes import Changes

# --- the contact list -------------------------------------------------------------------
#
# A scan of the wide contact table costs 40-80 ms per keystroke at 50,000
# contacts, so a filtered list reads a narrow TEMP mirror of the listed columns
# with a case-folded search text ("zoë" finds "ZOË"). TEMP triggers keep the
# mirror in step with this connection's own writes (and roll back with them);
# a commit by another connection (an import in a worker thread) changes
# PRAGMA data_version, and the mirror is then rebuilt. Building it takes about
# 200 ms at 50,000 contacts, so the unfiltered list, which a freshly opened tab
# shows, is read from the contact table until `prepare_contact_list` has run.

_FOLD = "careerdesk_fold"

_MIRROR_COLUMNS = """
    id INTEGER PRIMARY KEY, archived INTEGER, first_name TEXT, last_name TEXT,
    company TEXT, position TEXT, email TEXT, relationship TEXT,
    last_contacted TEXT, added_date TEXT, tags TEXT, search TEXT
"""

# A contact's tags as the list shows them, in name order.
_TAGS_OF = """(SELECT group_concat(name, ', ') FROM (
    SELECT t.name FROM main.contact_tag ct JOIN main.tag t ON t.id = ct.tag_id
     WHERE ct.contact_id = {id} ORDER BY t.name))"""

_NOCASE = "COLLATE NOCASE"
# Sort keys the contact list offers -> columns; every key ends with the id so
# pages never overlap or skip a row when values repeat.
SORTS = {
    "name": ("last_name " + _NOCASE, "first_name " + _NOCASE),
    "first_name": ("first_name " + _NOCASE, "last_name " + _NOCASE),
    "last_name": ("last_name " + _NOCASE, "first_name " + _NOCASE),
    "company": ("company " + _NOCASE, "last_name " + _NOCASE),
    "position": ("position " + _NOCASE, "last_name " + _NOCASE),
    "email": ("email " + _NOCASE,),
    "relationship": ("relationship", "last_name " + _NOCASE),
    # NULL sorts first in SQLite: never contacted counts as the longest ago.
    "last_contacted": ("last_contacted",),
    "added_date": ("added_date",),
}
# Below this many matches, sorting them beats walking a sort index in order.
_WALK_INDEX_FROM = 2000
_LIST_COLUMNS = (
    "id, first_name, last_name, company, position, email, relationship, last_contacted, tags"
)


def _search_text(table: str, tags: str) -> str:
    text = (
        f"{table}.first_name || ' ' || {table}.last_name || char(10) || {table}.company"
        f" || char(10) || {table}.position || char(10) || COALESCE({tags}, '')"
    )
    return f"{_FOLD}({text})"


def _trigger_refresh(contact: str) -> str:
    """Statements of a trigger body that copy one contact into the mirror."""
    tags = _TAGS_OF.format(id=contact)
    return (
        f"DELETE FROM contact_list WHERE id = {contact}; "
        "INSERT INTO contact_list SELECT c.id, c.archived, c.first_name, c.last_name,"
        " c.company, c.position, c.email, c.relationship, c.last_contacted, c.added_date,"
        f" {tags}, {_search_text('c', tags)} FROM main.contact c WHERE c.id = {contact};"
    )


_TRIGGERS = {
    "contact_list_insert": f"AFTER INSERT ON main.contact BEGIN {_trigger_refresh('NEW.id')} END",
    "contact_list_update": f"AFTER UPDATE ON main.contact BEGIN {_trigger_refresh('NEW.id')} END",
    "contact_list_delete": (
        "AFTER DELETE ON main.contact BEGIN DELETE FROM contact_list WHERE id = OLD.id; END"
    ),
    "contact_list_tag_add": (
        f"AFTER INSERT ON main.contact_tag BEGIN {_trigger_refresh('NEW.contact_id')} END"
    ),
    "contact_list_tag_remove": (
        f"AFTER DELETE ON main.contact_tag BEGIN {_trigger_refresh('OLD.contact_id')} END"
    ),
    "contact_list_tag_move": (
        "AFTER UPDATE ON main.contact_tag BEGIN "
        f"{_trigger_refresh('OLD.contact_id')} {_trigger_refresh('NEW.contact_id')} END"
    ),
    # Renaming a tag is rare; refresh the whole mirror row by row of its contacts.
    "contact_list_tag_rename": (
        "AFTER UPDATE OF name ON main.tag BEGIN "
        "UPDATE contact_list SET tags = "
        + _TAGS_OF.format(id="contact_list.id")
        + ", search = "
        + _search_text("contact_list", _TAGS_OF.format(id="contact_list.id"))
        + " WHERE id IN (SELECT contact_id FROM main.contact_tag WHERE tag_id = NEW.id); END"
    ),
}


def _fold(text: str | None) -> str:
    return (text or "").casefold()


class _Mirror:
    """Which connection the mirror lives on, the data_version it reflects, its indexes."""

    def __init__(self) -> None:
        self.connection: object = None
        self.version = -1
        self.indexes: set[str] = set()
        self.counted: tuple[object, ...] = ()
        self.count = 0
        self.few = False  # the counted filter matched few contacts: these
        self.ids: list[int] = []


_mirror = _Mirror()


def _mirror_is_current(conn: object) -> bool:
    (version,) = conn.execute("PRAGMA data_version").fetchone()
    if _mirror.connection is not conn or _mirror.version != version:
        return False
    # Built inside a transaction that was rolled back: gone again.
    return bool(
        conn.execute("SELECT 1 FROM temp.sqlite_master WHERE name = 'contact_list'").fetchone()
    )


def prepare_contact_list() -> None:
    """Build the list's mirror now (about 200 ms at 50,000 contacts) rather than on a keystroke."""
    conn = m.database_proxy.connection()
    if _mirror_is_current(conn):
        return
    conn.create_function(_FOLD, 1, _fold, deterministic=True)
    with m.database_proxy.atomic():
        for name in _TRIGGERS:
            conn.execute(f"DROP TRIGGER IF EXISTS temp.{name}")
        conn.execute("DROP TABLE IF EXISTS temp.contact_list")
        conn.execute("DROP TABLE IF EXISTS temp.contact_list_tags")
        conn.execute(f"CREATE TEMP TABLE contact_list ({_MIRROR_COLUMNS})")
        # Tags first, keyed by contact: a join per contact would be slower.
        conn.execute("CREATE TEMP TABLE contact_list_tags (id INTEGER PRIMARY KEY, names TEXT)")
        conn.execute(
            "INSERT INTO temp.contact_list_tags SELECT contact_id, group_concat(name, ', ')"
            " FROM (SELECT ct.contact_id, t.name FROM main.contact_tag ct"
            " JOIN main.tag t ON t.id = ct.tag_id ORDER BY ct.contact_id, t.name)"
            " GROUP BY contact_id"
        )
        conn.execute(
            "INSERT INTO temp.contact_list SELECT c.id, c.archived, c.first_name, c.last_name,"
            " c.company, c.position, c.email, c.relationship, c.last_contacted, c.added_date,"
            f" tg.names, {_search_text('c', 'tg.names')} FROM main.contact c"
            " LEFT JOIN temp.contact_list_tags tg ON tg.id = c.id"
        )
        conn.execute("DROP TABLE temp.contact_list_tags")
        # Matching scans this narrow index instead of the table's wider rows.
        conn.execute("CREATE INDEX temp.contact_list_search ON contact_list (archived, search)")
        for name, body in _TRIGGERS.items():
            conn.execute(f"CREATE TEMP TRIGGER {name} {body}")
    (_mirror.version,) = conn.execute("PRAGMA data_version").fetchone()
    _mirror.connection, _mirror.indexes, _mirror.counted = conn, set(), ()


def _sort_index(sort: str) -> str:
    """The mirror's index for a sort, created the first time that sort is used."""
    name = f"contact_list_{sort}"
    if name not in _mirror.indexes:
        m.database_proxy.execute_sql(
            f"CREATE INDEX IF NOT EXISTS temp.{name} ON contact_list "
            f"({', '.join(SORTS[sort])}, id)"
        )
        _mirror.indexes.add(name)
    return name


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


def _where(filter_text: str) -> tuple[str, list[object]]:
    """Each word of the filter must appear in the name, company, position or a tag."""
    words = filter_text.casefold().split()
    # "+archived" keeps SQLite scanning rather than reading through a sort index.
    clauses = ["+archived = 0", *["instr(search, ?) > 0"] * len(words)]
    return " AND ".join(clauses), list(words)


def _rows(rows: list[tuple]) -> list[ContactRow]:
    return [
        ContactRow(*row[:7], dt.date.fromisoformat(row[7]) if row[7] else None, row[8] or "")
        for row in rows
    ]


def contact_page(
    filter: str, sort: str, descending: bool, offset: int, limit: int
) -> list[ContactRow]:
    """One page of the filtered, sorted contact list (filtering and sorting run in SQL)."""
    if sort not in SORTS:
        raise ValueError(f"Cannot sort contacts by '{sort}'; use one of: {', '.join(SORTS)}.")
    direction = " DESC" if descending else ""
    order = ", ".join(f"{key}{direction}" for key in (*SORTS[sort], "id"))
    db = m.database_proxy
    if not filter.strip() and not _mirror_is_current(db.connection()):
        sql = (
            f"SELECT {_LIST_COLUMNS.replace('tags', _TAGS_OF.format(id='contact.id'))}"
            f" FROM main.contact WHERE archived = 0 ORDER BY {order} LIMIT ? OFFSET ?"
        )
        return _rows(db.execute_sql(sql, (limit, offset)).fetchall())
    matches = contact_count(filter)
    if matches == 0:
        return []
    if _mirror.few:  # sort just the matched rows
        marks = ", ".join("?" * len(_mirror.ids))
        sql = (
            f"SELECT {_LIST_COLUMNS} FROM temp.contact_list WHERE id IN ({marks})"
            f" ORDER BY {order} LIMIT ? OFFSET ?"
        )
        return _rows(db.execute_sql(sql, [*_mirror.ids, limit, offset]).fetchall())
    # Many matches: walk the sort index and stop after a page.
    where, params = _where(filter)
    sql = (
        f"SELECT {_LIST_COLUMNS} FROM temp.contact_list INDEXED BY {_sort_index(sort)}"
        f" WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?"
    )
    return _rows(db.execute_sql(sql, [*params, limit, offset]).fetchall())


def contact_count(filter: str) -> int:
    """How many contacts match the filter."""
    db = m.database_proxy
    conn = db.connection()
    if not filter.strip() and not _mirror_is_current(conn):
        return db.execute_sql("SELECT COUNT(*) FROM main.contact WHERE archived = 0").fetchone()[0]
    prepare_contact_list()
    # The table asks for the count, then for pages of the same filter: match once.
    words = filter.casefold().split()
    if _mirror.counted == (words, conn.total_changes, _mirror.version):
        return _mirror.count
    where, params = _where(filter)
    # Keep the ids while they are few (one scan); past that, count them.
    table = "temp.contact_list INDEXED BY contact_list_search"
    cursor = db.execute_sql(f"SELECT id FROM {table} WHERE {where}", params)
    ids = cursor.fetchmany(_WALK_INDEX_FROM) if _WALK_INDEX_FROM else []
    _mirror.few = bool(words) and len(ids) < _WALK_INDEX_FROM
    _mirror.ids = [row[0] for row in ids] if _mirror.few else []
    if _mirror.few:
        _mirror.count = len(ids)
    else:  # counting in SQL beats fetching tens of thousands of ids
        cursor.close()
        sql = f"SELECT COUNT(*) FROM {table} WHERE {where}"
        _mirror.count = db.execute_sql(sql, params).fetchone()[0]
    _mirror.counted = (words, conn.total_changes, _mirror.version)
    return _mirror.count


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
        .order_by(m.Tag.name)
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


def log_interaction(
    contact_id: int,
    date: dt.date,
    kind: str,
    summary: str = "",
    follow_up_date: dt.date | None = None,
    notes: str = "",
) -> tuple[LoggedInteraction, Changes]:
    """Record an interaction; a later date becomes "last contacted", restarting the cadence."""
    if kind not in m.INTERACTION_KINDS:
        raise ValueError(f"'{kind}' is not an interaction kind: {', '.join(m.INTERACTION_KINDS)}.")
    if follow_up_date is not None and follow_up_date < date:
        raise ValueError("The follow-up date cannot be before the interaction.")
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
        m.Contact.update(
            last_contacted=logged.previous_last_contacted, updated_at=m.utc_now()
        ).where(m.Contact.id == logged.contact_id).execute()
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
        .order_by(m.Tag.name)
        .tuples()
    )
    return list(query)


def set_tag_cadence(name: str, ideal_days: int | None, max_days: int | None) -> Changes:
    """Give every contact with this tag a keep-in-touch cadence (None, None removes it)."""
    check_cadence(ideal_days, max_days)
    with m.database_proxy.atomic():
        tag = m.Tag.get(m.Tag.name == name)
        return records.update(
            m.Tag, tag.id, cadence_ideal_days=ideal_days, cadence_max_days=max_days
        )


def set_cadence(contact_id: int, ideal_days: int | None, max_days: int | None) -> Changes:
    """A contact's own keep-in-touch cadence (None, None: only its tags' cadences apply)."""
    check_cadence(ideal_days, max_days)
    return records.update(
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
    return records.create(
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
    return records.create(m.GoalContact, contact=contact_id, goal=goal_id, role=role)


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
    return records.create(
        m.Contact,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        added_date=today,
        source="manual",
    )
