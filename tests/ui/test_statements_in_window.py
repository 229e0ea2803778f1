"""Statements in the window: recorded from the keyboard alone, kept, undone and redone."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from annotator.core.gold import GoldRef, GoldStatement
from annotator.core.model import SpanDraft
from annotator.core.statements import StatementDraft
from annotator.store.project import Project
from tests.ui.conftest import TEXT

CONTENT = "прекратить огонь"


class Keys:
    """Key presses sent to whatever has the focus, counted."""

    def __init__(self, qtbot, window) -> None:  # type: ignore[no-untyped-def]
        self.qtbot = qtbot
        self.window = window
        self.count = 0

    def press(self, key: Qt.Key) -> None:
        self.count += 1
        self.qtbot.keyClick(self.window.focusWidget(), key)

    def type(self, text: str) -> None:
        for ch in text:  # Cyrillic as a key event with text (keyClicks aborts on it)
            self.count += 1
            widget = self.window.focusWidget()
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
                )


@pytest.fixture
def article_with_entities(project_file: Path) -> Path:
    with Project.open(project_file) as project:
        azer = TEXT.index("Азербайджан")
        project.add_span(1, SpanDraft(azer, azer + len("Азербайджан"), "GPE"), annotator="a")
    return project_file


def _window(qtbot, path: Path):  # type: ignore[no-untyped-def]
    from annotator.app import build

    main = build(path, annotator="Олена")
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()  # shortcuts reach the active window only
    qtbot.waitUntil(main.isActiveWindow)
    return main


def test_a_complete_statement_from_the_keyboard_alone(qtbot, article_with_entities: Path) -> None:
    window = _window(qtbot, article_with_entities)
    window.open_article(1)
    start = TEXT.index(CONTENT)
    window.view.select_range(start, start + len(CONTENT))
    window.view.setFocus()
    keys = Keys(qtbot, window)
    keys.press(Qt.Key.Key_S)  # a statement from the selection; speaker guessed: "Японии"
    assert window.statements.editor.speaker.current() is not None
    keys.press(Qt.Key.Key_Return)  # take the speaker: the statement is recorded
    keys.type("Аз")  # the target, by type-ahead
    keys.press(Qt.Key.Key_Return)
    keys.press(Qt.Key.Key_A)  # against
    assert keys.count <= 8

    with Project.open(article_with_entities) as project:
        (stored,) = project.statements(1)
    japan, azer = TEXT.index("Японии"), TEXT.index("Азербайджан")
    statement = stored.statement
    assert statement.content == (start, start + len(CONTENT))
    assert (statement.speaker.start, statement.speaker.end) == (japan, japan + len("Японии"))
    ((target, stance),) = [(t.ref, t.stance) for t in statement.targets]
    assert (target.start, target.end, stance) == (azer, azer + len("Азербайджан"), "against")
    assert statement.cue == (TEXT.index("призвал"), TEXT.index("призвал") + len("призвал"))
    assert (stored.origin, stored.annotator) == ("manual", "Олена")
    # the speaker was a suggestion: picking it made it an entity
    assert any(s.start == japan for s in project_spans(article_with_entities))
    window.close()

    reopened = _window(qtbot, article_with_entities)
    reopened.open_article(1)
    assert [s.statement for s in reopened.session.statements] == [statement]
    reopened.close()


def _speaker_and_target(qtbot, window, *, target: bool = True) -> Keys:  # type: ignore[no-untyped-def]
    """Select the content, S, Enter (the guessed speaker), then "Аз" and Enter (the
    target, waiting for its stance) — what every statement starts with."""
    window.open_article(1)
    start = TEXT.index(CONTENT)
    window.view.select_range(start, start + len(CONTENT))
    window.view.setFocus()
    keys = Keys(qtbot, window)
    keys.press(Qt.Key.Key_S)
    keys.press(Qt.Key.Key_Return)
    if target:
        keys.type("Аз")
        keys.press(Qt.Key.Key_Return)
    return keys


def project_spans(path: Path) -> list:  # type: ignore[type-arg]
    with Project.open(path) as project:
        return project.spans(1)


def test_undo_and_redo_walk_the_statement_back_and_forth(
    qtbot, article_with_entities: Path
) -> None:
    window = _window(qtbot, article_with_entities)
    keys = _speaker_and_target(qtbot, window)
    keys.press(Qt.Key.Key_F)  # favor
    recorded = window.session.statements[0].statement
    assert [t.stance for t in recorded.targets] == ["favor"]

    window.undo_stack.undo()  # the target and its stance go
    assert window.session.statements[0].statement.targets == ()
    window.undo_stack.undo()  # the statement (and the speaker entity accepted with it) goes
    assert window.session.statements == []
    window.undo_stack.redo()
    window.undo_stack.redo()
    assert [s.statement for s in window.session.statements] == [recorded]
    window.close()


def test_clicking_an_entity_picks_the_target(qtbot, article_with_entities: Path) -> None:
    window = _window(qtbot, article_with_entities)
    _speaker_and_target(qtbot, window, target=False)
    azer = TEXT.index("Азербайджан")
    window.view.select_range(azer + 1, azer + 1)
    mark = window.session.index.at(azer + 1)[0]
    window.view.mark_clicked.emit(mark)  # what a click on the entity sends
    window.statement_edits.set_stance("neutral")
    ((target,),) = [s.statement.targets for s in window.session.statements]
    assert (target.ref.start, target.stance) == (azer, "neutral")
    window.close()


def test_a_suggested_statement_is_accepted_with_enter_and_rejected_with_delete(
    qtbot, project_file: Path
) -> None:
    japan = TEXT.index("Японии")
    start = TEXT.index(CONTENT)
    with Project.open(project_file) as project:
        project.replace_statement_suggestions(
            1,
            [
                StatementDraft((start, start + len(CONTENT)), speaker=(japan, japan + 6)),
                StatementDraft((TEXT.index("готов"), TEXT.index("готов") + 16)),
            ],
            recognizer="reporting lexicon",
            version="1",
        )
    window = _window(qtbot, project_file)
    window.open_article(1)
    panel = window.statements
    assert panel.list.count() == 2
    panel.list.setFocus()
    panel.list.setCurrentRow(0)
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    (stored,) = window.session.statements
    assert stored.origin == "accepted"
    assert (stored.statement.speaker.start, stored.statement.content[0]) == (japan, start)
    suggestion_row = next(
        i for i in range(panel.list.count()) if panel.list.item(i).text().startswith("suggested")
    )
    panel.list.setFocus()
    panel.list.setCurrentRow(suggestion_row)
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    assert window.session.statement_suggestions == []
    with Project.open(project_file) as project:
        assert [s.decision for s in project.statement_suggestions(
            1, decisions=("accepted", "rejected"))] == ["accepted", "rejected"]  # fmt: skip
    window.close()


def test_a_statement_about_an_actor_shows_the_actor(qtbot, article_with_entities: Path) -> None:
    with Project.open(article_with_entities) as project:
        japan = TEXT.index("Японии")
        project.add_span(1, SpanDraft(japan, japan + 6, "GPE"), annotator="a")
        project.add_statement(
            1,
            GoldStatement(content=(0, 5), speaker=GoldRef(japan, japan + 6), note="x"),
            annotator="a",
            origin="manual",
        )
    window = _window(qtbot, article_with_entities)
    window.open_article(1)
    window.session.select_statement(window.session.statements[0])
    parts = window._statement_decorations()
    assert (japan, japan + 6) in [(s, e) for s, e, _kind, _color in parts]
    window.close()


class _TrainedStance:
    """A stance classifier as the window sees one (training is tested in tests/nlp)."""

    def available(self) -> bool:
        return True

    def suggest(self, target: str, content: str) -> tuple[str, float]:
        assert (target, content) == ("Азербайджан", CONTENT)
        return ("against", 0.9)


def test_the_stance_classifier_suggests_and_enter_takes_it(
    qtbot, article_with_entities: Path
) -> None:
    window = _window(qtbot, article_with_entities)
    window.statement_edits._stances = _TrainedStance()
    keys = _speaker_and_target(qtbot, window)
    assert "against" in window.statements.editor.stance_hint.text()
    keys.press(Qt.Key.Key_Return)  # take the suggested stance
    ((target,),) = [s.statement.targets for s in window.session.statements]
    assert target.stance == "against"
    window.close()


def test_l_links_the_selected_entity_to_an_actor_undoably(
    qtbot, article_with_entities: Path, monkeypatch
) -> None:
    from annotator.ui import statement_actions

    class Picker:  # the picker's answer: a new actor called Azerbaijan
        def __init__(self, *_args) -> None: ...

        def exec(self) -> bool:
            return True

        def chosen(self) -> tuple[None, str]:
            return None, "Azerbaijan"

    monkeypatch.setattr(statement_actions, "ActorPicker", Picker)
    window = _window(qtbot, article_with_entities)
    window.open_article(1)
    azer = TEXT.index("Азербайджан")
    window.session.select(window.session.index.at(azer)[0])
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_L)

    def linked() -> list[str | None]:
        with Project.open(article_with_entities) as project:
            rows = {i: n for i, n, _label in project.actors()}
            spans = project.db.execute("SELECT actor_id FROM spans WHERE start = ?", (azer,))
            return [rows.get(actor) for (actor,) in spans]

    assert linked() == ["Azerbaijan"]
    with Project.open(article_with_entities) as project:
        (actor,) = [row for row in project.actor_rows() if row.name == "Azerbaijan"]
        assert "Азербайджан" in actor.aliases
    window.undo_stack.undo()
    assert linked() == [None]
    window.undo_stack.redo()
    assert linked() == ["Azerbaijan"]
    window.close()


def test_shift_s_and_shift_c_move_the_content_and_the_cue(
    qtbot, article_with_entities: Path
) -> None:
    window = _window(qtbot, article_with_entities)
    _speaker_and_target(qtbot, window, target=False)
    start = TEXT.index(CONTENT)
    wider = TEXT.index("Азербайджан прекратить огонь")
    window.view.select_range(wider, wider + len("Азербайджан прекратить огонь"))
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_S, Qt.KeyboardModifier.ShiftModifier)
    cue = TEXT.index("МИД")
    window.view.select_range(cue, cue + 3)
    qtbot.keyClick(window.view, Qt.Key.Key_C, Qt.KeyboardModifier.ShiftModifier)
    (stored,) = window.session.statements
    assert stored.statement.content == (wider, wider + len("Азербайджан прекратить огонь"))
    assert stored.statement.cue == (cue, cue + 3)
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert window.session.statements[0].statement.content == (start, start + len(CONTENT))
    window.close()


def test_f4_walks_the_suggested_statements_from_the_keyboard(qtbot, project_file: Path) -> None:
    japan = TEXT.index("Японии")
    start = TEXT.index(CONTENT)
    with Project.open(project_file) as project:
        project.replace_statement_suggestions(
            1, [StatementDraft((start, start + len(CONTENT)), speaker=(japan, japan + 6))],
            recognizer="reporting lexicon", version="1",
        )  # fmt: skip
    window = _window(qtbot, project_file)
    window.open_article(1)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F4)
    assert window.focusWidget() is window.statements.list
    assert window.session.selected_statement is window.session.statement_suggestions[0]
    qtbot.keyClick(window.statements.list, Qt.Key.Key_Return)
    assert [s.origin for s in window.session.statements] == ["accepted"]
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Escape)  # out of the target field
    qtbot.keyClick(window.statements.list, Qt.Key.Key_Escape)
    assert window.focusWidget() is window.view
    window.close()
