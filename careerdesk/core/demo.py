"""The example plan: a believable mid-career engineer, dated relative to `today`, seeded."""

from __future__ import annotations

import datetime as dt
import random
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from careerdesk.core import demo_content as content
from careerdesk.core import models as m
from careerdesk.core import target_roles
from careerdesk.core.db import DatabaseError, FileLock
from careerdesk.core.health import goal_health

# Target roles from the catalogue that O*NET 29.0 rates (Software Developers has no ratings).
CATALOGUE_ROLES = ("15-1299.08", "11-3021.00")
BATCH = 500


def _day(today: dt.date, offset: int) -> dt.date:
    return today + dt.timedelta(days=offset)


def _insert(model: type[m.BaseModel], rows: Iterable[dict[str, Any]]) -> None:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            model.insert_many(batch).execute()
            batch = []
    if batch:
        model.insert_many(batch).execute()


def write_example_plan(*, today: dt.date, scale: int = 1, contacts: int | None = None) -> str:
    """Fill the open (empty) database with the example plan; return a one-line summary.

    `scale` multiplies goals, steps, skills and check-ins; `contacts` sets the
    number of contacts (default 48). The same `today` always gives the same plan.
    """
    if m.Goal.select().exists() or m.Contact.select().exists():
        raise ValueError("The example plan goes into a new, empty file.")
    rng = random.Random(today.toordinal() * 1000 + scale)
    with m.database_proxy.atomic():
        _write_profile(today)
        skill_ids = _write_skills(today, scale)
        goal_ids = _write_goals(today, scale, rng)
        _write_roles(today, skill_ids, rng)
        _write_learning(today, skill_ids, goal_ids)
        contact_count = _write_contacts(
            today, contacts if contacts is not None else 48, rng, goal_ids
        )
        _write_journal(today, scale, skill_ids, goal_ids, rng)
    return (
        f"{m.Goal.select().count()} goals, {m.Step.select().count()} steps, "
        f"{m.Skill.select().count()} skills, {contact_count} contacts, "
        f"{m.CheckIn.select().count()} check-ins"
    )


def _write_profile(today: dt.date) -> None:
    m.Profile.create(
        name="Alex Morgan",
        headline="Senior Software Engineer, payments platform",
        email="alex.morgan@example.org",
        location="Rotterdam, Netherlands",
        currency="EUR",
        growth_definition=(
            "Growing means widening my impact: from my team's code to how several teams build, "
            "while keeping evenings for my family."
        ),
        checkin_period="quarterly",
    )
    for position, item in enumerate(content.ASSESSMENT):
        kind, text, *area = item
        m.AssessmentItem.create(
            kind=kind, text=text, constraint_area=area[0] if area else None, position=position
        )
    for title, org, industry, level, start, end in content.HISTORY:
        m.CareerRole.create(
            title=title,
            organisation=org,
            industry=industry,
            level=level,
            start_date=_day(today, start),
            end_date=_day(today, end) if end is not None else None,
            responsibilities=content.RESPONSIBILITIES[title],
        )


def _write_skills(today: dt.date, scale: int) -> dict[str, int]:
    from careerdesk.core import catalogue

    onet_ids = {s.name: s.element_id for s in catalogue.onet_skills()}
    ids: dict[str, int] = {}
    for copy in range(scale):
        for name, kind, current, target, priority, onet_name in content.SKILLS:
            label = name if copy == 0 else f"{name} ({copy + 1})"
            skill = m.Skill.create(
                name=label,
                kind=kind,
                current_level=current,
                target_level=target,
                priority=priority,
                onet_element_id=onet_ids.get(onet_name) if copy == 0 and onet_name else None,
                last_assessed=_day(today, -90) if current is not None else None,
            )
            ids[label] = skill.id
            if current is not None and current > 0 and copy == 0:
                m.SkillLevelChange.create(
                    skill=skill, date=_day(today, -365), old_level=None, new_level=current - 1
                )
                m.SkillLevelChange.create(
                    skill=skill, date=_day(today, -90), old_level=current - 1, new_level=current
                )
    return ids


