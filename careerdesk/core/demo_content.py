"""The example plan's content: Alex Morgan's goals, skills, history and network, as data."""

from __future__ import annotations

from typing import Any

# (title, horizon, category, start offset days, target offset days, status, extra fields, steps)
# A step is (title, due offset days, done?, effort hours, depends on the previous step?).
GOALS: list[tuple[Any, ...]] = [
    (
        "Become a Staff Engineer",
        "long",
        "job_title",
        -180,
        540,
        "active",
        {
            "description": "Operate at staff level: set technical direction across teams.",
            "obstacles": "Few staff-level openings in my org; my impact is not always visible.",
            "obstacle_plan": "Ask my manager for a promotion plan; write up impact quarterly.",
        },
        [
            ("Agree a promotion plan with my manager", -150, True, 2, False),
            ("Collect staff-level expectations from two staff engineers", -120, True, 4, False),
            ("Write a brag document for the last 12 months", -60, True, 6, True),
            ("Present the brag document in my 1:1", -20, False, 1, True),
            ("Mid-cycle review with my manager", 90, False, 2, True),
            ("Promotion packet submitted", 420, False, 12, True),
        ],
    ),
    (
        "Lead the payments platform redesign",
        "short",
        "leadership",
        -90,
        180,
        "active",
        {"parent": 0, "description": "Own the architecture and delivery of the new platform."},
        [
            ("Write the problem statement", -80, True, 6, False),
            ("Review options with the architecture guild", -45, True, 4, True),
            ("Publish the design doc", -10, False, 16, True),
            ("Run the migration pilot", 60, False, 40, True),
            ("Cut over the first merchant", 150, False, 24, True),
        ],
    ),
    (
        "Write and share four design documents",
        "short",
        "expertise",
        -120,
        120,
        "active",
        {
            "parent": 0,
            "measure_name": "design docs shared",
            "measure_unit": "docs",
            "measure_start": 0,
            "measure_target": 4,
            "measure_current": 2,
        },
        [
            ("Design doc: event schema versioning", -100, True, 10, False),
            ("Design doc: idempotent retries", -40, True, 10, False),
            ("Design doc: ledger reconciliation", 30, False, 12, False),
            ("Design doc: multi-region failover", 100, False, 14, False),
        ],
    ),
    (
        "Mentor two junior engineers",
        "short",
        "leadership",
        -60,
        300,
        "active",
        {"parent": 0},
        [
            ("Agree goals with my first mentee", -50, True, 1, False),
            ("Find a second mentee", -5, False, 1, False),
            ("Monthly check-in with my first mentee", 6, False, 1, False),
            ("Six-month mentoring review", 120, False, 2, False),
        ],
    ),
    (
        "Grow total compensation to 140,000",
        "long",
        "income",
        -180,
        720,
        "active",
        {
            "measure_name": "total compensation",
            "measure_unit": "EUR",
            "measure_start": 105000,
            "measure_target": 140000,
            "measure_current": 112000,
            "obstacles": "Salary bands are fixed for my level.",
            "obstacle_plan": "Tie the raise to the staff promotion; benchmark the market yearly.",
        },
        [
            ("Benchmark my pay against three market surveys", -100, True, 3, False),
            ("Discuss compensation at the yearly review", 200, False, 1, True),
            ("Benchmark again", 460, False, 3, False),
        ],
    ),
    (
        "Build a network in platform engineering",
        "long",
        "network",
        -150,
        540,
        "active",
        {"description": "Know people who build platforms elsewhere, and be known by them."},
        [
            ("Join the local platform engineering meetup", -140, True, 1, False),
            ("Have coffee with five people from the meetup", -30, False, 5, True),
            ("Go to KubeCon Europe", 150, False, 24, False),
        ],
    ),
    (
        "Speak at a local meetup",
        "short",
        "network",
        20,
        160,
        "not_started",
        {"parent": 5},
        [
            ("Pick a talk topic", 30, False, 2, False),
            ("Submit the talk proposal", 50, False, 3, True),
            ("Rehearse with the Toastmasters group", 120, False, 6, True),
            ("Give the talk", 150, False, 2, True),
        ],
    ),
    (
        "Earn the AWS Solutions Architect Professional certification",
        "short",
        "education",
        -75,
        110,
        "active",
        {},
        [
            ("Finish the video course", -15, False, 30, False),
            ("Book the exam date", 11, False, 1, False),
            ("Take two practice exams", 40, False, 8, True),
            ("Book and pass the exam", 100, False, 4, True),
        ],
    ),
    (
        "Keep a sustainable pace: 40-hour weeks",
        "short",
        "work_life",
        -180,
        180,
        "active",
        {
            "measure_name": "weeks over 45 hours this quarter",
            "measure_unit": "weeks",
            "measure_start": 6,
            "measure_target": 0,
            "measure_current": 2,
        },
        [
            ("Block focus time in my calendar", -170, True, 1, False),
            ("Hand over the on-call rotation lead", -35, False, 3, False),
        ],
    ),
    (
        "Publish an open-source migration library",
        "short",
        "expertise",
        -200,
        60,
        "on_hold",
        {"obstacles": "No time while the redesign runs."},
        [
            ("Extract the library from our codebase", -160, True, 20, False),
            ("Write the documentation", -90, False, 12, True),
        ],
    ),
]

