"""The stable keys stored for kinds, statuses and categories; the UI translates them."""

from __future__ import annotations

GOAL_HORIZONS = ("short", "long")
GOAL_CATEGORIES = (
    "job_title",
    "income",
    "skill",
    "company",
    "leadership",
    "expertise",
    "business",
    "education",
    "network",
    "work_life",
)
GOAL_STATUSES = ("not_started", "active", "on_hold", "done", "abandoned")
SKILL_KINDS = ("hard", "soft")
SKILL_LEVELS = (0, 1, 2, 3, 4, 5)
EVIDENCE_KINDS = ("project", "certificate", "feedback", "achievement", "other")
LEARNING_KINDS = (
    "course",
    "certification",
    "workshop",
    "webinar",
    "conference",
    "degree",
    "mentoring",
    "coaching",
    "job_shadowing",
    "reading",
    "stretch_project",
)
LEARNING_STATUSES = ("planned", "in_progress", "done", "dropped")
RELATIONSHIPS = (
    "mentor",
    "sponsor",
    "manager",
    "peer",
    "recruiter",
    "mentee",
    "friend",
    "other",
)
INTERACTION_KINDS = (
    "meeting",
    "call",
    "message",
    "email",
    "event",
    "coffee",
    "help_given",
    "help_received",
    "introduction",
)
ASSESSMENT_KINDS = ("strength", "weakness", "interest", "value", "constraint")
CONSTRAINT_AREAS = ("time", "money", "location", "work_life", "other")
CHECKIN_PERIODS = ("monthly", "quarterly", "yearly")  # or "custom:N", every N days
# Where feedback came from; files written before kept its tone instead.
FEEDBACK_KINDS = ("manager_review", "mentor", "peer", "360", "client", "mentee", "self", "other")
LEGACY_FEEDBACK_KINDS = ("praise", "constructive", "neutral")
ROLE_SOURCES = ("own", "onet")


# Words for the keys whose plain form ("job_title" -> "Job title") would read wrong;
# the UI and the report translate what label_words() returns.
LABELS = {
    "job_title": "Job title",
    "work_life": "Work-life",
    "on_hold": "On hold",
    "not_started": "Not started",
    "in_progress": "In progress",
    "on_track": "On track",
    "at_risk": "At risk",
    "help_given": "Help given",
    "help_received": "Help received",
    "job_shadowing": "Job shadowing",
    "stretch_project": "Stretch project",
    "business": "Own business",
    "company": "Company / industry",
    "skill": "Skill milestone",
}


def label_words(key: str) -> str:
    """A stored key in English words (untranslated): "on_hold" -> "On hold"."""
    return LABELS.get(key, key.replace("_", " ").capitalize())
