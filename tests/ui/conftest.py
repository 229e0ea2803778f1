"""Window tests run offscreen, with QSettings in a temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from annotator.core.model import ArticleDraft, SpanDraft
from annotator.store.project import Project

TEXT = (
    "Новости 👍 Поделиться\n"
    "МИД Японии призвал Азербайджан прекратить огонь.\n"
    "Токио 🇯🇵 готов к диалогу, заявил министр Кэндзи Сато."
)
SECOND = "Київ і Варшава домовилися про нову лінію електропередачі."


@pytest.fixture(autouse=True)
def _settings_in_tmp(tmp_path: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qt"))


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    path = tmp_path / "project.sqlite"
    with Project.open(path) as project:
        first = project.add_article(ArticleDraft(text=TEXT, title="МИД Японии", source="a.txt"),
                                    language="ru", annotator="import")  # fmt: skip
        project.add_article(ArticleDraft(text=SECOND, title="Київ", source="b.txt"),
                            language="uk", annotator="import")  # fmt: skip
        assert first is not None
        tokyo = TEXT.index("Токио")
        japan = TEXT.index("Японии")
        project.add_suggestions(
            first,
            [SpanDraft(tokyo, tokyo + 5, "GPE"), SpanDraft(japan, japan + 6, "GPE")],
            recognizer="natasha",
            version="1.6",
        )
    return path


@pytest.fixture
def window(qtbot, project_file: Path) -> Iterator:
    from annotator.app import build

    main = build(project_file, annotator="Олена")
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.close()