def _write_goals(today: dt.date, scale: int, rng: random.Random) -> list[int]:
    """The goals of the template, `scale` times (later copies shifted in time)."""
    ids: list[int] = []
    for copy in range(scale):
        shift = 0 if copy == 0 else rng.randint(-120, 240)
        copy_ids: list[int] = []
        for title, horizon, category, start, target, status, extra, steps in content.GOALS:
            fields = dict(extra)
            parent = fields.pop("parent", None)
            start_date, target_date = _day(today, start + shift), _day(today, target + shift)
            goal = m.Goal.create(
                title=title if copy == 0 else f"{title} · track {copy + 1}",
                horizon=horizon,
                category=category,
                status=status,
                start_date=start_date,
                target_date=target_date,
                baseline_start_date=start_date,
                # Some goals have slipped since first planned: drift shows on the timeline.
                baseline_target_date=target_date
                - dt.timedelta(days=30 if status == "on_hold" else 0),
                parent=copy_ids[parent] if parent is not None else None,
                position=len(copy_ids),
                **fields,
            )
            copy_ids.append(goal.id)
            previous = None
            for position, (step_title, due, done, effort, after_previous) in enumerate(steps):
                due_date = _day(today, due + shift)
                step = m.Step.create(
                    goal=goal,
                    title=step_title,
                    due_date=due_date,
                    baseline_due_date=due_date,
                    done_date=due_date - dt.timedelta(days=rng.randint(0, 5)) if done else None,
                    effort_hours=effort,
                    position=position,
                    depends_on=previous if after_previous else None,
                    milestone=step_title.startswith(("Promotion", "Give the talk", "Cut over")),
                )
                previous = step
        ids.extend(copy_ids)
    return ids


def _write_roles(today: dt.date, skill_ids: dict[str, int], rng: random.Random) -> None:
    for code in CATALOGUE_ROLES:
        target_roles.add_catalogue_role(code, add_missing_skills=True)
    # Alex assessed most of the catalogue skills the roles added; a few are left open.
    added = m.Skill.select().where(
        m.Skill.onet_element_id.is_null(False), m.Skill.current_level.is_null()
    )
    for skill in added.order_by(m.Skill.id):
        if skill.name in ("Science", "Management of Material Resources", "Persuasion"):
            continue
        skill.current_level = rng.randint(2, 4)
        skill.last_assessed = _day(today, -60)
        skill.priority = 2
        skill.save()
    title, requirements = content.OWN_ROLE
    role = m.TargetRole.create(
        title=title,
        source="own",
        description="The staff engineer expectations of my current employer.",
        position=len(CATALOGUE_ROLES),
    )
    for name, level, importance in requirements:
        m.RoleRequirement.create(
            role=role,
            skill=skill_ids[name],
            name=name,
            required_level=level,
            importance=importance,
        )


def _write_learning(today: dt.date, skill_ids: dict[str, int], goal_ids: list[int]) -> None:
    for title, kind, provider, start, end, hours, cost, status, skills, goal in content.LEARNING:
        activity = m.LearningActivity.create(
            title=title,
            kind=kind,
            provider=provider,
            start_date=_day(today, start),
            end_date=_day(today, end),
            hours=hours,
            cost_minor=cost * 100,
            currency="EUR",
            status=status,
            goal=goal_ids[goal] if goal is not None else None,
        )
        for name in skills:
            m.LearningSkill.create(activity=activity, skill=skill_ids[name])


def _relationship(index: int) -> str:
    if index < 3:
        return ("mentor", "sponsor", "manager")[index]
    if index % 11 == 0:
        return "recruiter"
    if index % 13 == 0:
        return "mentee"
    if index % 7 == 0:
        return "friend"
    return "peer"


