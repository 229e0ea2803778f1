"""Composition root: a project file in, a ready main window out.

``build`` makes the window without showing it (tests and scripted checks use it);
``run`` is what ``annotator`` calls to start the application.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

from annotator import __version__, i18n, user_settings
from annotator.core.errors import AnnotatorError
from annotator.resources import RESOURCES_DIR
from annotator.store.project import Project

ORGANIZATION = "stance-annotator"
APPLICATION = "Stance Annotator"


def application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, made with our names (for QSettings) and Qt's translations."""
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName(ORGANIZATION)
        QCoreApplication.setApplicationName(APPLICATION)
        QCoreApplication.setApplicationVersion(__version__)
        app = QApplication(argv if argv is not None else sys.argv[:1])
        app.setWindowIcon(QIcon(str(RESOURCES_DIR / "icons" / "stance-annotator.svg")))
        app.setDesktopFileName("org.stanceannotator.StanceAnnotator")
        language = i18n.set_language(user_settings.preferences().get("ui_language") or None)
        translator = QTranslator(app)
        if translator.load(
            QLocale(language),
            "qtbase",
            "_",
            QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
        ):
            app.installTranslator(translator)
    assert isinstance(app, QApplication)
    return app


def build(
    project_path: str | Path,
    *,
    annotator: str | None = None,
    parent_window: QWidget | None = None,
) -> QMainWindow:
    """The main window on the project at ``project_path`` (created if missing), not shown.

    ``annotator`` names who edits; without it the app asks once per project.
    """
    from annotator.ui.main_window import MainWindow, ask_annotator

    application()
    project = Project.open(project_path)
    name = annotator or ask_annotator(project, parent_window)
    project.annotator_id(name)
    user_settings.remember_project(Path(project_path))
    window = MainWindow(project, name)
    window.project_requested.connect(lambda path: _switch(window, path))
    # What start-up made (modules, Qt wrappers, the window) lives as long as the app: keep
    # it out of the collector's full passes, which otherwise stall opening a long article.
    gc.collect()
    gc.freeze()
    return window


def _switch(window: QMainWindow, path: Path) -> None:
    """Replace ``window`` by one on the project at ``path``."""
    try:
        replacement = build(path, parent_window=window)
    except AnnotatorError as error:
        QMessageBox.critical(window, APPLICATION, str(error))
        return
    replacement.show()
    window.close()
    _windows.append(replacement)  # a top-level window needs a Python owner to stay open


_windows: list[QMainWindow] = []


def run(project_path: str | Path) -> int:
    app = application()
    try:
        window = build(project_path)
    except AnnotatorError as error:
        QMessageBox.critical(None, APPLICATION, str(error))
        return 1
    window.show()
    if os.environ.get("STANCE_ANNOTATOR_EXIT_WHEN_SHOWN"):
        # start-up measurements (bench/bundle.py): the window is up, stop there
        QTimer.singleShot(0, lambda: (print("shown", flush=True), app.quit()))
    return app.exec()


__all__ = ["application", "build", "run"]
