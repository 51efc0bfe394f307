"""How skill levels 0-5, kinds and learning vocabularies read on screen."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from careerdesk.core import skills


def tr(text: str) -> str:
    """Translate a string of the Skills tab."""
    return QCoreApplication.translate("skills", text)


def tr_n(singular: str, plural: str, count: int) -> str:
    """A text with a count, "%n" standing for it: the singular for one, else the plural.

    Both go through translate() with the count, so a translation can give
    every plural form its language has.
    """
    text = QCoreApplication.translate("skills", singular if count == 1 else plural, None, count)
    return text.replace("%n", QLocale().toString(count))


def number(value: float) -> str:
    """A level, gap, importance or hours the user's way: "3", "3.5" (or "3,5")."""
    return QLocale().toString(float(value), "g", 6)


def level_name(level: float | None) -> str:
    """ "3 · Competent", "3.5", or "not assessed"."""
    if level is None:
        return tr("not assessed")
    if level == int(level):
        return f"{int(level)} · {tr(skills.LEVEL_NAMES[int(level)])}"
    return number(level)


def level_meaning(level: float | None) -> str:
    """What a level means, in a sentence (for tooltips)."""
    if level is None:
        return tr("Not assessed yet: counts as a full gap.")
    return tr(skills.LEVEL_MEANINGS[int(level)])


def level_choices() -> list[tuple[int | None, str]]:
    """The choices of a level editor, "not assessed" first."""
    return [(None, tr("— not assessed")), *((lv, level_name(lv)) for lv in range(6))]


KIND_NAMES = {"hard": "Hard", "soft": "Soft"}

LEARNING_KIND_NAMES = {
    "course": "Course",
    "certification": "Certification",
    "workshop": "Workshop",
    "webinar": "Webinar",
    "conference": "Conference",
    "degree": "Degree",
    "mentoring": "Mentoring",
    "coaching": "Coaching",
    "job_shadowing": "Job shadowing",
    "reading": "Reading",
    "stretch_project": "Stretch project",
}
LEARNING_STATUS_NAMES = {
    "planned": "Planned",
    "in_progress": "In progress",
    "done": "Done",
    "dropped": "Dropped",
}
EVIDENCE_KIND_NAMES = {
    "project": "Project",
    "certificate": "Certificate",
    "feedback": "Feedback",
    "achievement": "Achievement",
    "other": "Other",
}


def kind_name(kind: str) -> str:
    """ "Hard" or "Soft"."""
    return tr(KIND_NAMES.get(kind, kind))


def learning_kind_name(kind: str) -> str:
    """A kind of learning activity in words ("Job shadowing")."""
    return tr(LEARNING_KIND_NAMES.get(kind, kind))


def learning_status_name(status: str) -> str:
    """A learning activity's status in words ("In progress")."""
    return tr(LEARNING_STATUS_NAMES.get(status, status))
