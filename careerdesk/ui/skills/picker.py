"""The role picker: search the occupation catalogue as one types; unrated roles get stand-ins."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from careerdesk.core import catalogue, target_roles
from careerdesk.ui.skills.levels import tr, tr_n

CODE_ROLE = Qt.ItemDataRole.UserRole
SEARCH_LIMIT = 60


@dataclass(frozen=True)
class PickedRole:
    """What the user chose: a rated occupation, or an unrated one to enter by hand."""

    code: str
    manual: bool = False
    add_missing_skills: bool = False


class RolePickerDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("role_picker")
        self.setWindowTitle(tr("Add a target role from the occupation catalogue"))
        self.resize(640, 620)
        self.picked: PickedRole | None = None

        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("role_search")
        self.search_edit.setAccessibleName(tr("Search occupations by title"))
        self.search_edit.setPlaceholderText(
            tr("Type a job title, e.g. programmer, nurse, manager")
        )
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._search)
        self.search_edit.returnPressed.connect(self._accept_if_possible)
        self.search_edit.installEventFilter(self)

        self.results = QListWidget(self)
        self.results.setObjectName("occupation_list")
        self.results.setAccessibleName(tr("Matching occupations"))
        self.results.currentItemChanged.connect(lambda *_: self._show_selected())
        self.results.itemDoubleClicked.connect(lambda _item: self._accept_if_possible())

        self.description = QLabel(self)
        self.description.setObjectName("occupation_description")
        self.description.setAccessibleName(tr("About the selected occupation"))
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self.description.setWordWrap(True)
        self.description.setMinimumHeight(60)
        self.description.setAlignment(Qt.AlignmentFlag.AlignTop)

        self.missing_check = QCheckBox(self)
        self.missing_check.setObjectName("add_missing_skills")
        self.missing_check.setAccessibleName(tr("Add the missing O*NET skills to my inventory"))
        # Off until the user asks: 30-odd skills in the inventory are a lot to take in.
        self.missing_check.setChecked(False)

        self.unrated_note = QLabel(self)
        self.unrated_note.setObjectName("unrated_note")
        self.unrated_note.setTextFormat(Qt.TextFormat.PlainText)
        self.unrated_note.setWordWrap(True)
        self.closest = QListWidget(self)
        self.closest.setObjectName("closest_list")
        self.closest.setAccessibleName(tr("Closely related occupations with skill ratings"))
        self.closest.setMinimumHeight(self.fontMetrics().height() * 6 + 12)
        self.closest.currentItemChanged.connect(lambda *_: self._update_ok())
        self.closest.itemDoubleClicked.connect(lambda _item: self._accept_if_possible())
        self.manual_button = QPushButton(tr("Enter the requirements by &hand"), self)
        self.manual_button.setObjectName("manual_role_button")
        self.manual_button.setAccessibleName(tr("Enter the requirements by hand"))
        self.manual_button.clicked.connect(self._accept_manual)

        attribution = QLabel(catalogue.ATTRIBUTION, self)
        attribution.setObjectName("catalogue_attribution")
        attribution.setAccessibleName(tr("Source of the occupation catalogue"))
        attribution.setTextFormat(Qt.TextFormat.PlainText)
        attribution.setWordWrap(True)
        attribution.setStyleSheet("color: palette(placeholder-text); font-size: small;")

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.setObjectName("role_picker_buttons")
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(tr("Add role"))
        self.ok_button.setObjectName("add_role_ok")
        self.ok_button.setAccessibleName(tr("Add the role"))
        self.buttons.accepted.connect(self._accept_if_possible)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.results, 3)
        layout.addWidget(self.description)
        layout.addWidget(self.missing_check)
        layout.addWidget(self.unrated_note)
        layout.addWidget(self.closest, 1)
        layout.addWidget(self.manual_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(attribution)
        layout.addWidget(self.buttons)
        self._search("")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Up and Down in the search field walk the results, so typing never stops."""
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.count():
                step = 1 if key == Qt.Key.Key_Down else -1
                row = min(max(self.results.currentRow() + step, 0), self.results.count() - 1)
                self.results.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    # --- search --------------------------------------------------------------------

    def _search(self, text: str) -> None:
        found = catalogue.search(text, SEARCH_LIMIT) if text.strip() else []
        self.results.clear()
        for occ in found:
            label = f"{occ.title}  ({occ.code})"
            if not occ.rated:
                label += "  " + tr("— no skill ratings")
            item = QListWidgetItem(label, self.results)
            item.setData(CODE_ROLE, occ.code)
        if found:
            self.results.setCurrentRow(0)
        self._show_selected()

    def selected_code(self) -> str | None:
        item = self.results.currentItem()
        return item.data(CODE_ROLE) if item else None

    def _show_selected(self) -> None:
        code = self.selected_code()
        occ = catalogue.occupation(code) if code else None
        self.closest.clear()
        if occ is None:
            self.description.setText(
                tr("Type a few letters of a job title to search the catalogue.")
                if not self.search_edit.text().strip()
                else tr("No occupation matches. You can still add a role of your own.")
            )
            for widget in (self.missing_check, self.unrated_note, self.closest):
                widget.hide()
            self.manual_button.setVisible(bool(self.search_edit.text().strip()))
            self._update_ok()
            return
        zone = tr(" Job zone {zone} of 5.").format(zone=occ.job_zone) if occ.job_zone else ""
        self.description.setText(f"{occ.title} ({occ.code}).{zone}\n{occ.description}")
        if occ.rated:
            self.unrated_note.hide()
            self.closest.hide()
            self.manual_button.hide()
        else:
            self.unrated_note.setText(
                tr(
                    "O*NET 29.0 has no skill ratings for {title}. Pick a closely related "
                    "occupation below, or enter the requirements by hand."
                ).format(title=occ.title)
            )
            for near in catalogue.closest_rated(occ.code, limit=6):
                item = QListWidgetItem(f"{near.title}  ({near.code})", self.closest)
                item.setData(CODE_ROLE, near.code)
            for widget in (self.unrated_note, self.closest, self.manual_button):
                widget.show()
        self._update_ok()

    def chosen_code(self) -> str | None:
        """The rated occupation the OK button would add."""
        code = self.selected_code()
        if code and catalogue.has_ratings(code):
            return code
        item = self.closest.currentItem()
        return item.data(CODE_ROLE) if item and not self.closest.isHidden() else None

    def _update_ok(self) -> None:
        code = self.chosen_code()
        self.ok_button.setEnabled(code is not None)
        missing = len(target_roles.missing_onet_skills(code)) if code else 0
        self.missing_check.setText(
            tr_n(
                "Also add the O*NET skill it rates that my inventory lacks",
                "Also add the %n O*NET skills it rates that my inventory lacks",
                missing,
            )
        )
        self.missing_check.setVisible(missing > 0)

    # --- choosing ----------------------------------------------------------------------

    def _accept_if_possible(self) -> None:
        code = self.chosen_code()
        if code is None:
            return
        add_missing = not self.missing_check.isHidden() and self.missing_check.isChecked()
        self.picked = PickedRole(code, add_missing_skills=add_missing)
        self.accept()

    def _accept_manual(self) -> None:
        code = self.selected_code()
        self.picked = PickedRole(code or "", manual=True)
        self.accept()

    def manual_title(self) -> str:
        """The title for a role entered by hand: the occupation's, or what was typed."""
        occ = catalogue.occupation(self.picked.code) if self.picked and self.picked.code else None
        return occ.title if occ else self.search_edit.text().strip()
