"""The actors dialog and the actor picker, as an annotator or a lead uses them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from annotator.core.model import ArticleDraft, SpanDraft
from annotator.nlp.actors import ActorLinker
from annotator.store.project import Project
from annotator.ui import actors_dialog
from annotator.ui.actor_picker import ActorPicker
from annotator.ui.actors_dialog import ActorsDialog

RU = "МИД Японии призвал Азербайджан прекратить огонь. Япония готова помочь."
EN = "Japan urged Azerbaijan to stop."


@pytest.fixture
def project() -> Iterator[Project]:
    """Japan (linked in Russian and English), Япония (linked once) and Azerbaijan."""
    with Project.in_memory() as opened:
        ru = opened.add_article(ArticleDraft(text=RU, title="МИД Японии", source="a"),
                                language="ru", annotator="Олена")  # fmt: skip
        en = opened.add_article(ArticleDraft(text=EN, title="Japan urges", source="b"),
                                language="en", annotator="Олена")  # fmt: skip
        assert ru is not None and en is not None
        linker = ActorLinker(opened)

        def link(document_id: int, text: str, word: str, label: str, actor: str) -> None:
            start = text.index(word)
            span = opened.add_span(document_id, SpanDraft(start, start + len(word), label),
                                   annotator="Олена")  # fmt: skip
            linker.link_new(span, word, "ru" if document_id == ru else "en", actor,
                            label="GPE", annotator="Олена")  # fmt: skip

        link(ru, RU, "Японии", "GPE", "Japan")
        link(en, EN, "Japan", "ORG", "Japan")
        link(ru, RU, "Япония", "LOC", "Япония")
        link(en, EN, "Azerbaijan", "GPE", "Azerbaijan")
        yield opened


def ids(project: Project) -> dict[str, int]:
    return {name: actor_id for actor_id, name, _label in project.actors()}


def shown(dialog: ActorsDialog) -> list[list[str]]:
    model = dialog.proxy
    return [
        [str(model.index(row, column).data()) for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def test_the_dialog_lists_actors_with_aliases_and_use_and_filters_them(
    qtbot, project: Project
) -> None:
    dialog = ActorsDialog(project, "Ivan")
    qtbot.addWidget(dialog)
    assert shown(dialog) == [
        ["Azerbaijan", "GPE", "Azerbaijan", "1", "0"],
        ["Japan", "GPE", "Японии, Japan", "2", "0"],
        ["Япония", "GPE", "Япония", "1", "0"],
    ]
    dialog.filter.setText("япон")  # names and aliases, ignoring case
    assert [row[0] for row in shown(dialog)] == ["Japan", "Япония"]
    dialog.table.sortByColumn(ActorsDialog.MENTIONS, Qt.SortOrder.DescendingOrder)
    assert [row[0] for row in shown(dialog)] == ["Japan", "Япония"]


def test_merge_asks_naming_the_actors_then_merges_into_the_first_selected(
    qtbot, project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = ActorsDialog(project, "Ivan")
    qtbot.addWidget(dialog)
    changes: list[bool] = []
    dialog.changed.connect(lambda: changes.append(True))
    asked: list[str] = []

    def answer(reply: QMessageBox.StandardButton):  # type: ignore[no-untyped-def]
        def question(_parent, _title, text, *args):  # type: ignore[no-untyped-def]
            asked.append(text)
            return reply

        return question

    actors = ids(project)
    dialog.select([actors["Япония"], actors["Japan"]])
    assert dialog.merge_button.isEnabled()
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    assert dialog.merge_selected() is False
    assert len(project.actors()) == 3

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    assert dialog.merge_selected() is True
    assert "Merge Japan into Япония?" in asked[-1]
    assert [row[0] for row in shown(dialog)] == ["Azerbaijan", "Япония"]
    assert dialog.selected_ids() == [actors["Япония"]]
    rows = {row.name: row for row in project.actor_rows()}
    assert rows["Япония"].mentions == 3
    assert set(rows["Япония"].aliases) == {"Япония", "Японии", "Japan"}
    assert changes == [True]


def test_rename_in_the_table_refuses_another_actors_name(
    qtbot, project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = ActorsDialog(project, "Ivan")
    qtbot.addWidget(dialog)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    japan = ids(project)["Japan"]
    name_item = next(
        dialog.model.item(row, 0)
        for row in range(dialog.model.rowCount())
        if dialog.model.item(row, 0).text() == "Japan"
    )
    name_item.setText("Азербайджан")  # as if typed into the cell: a new name is fine
    qtbot.waitUntil(lambda: "Азербайджан" in ids(project))
    assert ids(project)["Азербайджан"] == japan
    dialog.select([japan])
    assert dialog.rename_selected("azerbaijan") is False
    assert "merge them instead" in warnings[0]
    assert [row[0] for row in shown(dialog)] == ["Azerbaijan", "Азербайджан", "Япония"]


def test_relabel_shows_every_change_before_relabelling(
    qtbot, project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = ActorsDialog(project, "Ivan")
    qtbot.addWidget(dialog)
    previews: list[list[tuple[str, str, str]]] = []
    decision = [QDialog.DialogCode.Rejected]

    def exec_(preview: actors_dialog.RelabelPreview) -> int:
        qtbot.addWidget(preview)
        previews.append(preview.rows())
        return decision[0]

    monkeypatch.setattr(actors_dialog.RelabelPreview, "exec", exec_)
    japan = ids(project)["Japan"]
    dialog.select([japan])
    assert dialog.relabel_selected("LOC") is None  # cancelled: nothing changes
    expected = [("МИД Японии", "Японии", "GPE → LOC"), ("Japan urges", "Japan", "ORG → LOC")]
    assert previews == [expected]
    assert {m.label for m in project.relabel_preview(japan, "LOC")} == {"GPE", "ORG"}

    decision[0] = QDialog.DialogCode.Accepted
    assert dialog.relabel_selected("LOC") == 2
    assert previews[-1] == expected
    assert project.relabel_preview(japan, "LOC") == []
    assert [row[:2] for row in shown(dialog) if row[0] == "Japan"] == [["Japan", "LOC"]]
    assert "2 mentions of Japan relabelled LOC" in dialog.status.text()


def test_split_takes_the_ticked_aliases_to_a_new_actor(
    qtbot, project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = ActorsDialog(project, "Ivan")
    qtbot.addWidget(dialog)

    def exec_(split: actors_dialog.SplitDialog) -> int:
        qtbot.addWidget(split)
        split.check(["Японии"])
        split.new_name.setText("Японии (ru)")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(actors_dialog.SplitDialog, "exec", exec_)
    dialog.select([ids(project)["Japan"]])
    new = dialog.split_selected()
    rows = {row.name: row for row in project.actor_rows()}
    assert rows["Японии (ru)"].id == new
    assert (rows["Японии (ru)"].aliases, rows["Японии (ru)"].mentions) == (("Японии",), 1)
    assert (rows["Japan"].aliases, rows["Japan"].mentions) == (("Japan",), 1)


def test_the_picker_proposes_the_actor_of_an_inflected_mention_and_enter_takes_it(
    qtbot, project: Project
) -> None:
    # Only "Azerbaijan" (English) was linked: the Russian instrumental case is the country
    picker = ActorPicker(project, "Азербайджаном", "ru")
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitExposed(picker)
    assert picker.edit.text() == "Azerbaijan"
    assert picker.edit.selectedText() == "Azerbaijan"  # one Enter accepts, typing replaces
    assert picker.hint.text() == "Actor: Azerbaijan"
    qtbot.keyClick(picker.edit, Qt.Key.Key_Return)
    assert picker.result() == QDialog.DialogCode.Accepted
    assert picker.chosen() == (ids(project)["Azerbaijan"], "Azerbaijan")


def test_the_picker_offers_aliases_and_takes_a_new_name(qtbot, project: Project) -> None:
    picker = ActorPicker(project, "Кэндзи Сато", "ru")
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitExposed(picker)
    assert picker.edit.text() == "Кэндзи Сато"  # no actor yet: the mention's text
    assert picker.chosen() == (None, "Кэндзи Сато")
    picker.edit.clear()
    for letter in "японии":  # typed on a Cyrillic layout
        QApplication.sendEvent(
            picker.edit,
            QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier,
                      letter),
        )  # fmt: skip
    completions = picker.completer.completionModel()
    offered = [completions.index(i, 0).data() for i in range(completions.rowCount())]
    assert offered == ["Японии — Japan"]
    picker.edit.setText(offered[0])  # what choosing the completion does
    assert picker.chosen() == (ids(project)["Japan"], "Japan")
    picker.edit.setText("japan ")  # a name typed in another case is that actor
    assert picker.chosen() == (ids(project)["Japan"], "Japan")
    picker.edit.setText("японии")  # an alias typed out in full is its actor's
    assert picker.chosen() == (ids(project)["Japan"], "Japan")
    assert picker.hint.text() == "Actor: Japan"
    picker.edit.setText("Nippon")
    assert picker.chosen() == (None, "Nippon")
    assert picker.hint.text() == "A new actor: Nippon"
