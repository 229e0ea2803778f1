"""The project's schema, editable: entity labels, stance values and statement types.

One tab a kind, each a table. A row remembers the name it had in the project, so that
editing a name is saved as a rename (every annotation using it follows) and not as a
removal and an addition. Naming a value like another one merges the two, after asking.
Nothing is saved before OK, and then the three kinds are saved in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.model import Label
from annotator.core.schema import (
    KIND_TITLES,
    KINDS,
    KindChanges,
    LabelSchema,
    SchemaValue,
    color_for,
)
from annotator.i18n import _

if TYPE_CHECKING:
    from annotator.store.project import Project

ORIGINAL = Qt.ItemDataRole.UserRole  # on the name cell: the name in the project (None: new)
NESTABLE = Qt.ItemDataRole.UserRole + 1  # on a label's name cell
READ_ONLY = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled


class _KeyDelegate(QStyledItemDelegate):
    """Keys are one character: the editor takes no more."""

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            editor.setMaxLength(1)
        return editor


class SchemaTable(QWidget):
    """The values of one kind: a table with Add, Remove, Move up and Move down."""

    def __init__(
        self,
        kind: str,
        values: Sequence[Label] | Sequence[SchemaValue],
        uses: dict[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.uses = uses  # name in the project -> what uses it, in words
        self.is_labels = kind == "labels"
        headers = [_("Name"), _("Key")]
        if self.is_labels:
            headers.append(_("Colour"))
        headers.append(_("Description"))
        self.key_column = 1
        self.color_column = 2 if self.is_labels else -1
        self.description_column = len(headers) - 1
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setItemDelegateForColumn(self.key_column, _KeyDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.description_column, QHeaderView.ResizeMode.Stretch)
        self.table.cellDoubleClicked.connect(self._double_clicked)
        for value in values:
            self.add_row(value, original=value.name)
        self.table.setColumnWidth(0, 160)
        self.table.setColumnWidth(self.key_column, 48)
        if self.is_labels:
            self.table.setColumnWidth(self.color_column, 90)

        self.add_button = QPushButton(_("Add"))
        self.remove_button = QPushButton(_("Remove"))
        self.up_button = QPushButton(_("Move up"))
        self.down_button = QPushButton(_("Move down"))
        self.add_button.clicked.connect(self._add_clicked)
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(+1))
        side = QVBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            side.addWidget(button)
        self.color_button: QPushButton | None = None
        if self.is_labels:
            self.color_button = QPushButton(_("Colour…"))
            self.color_button.clicked.connect(lambda: self.pick_color(self.table.currentRow()))
            side.addWidget(self.color_button)
        side.addStretch()
        hint = QLabel(
            _("A label's key is a digit 1–9: the key that gives the label in the article.")
            if self.is_labels
            else _("A key is one character (letter or digit), or none.")
        )
        hint.setWordWrap(True)
        grid = QHBoxLayout()
        grid.addWidget(self.table, 1)
        grid.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(hint)

    # -- rows ----------------------------------------------------------------------------

    def add_row(
        self, value: Label | SchemaValue | None = None, *, original: str | None = None
    ) -> int:
        """Append a row for ``value`` (an empty one when None); ``original`` is its name in
        the project, None for a value new to it."""
        row = self.table.rowCount()
        self.table.insertRow(row)
        name = QTableWidgetItem(value.name if value else "")
        name.setData(ORIGINAL, original)
        if original and self.uses.get(original):
            name.setToolTip(_("{name} is {uses}").format(name=original, uses=self.uses[original]))
        self.table.setItem(row, 0, name)
        key = (value.key if value else None) or ""
        self.table.setItem(row, self.key_column, QTableWidgetItem(key))
        description = value.description if value else ""
        self.table.setItem(row, self.description_column, QTableWidgetItem(description))
        if self.is_labels:
            color = value.color if isinstance(value, Label) and value.color else ""
            name.setData(NESTABLE, bool(value.nestable) if isinstance(value, Label) else False)
            item = QTableWidgetItem()
            item.setFlags(READ_ONLY)
            self.table.setItem(row, self.color_column, item)
            self.set_color(row, color or color_for(row))
        return row

    def _add_clicked(self) -> None:
        row = self.add_row()
        self.table.setCurrentCell(row, 0)
        self.table.editItem(self.table.item(row, 0))

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def move_current(self, step: int) -> None:
        row = self.table.currentRow()
        other = row + step
        if row < 0 or not 0 <= other < self.table.rowCount():
            return
        for column in range(self.table.columnCount()):
            mine = self.table.takeItem(row, column)
            theirs = self.table.takeItem(other, column)
            self.table.setItem(row, column, theirs)
            self.table.setItem(other, column, mine)
        self.table.setCurrentCell(other, self.table.currentColumn())

    def set_color(self, row: int, color: str) -> None:
        item = self.table.item(row, self.color_column)
        item.setText(color)
        item.setBackground(QColor(color))

    def pick_color(self, row: int) -> None:
        if not self.is_labels or row < 0:
            return
        current = self.table.item(row, self.color_column).text()
        name = self.table.item(row, 0).text()
        chosen = QColorDialog.getColor(
            QColor(current), self, _("Colour of {label}").format(label=name)
        )
        if chosen.isValid():
            self.set_color(row, chosen.name())

    def _double_clicked(self, row: int, column: int) -> None:
        if column == self.color_column:
            self.pick_color(row)

    def find_row(self, name: str) -> int:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).text().strip() == name:
                return row
        return -1

    # -- reading and loading -------------------------------------------------------------

    def commit_editor(self) -> None:
        """Keep what an open cell editor holds (as leaving the cell would)."""
        if self.table.state() == QAbstractItemView.State.EditingState:
            self.table.setCurrentIndex(QModelIndex())

    def rows(self) -> list[tuple[str | None, Label | SchemaValue]]:
        """(name in the project or None, value) of each row, in order."""
        self.commit_editor()
        result: list[tuple[str | None, Label | SchemaValue]] = []
        for row in range(self.table.rowCount()):
            name_item = self.table.item(row, 0)
            name = name_item.text().strip()
            key = self.table.item(row, self.key_column).text().strip() or None
            description = self.table.item(row, self.description_column).text().strip()
            value: Label | SchemaValue
            if self.is_labels:
                color = self.table.item(row, self.color_column).text()
                nestable = bool(name_item.data(NESTABLE))
                value = Label(name, color, key, description, nestable)
            else:
                value = SchemaValue(name, key, description)
            result.append((name_item.data(ORIGINAL), value))
        return result

    def load(self, schema: LabelSchema) -> None:
        """Bring a file's values in: a row of the same name takes the fields the file gives,
        a new name gets a new row."""
        if not schema.has(self.kind):
            return
        for value in schema.values(self.kind):
            row = self.find_row(value.name)
            if row < 0:
                row = self.add_row(value)
                continue

            def given(field: str, name: str = value.name) -> bool:
                return schema.gives(self.kind, name, field)

            if given("key"):
                self.table.item(row, self.key_column).setText(value.key or "")
            if given("description"):
                self.table.item(row, self.description_column).setText(value.description)
            if isinstance(value, Label):
                if given("color"):
                    self.set_color(row, value.color)
                if given("nestable"):
                    self.table.item(row, 0).setData(NESTABLE, value.nestable)


class SchemaDialog(QDialog):
    """Labels, stances and statement types of the project, saved together on OK.

    After ``exec()`` returns true, :attr:`changes` says what changed by kind and
    :attr:`labels_changed` whether the window must reload its labels (and the open
    article's entities, whose label names may have changed).
    """

    def __init__(self, project: Project, annotator: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Schema"))
        self.project = project
        self.annotator = annotator
        self.changes: dict[str, KindChanges] = {}
        self.tabs = QTabWidget()
        self.tables: dict[str, SchemaTable] = {}
        for kind in KINDS:
            values = project.schema_values(kind)
            uses = {value.name: project.describe_uses(kind, value.name) for value in values}
            table = SchemaTable(kind, values, uses)
            self.tables[kind] = table
            self.tabs.addTab(table, _(KIND_TITLES[kind]))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.import_button = self.buttons.addButton(
            _("Import…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.import_button.setToolTip(
            _("Add the values of a schema file and update those of the same name;"
              " nothing is saved before OK")
        )  # fmt: skip
        self.import_button.clicked.connect(self.import_file)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        note = QLabel(
            _("Renaming a value renames it in every annotation. A value in use cannot be"
              " removed: give it the name of another value to merge the two.")
        )  # fmt: skip
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.resize(720, 480)

    @property
    def labels_changed(self) -> bool:
        return bool(self.changes.get("labels"))

    # -- import ----------------------------------------------------------------------------

    def import_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import a schema"), "", _("Schema files (*.json);;All files (*)")
        )
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path) -> bool:
        """Load a schema file into the tables (not saved before OK); False when it is broken
        (the user has been told why)."""
        try:
            schema = LabelSchema.from_file(path)
        except AnnotatorError as error:
            QMessageBox.warning(self, _("Import a schema"), str(error))
            return False
        for table in self.tables.values():
            table.load(schema)
        return True

    # -- saving ----------------------------------------------------------------------------

    def edits(self) -> dict[str, tuple[list[Any], dict[str, str]]] | None:
        """Each kind's values and renames as the tables have them; None when the user
        declined a merge or two rows cannot be told apart (the user has been told)."""
        result: dict[str, tuple[list[Any], dict[str, str]]] = {}
        merges: list[str] = []
        for kind, table in self.tables.items():
            rows = table.rows()
            renames = {old: value.name for old, value in rows if old and old != value.name}
            groups: dict[str, list[int]] = {}
            for index, (_original, value) in enumerate(rows):
                if value.name:
                    groups.setdefault(value.name, []).append(index)
            merged: set[int] = set()
            for name, indices in groups.items():
                if len(indices) < 2:
                    continue
                if any(rows[i][0] is None for i in indices):
                    # a new row named like another: nothing says which one is meant
                    QMessageBox.warning(self, _("Schema"), _("{kind}: {name!r} is listed twice")
                                        .format(kind=_(KIND_TITLES[kind]), name=name))  # fmt: skip
                    self.tabs.setCurrentWidget(table)
                    return None
                # the value that keeps the name stays; the ones renamed to it merge into it
                keeper = next((i for i in indices if rows[i][0] == name), indices[0])
                for i in indices:
                    if i != keeper:
                        old = rows[i][0]
                        merged.add(i)
                        merges.append(_("{old!r} into {new!r} ({uses})").format(
                            old=old, new=name, uses=table.uses.get(old or "") or _("not used")
                        ))  # fmt: skip
            values = [value for i, (_original, value) in enumerate(rows) if i not in merged]
            result[kind] = (values, renames)
        if merges:
            answer = QMessageBox.question(
                self, _("Merge values"),
                _("Merge {merges}? This cannot be undone.").format(merges="; ".join(merges)),
            )  # fmt: skip
            if answer != QMessageBox.StandardButton.Yes:
                return None
        return result

    def save(self) -> None:
        """OK: save all three kinds in one transaction, or show why not and stay open."""
        edits = self.edits()
        if edits is None:
            return
        try:
            with self.project.batch():
                changes = {
                    kind: self.project.save_schema_values(
                        kind, values, renames, annotator=self.annotator
                    )
                    for kind, (values, renames) in edits.items()
                }
        except AnnotatorError as error:
            QMessageBox.warning(self, _("The schema was not saved"), str(error))
            return
        self.changes = changes
        self.accept()
