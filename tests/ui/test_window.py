"""The window driven from the keyboard, as an annotator works."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from annotator.core.model import ArticleDraft, Status
from annotator.store.project import Project
from tests.conftest import ROOT
from tests.ui.conftest import SECOND, TEXT


def select(window, surface: str) -> None:
    start = window.session.document.text.index(surface)
    window.view.select_range(start, start + len(surface))
    window.session.select(None)


def key(qtbot, widget, code, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(widget, code, modifier)


def spans(window) -> list[tuple[str, str, str]]:
    document = window.session.document
    return [(document.text[s.start : s.end], s.label, s.origin)
            for s in window.project.spans(document.id)]  # fmt: skip


def test_the_window_opens_on_the_first_article_to_do(window) -> None:
    assert window.session.document.text == TEXT
    assert window.view.toPlainText() == TEXT
    assert window.articles.model.rowCount() == 2
    assert "0 / 2 done" in window.progress_label.text()
    assert "natasha 1.6" in window.recognizer_label.text()


def test_label_relabel_delete_with_undo_and_redo(qtbot, window) -> None:
    view = window.view
    select(window, "Азербайджан")
    key(qtbot, view, Qt.Key.Key_4)  # GPE
    assert spans(window) == [("Азербайджан", "GPE", "manual")]
    key(qtbot, view, Qt.Key.Key_1)  # the new entity is selected: relabel it
    assert spans(window) == [("Азербайджан", "PER", "manual")]
    key(qtbot, view, Qt.Key.Key_Delete)
    assert spans(window) == []
    key(qtbot, view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert spans(window) == [("Азербайджан", "PER", "manual")]
    key(qtbot, view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert spans(window) == [("Азербайджан", "GPE", "manual")]
    key(
        qtbot,
        view,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert spans(window) == [("Азербайджан", "PER", "manual")]


def test_offsets_after_emoji_and_cyrillic_are_exact(qtbot, window, tmp_path: Path) -> None:
    select(window, "Кэндзи Сато")  # after two emoji (one of them two code points)
    key(qtbot, window.view, Qt.Key.Key_1)
    (span,) = window.project.spans(window.session.document.id)
    assert TEXT[span.start : span.end] == "Кэндзи Сато"
    # and the highlight sits on those characters in Qt's UTF-16 positions
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(window.view.offsets.to_qt(span.start))
    cursor.setPosition(window.view.offsets.to_qt(span.end), QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "Кэндзи Сато"
    assert window.view.offsets.to_qt(span.start) == span.start + 3  # 👍 and 🇯🇵: 3 extra units


def test_a_selection_snaps_to_whole_words(qtbot, window) -> None:
    start = TEXT.index("Азербайджан")
    window.view.select_range(start + 2, start + 6)  # "ербай"
    key(qtbot, window.view, Qt.Key.Key_3)
    assert spans(window) == [("Азербайджан", "LOC", "manual")]


def test_overlaps_are_refused_in_the_status_bar(qtbot, window) -> None:
    select(window, "Азербайджан")
    key(qtbot, window.view, Qt.Key.Key_4)
    select(window, "призвал Азербайджан")
    key(qtbot, window.view, Qt.Key.Key_2)
    assert "overlaps" in window.statusBar().currentMessage()
    assert len(spans(window)) == 1


def test_tab_walks_and_enter_accepts_a_suggestion(qtbot, window) -> None:
    view = window.view
    window.session.select(None)
    key(qtbot, view, Qt.Key.Key_Tab)
    assert window.session.selected.suggestion
    assert TEXT[window.session.selected.start : window.session.selected.end] == "Японии"
    key(qtbot, view, Qt.Key.Key_Return)
    assert spans(window) == [("Японии", "GPE", "accepted")]
    assert TEXT[window.session.selected.start : window.session.selected.end] == "Токио"
    key(qtbot, view, Qt.Key.Key_Delete)  # rejects the suggestion
    assert [m for m in window.session.index if m.suggestion] == []
    key(qtbot, view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len([m for m in window.session.index if m.suggestion]) == 1


def test_moving_a_boundary_keeps_the_entity(qtbot, window) -> None:
    select(window, "Японии")
    key(qtbot, window.view, Qt.Key.Key_2)
    span_id = window.project.spans(window.session.document.id)[0].id
    key(qtbot, window.view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    (span,) = window.project.spans(window.session.document.id)
    assert (TEXT[span.start : span.end], span.id) == ("МИД Японии", span_id)


def test_done_accepts_what_is_left_and_opens_the_next(qtbot, window) -> None:
    key(qtbot, window.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    first = window.project.document_rows(annotator="Олена")[0][0]
    assert window.project.status(first, annotator="Олена") is Status.DONE
    assert {TEXT[s.start : s.end] for s in window.project.spans(first)} == {"Японии", "Токио"}
    assert window.session.document.text == SECOND
    assert "1 / 2 done" in window.progress_label.text()
    # undo travels back to the first article and takes the status back
    key(qtbot, window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.document.text == TEXT
    assert window.project.status(first, annotator="Олена") is Status.TODO


def test_moving_between_articles(qtbot, window) -> None:
    key(qtbot, window.view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.session.document.text == SECOND
    key(qtbot, window.view, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.session.document.text == TEXT


def test_shortcuts_work_with_a_cyrillic_layout(qtbot, window) -> None:
    """On Cyrillic layouts the Z key gives Я (Russian, Ukrainian) or Ю (Bulgarian): undo
    and redo still work, and so do the digits."""
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    select(window, "Азербайджан")
    key(qtbot, window.view, Qt.Key.Key_4)
    key(qtbot, window.view, Qt.Key(ord("Я")), ctrl)
    assert spans(window) == []
    key(qtbot, window.view, Qt.Key(ord("Я")), ctrl | shift)
    assert spans(window) == [("Азербайджан", "GPE", "manual")]
    key(qtbot, window.view, Qt.Key(ord("Ю")), ctrl)
    assert spans(window) == []


def test_search_folds_cyrillic_case(qtbot, window) -> None:
    window.articles.search.setText("КИЇВ")
    window.articles.reload()
    assert [row[1] for row in window.articles.model.rows] == ["Київ"]


def test_everything_is_there_after_reopening(qtbot, window, project_file: Path) -> None:
    from annotator.app import build

    select(window, "Азербайджан")
    key(qtbot, window.view, Qt.Key.Key_4)
    key(qtbot, window.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    window.close()
    window.project.close()
    again = build(project_file, annotator="Олена")
    qtbot.addWidget(again)
    first = again.project.document_rows(annotator="Олена")[0]
    assert first[3] == "done" and first[4] == 3
    again.open_article(first[0])
    assert [m.label for m in again.session.index] == ["GPE", "GPE", "GPE"]


def test_a_killed_app_loses_no_edit(project_file: Path, tmp_path: Path) -> None:
    script = f"""
