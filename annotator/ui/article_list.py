"""The list of articles: title, language, status and counts, with search and filters.

Rows are plain tuples from the project (a few hundred bytes each), so a project of
100,000 articles lists in a few tens of megabytes; the view asks only for visible rows.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.commands import status_name
from annotator.core.model import Status
from annotator.i18n import _
from annotator.store.project import Project

Row = tuple[int, str, str, str, int, int]
_STATUS_COLORS = {
    "done": "#2e7d32",
    "skipped": "#8d6e63",
    "in_progress": "#1565c0",
    "todo": "#555555",
}


class ArticleListModel(QAbstractTableModel):
    COLUMNS = ("title", "language", "status", "entities", "statements")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []
        self._positions: dict[int, int] = {}

    def headers(self) -> tuple[str, ...]:
        return (_("Title"), _("Lang."), _("Status"), _("Ent."), _("Stat."))

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self.rows = rows
        self._positions = {row[0]: i for i, row in enumerate(rows)}
        self.endResetModel()

    def update_row(self, row: Row) -> None:
        position = self._positions.get(row[0])
        if position is not None:
            self.rows[position] = row
            self.dataChanged.emit(
                self.index(position, 0), self.index(position, len(self.COLUMNS) - 1)
            )

    def position_of(self, document_id: int) -> int | None:
        return self._positions.get(document_id)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return (_("Title"), _("Language"), _("Your status"), _("Entities"), _("Statements"))[
                section
            ]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return row[1] or _("(untitled)")
            if column == 2:
                return status_name(Status(row[3]))
            return row[column + 1] if column != 1 else row[2]
        if role == Qt.ItemDataRole.ForegroundRole and column == 2:
            return QColor(_STATUS_COLORS.get(row[3], "#555555"))
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return row[1]
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row[0]
        return None


class ArticleListPanel(QWidget):
    """Search box, status and language filters, and the list itself."""

    article_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project: Project | None = None
        self.annotator = ""
        self.model = ArticleListModel(self)
        self.search = QLineEdit(placeholderText=_("Search articles…"), clearButtonEnabled=True)
        self.status = QComboBox()
        self.status.addItem(_("Any status"), None)
        for status in Status:
            self.status.addItem(status_name(status), status.value)
        self.language = QComboBox()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        filters = QHBoxLayout()
        filters.addWidget(self.status)
        filters.addWidget(self.language)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        self._debounce = QTimer(self, singleShot=True, interval=200)
        self._debounce.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.status.currentIndexChanged.connect(lambda _i: self.reload())
        self.language.currentIndexChanged.connect(lambda _i: self.reload())
        self.table.activated.connect(self._chosen)
        self.table.clicked.connect(self._chosen)

    def set_project(self, project: Project, annotator: str) -> None:
        self.project, self.annotator = project, annotator
        self.language.blockSignals(True)
        self.language.clear()
        self.language.addItem(_("Any language"), None)
        for code in project.languages:
            self.language.addItem(code, code)
        self.language.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        if self.project is None:
            return
        self.model.set_rows(
            self.project.document_rows(
                annotator=self.annotator,
                status=self.status.currentData(),
                language=self.language.currentData(),
                search=self.search.text(),
            )
        )

    def refresh(self, document_id: int) -> None:
        """Update one article's row (after an edit) without reloading the list."""
        if self.project is None:
            return
        rows = [
            r for r in self.project.document_rows(annotator=self.annotator) if r[0] == document_id
        ]
        if rows:
            self.model.update_row(rows[0])

    def show_current(self, document_id: int) -> None:
        position = self.model.position_of(document_id)
        if position is not None:
            self.table.selectRow(position)
            self.table.scrollTo(self.model.index(position, 0))

    def neighbour(self, document_id: int | None, step: int) -> int | None:
        rows = self.model.rows
        if not rows:
            return None
        position = self.model.position_of(document_id) if document_id is not None else None
        if position is None:
            return rows[0][0]
        target = position + step
        return rows[target][0] if 0 <= target < len(rows) else None

    def next_to_do(self, after: int | None) -> int | None:
        """The next article still to do (or in progress) after ``after``, wrapping around."""
        rows = self.model.rows
        start = self.model.position_of(after) if after is not None else -1
        start = -1 if start is None else start
        for offset in range(1, len(rows) + 1):
            row = rows[(start + offset) % len(rows)]
            if row[3] in ("todo", "in_progress") and row[0] != after:
                return row[0]
        return None

    def _chosen(self, index: QModelIndex) -> None:
        self.article_chosen.emit(self.model.rows[index.row()][0])
