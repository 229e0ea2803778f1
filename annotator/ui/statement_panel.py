"""The statements panel: the open article's statements and suggested statements, and the
editor of the one selected.

The panel shows; the statement controller (:mod:`annotator.ui.statement_editing`) edits.
Keyboard: in the list, Enter accepts a suggested statement (or edits a recorded one),
Delete rejects or deletes; in the editor, Enter takes the highlighted speaker or target,
and a stance key sets the stance of the target just added.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from annotator.core.gold import GoldStatement
from annotator.core.schema import SchemaValue
from annotator.core.session import Session, StatementItem
from annotator.core.statements import (
    QUOTE_TYPES,
    StatementSuggestion,
    StoredStatement,
    ref_text,
)
from annotator.i18n import _
from annotator.ui.ref_field import RefField

# Decorations of the selected statement in the text: none of them a fill, so they never
# hide an entity's label colour.
CONTENT_COLOR = "#00897b"
CUE_COLOR = "#ef6c00"
SPEAKER_COLOR = "#1565c0"
TARGET_COLOR = "#ad1457"
ADDRESSEE_COLOR = "#6a1b9a"


def speaker_hint() -> str:
    return _("Speaker: type to find an entity or actor, Enter")


def quote_type_names() -> dict[str, str]:
    return {"direct": _("direct"), "indirect": _("indirect"), "mixed": _("mixed")}


def summary(text: str, statement: GoldStatement) -> str:
    """One line: speaker → targets (stances): content."""
    speaker = ref_text(text, statement.speaker) or _("(no speaker)")
    targets = ", ".join(f"{ref_text(text, t.ref)} [{_(t.stance)}]" for t in statement.targets)
    content = text[statement.content[0] : statement.content[1]].replace("\n", " ")
    if len(content) > 70:
        content = content[:69] + "…"
    head = f"{speaker} → {targets}" if targets else speaker
    return f"{head}: {content}"


class StatementList(QListWidget):
    accept_requested = Signal()
    delete_requested = Signal()
    leave_requested = Signal()  # Escape: back to the text

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.accept_requested.emit()
        elif event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_requested.emit()
        elif event.key() == Qt.Key.Key_Escape:
            self.leave_requested.emit()
        else:
            super().keyPressEvent(event)


class TargetList(QListWidget):
    delete_requested = Signal()
    accept_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_requested.emit()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape):
            self.accept_requested.emit()
        else:
            super().keyPressEvent(event)


class StatementEditor(QWidget):
    """Speaker, addressee, targets with their stances, quote and statement type, note."""

    quote_type_changed = Signal(object)  # str or None
    statement_type_changed = Signal(object)  # str or None
    note_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: 600;")
        self.content = QLabel()
        self.content.setWordWrap(True)
        self.content.setStyleSheet(f"border-left: 3px solid {CONTENT_COLOR}; padding-left: 4px;")
        self.cue = QLabel()
        self.speaker = RefField(speaker_hint())
        self.addressee = RefField(_("Addressee (optional)"))
        self.targets = TargetList()
        self.targets.setMaximumHeight(self.fontMetrics().height() * 5)
        self.target = RefField(_("Add a target: type, Enter, then a stance key"))
        self.stance_hint = QLabel()
        self.stance_hint.setWordWrap(True)
        self.quote_type = QComboBox()
        self.statement_type = QComboBox()
        self.note = QLineEdit()
        self.note.setPlaceholderText(_("Note"))
        self.provenance = QLabel()
        self.provenance.setStyleSheet("color: #666666;")
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(_("Content:"), self.content)
        form.addRow(_("Cue:"), self.cue)
        form.addRow(self._colored(_("Speaker:"), SPEAKER_COLOR), self.speaker)
        form.addRow(self._colored(_("Addressee:"), ADDRESSEE_COLOR), self.addressee)
        form.addRow(self._colored(_("Targets:"), TARGET_COLOR), self.targets)
        form.addRow("", self.target)
        form.addRow("", self.stance_hint)
        form.addRow(_("Quote:"), self.quote_type)
        form.addRow(_("Type:"), self.statement_type)
        form.addRow(_("Note:"), self.note)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.provenance)
        layout.addStretch(1)
        self._filling = False
        self.quote_type.currentIndexChanged.connect(
            lambda _i: self._changed(self.quote_type_changed, self.quote_type.currentData())
        )
        self.statement_type.currentIndexChanged.connect(
            lambda _i: self._changed(self.statement_type_changed, self.statement_type.currentData())
        )
        self.note.editingFinished.connect(
            lambda: self._changed(self.note_changed, self.note.text())
        )

    @staticmethod
    def _colored(text: str, color: str) -> QLabel:
        label = QLabel(text)
        label.setStyleSheet(f"color: {color}; font-weight: 600;")
        return label

    def _changed(self, signal: Signal, value: object) -> None:
        if not self._filling:
            signal.emit(value)  # type: ignore[attr-defined]

    def set_schema(self, stances: list[SchemaValue], types: list[SchemaValue]) -> None:
        self._stances = stances
        self._filling = True
        self.quote_type.clear()
        self.quote_type.addItem(_("(not set)"), None)
        for name in QUOTE_TYPES:
            self.quote_type.addItem(quote_type_names()[name], name)
        self.statement_type.clear()
        self.statement_type.addItem(_("(not set)"), None)
        for value in types:
            self.statement_type.addItem(_(value.description or value.name), value.name)
        self._filling = False

    def stance_keys_text(self, suggested: str | None = None) -> str:
        keys = " · ".join(
            f"{(v.key or '').upper()} {_(v.name)}" for v in getattr(self, "_stances", [])
        )
        text = _("Stance keys: {keys}").format(keys=keys)
        if suggested:
            text += "\n" + _("Suggested: {stance} — Enter takes it").format(stance=_(suggested))
        return text

    def show_item(self, text: str, item: StatementItem | None, draft: GoldStatement | None) -> None:
        """Fill the fields from a statement (recorded, suggested, or a draft not yet
        recorded); empty when nothing is selected."""
        self._filling = True
        statement: GoldStatement | None
        if isinstance(item, StoredStatement):
            statement = item.statement
            self.heading.setText(_("Statement"))
            origin = {"manual": _("made by hand"), "accepted": _("accepted suggestion"),
                      "imported": _("imported")}.get(item.origin, item.origin)  # fmt: skip
            self.provenance.setText(
                _("{annotator}, {origin}").format(annotator=item.annotator or "?", origin=origin)
            )
        elif isinstance(item, StatementSuggestion):
            statement = draft or item.as_statement()
            self.heading.setText(_("Suggested statement — Enter accepts, Delete rejects"))
            self.provenance.setText(
                _("suggested by {recognizer} {version}").format(
                    recognizer=_(item.recognizer), version=item.recognizer_version)
            )  # fmt: skip
        else:
            statement = draft
            self.heading.setText(_("New statement") if draft else _("No statement selected"))
            self.provenance.setText("")
        self.setEnabled(statement is not None)
        if statement is None:
            for label in (self.content, self.cue):
                label.clear()
            self.targets.clear()
            self.note.clear()
            self._filling = False
            return
        content = text[statement.content[0] : statement.content[1]].replace("\n", " ")
        self.content.setText(content if len(content) < 400 else content[:399] + "…")
        self.cue.setText(text[statement.cue[0] : statement.cue[1]] if statement.cue else "–")
        self.speaker.edit.setPlaceholderText(ref_text(text, statement.speaker) or speaker_hint())
        self.addressee.edit.setPlaceholderText(
            ref_text(text, statement.addressee) or _("Addressee (optional)")
        )
        self.targets.clear()
        for target in statement.targets:
            row = QListWidgetItem(f"{ref_text(text, target.ref)} — {_(target.stance)}")
            row.setForeground(QColor(TARGET_COLOR))
            self.targets.addItem(row)
        self.quote_type.setCurrentIndex(max(0, self.quote_type.findData(statement.quote_type)))
        self.statement_type.setCurrentIndex(
            max(0, self.statement_type.findData(statement.statement_type))
        )
        self.note.setText(statement.note)
        self.stance_hint.setText(self.stance_keys_text())
        self._filling = False


class StatementPanel(QWidget):
    """The list of the article's statements (suggested ones greyed) above the editor."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.list = StatementList()
        self.list.setWordWrap(True)
        self.editor = StatementEditor()
        legend = QLabel(
            f"<span style='color:{CONTENT_COLOR}'>▁ {_('content')}</span> · "
            f"<span style='color:{CUE_COLOR}'>▢ {_('cue')}</span> · "
            f"<span style='color:{SPEAKER_COLOR}'>▢ {_('speaker')}</span> · "
            f"<span style='color:{TARGET_COLOR}'>▢ {_('target')}</span>"
        )
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.list)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(legend)
        layout.addWidget(splitter)
        self._items: list[StatementItem] = []
        self._filling = False
        session.statements_changed.connect(self.reload)
        session.statement_selected.connect(self._follow)
        self.list.currentRowChanged.connect(self._chosen)

    def reload(self) -> None:
        document = self.session.document
        self._filling = True
        self.list.clear()
        self._items = []
        if document is not None:
            items: list[StatementItem] = [*self.session.statements,
                                          *self.session.statement_suggestions]  # fmt: skip
            items.sort(key=lambda i: (i.start, isinstance(i, StatementSuggestion)))
            for item in items:
                if isinstance(item, StoredStatement):
                    row = QListWidgetItem(summary(document.text, item.statement))
                else:
                    row = QListWidgetItem(
                        _("suggested: {summary}").format(
                            summary=summary(document.text, item.as_statement()))
                    )  # fmt: skip
                    row.setForeground(QColor("#777777"))
                self.list.addItem(row)
                self._items.append(item)
        self._filling = False
        self._follow(self.session.selected_statement)

    def _chosen(self, row: int) -> None:
        if not self._filling and 0 <= row < len(self._items):
            self.session.select_statement(self._items[row])

    def _follow(self, item: StatementItem | None) -> None:
        self._filling = True
        try:
            row = self._items.index(item) if item is not None else -1
        except ValueError:
            row = -1
        self.list.setCurrentRow(row)
        self._filling = False

    @property
    def current(self) -> StatementItem | None:
        row = self.list.currentRow()
        return self._items[row] if 0 <= row < len(self._items) else None