# (name, kind, current, target, priority, O*NET skill it is, if any)
SKILLS: list[tuple[Any, ...]] = [
    ("Python", "hard", 4, 5, 4, "Programming"),
    ("Go", "hard", 2, 4, 3, None),
    ("System design", "hard", 3, 5, 5, "Systems Analysis"),
    ("Distributed systems", "hard", 3, 4, 4, "Systems Evaluation"),
    ("Cloud architecture (AWS)", "hard", 3, 4, 4, "Technology Design"),
    ("Kubernetes", "hard", 2, 3, 3, None),
    ("SQL and data modelling", "hard", 4, 4, 2, None),
    ("Observability", "hard", 2, 4, 3, "Operations Monitoring"),
    ("Troubleshooting production issues", "hard", 4, 4, 3, "Troubleshooting"),
    ("Security fundamentals", "hard", 2, 3, 2, None),
    ("Technical writing", "soft", 3, 4, 4, "Writing"),
    ("Mentoring", "soft", 2, 4, 4, "Instructing"),
    ("Public speaking", "soft", 1, 3, 3, "Speaking"),
    ("Stakeholder management", "soft", 2, 4, 4, "Coordination"),
    ("Negotiation", "soft", 1, 3, 2, "Negotiation"),
    ("Decision making under uncertainty", "soft", 3, 4, 3, "Judgment and Decision Making"),
    ("Conflict resolution", "soft", None, 3, 2, None),
    ("Leading people", "soft", 1, 4, 4, "Management of Personnel Resources"),
]

OWN_ROLE = (
    "Staff Engineer (my company's ladder)",
    [
        ("System design", 5, 5),
        ("Distributed systems", 4, 4),
        ("Technical writing", 4, 4),
        ("Mentoring", 4, 4),
        ("Stakeholder management", 4, 4),
        ("Python", 4, 3),
        ("Public speaking", 3, 3),
        ("Observability", 3, 2),
    ],
)

# (title, kind, provider, start, end, hours, cost EUR, status, skills, goal index)
LEARNING: list[tuple[Any, ...]] = [
    (
        "AWS Solutions Architect Professional video course",
        "course",
        "Online course",
        -75,
        -10,
        40,
        120,
        "in_progress",
        ["Cloud architecture (AWS)"],
        7,
    ),
    (
        "Designing Data-Intensive Applications",
        "reading",
        "O'Reilly",
        -200,
        -120,
        30,
        45,
        "done",
        ["Distributed systems", "System design"],
        None,
    ),
    (
        "The Staff Engineer's Path",
        "reading",
        "O'Reilly",
        -40,
        20,
        12,
        40,
        "in_progress",
        ["Stakeholder management"],
        0,
    ),
    (
        "Leadership essentials workshop",
        "workshop",
        "Company academy",
        45,
        47,
        16,
        0,
        "planned",
        ["Leading people", "Conflict resolution"],
        3,
    ),
    (
        "Toastmasters club",
        "coaching",
        "Toastmasters",
        30,
        150,
        20,
        90,
        "planned",
        ["Public speaking"],
        6,
    ),
    ("KubeCon Europe", "conference", "CNCF", 150, 153, 24, 900, "planned", ["Kubernetes"], 5),
    (
        "Mentoring sessions with Priya",
        "mentoring",
        "Priya Raman",
        -150,
        210,
        18,
        0,
        "in_progress",
        ["System design", "Stakeholder management"],
        0,
    ),
]

