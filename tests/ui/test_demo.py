"""`annotator demo` — what `make run` starts — opens the demo project with highlights."""

from __future__ import annotations

import json
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator import cli
from annotator.io.demo import EXAMPLES
from tests.conftest import SAMPLES


def test_demo_opens_a_window_on_highlighted_articles(
    qtbot, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shown = []
    monkeypatch.setattr(QApplication, "exec", lambda _app: 0)  # return instead of waiting
    import annotator.app

    real_build = annotator.app.build

    def build(*args, **kwargs):
        window = real_build(*args, **kwargs)
        qtbot.addWidget(window)
        shown.append(window)
        return window

    monkeypatch.setattr(annotator.app, "build", build)
    assert cli.main(["demo"]) == 0
    assert "Demo project created with 12 articles" in capsys.readouterr().out
    (window,) = shown
    assert window.isVisible()
    assert window.articles.model.rowCount() == 12
    suggestions = [m for m in window.session.index if m.suggestion]
    assert len(suggestions) >= 8
    assert "gazetteer" in window.recognizer_label.text()  # real pre-annotation
    _record_a_statement_from_the_keyboard(qtbot, window)
    window.close()
    # a second start opens the same project, not a new one, with the statement intact
    assert cli.main(["demo"]) == 0
    assert "created" not in capsys.readouterr().out
    reopened = shown[-1]
    document = _osce_article(reopened)
    reopened.open_article(document.id)
    ((speaker, target, stance),) = [
        (document.text[s.statement.speaker.start : s.statement.speaker.end],
         document.text[t.ref.start : t.ref.end], t.stance)
        for s in reopened.session.statements for t in s.statement.targets
    ]  # fmt: skip
    assert (speaker, target, stance) == ("Томас Бергер", "Тирасполь", "against")


def _osce_article(window):  # type: ignore[no-untyped-def]
    return next(d for d in window.project.documents(status="any") if "ОБСЕ" in d.title)


def _record_a_statement_from_the_keyboard(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Select what the envoy called for; then S, Enter (the speaker guessed), "Ти", Enter
    (Тирасполь), A (against): six keys."""
    from tests.ui.test_statements_in_window import Keys

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    document = _osce_article(window)
    window.open_article(document.id)
    content = "возобновить заседания рабочей группы по транспорту"
    start = document.text.index(content)
    window.view.select_range(start, start + len(content))
    window.view.setFocus()
    keys = Keys(qtbot, window)
    keys.press(Qt.Key.Key_S)
    assert window.statements.editor.speaker.current().display.startswith("Томас Бергер")
    keys.press(Qt.Key.Key_Return)
    keys.type("Ти")
    keys.press(Qt.Key.Key_Return)
    keys.press(Qt.Key.Key_A)
    assert keys.count <= 8


def test_demo_examples_fit_their_articles() -> None:
    examples = json.loads(EXAMPLES.read_text(encoding="utf-8"))
    names = {p.name for p in SAMPLES.glob("*.txt")}
    assert set(examples) - {"_comment"} == names
    for name in names:
        text = (SAMPLES / name).read_text(encoding="utf-8")
        for surface, label in examples[name]:
            assert label in {"PER", "ORG", "LOC", "GPE", "EVENT", "MISC"}
            assert re.search(rf"(?<!\w){re.escape(surface)}(?!\w)", text), (name, surface)
