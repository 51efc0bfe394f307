"""Operations of the Skills tab: inventory, levels, evidence, target roles, gaps, learning."""

from __future__ import annotations

from unittest import mock

from careerdesk.core import learning, skills, target_roles
from careerdesk.core import models as m
from careerdesk.ui.operations import perform
from careerdesk.ui.skills import inventory as inv
from careerdesk.ui.skills.learning import ActivityDialog, RaiseLevelsDialog

from .case import Case


def _tab(window):
    window.show_tab("skills_tab")
    return window.skills_tab


def _skill(name: str = "Python") -> int:
    return m.Skill.get(m.Skill.name == name).id


def _add_skill(window) -> None:
    tab = _tab(window)
    with mock.patch.object(inv.QInputDialog, "getText", return_value=("Rust", True)):
        tab.inventory.add_skill()


def _rename_skill(window) -> None:
    _tab(window).inventory._edit(_skill(), inv.NAME, "Python 3")


def _change_target(window) -> None:
    _tab(window).inventory._edit(_skill(), inv.TARGET, 2)


def _change_priority(window) -> None:
    _tab(window).inventory._edit(_skill(), inv.PRIORITY, 1)


def _change_kind(window) -> None:
    _tab(window).inventory._edit(_skill(), inv.KIND, "soft")


def _set_level(window) -> None:
    _tab(window).inventory._edit(_skill(), inv.CURRENT, 5)


def _clear_level(window) -> None:
    _tab(window).inventory.set_current_level(_skill(), None)


def _delete_skill(window) -> None:
    tab = _tab(window)
    tab.inventory.select_skill(_skill())
    tab.inventory.delete_skill()


def _add_evidence(window) -> None:
    tab = _tab(window)
    skill_id = _skill()
    perform(
        tab.ctx,
        "Add evidence",
        lambda: skills.add_evidence(skill_id, "Open-source library", kind="project"),
    )


def _add_own_role(window) -> None:
    _tab(window).add_own_role("Tech lead")


def _add_catalogue_role(window) -> None:
    _tab(window).add_catalogue_role("15-1211.00", add_missing_skills=True)  # analysts


def _remove_role(window) -> None:
    _tab(window).remove_role(target_roles.list_roles()[0].id)


def _stop_aiming(window) -> None:
    _tab(window).set_role_active(target_roles.list_roles()[1].id, False)


def _first_requirement() -> m.RoleRequirement:
    return target_roles.requirements_of(target_roles.list_roles()[-1].id)[0]


def _add_requirement(window) -> None:
    tab = _tab(window)
    tab.add_requirement(target_roles.list_roles()[-1].id, "Negotiation", 4.0, importance=4.0)


def _adjust_requirement(window) -> None:
    _tab(window).edit_requirement(_first_requirement().id, "required_level", 4.5)


def _relink_requirement(window) -> None:
    _tab(window).edit_requirement(_first_requirement().id, "skill", None)


def _remove_requirement(window) -> None:
    _tab(window).remove_requirement(_first_requirement().id)


def _plan_gap(window) -> None:
    _tab(window).plan_gap(_first_requirement().id)


def _plan_gap_as_step(window) -> None:
    goal_id = learning.goal_choices()[0][0]
    _tab(window).plan_gap(_first_requirement().id, as_step=True, goal_id=goal_id)


def _accept(**texts):
    def exec_(dialog):
        for name, text in texts.items():
            getattr(dialog, name).setText(text)
        return ActivityDialog.DialogCode.Accepted

    return exec_


def _add_activity(window) -> None:
    tab = _tab(window)
    with mock.patch.object(
        ActivityDialog, "exec", _accept(title_edit="Rust book", hours_edit="12")
    ):
        tab.learning.add_activity()


def _activity(title_start: str) -> int:
    return next(a.id for a in learning.list_activities() if a.title.startswith(title_start))


def _edit_activity(window) -> None:
    tab = _tab(window)
    tab.learning.select_activity(_activity("AWS Solutions"))

    def exec_(dialog):
        dialog.title_edit.setText("AWS course")
        for i in range(dialog.skill_list.count()):  # builds other skills now
            item = dialog.skill_list.item(i)
            item.setCheckState(
                inv.Qt.CheckState.Unchecked
                if item.checkState() == inv.Qt.CheckState.Checked
                else inv.Qt.CheckState.Checked
            )
            if i > 3:
                break
        return ActivityDialog.DialogCode.Accepted

    with mock.patch.object(ActivityDialog, "exec", exec_):
        tab.learning.edit_activity()


def _complete_activity(window) -> None:
    tab = _tab(window)
    with mock.patch.object(
        RaiseLevelsDialog, "exec", lambda _dialog: RaiseLevelsDialog.DialogCode.Accepted
    ):
        tab.learning.complete_activity(_activity("AWS Solutions"))


def _complete_without_raising(window) -> None:
    tab = _tab(window)
    with mock.patch.object(
        RaiseLevelsDialog, "exec", lambda _dialog: RaiseLevelsDialog.DialogCode.Rejected
    ):
        tab.learning.complete_activity(_activity("Toastmasters"))


def _delete_activity(window) -> None:
    tab = _tab(window)
    tab.learning.select_activity(_activity("KubeCon"))
    tab.learning.delete_activity()


CASES = [
    Case("add a skill", _add_skill),
    Case("rename a skill", _rename_skill),
    Case("change a skill's target level", _change_target),
    Case("change a skill's priority", _change_priority),
    Case("change a skill's kind", _change_kind),
    Case("set a skill's current level", _set_level),
    Case("clear a skill's current level", _clear_level),
    Case("delete a skill", _delete_skill),
    Case("add evidence", _add_evidence),
    Case("add an own target role", _add_own_role),
    Case("add a catalogue role with its missing skills", _add_catalogue_role),
    Case("remove a target role", _remove_role),
    Case("stop aiming for a role", _stop_aiming),
    Case("add a requirement", _add_requirement),
    Case("adjust a requirement's level", _adjust_requirement),
    Case("unlink a requirement's skill", _relink_requirement),
    Case("remove a requirement", _remove_requirement),
    Case("plan a gap as learning", _plan_gap),
    Case("plan a gap as a goal step", _plan_gap_as_step),
    Case("add a learning activity", _add_activity),
    Case("edit a learning activity and its skills", _edit_activity),
    Case("complete an activity, raising levels", _complete_activity),
    Case("complete an activity, levels kept", _complete_without_raising),
    Case("delete a learning activity", _delete_activity),
]
