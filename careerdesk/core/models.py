"""Peewee models: the whole CareerDesk schema, bound to the database the window opened."""

from __future__ import annotations

import datetime as dt
import uuid

import peewee as pw

from careerdesk.core.vocabulary import (  # noqa: F401 - models re-export them
    ASSESSMENT_KINDS,
    CHECKIN_PERIODS,
    CONSTRAINT_AREAS,
    EVIDENCE_KINDS,
    FEEDBACK_KINDS,
    GOAL_CATEGORIES,
    GOAL_HORIZONS,
    GOAL_STATUSES,
    INTERACTION_KINDS,
    LEARNING_KINDS,
    LEARNING_STATUSES,
    RELATIONSHIPS,
    ROLE_SOURCES,
    SKILL_KINDS,
    SKILL_LEVELS,
)

# Every model binds to this proxy; careerdesk.core.db initialises it with the
# one open file, so nothing else ever builds a SqliteDatabase.
database_proxy = pw.DatabaseProxy()


def utc_now() -> dt.datetime:
    """The current time in UTC without tzinfo, as stored in created_at/updated_at."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def new_uuid() -> str:
    return str(uuid.uuid4())


class BaseModel(pw.Model):
    """Columns every table has: a stable uuid, timestamps."""

    uuid = pw.CharField(max_length=36, unique=True, default=new_uuid)
    created_at = pw.DateTimeField(default=utc_now)
    updated_at = pw.DateTimeField(default=utc_now, index=True)

    class Meta:
        database = database_proxy
        legacy_table_names = False

    def save(self, *args: object, **kwargs: object) -> int:
        self.updated_at = utc_now()
        return super().save(*args, **kwargs)


# --- Profile -------------------------------------------------------------------


class Profile(BaseModel):
    """The one person this file belongs to (a single row)."""

    name = pw.TextField(default="")
    headline = pw.TextField(default="")
    email = pw.TextField(default="")
    location = pw.TextField(default="")
    currency = pw.CharField(max_length=3, default="EUR")
    growth_definition = pw.TextField(default="")  # what "growth" means to me
    checkin_period = pw.CharField(default="quarterly")
    notes = pw.TextField(default="")


class AssessmentItem(BaseModel):
    """One line of the self-assessment: a strength, weakness, interest, value or constraint."""

    kind = pw.CharField(index=True)
    text = pw.TextField()
    detail = pw.TextField(default="")
    constraint_area = pw.CharField(null=True)  # for kind == "constraint"
    position = pw.IntegerField(default=0)
    notes = pw.TextField(default="")


class CareerRole(BaseModel):
    """A role held: the career history."""

    title = pw.TextField()
    organisation = pw.TextField(default="")
    industry = pw.TextField(default="")
    level = pw.TextField(default="")  # e.g. "Senior", "Staff", "Team lead"
    start_date = pw.DateField()
    end_date = pw.DateField(null=True)  # None: current role
    responsibilities = pw.TextField(default="")
    notes = pw.TextField(default="")


# --- Skills and target roles --------------------------------------------------


class Skill(BaseModel):
    name = pw.TextField()
    kind = pw.CharField(default="hard")
    category = pw.TextField(default="")
    description = pw.TextField(default="")
    current_level = pw.IntegerField(null=True)  # None: not assessed
    target_level = pw.IntegerField(null=True)
    priority = pw.IntegerField(default=3)  # 1 (low) to 5 (high)
    onet_element_id = pw.CharField(null=True, index=True)  # link to an O*NET skill
    last_assessed = pw.DateField(null=True)
    notes = pw.TextField(default="")


class SkillLevelChange(BaseModel):
    """History of a skill's current level, so progress over time can be shown."""

    skill = pw.ForeignKeyField(Skill, backref="level_changes", on_delete="CASCADE")
    date = pw.DateField()
    old_level = pw.IntegerField(null=True)
    new_level = pw.IntegerField(null=True)
    note = pw.TextField(default="")


class TargetRole(BaseModel):
    title = pw.TextField()
    source = pw.CharField(default="own")  # own | onet
    onet_code = pw.CharField(null=True, index=True)
    description = pw.TextField(default="")
    active = pw.BooleanField(default=True)
    position = pw.IntegerField(default=0)
    notes = pw.TextField(default="")