def _write_contacts(today: dt.date, count: int, rng: random.Random, goal_ids: list[int]) -> int:
    tags = {
        name: m.Tag.create(name=name, cadence_ideal_days=ideal, cadence_max_days=maximum).id
        for name, ideal, maximum in (
            ("mentor", 30, 45),
            ("close colleague", 60, 90),
            ("platform meetup", 90, 150),
            ("recruiter", 120, 240),
            ("former colleague", 180, 365),
        )
    }
    first_id = (m.Contact.select(m.Contact.id).order_by(m.Contact.id.desc()).scalar() or 0) + 1
    contact_rows, tag_rows, interaction_rows, job_rows = [], [], [], []
    for index in range(count):
        first = content.FIRST[index % len(content.FIRST)]
        last = content.LAST[(index * 7 + index // len(content.FIRST)) % len(content.LAST)]
        company = content.COMPANIES[rng.randrange(len(content.COMPANIES))]
        relationship = _relationship(index)
        if index < len(content.FIRST_CONTACTS):
            company, position = content.FIRST_CONTACTS[index]
        elif relationship == "recruiter":
            company, position = "Talent Bridge Recruiting", "Technical Recruiter"
        else:
            position = content.POSITIONS[rng.randrange(len(content.POSITIONS) - 1)]
        contact_id = first_id + index
        suffix = "" if index < len(content.FIRST) else str(index)  # keeps e-mail addresses unique
        slug = f"{first}.{last}{suffix}".lower().replace("'", "").replace("ü", "ue")
        added = _day(today, -rng.randint(30, 900))
        history = [
            _day(today, -rng.randint(1, 330)) for _ in range(rng.choice((0, 1, 1, 2, 3, 4)))
        ]
        if index < len(content.FIRST_CONTACTS):  # mentor, sponsor and manager: met regularly
            history = [_day(today, -offset) for offset in content.FIRST_CONTACT_MEETINGS[index]]
        contact_rows.append(
            {
                "id": contact_id,
                "first_name": first,
                "last_name": last,
                "company": company,
                "position": position,
                "email": f"{slug}@example.com",
                "phone": f"+31 6 {rng.randint(10000000, 99999999)}",
                "linkedin_url": f"https://www.linkedin.com/in/{slug.replace('.', '-')}",
                "relationship": relationship,
                "how_met": rng.choice(content.HOW_MET).format(company=company),
                "added_date": added,
                "connected_on": added,
                "last_contacted": max(history) if history else None,
                "source": "demo",
                "cadence_ideal_days": 21 if relationship == "mentor" else None,
                "cadence_max_days": 35 if relationship == "mentor" else None,
            }
        )
        tag_names = {
            "mentor": ["mentor"],
            "sponsor": ["close colleague"],
            "manager": ["close colleague"],
            "recruiter": ["recruiter"],
        }.get(relationship, [])
        if index % 3 == 0:
            tag_names.append("platform meetup")
        if company in ("Copperleaf Retail", "Brightline Systems"):
            tag_names.append("former colleague")
            job_rows.append(
                {
                    "contact": contact_id,
                    "company": "Northwind Analytics",
                    "position": "Software Engineer",
                    "start_date": _day(today, -1600),
                    "end_date": _day(today, -800),
                }
            )
        tag_rows.extend({"contact": contact_id, "tag": tags[t]} for t in dict.fromkeys(tag_names))
        for day in sorted(history):
            kind = rng.choice(tuple(content.INTERACTION_SUMMARIES))
            interaction_rows.append(
                {
                    "contact": contact_id,
                    "date": day,
                    "kind": kind,
                    "summary": content.INTERACTION_SUMMARIES[kind].format(
                        topic=rng.choice(content.TOPICS)
                    ),
                    "follow_up_date": day + dt.timedelta(days=14) if rng.random() < 0.2 else None,
                    "follow_up_done": day < _day(today, -30),
                }
            )
    _insert(m.Contact, contact_rows)
    _insert(m.ContactTag, tag_rows)
    _insert(m.Interaction, interaction_rows)
    _insert(m.Employment, job_rows)
    if count and goal_ids:
        m.GoalContact.create(goal=goal_ids[0], contact=first_id, role="Mentor for the staff path")
        if count > 1:
            m.GoalContact.create(goal=goal_ids[0], contact=first_id + 1, role="Sponsor")
        if count > 3:
            m.GoalContact.create(goal=goal_ids[5], contact=first_id + 3, role="Meetup organiser")
    return count


# When the mentor, the sponsor and the manager were last met (days ago).
def _write_journal(
    today: dt.date,
    scale: int,
    skill_ids: dict[str, int],
    goal_ids: list[int],
    rng: random.Random,
) -> None:
    """Quarterly check-ins in the past (4 per scale), achievements and feedback."""
    reflections = (
        "Good quarter: the promotion plan is agreed. Too many meetings, though.",
        "Design docs are landing well. I keep postponing the AWS course.",
        "Tired after the incident month; protected my focus time again.",
        "The redesign is mine now. Need to delegate more and speak up in planning.",
    )
    checkins = [m.CheckIn(date=_day(today, 14 - 91 * k)) for k in range(4 * scale, 0, -1)]
    for k, checkin in enumerate(checkins):
        checkin.period = "quarterly"
        checkin.reflection = reflections[k % len(reflections)]
        checkin.wellbeing = 3 + (k % 3 == 1)
        checkin.work_life_balance = 2 + (k % 4 in (1, 3))
        checkin.next_actions = "Review the plan; book the next mentoring session."
        checkin.save()
    for checkin in checkins:
        rows = []
        for goal in m.Goal.select(m.Goal.id, m.Goal.start_date, m.Goal.target_date, m.Goal.status):
            if goal.start_date > checkin.date:
                continue
            elapsed = (checkin.date - goal.start_date).days / max(
                1, (goal.target_date - goal.start_date).days
            )
            progress = round(min(1.0, max(0.0, elapsed * rng.uniform(0.6, 1.1))), 2)
            rows.append(
                {
                    "checkin": checkin.id,
                    "goal": goal.id,
                    "progress": progress,
                    "status": goal.status,
                    "health": goal_health(
                        status=goal.status,
                        start=goal.start_date,
                        target=goal.target_date,
                        progress=progress,
                        overdue_steps=0,
                        today=checkin.date,
                    ),
                }
            )
        _insert(m.CheckInGoal, rows)
    achievements = (
        (
            -200,
            "Cut checkout latency by 40%",
            "Checkout p99 latency was 1.8 s during sales.",
            "Profiled the hot path, introduced a read-through cache, led the rollout.",
            "p99 down to 1.1 s; conversion up 2% in the next sale.",
            "p99 1.8 s → 1.1 s",
            ["Distributed systems", "Troubleshooting production issues"],
        ),
        (
            -120,
            "Led the incident review culture change",
            "Incident reviews were blameful and skipped.",
            "Wrote a blameless template and facilitated the first ten reviews.",
            "Every sev-1 now has a review within 5 days.",
            "10 reviews facilitated",
            ["Conflict resolution", "Technical writing"],
        ),
        (
            -45,
            "Shipped the idempotent retries design",
            "Duplicate payments happened twice a month.",
            "Designed idempotency keys across three services.",
            "No duplicate payments since launch.",
            "0 duplicates in 6 weeks",
            ["System design"],
        ),
        (
            -15,
            "Onboarded my first mentee",
            "A new graduate joined the team.",
            "Set up weekly 1:1s and a 90-day plan.",
            "They shipped their first feature in week 3.",
            "first PR merged on day 4",
            ["Mentoring"],
        ),
    )
    for offset, title, situation, action, result, metric, names in achievements:
        achievement = m.Achievement.create(
            date=_day(today, offset),
            title=title,
            situation=situation,
            action=action,
            result=result,
            metric=metric,
            goal=goal_ids[0],
        )
        for name in names:
            m.AchievementSkill.create(achievement=achievement, skill=skill_ids[name])
            m.Evidence.create(
                skill=skill_ids[name],
                kind="achievement",
                title=title,
                date=achievement.date,
                achievement=achievement,
            )
    first_contact = m.Contact.select(m.Contact.id).order_by(m.Contact.id).scalar()
    for offset, giver, kind, text, name in (
        (
            -150,
            "Priya Raman",
            "praise",
            "Your design doc was the clearest this year.",
            "Technical writing",
        ),
        (
            -100,
            "My manager",
            "constructive",
            "Push back earlier when scope grows.",
            "Stakeholder management",
        ),
        (
            -60,
            "Peer review",
            "praise",
            "Great calm leadership during the outage.",
            "Troubleshooting production issues",
        ),
        (
            -20,
            "Mentee",
            "constructive",
            "More written follow-ups after our sessions would help.",
            "Mentoring",
        ),
    ):
        feedback = m.Feedback.create(
            date=_day(today, offset),
            giver=giver,
            contact=first_contact if giver == "Priya Raman" else None,
            kind=kind,
            text=text,
            goal=goal_ids[0],
        )
        m.FeedbackSkill.create(feedback=feedback, skill=skill_ids[name])
    m.Evidence.create(
        skill=skill_ids["Cloud architecture (AWS)"],
        kind="certificate",
        title="AWS Solutions Architect Associate",
        date=_day(today, -400),
    )


DEMO_FOLDER_PREFIX = "careerdesk-demo-"


def remove_stale_demo_folders(temp_root: Path) -> list[Path]:
    """Remove demo copies left by a run that aborted (its lock is no longer held)."""
    removed = []
    for folder in temp_root.glob(DEMO_FOLDER_PREFIX + "*"):
        plan_file = folder / "Example plan.db"
        if not folder.is_dir():
            continue
        lock = FileLock(plan_file)
        try:
            lock.acquire()
        except DatabaseError:
            continue  # another demo window is still using it
        lock.release()
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed
