"""The two dialogs the actors dialog opens for a change: which aliases to split off into a
new actor, and what a relabelling of every mention will change, before it does."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.i18n import _, ngettext
from annotator.store.actors import ActorRow, Mention


class SplitDialog(QDialog):
    """Which aliases of an actor go to a new actor, and its name."""

    def __init__(self, row: ActorRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Split {name}").format(name=row.name))
        self.list = QListWidget()
        for alias in row.aliases:
            item = QListWidgetItem(alias)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText(_("Name of the new actor"))
        form = QFormLayout()
        form.addRow(_("Aliases the new actor takes:"), self.list)
        form.addRow(_("New actor:"), self.new_name)
        note = QLabel(
            _(
                "Entities whose text is one of these aliases go to the new actor."
                " Statements that name {name} itself stay with it."
            ).format(name=row.name)
        )
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.list.itemChanged.connect(lambda _item: self._update())
        self.new_name.textChanged.connect(lambda _text: self._update())
        self._update()

    def check(self, aliases: list[str]) -> None:
        """Tick exactly these aliases."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            state = Qt.CheckState.Checked if item.text() in aliases else Qt.CheckState.Unchecked
            item.setCheckState(state)

    def aliases(self) -> list[str]:
        return [
            self.list.item(row).text()
            for row in range(self.list.count())
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        ]

    def name(self) -> str:
        return self.new_name.text()

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.aliases()) and bool(self.name().strip()))


class RelabelPreview(QDialog):
    """Every mention a relabelling changes: article, text, old label → new label."""

    def __init__(
        self, name: str, mentions: list[Mention], label: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Relabel mentions of {name}").format(name=name))
        self.mentions = mentions
        if mentions:
            text = ngettext(
                "{n} mention of {name} will be labelled {label}:",
                "{n} mentions of {name} will be labelled {label}:",
                len(mentions),
            ).format(n=len(mentions), name=name, label=label)
        else:
            text = _("Every mention of {name} is {label} already; the actor will be too.").format(
                name=name, label=label
            )
        self.summary = QLabel(text)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(len(mentions), 3)
        self.table.setHorizontalHeaderLabels([_("Article"), _("Text"), _("Label")])
        for row, mention in enumerate(mentions):
            values = (mention.title, mention.surface, f"{mention.label} → {label}")
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Relabel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def rows(self) -> list[tuple[str, str, str]]:
        """What the table shows, row by row (article, text, change)."""
        cells = [
            [self.table.item(row, column).text() for column in range(3)]
            for row in range(self.table.rowCount())
        ]
        return [(article, text, change) for article, text, change in cells]
