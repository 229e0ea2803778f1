"""Actors: the dialog that lists and tidies them.

:class:`ActorsDialog` is where a lead cleans up after annotators: rename an actor, merge
two that are one ("Japan" and "Япония"), split one that is two, and give every mention of
an actor one label after a preview of what changes. Each change is one edit of the project
(see :mod:`annotator.store.actors`); the dialog emits :attr:`ActorsDialog.changed` after it
so that the window can repaint entities whose label changed.

The picker that links one entity is :class:`annotator.ui.actor_picker.ActorPicker`.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.i18n import N_, _, ngettext
from annotator.store.actors import ActorRow
from annotator.store.project import Project
from annotator.ui.actor_changes import RelabelPreview, SplitDialog

ID_ROLE = Qt.ItemDataRole.UserRole + 1
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class ActorsDialog(QDialog):
    """Every actor with its label, aliases and use; rename, merge, split, relabel."""

    COLUMNS = (N_("Name"), N_("Label"), N_("Aliases"), N_("Mentions"), N_("Statements"))
    NAME, LABEL, ALIASES, MENTIONS, STATEMENTS = range(5)

    changed = Signal()
    """Emitted after each change to the project."""

    def __init__(self, project: Project, annotator: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.annotator = annotator
        self.setWindowTitle(_("Actors"))
        self._order: list[int] = []  # selected actors, in the order they were selected
        self._refreshing = False

        self.model = QStandardItemModel(0, len(self.COLUMNS), self)
        self.model.setHorizontalHeaderLabels([_(c) for c in self.COLUMNS])
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)  # any column: a name, an alias or a label
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(_("Filter by name, alias or label"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(self.NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.ALIASES, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.itemChanged.connect(self._name_edited)

        self.rename_button = QPushButton(_("Rename…"))
        self.merge_button = QPushButton(_("Merge"))
        self.split_button = QPushButton(_("Split…"))
        self.relabel_button = QPushButton(_("Relabel Mentions…"))
        self.rename_button.clicked.connect(lambda: self.rename_selected())
        self.merge_button.clicked.connect(lambda: self.merge_selected())
        self.split_button.clicked.connect(lambda: self.split_selected())
        self.relabel_button.clicked.connect(lambda: self.relabel_selected())
        actions = QHBoxLayout()
        for button in (self.rename_button, self.merge_button, self.split_button,
                       self.relabel_button):  # fmt: skip
            button.setAutoDefault(False)
            actions.addWidget(button)
        actions.addStretch(1)
        self.status = QLabel()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        # Enter in the filter or the name editor must not close the dialog.
        close.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table)
        layout.addLayout(actions)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self.resize(820, 560)
        self.refresh()

    # -- the table -----------------------------------------------------------------------

    def refresh(self, select: list[int] | None = None) -> None:
        """Reload the actors from the project, keeping (or setting) the selection."""
        keep = list(self._order) if select is None else select
        self._refreshing = True
        try:
            self.model.removeRows(0, self.model.rowCount())
            for row in self.project.actor_rows():
                self.model.appendRow(self._items(row))
        finally:
            self._refreshing = False
        self.table.resizeColumnToContents(self.NAME)
        self.table.resizeColumnToContents(self.LABEL)
        self._select(keep)

    def _items(self, row: ActorRow) -> list[QStandardItem]:
        name = QStandardItem(row.name)
        name.setData(row.id, ID_ROLE)
        name.setToolTip(_("Double-click to rename"))
        label = QStandardItem(row.label or "")
        aliases = QStandardItem(", ".join(row.aliases))
        aliases.setToolTip("\n".join(row.aliases))
        items = [name, label, aliases]
        for count in (row.mentions, row.statements):
            item = QStandardItem()
            item.setData(count, Qt.ItemDataRole.DisplayRole)  # a number: sorts as one
            item.setTextAlignment(RIGHT)
            items.append(item)
        for item in items[1:]:
            item.setEditable(False)
        return items

    def actor_ids(self) -> list[int]:
        """The actors the table shows (after the filter), top to bottom."""
        return [
            int(self.proxy.index(row, self.NAME).data(ID_ROLE))
            for row in range(self.proxy.rowCount())
        ]

    def selected_ids(self) -> list[int]:
        """The selected actors, the one selected first first."""
        return list(self._order)

    def select(self, actor_ids: list[int]) -> None:
        """Select these actors, in this order (the first is what a merge keeps)."""
        self._select(actor_ids)

    def _select(self, actor_ids: list[int]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        self._order = []
        shown = self.actor_ids()
        for actor_id in actor_ids:
            if actor_id in shown:
                index = self.proxy.index(shown.index(actor_id), self.NAME)
                selection.select(
                    index,
                    selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
                )
        self._order = [actor_id for actor_id in actor_ids if actor_id in shown]
        self._update_buttons()

    def _selection_changed(self, *_args: object) -> None:
        chosen = {int(index.data(ID_ROLE)) for index in self.table.selectionModel().selectedRows()}
        self._order = [a for a in self._order if a in chosen]
        self._order += sorted(chosen - set(self._order), key=self.actor_ids().index)
        self._update_buttons()

    def _update_buttons(self) -> None:
        count = len(self._order)
        self.rename_button.setEnabled(count == 1)
        self.split_button.setEnabled(count == 1)
        self.relabel_button.setEnabled(count == 1)
        self.merge_button.setEnabled(count >= 2)

    def _rows(self) -> dict[int, ActorRow]:
        return {row.id: row for row in self.project.actor_rows()}

    def _single(self) -> ActorRow | None:
        if len(self._order) != 1:
            self._complain(_("Select one actor."))
            return None
        return self._rows().get(self._order[0])

    def _complain(self, message: str) -> None:
        QMessageBox.warning(self, _("Actors"), message)

    def _done(self, message: str, select: list[int]) -> None:
        self.status.setText(message)
        self.refresh(select)
        self.changed.emit()

    # -- changes -------------------------------------------------------------------------

    def _name_edited(self, item: QStandardItem) -> None:
        if self._refreshing or item.column() != self.NAME:
            return
        actor_id, name = int(item.data(ID_ROLE)), item.text()
        # After the edit has returned: renaming reloads the table, deleting this item.
        QTimer.singleShot(0, lambda: self.rename(actor_id, name))

    def rename(self, actor_id: int, name: str) -> bool:
        """Rename an actor; a refusal (empty, or another actor's name) is shown."""
        try:
            old = self.project.rename_actor(actor_id, name, annotator=self.annotator)
        except AnnotatorError as error:
            self._complain(str(error))
            self.refresh([actor_id])
            return False
        self._done(_("{old} renamed {new}").format(old=old, new=name.strip()), [actor_id])
        return True

    def rename_selected(self, name: str | None = None) -> bool:
        row = self._single()
        if row is None:
            return False
        if name is None:
            name, ok = QInputDialog.getText(
                self, _("Rename actor"), _("New name of {name}:").format(name=row.name),
                QLineEdit.EchoMode.Normal, row.name,
            )  # fmt: skip
            if not ok:
                return False
        return self.rename(row.id, name)

    def merge_selected(self) -> bool:
        """Merge the selected actors into the one selected first, after a confirmation."""
        if len(self._order) < 2:
            self._complain(_("Select two or more actors to merge."))
            return False
        rows = self._rows()
        into, *others = (rows[actor_id] for actor_id in self._order)
        answer = QMessageBox.question(
            self,
            _("Merge actors"),
            _(
                "Merge {others} into {into}? Their aliases, entities and statements become"
                " {into}'s, and they are deleted."
            ).format(others=", ".join(row.name for row in others), into=into.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            self.project.merge_actors(into.id, [row.id for row in others], annotator=self.annotator)
        except AnnotatorError as error:
            self._complain(str(error))
            return False
        message = ngettext(
            "{n} actor merged into {into}", "{n} actors merged into {into}", len(others)
        ).format(n=len(others), into=into.name)
        self._done(message, [into.id])
        return True

    def split_selected(self) -> int | None:
        """Make a new actor of some aliases of the selected one; returns its id."""
        row = self._single()
        if row is None:
            return None
        if not row.aliases:
            self._complain(_("{name} has no aliases to split off.").format(name=row.name))
            return None
        dialog = SplitDialog(row, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        try:
            new_id = self.project.split_actor(
                row.id, dialog.aliases(), dialog.name(), annotator=self.annotator
            )
        except AnnotatorError as error:
            self._complain(str(error))
            return None
        self._done(
            _("{new} split off {old}").format(new=dialog.name().strip(), old=row.name),
            [new_id],
        )
        return new_id

    def relabel_selected(self, label: str | None = None) -> int | None:
        """Give every mention of the selected actor one label, after a preview of what
        changes; returns how many changed (None when cancelled)."""
        row = self._single()
        if row is None:
            return None
        if label is None:
            names = [known.name for known in self.project.labels()]
            current = names.index(row.label) if row.label in names else 0
            label, ok = QInputDialog.getItem(
                self, _("Relabel mentions"),
                _("Label for every mention of {name}:").format(name=row.name),
                names, current, False,
            )  # fmt: skip
            if not ok:
                return None
        try:
            mentions = self.project.relabel_preview(row.id, label)
        except AnnotatorError as error:
            self._complain(str(error))
            return None
        preview = RelabelPreview(row.name, mentions, label, self)
        if preview.exec() != QDialog.DialogCode.Accepted:
            return None
        try:
            changed = self.project.relabel_mentions(row.id, label, annotator=self.annotator)
        except AnnotatorError as error:
            self._complain(str(error))
            return None
        message = ngettext(
            "{n} mention of {name} relabelled {label}",
            "{n} mentions of {name} relabelled {label}",
            changed,
        ).format(n=changed, name=row.name, label=label)
        self._done(message, [row.id])
        return changed
