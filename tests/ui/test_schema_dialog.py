"""The schema dialog: what the annotator edits in the tables is what the project keeps, on
OK and not before; a refused edit keeps the dialog open with nothing saved."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QDialog, QDialogButtonBox, QLineEdit, QMessageBox

from annotator.core.gold import GoldRef, GoldStatement, GoldTarget
from annotator.core.model import ArticleDraft, SpanDraft
from annotator.store.project import Project
from annotator.ui import schema_dialog
from annotator.ui.schema_dialog import SchemaDialog

TEXT = "Япония призвала Азербайджан прекратить огонь."


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every message box the dialog would show, answered Yes instead of waiting."""
    shown: list[tuple[str, str]] = []

    def box(kind: str):  # type: ignore[no-untyped-def]
        def show(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
            shown.append((kind, text))
            return QMessageBox.StandardButton.Yes

        return show

    for kind in ("warning", "question", "information", "critical"):
        monkeypatch.setattr(QMessageBox, kind, box(kind))
    return shown


@pytest.fixture
def annotated(project: Project) -> Project:
    """A demand of Japan, 'unclear' about Azerbaijan."""
    document_id = project.add_article(
        ArticleDraft(text=TEXT, title="t", source="t.txt"), language="ru", annotator="Олена"
    )
    assert document_id is not None
    project.add_span(document_id, SpanDraft(0, 6, "GPE"), annotator="Олена")
    project.add_span(document_id, SpanDraft(16, 27, "GPE"), annotator="Олена")
    project.add_statement(document_id, GoldStatement(
        content=(7, len(TEXT)), speaker=GoldRef(0, 6),
        targets=(GoldTarget(GoldRef(16, 27), "unclear"),), statement_type="demand",
    ), annotator="Олена")  # fmt: skip
    return project


def open_dialog(qtbot, project: Project) -> SchemaDialog:  # type: ignore[no-untyped-def]
    dialog = SchemaDialog(project, "Олена")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def click_ok(qtbot, dialog: SchemaDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )


def column(dialog: SchemaDialog, kind: str, index: int = 0) -> list[str]:
    table = dialog.tables[kind].table
    return [table.item(row, index).text() for row in range(table.rowCount())]


def test_add_a_stance_and_rename_a_statement_type(qtbot, annotated: Project, boxes: list) -> None:
    dialog = open_dialog(qtbot, annotated)
    stances = dialog.tables["stances"]
    dialog.tabs.setCurrentWidget(stances)
    qtbot.mouseClick(stances.add_button, Qt.MouseButton.LeftButton)
    editor = stances.table.findChild(QLineEdit)
    assert editor is not None and editor.isVisible()  # the new row's name is being edited
    qtbot.keyClicks(editor, "sarcasm")
    stances.table.item(4, 1).setText("s")
    stances.table.item(4, 2).setText("Ирония")

    types = dialog.tables["statement_types"]
    assert column(dialog, "statement_types")[0] == "demand"
    types.table.item(0, 0).setText("appeal")
    assert [value.name for value in annotated.stances()][-1] == "unclear"  # not before OK

    click_ok(qtbot, dialog)

    assert boxes == []
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
    sarcasm = annotated.stances()[-1]
    assert (sarcasm.name, sarcasm.key, sarcasm.description) == ("sarcasm", "s", "Ирония")
    assert annotated.statement_types()[0].name == "appeal"
    # a rename, not a removal and an addition: the statement follows it
    assert annotated.db.execute("SELECT statement_type FROM statements").fetchall() == [("appeal",)]
    assert dialog.changes["statement_types"].renamed == (("demand", "appeal"),)
    assert not dialog.labels_changed


def test_removing_a_used_stance_is_refused_and_the_dialog_stays_open(
    qtbot, annotated: Project, boxes: list
) -> None:
    before = annotated.schema()
    dialog = open_dialog(qtbot, annotated)
    dialog.tables["labels"].table.item(0, 0).setText("PERSON")  # saved together, or not at all
    stances = dialog.tables["stances"]
    stances.table.setCurrentCell(column(dialog, "stances").index("unclear"), 0)
    qtbot.mouseClick(stances.remove_button, Qt.MouseButton.LeftButton)
    assert "unclear" not in column(dialog, "stances")

    click_ok(qtbot, dialog)

    assert boxes == [
        ("warning", "'unclear' is the stance of 1 target; merge it into another or keep it")
    ]
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert annotated.schema() == before
    assert "unclear" not in column(dialog, "stances")  # the user's edits are still there


def test_naming_a_stance_like_another_merges_them_after_asking(
    qtbot, annotated: Project, boxes: list
) -> None:
    dialog = open_dialog(qtbot, annotated)
    stances = dialog.tables["stances"]
    stances.table.item(column(dialog, "stances").index("unclear"), 0).setText("neutral")
    click_ok(qtbot, dialog)

    assert [kind for kind, _text in boxes] == ["question"]
    assert "'unclear' into 'neutral' (the stance of 1 target)" in boxes[0][1]
    assert [value.name for value in annotated.stances()] == ["favor", "against", "neutral"]
    assert annotated.db.execute("SELECT stance FROM statement_targets").fetchall() == [("neutral",)]


def test_label_order_colour_and_rename_are_saved(
    qtbot, annotated: Project, boxes: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_dialog(qtbot, annotated)
    labels = dialog.tables["labels"]
    row = column(dialog, "labels").index("GPE")
    labels.table.setCurrentCell(row, 0)
    qtbot.mouseClick(labels.up_button, Qt.MouseButton.LeftButton)
    monkeypatch.setattr(QColorDialog, "getColor", lambda *_args: QColor("#123456"))
    qtbot.mouseClick(labels.color_button, Qt.MouseButton.LeftButton)
    labels.table.item(row - 1, 0).setText("COUNTRY")
    click_ok(qtbot, dialog)

    assert boxes == []
    names = [label.name for label in annotated.labels()]
    assert names[:4] == ["PER", "ORG", "COUNTRY", "LOC"]
    assert annotated.labels()[2].color == "#123456"
    assert annotated.db.execute("SELECT DISTINCT label FROM spans").fetchall() == [("COUNTRY",)]
    assert dialog.labels_changed


def test_import_fills_the_tables_and_saves_only_on_ok(
    qtbot, annotated: Project, boxes: list, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "schema.json"
    path.write_text(json.dumps({
        "stances": [{"name": "favor", "description": "За"}, {"name": "sarcasm", "key": "s"}],
        "labels": [{"name": "NORP", "key": "7"}],
    }), encoding="utf-8")  # fmt: skip
    monkeypatch.setattr(
        schema_dialog.QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), "")
    )
    dialog = open_dialog(qtbot, annotated)
    before = annotated.schema()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    assert column(dialog, "stances") == ["favor", "against", "neutral", "unclear", "sarcasm"]
    assert column(dialog, "stances", 2)[0] == "За"
    assert column(dialog, "labels")[-1] == "NORP"
    assert annotated.schema() == before
    click_ok(qtbot, dialog)
    assert boxes == []
    assert annotated.stances()[0].description == "За"
    assert annotated.stances()[-1].key == "s"
    assert annotated.labels()[-1].name == "NORP"


def test_a_broken_file_is_reported_and_the_tables_are_untouched(
    qtbot, annotated: Project, boxes: list, tmp_path: Path
) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"stances": [{"key": "x"}]}', encoding="utf-8")
    dialog = open_dialog(qtbot, annotated)
    assert not dialog.load_file(path)
    assert boxes == [("warning", f"{path}: stances[0] has no name")]
    assert column(dialog, "stances") == ["favor", "against", "neutral", "unclear"]
