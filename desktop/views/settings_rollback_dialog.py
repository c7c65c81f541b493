"""« Revenir à cette version » : what would be undone, for which school (or board), confirmed.

The dialog only shows a ``RollbackPlan`` computed in the background and asks for a reason; the
page applies it. Later versions of other schools are named as kept, so nobody fears (or causes)
the silent loss of another school's change.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services.settings import RollbackPlan
from desktop.views.settings_models import TextRowsModel


class RollbackDialog(QDialog):
    """Before/after of each key the rollback sets back; « Revenir » stays disabled when nothing would change."""

    def __init__(self, plan: RollbackPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setObjectName("rollback_dialog")
        self.setWindowTitle(self.tr("Revenir à la version {id}").format(id=plan.version_id))
        self.resize(760, 420)
        of_where = ", ".join(self.spoken(target) for target in plan.targets)
        if plan.steps:
            intro = self.tr("Seuls les réglages {of_where} reviennent à leur état juste après la version {id}. "
                            "Ce retour sera lui-même une nouvelle version.").format(
                of_where=of_where, id=plan.version_id)
        else:
            intro = self.tr("Rien à annuler : les réglages {of_where} sont déjà comme après la version {id}.").format(
                of_where=of_where, id=plan.version_id)
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.model = TextRowsModel([self.tr("Cible"), self.tr("Réglage"), self.tr("Maintenant"),
                                    self.tr("Après le retour")], self)
        self.model.set_rows([(s.change.target, s.change.label, s.change.after_display, s.change.before_display)
                             for s in plan.steps])
        self.table = QTableView()
        self.table.setObjectName("rollback_steps")
        self.table.setAccessibleName(self.tr("Réglages que le retour remettrait"))
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.kept = QLabel(self.tr("Versions plus récentes d'autres cibles, conservées telles quelles : {ids}.").format(
            ids=", ".join(str(i) for i in plan.kept_versions)) if plan.kept_versions else "")
        self.kept.setObjectName("hint")
        self.kept.setWordWrap(True)
        self.kept.setVisible(bool(plan.kept_versions))
        self.comment = QLineEdit()
        self.comment.setObjectName("rollback_comment")
        self.comment.setPlaceholderText(self.tr("Raison du retour (gardée dans l'historique)"))
        self.comment.setAccessibleName(self.tr("Raison du retour"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.confirm_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.confirm_button.setText(self.tr("Revenir"))
        self.confirm_button.setEnabled(bool(plan.steps))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Annuler"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.kept)
        layout.addWidget(self.comment)
        layout.addWidget(self.buttons)

    def spoken(self, reference: str) -> str:
        """``school:ECO01`` as « les réglages … » goes on: « de l'école ECO01 », « du centre de services … »."""
        scope, _, code = reference.partition(":")
        forms = {"school": self.tr("de l'école {code}"), "board": self.tr("du centre de services {code}"),
                 "staff": self.tr("du membre du personnel n° {code}")}
        return forms.get(scope, "{code}").format(code=code)