class RoleRequirement(BaseModel):
    """A skill a target role requires, at a level (0-5) and importance (1-5)."""

    role = pw.ForeignKeyField(TargetRole, backref="requirements", on_delete="CASCADE")
    skill = pw.ForeignKeyField(Skill, null=True, backref="requirements", on_delete="SET NULL")
    name = pw.TextField()  # shown when no skill of the inventory is linked
    onet_element_id = pw.CharField(null=True)
    required_level = pw.FloatField(default=3.0)  # our 0-5 scale
    importance = pw.FloatField(default=3.0)  # 1-5
    onet_importance = pw.FloatField(null=True)  # as rated in the catalogue (1-5)
    onet_level = pw.FloatField(null=True)  # as rated in the catalogue (0-7)
    notes = pw.TextField(default="")


# --- Goals and steps ------------------------------------------------------------


class Goal(BaseModel):
    title = pw.TextField()
    description = pw.TextField(default="")
    horizon = pw.CharField(default="short")  # short | long
    category = pw.CharField(default="expertise")
    status = pw.CharField(default="not_started", index=True)
    start_date = pw.DateField()
    target_date = pw.DateField()
    baseline_start_date = pw.DateField(null=True)  # first planned dates
    baseline_target_date = pw.DateField(null=True)
    done_date = pw.DateField(null=True)
    parent = pw.ForeignKeyField(
        "self", null=True, backref="children", on_delete="SET NULL", column_name="parent_id"
    )
    position = pw.IntegerField(default=0)
    # Success measure, e.g. "salary" from 60000 to 80000 EUR, now 65000.
    measure_name = pw.TextField(default="")
    measure_unit = pw.TextField(default="")
    measure_start = pw.FloatField(null=True)
    measure_target = pw.FloatField(null=True)
    measure_current = pw.FloatField(null=True)
    obstacles = pw.TextField(default="")
    obstacle_plan = pw.TextField(default="")  # how to overcome them
    archived = pw.BooleanField(default=False, index=True)
    notes = pw.TextField(default="")


class Step(BaseModel):
    goal = pw.ForeignKeyField(Goal, backref="steps", on_delete="CASCADE")
    title = pw.TextField()
    description = pw.TextField(default="")
    due_date = pw.DateField(null=True, index=True)
    done_date = pw.DateField(null=True)
    milestone = pw.BooleanField(default=False)
    effort_hours = pw.FloatField(null=True)
    cost_minor = pw.IntegerField(null=True)  # money in minor units (cents)
    currency = pw.CharField(max_length=3, null=True)
    resources = pw.TextField(default="")  # links and references, one per line
    depends_on = pw.ForeignKeyField(
        "self", null=True, backref="dependents", on_delete="SET NULL", column_name="depends_on_id"
    )
    baseline_due_date = pw.DateField(null=True)
    position = pw.IntegerField(default=0)
    notes = pw.TextField(default="")


class GoalSkill(BaseModel):
    """A skill a goal builds or needs."""

    goal = pw.ForeignKeyField(Goal, backref="skill_links", on_delete="CASCADE")
    skill = pw.ForeignKeyField(Skill, backref="goal_links", on_delete="CASCADE")

    class Meta:
        indexes = ((("goal", "skill"), True),)


# --- Learning ---------------------------------------------------------------------


class LearningActivity(BaseModel):
    title = pw.TextField()
    kind = pw.CharField(default="course")
    provider = pw.TextField(default="")
    url = pw.TextField(default="")
    start_date = pw.DateField(null=True)
    end_date = pw.DateField(null=True)
    hours = pw.FloatField(null=True)
    cost_minor = pw.IntegerField(null=True)
    currency = pw.CharField(max_length=3, null=True)
    status = pw.CharField(default="planned")
    goal = pw.ForeignKeyField(Goal, null=True, backref="learning", on_delete="SET NULL")
    notes = pw.TextField(default="")


class LearningSkill(BaseModel):
    activity = pw.ForeignKeyField(LearningActivity, backref="skill_links", on_delete="CASCADE")
    skill = pw.ForeignKeyField(Skill, backref="learning_links", on_delete="CASCADE")

    class Meta:
        indexes = ((("activity", "skill"), True),)


# --- Network ----------------------------------------------------------------------


