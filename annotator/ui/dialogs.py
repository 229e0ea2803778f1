"""The window's dialogs: preferences, export options, keyboard shortcuts, quality report."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFontComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Label
from annotator.i18n import N_, SUPPORTED, _


class PreferencesDialog(QDialog):
    """Font and size, token snapping, interface language, and the labels' colours."""

    LANGUAGE_NAMES: ClassVar[dict[str, str]] = {
        "en": "English", "ru": "Русский", "uk": "Українська", "bg": "Български",
    }  # fmt: skip

    def __init__(
        self, values: dict[str, Any], labels: list[Label], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Preferences"))
        self.colors = {label.name: label.color for label in labels}
        self.font_family = QFontComboBox()
        if values.get("font_family"):
            self.font_family.setCurrentFont(QFont(values["font_family"]))
        self.font_size = QSpinBox(minimum=6, maximum=48, value=int(values.get("font_size", 13)))
        self.snapping = QCheckBox(_("Snap selections to whole words (tokens)"))
        self.snapping.setChecked(bool(values.get("token_snapping", True)))
        self.language = QComboBox()
        self.language.addItem(_("As the system"), "")
        for code in SUPPORTED:
            self.language.addItem(self.LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(max(0, self.language.findData(values.get("ui_language", ""))))
        reading = QFormLayout()
        reading.addRow(_("Font:"), self.font_family)
        reading.addRow(_("Size:"), self.font_size)
        reading.addRow("", self.snapping)
        reading.addRow(_("Interface language:"), self.language)
        reading.addRow("", QLabel(_("A new interface language applies after a restart.")))
        colors = QGroupBox(_("Label colours"))
        grid = QFormLayout(colors)
        self._buttons: dict[str, QPushButton] = {}
        for label in labels:
            button = QPushButton(label.color)
            button.clicked.connect(lambda _checked=False, name=label.name: self._pick(name))
            self._buttons[label.name] = button
            self._paint(label.name)
            grid.addRow(label.name, button)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(reading)
        layout.addWidget(colors)
        layout.addWidget(buttons)

    def _paint(self, name: str) -> None:
        color = self.colors[name]
        button = self._buttons[name]
        button.setText(color)
        button.setStyleSheet(f"background: {color}; padding: 3px 12px;")

    def _pick(self, name: str) -> None:
        chosen = QColorDialog.getColor(
            QColor(self.colors[name]), self, _("Colour of {label}").format(label=name)
        )
        if chosen.isValid():
            self.colors[name] = chosen.name()
            self._paint(name)

    def values(self) -> dict[str, Any]:
        return {
            "font_family": self.font_family.currentFont().family(),
            "font_size": self.font_size.value(),
            "token_snapping": self.snapping.isChecked(),
            "ui_language": self.language.currentData(),
        }


class ExportDialog(QDialog):
    """Format, which articles, which spans, and where to write."""

    def __init__(
        self, formats: dict[str, Any], default_path: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Export"))
        self.formats = formats
        self.default_path = default_path
        self.format = QComboBox()
        for name in sorted(formats):
            self.format.addItem(f"{name} — {_(formats[name].description)}", name)
        self.format.setCurrentIndex(max(0, self.format.findData("jsonl")))
        self.status = QComboBox()
        for value, text in (("done", _("Articles marked done")), ("any", _("All articles"))):
            self.status.addItem(text, value)
        self.source = QComboBox()
        for value, text in (
            ("human", _("Annotations")),
            ("suggestions", _("Suggestions (to evaluate a recognizer)")),
        ):
            self.source.addItem(text, value)
        self.iob = QComboBox()
        self.iob.addItem(_("IOB2 (B- at every entity)"), "IOB2")
        self.iob.addItem(_("IOB1 (as the original CoNLL-2003 files)"), "IOB1")
        self.strict = QCheckBox(_("Refuse spans that are off token boundaries"))
        self.path = QLineEdit()
        browse = QPushButton(_("Choose…"))
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path)
        where.addWidget(browse)
        form = QFormLayout()
        form.addRow(_("Format:"), self.format)
        form.addRow(_("Articles:"), self.status)
        form.addRow(_("Spans:"), self.source)
        form.addRow(_("CoNLL tags:"), self.iob)
        form.addRow("", self.strict)
        form.addRow(_("Save to:"), where)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Export"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.format.currentIndexChanged.connect(lambda _i: self._suggest_path())
        self._suggest_path()
        self.resize(560, self.sizeHint().height())

    def _chosen(self) -> Any:
        return self.formats[self.format.currentData()]

    def _suggest_path(self) -> None:
        chosen = self._chosen()
        suffix = "" if chosen.folder else chosen.suffix
        self.path.setText(
            str(self.default_path.with_name(f"{self.default_path.name}-{chosen.name}{suffix}"))
        )
        self.iob.setEnabled(chosen.name == "conll")

    def _browse(self) -> None:
        if self._chosen().folder:
            chosen = QFileDialog.getExistingDirectory(self, _("Export to folder"), self.path.text())
        else:
            chosen, _filter = QFileDialog.getSaveFileName(self, _("Export to"), self.path.text())
        if chosen:
            self.path.setText(chosen)

    def values(self) -> dict[str, Any]:
        return {
            "format": self.format.currentData(),
            "status": self.status.currentData(),
            "source": self.source.currentData(),
            "iob": self.iob.currentData(),
            "strict": self.strict.isChecked(),
            "path": Path(self.path.text()),
        }


def shortcut_rows() -> list[tuple[str, str]]:
    return [
        (_("1 … 9"), _("Give the selection (or the selected entity) that label")),
        (_("Tab / Shift+Tab"), _("Next / previous entity or suggestion")),
        (_("Enter"), _("Accept the selected suggestion")),
        (_("Shift+Enter"), _("Accept all suggestions of the article")),
        (_("Delete"), _("Delete the selected entity, or reject the selected suggestion")),
        (_("Alt+← / Alt+→"), _("Move the start of the selected entity by a word")),
        (_("Alt+Shift+← / Alt+Shift+→"), _("Move the end of the selected entity by a word")),
        (_("Drag an edge"), _("Move a boundary of the selected entity with the mouse")),
        (_("Shift+arrows"), _("Select text from the keyboard")),
        (_("Escape"), _("Clear the selection")),
        (_("Ctrl+Enter"), _("Mark the article done and open the next one to do")),
        (_("Ctrl+Shift+Enter"), _("Skip the article")),
        (_("Ctrl+PgDn / Ctrl+PgUp"), _("Next / previous article")),
        (_("Ctrl+Z / Ctrl+Shift+Z"), _("Undo / redo")),
        (_("Ctrl+F"), _("Search the articles")),
        (_("Ctrl++ / Ctrl+- / Ctrl+0"), _("Larger / smaller / normal text")),
        (_("F4"), _("The statements list: arrows, Enter accepts, Delete rejects, Escape back")),
        (_("S"), _("A new statement from the selected words; Enter takes the guessed speaker")),
        (_("T"), _("Add a target to the selected statement (type-ahead, Enter)")),
        (_("F / A / N / U"), _("The stance of the target just picked (keys from the schema)")),
        (_("Shift+S / Shift+C"), _("The selected words become the statement's content / cue")),
        (_("L"), _("Link the selected entity to an actor")),
        (_("Ctrl+Delete"), _("Delete the selected statement")),
        (_("F6"), _("Pre-annotate articles with the recognizers")),
        (_("F7"), _("Train a model from the done articles")),
        (_("F8"), _("Quality report of the suggestions")),
    ]


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Keyboard shortcuts"))
        rows = shortcut_rows()
        table = QTableWidget(len(rows), 2)
        table.setHorizontalHeaderLabels([_("Keys"), _("What they do")])
        for row, (keys, what) in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(keys))
            table.setItem(row, 1, QTableWidgetItem(what))
        table.verticalHeader().hide()
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        note = QLabel(_("Shortcuts work the same with Cyrillic keyboard layouts."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(660, 640)


RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class QualityReportDialog(QDialog):
    """How good the suggestions were against what annotators kept (a table per language,
    recognizer and label), and the project's latest models with their held-out figures."""

    COLUMNS = (N_("Language"), N_("Recognizer"), N_("Label"), N_("Precision"), N_("Recall"),
               N_("F1"), N_("Suggested"), N_("Entities"))  # fmt: skip

    def __init__(self, report: dict[str, Any], lines: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Quality report"))
        rows = list(self._rows(report))
        self.table = QTableWidget(len(rows), len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([_(c) for c in self.COLUMNS])
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                item = QTableWidgetItem()
                item.setData(Qt.ItemDataRole.DisplayRole, value)
                if isinstance(value, float | int):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        self.table.setSortingEnabled(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setPlainText("\n".join(lines) or _("No model trained yet."))
        note = QLabel(
            _(
                "Overlap matching: a suggestion is right when it overlaps an entity an"
                " annotator kept, with the same label. Only articles marked done count."
            )
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.text, 2)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(900, 680)

    @staticmethod
    def _rows(report: dict[str, Any]):  # type: ignore[no-untyped-def]
        def figures(figures: dict[str, Any]) -> tuple[float, float, float, int, int]:
            return (round(figures["precision"], 3), round(figures["recall"], 3),
                    round(figures["f1"], 3), figures["suggested"], figures["entities"])  # fmt: skip

        everyone = _("all recognizers")
        everything = _("all labels")
        for language, data in report["languages"].items():
            if not data["overall"]["suggested"]:
                continue
            yield (language, everyone, everything, *figures(data["overall"]))
            for label, row in data["by_label"].items():
                yield (language, everyone, label, *figures(row))
            for recognizer in data["recognizers"]:
                name = f"{recognizer['name']} {recognizer['version']}".strip()
                yield (language, name, everything, *figures(recognizer))
