"""The label bar (each label's colour and key) and the open article's entity list."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.session import Session
from annotator.core.spans import Mark
from annotator.i18n import _


class LabelBar(QToolBar):
    """One button per label: its key, name and colour; clicking applies it like the key."""

    label_clicked = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(_("Labels"), parent)
        self.session = session
        self.setObjectName("labels")
        self.setMovable(False)
        self.rebuild()

    def rebuild(self) -> None:
        self.clear()
        for label in self.session.labels:
            button = QToolButton(self)
            key = label.key or ""
            button.setText(f"{key}  {label.name}" if key else label.name)
            description = _(label.description or label.name)
            button.setToolTip(
                _("{description} — key {key}").format(description=description, key=key or "–")
            )
            text = "#000000" if QColor(label.color).lightness() > 110 else "#ffffff"
            button.setStyleSheet(
                f"QToolButton {{ background: {label.color}; color: {text}; border-radius: 3px;"
                " padding: 2px 8px; margin: 1px 2px; font-weight: 600; }"
            )
            if key.isdigit():
                button.clicked.connect(
                    lambda _checked=False, n=int(key): self.label_clicked.emit(n)
                )
            self.addWidget(button)


class EntityListModel(QAbstractTableModel):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.marks: list[Mark] = []
        session.document_opened.connect(lambda _doc: self.clear())
        session.index_completed.connect(self.reload)
        session.marks_changed.connect(lambda _s, _e: self.reload())

    def clear(self) -> None:
        self.beginResetModel()
        self.marks = []
        self.endResetModel()

    def reload(self) -> None:
        self.beginResetModel()
        self.marks = list(self.session.index)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.marks)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        mark = self.marks[index.row()]
        document = self.session.document
        if role == Qt.ItemDataRole.DisplayRole and document is not None:
            surface = document.text[mark.start : mark.end].replace("\n", " ")
            if len(surface) > 60:
                surface = surface[:59] + "…"
            suffix = _(" (suggestion)") if mark.suggestion else ""
            return f"{mark.label}  {surface}{suffix}"
        if role == Qt.ItemDataRole.DecorationRole:
            color = QColor(self.session.color_of(mark.label))
            if mark.suggestion:
                color.setAlpha(90)
            return color
        if role == Qt.ItemDataRole.ForegroundRole and mark.suggestion:
            return QColor("#666666")
        return None


class EntityPanel(QWidget):
    """The open article's entities and suggestions, in text order; click one to jump to it."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = EntityListModel(session, self)
        # a table with fixed row heights scrolls through tens of thousands of rows at once
        self.list = QTableView()
        self.list.setModel(self.model)
        self.list.horizontalHeader().hide()
        self.list.horizontalHeader().setStretchLastSection(True)
        self.list.verticalHeader().hide()
        self.list.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.list.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.list.setShowGrid(False)
        self.list.setWordWrap(False)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # the entity selected in the text stays marked here while the text has the focus
        palette = self.list.palette()
        for role in (QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText):
            palette.setColor(QPalette.ColorGroup.Inactive, role,
                             palette.color(QPalette.ColorGroup.Active, role))  # fmt: skip
        self.list.setPalette(palette)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.list)
        self.list.clicked.connect(lambda index: session.select(self.model.marks[index.row()]))
        session.selection_changed.connect(self._follow)
        # after the list is rebuilt (an edit, the rest of a long article), mark it again
        session.marks_changed.connect(lambda _s, _e: self._follow(session.selected))
        session.index_completed.connect(lambda: self._follow(session.selected))

    def _follow(self, mark: Mark | None) -> None:
        if mark is None:
            self.list.clearSelection()
            return
        try:
            row = self.model.marks.index(mark)
        except ValueError:
            return
        self.list.selectRow(row)
        self.list.scrollTo(self.model.index(row, 0))
