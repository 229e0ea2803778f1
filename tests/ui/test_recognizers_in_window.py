"""Pre-annotation, training and the quality report from the window: the work runs in a
process of its own, the window keeps answering, and Cancel leaves whole results only."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton

from annotator.core.model import ArticleDraft, SpanDraft
from annotator.nlp.models import list_models, models_folder
from annotator.store.project import Project


def test_preannotation_runs_beside_a_responsive_window(qtbot, window, project_file: Path) -> None:
    second = window.articles.neighbour(None, +1)
    with Project.open(project_file) as project:
        uk = next(d.id for d in project.documents() if d.language == "uk")
        assert project.suggestions(uk) == []
    window.preannotate(only_new=True)
    assert window._command is not None
    assert not window.act_train.isEnabled()  # one piece of work at a time
    ticks = []
    window.startTimer(20)
    window.timerEvent = lambda event: ticks.append(event)  # the event loop keeps running
    qtbot.waitUntil(lambda: window._command is None, timeout=180_000)
    assert len(ticks) > 10
    assert window.act_train.isEnabled()
    with Project.open(project_file) as project:
        found = {(s.recognizer, project.document(uk).text[s.start : s.end])
                 for s in project.suggestions(uk)}  # fmt: skip
    assert ("gazetteer", "Варшава") in found or ("cities", "Варшава") in found, found
    assert second is not None
    assert "Pre-annotation done" in window.statusBar().currentMessage()


def _done_articles(path: Path, count: int) -> None:
    names = ["Анна Ковач", "Олег Сидоренко", "Марта Левицька", "Ігор Бондар", "Ольга Мельник"]
    places = ["Києві", "Львові", "Одесі", "Харкові", "Дніпрі"]
    with Project.open(path) as project:
        for n in range(count):
            person, place = names[n % 5], places[(n * 2) % 5]
            # Long enough that training runs for many seconds: Cancel comes mid-way.
            filler = " ".join(f"Речення {n}-{k} про погоду та ціни." for k in range(40))
            text = f"Міністр {person} виступив у {place} у вівторок. {filler}"
            document_id = project.add_article(
                ArticleDraft(text=text, title=str(n), source=f"{n}.txt"),
                language="uk", annotator="import",
            )  # fmt: skip
            assert document_id is not None
            for surface, label in ((person, "PER"), (place, "GPE")):
                start = text.index(surface)
                project.add_span(document_id, SpanDraft(start, start + len(surface), label),
                                 annotator="Олена")  # fmt: skip
            project.set_status(document_id, "done", annotator="Олена")


def test_cancelled_training_stores_no_model(
    qtbot, window, project_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    boxes: list[str] = []
    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind, lambda *a, k=kind: boxes.append(k))
    _done_articles(project_file, 80)
    window.train_model()
    assert window._command is not None

    def dialog() -> QProgressDialog | None:
        found = [d for d in window.findChildren(QProgressDialog) if d.isVisible()]
        return found[0] if found else None

    # Wait for training to be under way (progress reported), then press Cancel.
    qtbot.waitUntil(lambda: (d := dialog()) is not None and d.value() > 0, timeout=180_000)
    (cancel,) = dialog().findChildren(QPushButton)  # type: ignore[union-attr]
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window._command is None, timeout=60_000)
    assert boxes == []  # it was stopped, not finished or failed
    assert "no model was stored" in window.statusBar().currentMessage()
    folder = models_folder(project_file)
    assert list_models(folder) == []
    leftovers = (
        [p for p in folder.iterdir() if not p.name.startswith(".")] if folder.exists() else []
    )
    assert leftovers == []
    hidden = list(folder.iterdir()) if folder.exists() else []
    assert hidden == []  # the half-written model was removed, not only hidden


def test_quality_report_dialog_shows_the_figures(qtbot, window, monkeypatch) -> None:
    from annotator.ui import dialogs

    shown: list[str] = []

    def shown_text(dialog: dialogs.QualityReportDialog) -> None:
        table = dialog.table
        cells = [table.item(r, c).text() for r in range(table.rowCount())
                 for c in range(table.columnCount())]  # fmt: skip
        shown.append(" | ".join(cells) + "\n" + dialog.text.toPlainText())

    monkeypatch.setattr(dialogs.QualityReportDialog, "exec", shown_text)
    document = window.session.document
    assert document is not None
    window.project.set_status(document.id, "done", annotator="Олена")
    window.show_quality_report()
    (text,) = shown
    assert "ru | all recognizers | all labels" in text
    assert "natasha 1.6" in text
    assert "No model trained yet." in text


def test_quality_report_table_sorts_by_f1(qtbot, window) -> None:
    from annotator.io.quality_report import quality_report, report_lines
    from annotator.ui.dialogs import QualityReportDialog

    document = window.session.document
    assert document is not None
    window.project.set_status(document.id, "done", annotator="Олена")
    report = quality_report(window.project)
    dialog = QualityReportDialog(report, report_lines(report), window)
    qtbot.addWidget(dialog)
    table = dialog.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    rows = [[table.item(r, c).data(0) for c in range(table.columnCount())]
            for r in range(table.rowCount())]  # fmt: skip
    assert rows[0][:3] == ["ru", "all recognizers", "all labels"]
    assert any(row[1] == "natasha 1.6" for row in rows)
    f1 = headers.index("F1")
    table.sortItems(f1)
    values = [table.item(r, f1).data(0) for r in range(table.rowCount())]
    assert values == sorted(values)  # numbers, not text


def test_articles_imported_in_the_window_are_preannotated(
    qtbot, window, project_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    article = tmp_path / "new.txt"
    article.write_text("Польща і Литва\n\nУ Варшаві зустрілися міністри Польщі та Литви.\n",
                       encoding="utf-8")  # fmt: skip
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(article)], ""))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    window.import_articles()
    qtbot.waitUntil(lambda: window._command is not None, timeout=60_000)  # import, then this
    qtbot.waitUntil(lambda: window._command is None, timeout=180_000)
    with Project.open(project_file) as project:
        new = next(d for d in project.documents() if d.source.endswith("new.txt"))
        found = {new.text[s.start : s.end] for s in project.suggestions(new.id)}
    assert {"Польща", "Варшаві"} <= found, found
