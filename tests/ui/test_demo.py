"""`annotator demo` — what `make run` starts — opens the demo project with highlights."""

from __future__ import annotations

import json
import re

import pytest
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
    # a second start opens the same project, not a new one
    assert cli.main(["demo"]) == 0
    assert "created" not in capsys.readouterr().out


def test_demo_examples_fit_their_articles() -> None:
    examples = json.loads(EXAMPLES.read_text(encoding="utf-8"))
    names = {p.name for p in SAMPLES.glob("*.txt")}
    assert set(examples) - {"_comment"} == names
    for name in names:
        text = (SAMPLES / name).read_text(encoding="utf-8")
        for surface, label in examples[name]:
            assert label in {"PER", "ORG", "LOC", "GPE", "EVENT", "MISC"}
            assert re.search(rf"(?<!\w){re.escape(surface)}(?!\w)", text), (name, surface)
