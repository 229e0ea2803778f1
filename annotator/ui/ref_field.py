"""A type-ahead field that picks an entity of the article or a project actor.

Typing filters the choices (the words typed anywhere in the entity's text or the actor's
names, entities nearest the statement first); Up and Down move, Enter takes the
highlighted choice, Escape gives up. The list is drawn by the field itself rather than by
a QCompleter popup, so Enter always means "the highlighted one" and any script types in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from annotator.core.spans import Mark

VISIBLE_CHOICES = 6


@dataclass(frozen=True, slots=True)
class RefChoice:
    """An entity (by offsets; ``mark`` is the entity or suggestion) or an actor."""

    display: str
    start: int | None = None
    end: int | None = None
    actor: str | None = None
    mark: Mark | None = None
    aliases: tuple[str, ...] = ()

    def matches(self, typed: str) -> int | None:
        """How well ``typed`` fits (lower is better), or None."""
        if not typed:
            return 2
        for rank, name in enumerate((self.display, *self.aliases)):
            folded = name.casefold()
            if folded.startswith(typed):
                return 0 if rank == 0 else 1
            if f" {typed}" in f" {folded}":
                return 1
            if typed in folded:
                return 2
        return None


class RefField(QWidget):
    chosen = Signal(object)  # RefChoice
    cancelled = Signal()

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        self.edit.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setMaximumHeight(self.fontMetrics().height() * (VISIBLE_CHOICES + 1) + 8)
        self.list.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(self.edit)
        layout.addWidget(self.list)
        self._choices: list[RefChoice] = []
        self._shown: list[RefChoice] = []
        self.edit.textEdited.connect(self._filter)
        self.edit.installEventFilter(self)
        self.list.itemClicked.connect(lambda item: self._take(self.list.row(item)))
        self.setFocusProxy(self.edit)

    def set_choices(self, choices: Sequence[RefChoice]) -> None:
        self._choices = list(choices)

    def set_text(self, text: str) -> None:
        """Show ``text`` selected, so that Enter takes it and typing replaces it."""
        self.edit.setText(text)
        self.edit.selectAll()
        self._filter(text, select_all=True)

    def start(self, text: str = "") -> None:
        self.set_text(text)
        self.edit.setFocus()

    def _filter(self, text: str, *, select_all: bool = False) -> None:
        typed = text.strip().casefold()
        ranked = [(c.matches(typed), i, c) for i, c in enumerate(self._choices)]
        self._shown = [c for rank, _i, c in sorted(
            (r for r in ranked if r[0] is not None), key=lambda r: (r[0], r[1]))]  # fmt: skip
        if select_all and text:  # a prefilled guess: it comes first
            exact = [c for c in self._shown if c.display.casefold() == typed]
            self._shown = exact + [c for c in self._shown if c not in exact]
        self.list.clear()
        for choice in self._shown[:50]:
            QListWidgetItem(choice.display, self.list)
        self.list.setVisible(bool(self._shown))
        if self._shown:
            self.list.setCurrentRow(0)

    def current(self) -> RefChoice | None:
        row = self.list.currentRow()
        if 0 <= row < len(self._shown):
            return self._shown[row]
        return None

    def _take(self, row: int) -> None:
        if 0 <= row < len(self._shown):
            choice = self._shown[row]
            self.list.hide()
            self.edit.clear()
            self.chosen.emit(choice)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self._shown:
                step = 1 if key == Qt.Key.Key_Down else -1
                row = max(0, min(len(self._shown) - 1, self.list.currentRow() + step))
                self.list.setCurrentRow(row)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.current() is None and self.edit.text().strip():
                    self._filter(self.edit.text())
                self._take(self.list.currentRow())
                return True
            if key == Qt.Key.Key_Escape:
                self.list.hide()
                self.edit.clear()
                self.cancelled.emit()
                return True
        return super().eventFilter(watched, event)