HISTORY = [
    (
        "Junior Software Developer",
        "Brightline Systems",
        "IT services",
        "Junior",
        -9 * 365,
        -7 * 365,
    ),
    ("Software Engineer", "Copperleaf Retail", "Retail", "Mid-level", -7 * 365, -4 * 365 - 120),
    ("Senior Software Engineer", "Northwind Analytics", "Fintech", "Senior", -4 * 365 - 120, None),
]
RESPONSIBILITIES = {
    "Junior Software Developer": "Built internal tools in Python; on call for billing.",
    "Software Engineer": "Owned the checkout API; introduced contract tests; mentored interns.",
    "Senior Software Engineer": "Tech lead of the payments team of six; design reviews.",
}

ASSESSMENT = [
    ("strength", "Turning vague problems into clear designs"),
    ("strength", "Calm in production incidents"),
    ("strength", "Explaining technical trade-offs to non-engineers"),
    ("weakness", "Saying no to requests outside my priorities"),
    ("weakness", "Public speaking in front of large groups"),
    ("interest", "Platform engineering and developer experience"),
    ("interest", "Growing other engineers"),
    ("interest", "Payments and financial systems"),
    ("value", "Craft: doing things well"),
    ("value", "Autonomy"),
    ("value", "A team where people help each other"),
    ("constraint", "No relocation for the next three years (family)", "location"),
    ("constraint", "At most 5 hours a week for learning", "time"),
    ("constraint", "Learning budget of 1,500 EUR a year from my employer", "money"),
]

FIRST = (
    "Priya Jonas Mei Lukas Amara Daniel Sofia Omar Hannah Mateo Ingrid Kwame Elena Tobias Aisha "
    "Felix Nora Ravi Julia Marco Leila Samuel Chloe Anders Yuki Diego Fatima Oskar Zara Henrik "
    "Grace Emil Lina Viktor Maya Pedro Ines Theo Rosa Ben"
).split()
LAST = (
    "Raman Weber Chen Schmidt Okafor Silva Rossi Haddad Berg Novak Lindqvist Mensah Petrova "
    "Jansen Khan Moreau Tanaka Garcia Eriksen Kowalski Dubois Nakamura Fischer Costa Ahmed "
    "Larsen Müller O'Brien Svensson Romero"
).split()
COMPANIES = (
    "Northwind Analytics",
    "Copperleaf Retail",
    "Brightline Systems",
    "Helix Payments",
    "Bluefin Cloud",
    "Orbital Logistics",
    "Kestrel Health",
    "Lumen Data",
    "Harbor Bank",
    "Fjord Software",
    "Talent Bridge Recruiting",
)
POSITIONS = (
    "Staff Engineer",
    "Principal Engineer",
    "Engineering Manager",
    "Senior Software Engineer",
    "Software Engineer",
    "Director of Engineering",
    "Product Manager",
    "Site Reliability Engineer",
    "CTO",
    "Technical Recruiter",
)
HOW_MET = (
    "Worked together at {company}",
    "Platform engineering meetup",
    "Introduced by a colleague",
    "Conference hallway track",
    "University",
    "Reached out on LinkedIn",
)
INTERACTION_SUMMARIES = {
    "coffee": "Coffee: talked about {topic}",
    "call": "Call about {topic}",
    "meeting": "1:1 on {topic}",
    "message": "Messaged about {topic}",
    "email": "Email: {topic}",
    "event": "Met at the meetup; chatted about {topic}",
    "help_given": "Reviewed their design doc on {topic}",
    "help_received": "They gave feedback on my {topic} plan",
    "introduction": "Introduced me to someone working on {topic}",
}
TOPICS = (
    "staff-level expectations",
    "platform teams",
    "the payments redesign",
    "career moves",
    "Kubernetes at scale",
    "hiring",
    "public speaking",
    "incident reviews",
)


FIRST_CONTACT_MEETINGS = ((200, 140, 80, 50, 19), (250, 120, 52), (60, 30, 8, 1))
# The mentor, the sponsor and the manager of the example person.
FIRST_CONTACTS = (
    ("Helix Payments", "Principal Engineer"),
    ("Northwind Analytics", "Director of Engineering"),
    ("Northwind Analytics", "Engineering Manager"),
)