class Contact(BaseModel):
    first_name = pw.TextField(default="")
    last_name = pw.TextField(default="", index=True)
    # Schema 3: a vCard's additional (middle) names, honorific prefix and suffix.
    middle_name = pw.TextField(default="", constraints=[pw.SQL("DEFAULT ''")])
    name_prefix = pw.TextField(default="", constraints=[pw.SQL("DEFAULT ''")])
    name_suffix = pw.TextField(default="", constraints=[pw.SQL("DEFAULT ''")])
    company = pw.TextField(default="", index=True)
    position = pw.TextField(default="")
    email = pw.TextField(default="", index=True)
    phone = pw.TextField(default="")
    linkedin_url = pw.TextField(default="", index=True)
    urls = pw.TextField(default="")  # other web addresses, one per line
    relationship = pw.CharField(default="other")
    how_met = pw.TextField(default="")
    introduced_by = pw.ForeignKeyField(
        "self",
        null=True,
        backref="introduced",
        on_delete="SET NULL",
        column_name="introduced_by_id",
    )
    cadence_ideal_days = pw.IntegerField(null=True)  # keep in touch every N days
    cadence_max_days = pw.IntegerField(null=True)  # overdue after N days
    # Kept by triggers (schema 4), never written by code (save() leaves them
    # out): when the cadence that applies, its own or a tag's, makes the contact
    # due, and overdue after; NULL without one. The reach-out queue reads them
    # through indexes.
    cadence_due_date = pw.DateField(null=True)
    cadence_overdue_date = pw.DateField(null=True)
    added_date = pw.DateField(default=dt.date.today)
    connected_on = pw.DateField(null=True)  # e.g. LinkedIn's "Connected On"
    # Kept by triggers (schema 2): the newest interaction or imported date.
    last_contacted = pw.DateField(null=True, index=True)
    # The "last contacted" date an imported file gave; triggers fold it in.
    imported_last_contacted = pw.DateField(null=True)
    source = pw.CharField(default="manual")  # manual | linkedin | vcard | csv | demo
    archived = pw.BooleanField(default=False, index=True)
    notes = pw.TextField(default="")
    # The contact's tag names, space-separated, so that the filter's one index
    # scan also finds tags. Only the database's triggers (db.py) write it; the
    # SQL default lets bulk inserts leave it out.
    tag_text = pw.TextField(default="", constraints=[pw.SQL("DEFAULT ''")])

    def save(self, force_insert: bool = False, only: object = None) -> int:
        # A row read before a change to its tags or interactions would write
        # back the due dates it was read with; the triggers alone write them.
        if only is None:
            only = [f for f in self._meta.sorted_fields if f.name not in _KEPT_BY_TRIGGERS]
        return super().save(force_insert=force_insert, only=only)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)


_KEPT_BY_TRIGGERS = frozenset({"cadence_due_date", "cadence_overdue_date"})


# What the contact list's filter searches, lower-cased (ASCII) by SQLite. Its
# index lets a keystroke scan this narrow text instead of the wide contact rows
# (SQLite uses it when a query repeats this exact expression).
CONTACT_SEARCH_FIELDS = pw.NodeList(
    [
        Contact.first_name,
        Contact.last_name,
        Contact.company,
        Contact.position,
        Contact.email,
        Contact.tag_text,
    ],
    glue=" || ' ' || ",
)
CONTACT_SEARCH_TEXT = pw.fn.lower(CONTACT_SEARCH_FIELDS)
Contact.add_index(Contact.index(Contact.archived, CONTACT_SEARCH_TEXT, name="contact_search"))
# The contact list's sort orders, so a page is read in order rather than sorted.
Contact.add_index(
    Contact.index(
        Contact.last_name.collate("NOCASE"),
        Contact.first_name.collate("NOCASE"),
        name="contact_by_name",
    )
)
Contact.add_index(
    Contact.index(
        Contact.company.collate("NOCASE"),
        Contact.last_name.collate("NOCASE"),
        name="contact_by_company",
    )
)
Contact.add_index(
    Contact.index(
        Contact.position.collate("NOCASE"),
        Contact.last_name.collate("NOCASE"),
        name="contact_by_position",
    )
)
Contact.add_index(
    Contact.index(
        Contact.relationship, Contact.last_name.collate("NOCASE"), name="contact_by_relationship"
    )
)


class Tag(BaseModel):
    name = pw.TextField(unique=True)
    cadence_ideal_days = pw.IntegerField(null=True)
    cadence_max_days = pw.IntegerField(null=True)


class ContactTag(BaseModel):
    contact = pw.ForeignKeyField(Contact, backref="tag_links", on_delete="CASCADE")
    tag = pw.ForeignKeyField(Tag, backref="contact_links", on_delete="CASCADE")

    class Meta:
        indexes = ((("contact", "tag"), True),)


class Employment(BaseModel):
    """A job a contact held (employment history)."""

    contact = pw.ForeignKeyField(Contact, backref="employments", on_delete="CASCADE")
    company = pw.TextField(default="")
    position = pw.TextField(default="")
    start_date = pw.DateField(null=True)
    end_date = pw.DateField(null=True)
    notes = pw.TextField(default="")


class Interaction(BaseModel):
    contact = pw.ForeignKeyField(Contact, backref="interactions", on_delete="CASCADE")
    date = pw.DateField(index=True)
    kind = pw.CharField(default="message")
    summary = pw.TextField(default="")
    follow_up_date = pw.DateField(null=True, index=True)
    follow_up_done = pw.BooleanField(default=False)
    notes = pw.TextField(default="")

    class Meta:
        indexes = ((("follow_up_done", "follow_up_date"), False),)  # schema 4


class GoalContact(BaseModel):
    """A person who helps with a goal."""

    goal = pw.ForeignKeyField(Goal, backref="contact_links", on_delete="CASCADE")
    contact = pw.ForeignKeyField(Contact, backref="goal_links", on_delete="CASCADE")
    role = pw.TextField(default="")  # how they help

    class Meta:
        indexes = ((("goal", "contact"), True),)


# --- Journal ----------------------------------------------------------------------


class CheckIn(BaseModel):
    date = pw.DateField(index=True)
    period = pw.CharField(default="quarterly")
    reflection = pw.TextField(default="")
    wellbeing = pw.IntegerField(null=True)  # 1-5
    work_life_balance = pw.IntegerField(null=True)  # 1-5
    next_actions = pw.TextField(default="")
    notes = pw.TextField(default="")


class CheckInGoal(BaseModel):
    """A goal's progress as it stood at a check-in."""

    checkin = pw.ForeignKeyField(CheckIn, backref="goal_snapshots", on_delete="CASCADE")
    goal = pw.ForeignKeyField(Goal, backref="snapshots", on_delete="CASCADE")
    progress = pw.FloatField(default=0.0)  # 0..1
    status = pw.CharField(default="active")
    health = pw.CharField(default="")
    measure_current = pw.FloatField(null=True)
    note = pw.TextField(default="")


class Achievement(BaseModel):
    """A documented result: situation, action, result, metric."""

    date = pw.DateField(index=True)
    title = pw.TextField()
    situation = pw.TextField(default="")
    action = pw.TextField(default="")
    result = pw.TextField(default="")
    metric = pw.TextField(default="")
    goal = pw.ForeignKeyField(Goal, null=True, backref="achievements", on_delete="SET NULL")
    notes = pw.TextField(default="")


class AchievementSkill(BaseModel):
    achievement = pw.ForeignKeyField(Achievement, backref="skill_links", on_delete="CASCADE")
    skill = pw.ForeignKeyField(Skill, backref="achievement_links", on_delete="CASCADE")

    class Meta:
        indexes = ((("achievement", "skill"), True),)


class Feedback(BaseModel):
    date = pw.DateField(index=True)
    giver = pw.TextField(default="")
    contact = pw.ForeignKeyField(Contact, null=True, backref="feedback", on_delete="SET NULL")
    kind = pw.CharField(default="praise")
    text = pw.TextField()
    goal = pw.ForeignKeyField(Goal, null=True, backref="feedback", on_delete="SET NULL")
    notes = pw.TextField(default="")


class FeedbackSkill(BaseModel):
    feedback = pw.ForeignKeyField(Feedback, backref="skill_links", on_delete="CASCADE")
    skill = pw.ForeignKeyField(Skill, backref="feedback_links", on_delete="CASCADE")

    class Meta:
        indexes = ((("feedback", "skill"), True),)


class Evidence(BaseModel):
    """Proof of a skill: a project, a certificate, feedback, an achievement."""

    skill = pw.ForeignKeyField(Skill, backref="evidence", on_delete="CASCADE")
    kind = pw.CharField(default="project")
    title = pw.TextField()
    date = pw.DateField(null=True)
    url = pw.TextField(default="")
    achievement = pw.ForeignKeyField(
        Achievement, null=True, backref="evidence", on_delete="SET NULL"
    )
    feedback = pw.ForeignKeyField(Feedback, null=True, backref="evidence", on_delete="SET NULL")
    notes = pw.TextField(default="")


# In creation order (a table after the tables it refers to).
ALL_MODELS: tuple[type[BaseModel], ...] = (
    Profile,
    AssessmentItem,
    CareerRole,
    Skill,
    SkillLevelChange,
    TargetRole,
    RoleRequirement,
    Goal,
    Step,
    GoalSkill,
    LearningActivity,
    LearningSkill,
    Contact,
    Tag,
    ContactTag,
    Employment,
    Interaction,
    GoalContact,
    CheckIn,
    CheckInGoal,
    Achievement,
    AchievementSkill,
    Feedback,
    FeedbackSkill,
    Evidence,
)
