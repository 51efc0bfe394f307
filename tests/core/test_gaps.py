"""Tests of the gap and readiness rule on hand-checked examples, and on the database."""

import datetime as dt

import pytest

from careerdesk.core import gaps, skills, target_roles
from careerdesk.core.gaps import Requirement

TODAY = dt.date(2026, 11, 23)

# Hand-checked example: with the default threshold 3.0, A, B and C count:
#   A: 4 x (4 - 2) = 8      B: 5 x 3 (never assessed: full gap) = 15      C: met, 0
#   needed = 4*4 + 5*3 + 3*2 = 37; missing = 23; readiness = 1 - 23/37 = 14/37
A = Requirement("Architecture", importance=4, required_level=4, current_level=2)
B = Requirement("Budgeting", importance=5, required_level=3, current_level=None)
C = Requirement("Communication", importance=3, required_level=2, current_level=3)
D = Requirement("Drawing", importance=2, required_level=5, current_level=0)


@pytest.mark.parametrize(
    ("required", "current", "gap"),
    [(4, 2, 2), (3, None, 3), (2, 3, 0), (2.5, 2, 0.5), (0, None, 0), (5, 5, 0)],
)
def test_gap_is_the_shortfall_and_a_full_gap_when_not_assessed(required, current, gap):
    assert gaps.gap_of(required, current) == gap


def test_readiness_and_ranking_hand_checked():
    result = gaps.analyse([A, B, C, D])
    assert result.readiness == pytest.approx(14 / 37)
    assert [g.name for g in result.ranked] == ["Budgeting", "Architecture", "Communication"]
    assert [g.weighted for g in result.ranked] == [15, 8, 0]
    assert [g.name for g in result.open_gaps] == ["Budgeting", "Architecture"]
    assert result.ranked[0].not_assessed and not result.ranked[1].not_assessed
    assert [g.name for g in result.not_counted] == ["Drawing"]


def test_the_user_can_lower_the_threshold():
    result = gaps.analyse([A, B, C, D], threshold=2.0)
    # Drawing now counts: 2 x 5 = 10; needed 37 + 10 = 47, missing 23 + 10 = 33.
    assert result.readiness == pytest.approx(14 / 47)
    assert [g.name for g in result.ranked] == [
        "Budgeting",
        "Drawing",
        "Architecture",
        "Communication",
    ]
    assert result.not_counted == ()


def test_threshold_is_inclusive():
    at = Requirement("At", importance=3.0, required_level=2, current_level=0)
    below = Requirement("Below", importance=2.99, required_level=2, current_level=0)
    result = gaps.analyse([at, below])
    assert [g.name for g in result.ranked] == ["At"]
    assert result.readiness == 0.0


def test_equal_weighted_gaps_rank_the_larger_gap_first_then_by_name():
    wide = Requirement("Wide", importance=1, required_level=4, current_level=0)  # 1 x 4
    deep = Requirement("Deep", importance=4, required_level=1, current_level=0)  # 4 x 1
    also = Requirement("Also deep", importance=4, required_level=1, current_level=0)
    result = gaps.analyse([deep, wide, also], threshold=1)
    assert [g.name for g in result.ranked] == ["Wide", "Also deep", "Deep"]


def test_raising_a_level_raises_readiness_and_overqualification_is_no_bonus():
    better_a = Requirement("Architecture", importance=4, required_level=4, current_level=4)
    assert gaps.analyse([better_a, B, C]).readiness == pytest.approx(1 - 15 / 37)
    expert = Requirement("Communication", importance=3, required_level=2, current_level=5)
    assert gaps.analyse([expert]).readiness == 1.0


def test_no_counted_requirement_means_no_readiness_and_level_zero_means_ready():
    assert gaps.analyse([D]).readiness is None
    assert gaps.analyse([]).readiness is None
    nothing = Requirement("Nothing", importance=4, required_level=0, current_level=None)
    assert gaps.analyse([nothing]).readiness == 1.0


def test_role_analysis_reads_levels_of_linked_skills(db_path):
    design = skills.add_skill("System design", current_level=2, today=TODAY).value
    skills.add_skill("Python", current_level=4, today=TODAY)
    role_id = target_roles.add_own_role(
        "Staff engineer",
        [
            target_roles.RequirementInput("System design", 4, importance=4),  # linked by name
            target_roles.RequirementInput("Python", 4, importance=3),
            target_roles.RequirementInput(
                "Budgets", 3, importance=5
            ),  # no such skill: not assessed
            target_roles.RequirementInput("Drawing", 5, importance=2),
        ],
    ).value
    result = gaps.role_analysis(role_id)
    assert [(g.name, g.gap, g.not_assessed) for g in result.ranked] == [
        ("Budgets", 3, True),
        ("System design", 2, False),
        ("Python", 0, False),
    ]
    # needed 4*4 + 3*4 + 5*3 = 43, missing 8 + 15 = 23
    assert result.readiness == pytest.approx(1 - 23 / 43)
    skills.set_level(design, 4, TODAY)
    assert gaps.role_analysis(role_id).readiness == pytest.approx(1 - 15 / 43)


def test_heatmap_puts_skills_against_roles(db_path):
    skills.add_skill("System design", current_level=2, today=TODAY)
    one = target_roles.add_own_role(
        "Staff engineer", [target_roles.RequirementInput("System design", 4)]
    ).value
    two = target_roles.add_own_role(
        "Architect",
        [
            target_roles.RequirementInput("System design", 5, importance=5),
            target_roles.RequirementInput("Budgets", 2),
        ],
    ).value
    table = gaps.heatmap([one, two])
    assert table.role_titles == ("Staff engineer", "Architect")
    # System design: 3 x 2 + 5 x 3 = 21 in all; Budgets 3 x 2 = 6
    assert table.skill_names == ("System design", "Budgets")
    assert table.cells == ((2.0, 3.0), (None, 2.0))
    assert table.not_assessed == frozenset({"Budgets"})
    assert table.readiness[0] == pytest.approx(0.5)