import os, signal
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from annotator.app import build
window = build({str(project_file)!r}, annotator="Олена")
window.show()
text = window.session.document.text
start = text.index("Азербайджан")
window.view.select_range(start, start + len("Азербайджан"))
QTest.keyClick(window.view, Qt.Key.Key_4)
os.kill(os.getpid(), signal.SIGKILL)
"""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, timeout=120
    )
    assert result.returncode == -signal.SIGKILL, result.stderr.decode()
    with Project.open(project_file) as project:
        document = next(project.documents())
        assert [(document.text[s.start : s.end], s.label) for s in project.spans(document.id)] == [
            ("Азербайджан", "GPE")
        ]


def test_dragging_an_edge_moves_the_boundary(qtbot, window) -> None:
    select(window, "Японии")
    key(qtbot, window.view, Qt.Key.Key_2)
    mark = window.session.selected
    view = window.view
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.offsets.to_qt(mark.start))
    edge = view.cursorRect(cursor).center()
    cursor.setPosition(view.offsets.to_qt(TEXT.index("МИД")))
    target = view.cursorRect(cursor).center()
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=edge)
    qtbot.mouseMove(view.viewport(), target)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=target)
    (span,) = window.project.spans(window.session.document.id)
    assert (TEXT[span.start : span.end], span.id) == ("МИД Японии", mark.id)


def test_a_span_made_in_the_window_exports_exactly(qtbot, window, tmp_path: Path) -> None:
    import json

    from annotator.cli import main

    select(window, "Кэндзи Сато")
    key(qtbot, window.view, Qt.Key.Key_1)
    out = tmp_path / "out.jsonl"
    assert main(["export", "--format", "jsonl", "--status", "any", "--db",
                 str(window.project.path), "--out", str(out)]) == 0  # fmt: skip
    task = next(json.loads(line) for line in out.read_text().splitlines()
                if json.loads(line)["text"] == TEXT)  # fmt: skip
    (span,) = task["spans"]
    assert task["text"][span["start"] : span["end"]] == "Кэндзи Сато"


def test_export_from_the_window_runs_in_the_background(
    qtbot, window, tmp_path: Path, monkeypatch
) -> None:
    import annotator.ui.main_window as main_window

    target = tmp_path / "gold.jsonl"

    class Chosen:
        def __init__(self, *args) -> None:
            pass

        def exec(self) -> int:
            return 1

        def values(self) -> dict:
            return {"format": "jsonl", "status": "any", "source": "human", "iob": "IOB2",
                    "strict": False, "path": target}  # fmt: skip

    shown: list[str] = []
    monkeypatch.setattr(main_window, "ExportDialog", Chosen)
    monkeypatch.setattr(main_window.QMessageBox, "information",
                        lambda _parent, _title, text: shown.append(text))  # fmt: skip
    select(window, "Азербайджан")
    key(qtbot, window.view, Qt.Key.Key_4)
    window.export()
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert "2 articles" in shown[0]
    assert "Азербайджан" in target.read_text(encoding="utf-8")


def test_opening_another_project_replaces_the_window(qtbot, window, tmp_path: Path) -> None:
    from annotator import user_settings
    from annotator.app import _windows

    other = tmp_path / "other.sqlite"
    with Project.open(other) as project:
        project.annotator_id("Олена")
        project.add_article(
            ArticleDraft(text="Sofia and Athens agreed.", title="Sofia", source="s"),
            language="en",
            annotator="Олена",
        )
    user_settings.save(annotator="Олена")
    window.switch_project(other)
    replacement = _windows[-1]
    qtbot.addWidget(replacement)
    assert replacement.project.path == other
    assert replacement.session.document.text == "Sofia and Athens agreed."
    assert str(other.resolve()) == user_settings.recent_projects()[0]
    assert not window.isVisible()


def test_an_undo_the_project_refuses_is_reported_and_leaves_the_history(
    qtbot, window, monkeypatch
) -> None:
    from annotator.core.errors import ProjectError

    select(window, "Азербайджан")
    key(qtbot, window.view, Qt.Key.Key_4)

    def locked(*args, **kwargs):
        raise ProjectError("project.sqlite: the project is in use by another program (locked)")

    monkeypatch.setattr(window.session, "apply", locked)
    window.undo_stack.undo()
    assert "locked" in window.statusBar().currentMessage()
    assert spans(window) == [("Азербайджан", "GPE", "manual")]  # the project kept its state
    assert window.undo_stack.count() == 0  # and the history does not pretend otherwise


def test_the_name_is_asked_once_per_project(qtbot, project_file: Path, monkeypatch) -> None:
    from PySide6.QtWidgets import QApplication, QInputDialog

    from annotator import user_settings
    from annotator.app import build

    asked: list[str] = []
    monkeypatch.setattr(QApplication, "platformName", lambda _app: "xcb")  # as on a desktop

    def answer(*args, **kwargs):
        asked.append("?")
        return "Марія", True

    monkeypatch.setattr(QInputDialog, "getText", answer)
    first = build(project_file)
    qtbot.addWidget(first)
    assert first.annotator == "Марія" and asked == ["?"]
    first.close()
    first.project.close()
    again = build(project_file)
    qtbot.addWidget(again)
    assert again.annotator == "Марія" and asked == ["?"]  # not asked a second time
    assert str(project_file.resolve()) in user_settings.named_projects()
