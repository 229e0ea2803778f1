"""The main window: article list, article view, entity panel, label bar, menus, status bar.

It wires the pieces together; each piece lives in its own module. Edits go through the
edit controller onto the undo stack; nothing here touches the project's tables.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QProcess, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFont, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from annotator import __version__, user_settings
from annotator.core.commands import Command
from annotator.core.model import PREANNOTATE_ON_IMPORT, Document, Status
from annotator.core.session import Session
from annotator.i18n import _
from annotator.io.exchange import export, import_formatted
from annotator.io.formats import FORMATS, WriteOptions
from annotator.io.importer import ImportOptions, import_paths
from annotator.io.quality_report import quality_report, report_lines
from annotator.io.readers import READERS
from annotator.store.gold import Selection
from annotator.store.project import Project
from annotator.ui.article_list import ArticleListPanel
from annotator.ui.article_view import ArticleView
from annotator.ui.dialogs import (
    ExportDialog,
    PreferencesDialog,
    QualityReportDialog,
    ShortcutsDialog,
)
from annotator.ui.editing import EditController
from annotator.ui.processes import CommandResult, run_command
from annotator.ui.shortcuts import LayoutShortcuts
from annotator.ui.side_panels import EntityPanel, LabelBar
from annotator.ui.statement_actions import StatementActions
from annotator.ui.statement_editing import StatementController
from annotator.ui.statement_panel import (
    StatementPanel,
)
from annotator.ui.tasks import Cancelled, run_with_progress


class MainWindow(StatementActions, QMainWindow):
    project_requested = Signal(Path)

    def __init__(self, project: Project, annotator: str) -> None:
        super().__init__()
        self._command: QProcess | None = None
        self.project = project
        self.annotator = annotator
        self.session = Session(project, annotator)
        self.preferences = user_settings.preferences()
        self.undo_stack = QUndoStack(self)
        self.setWindowTitle(self._title())
        self.resize(1280, 800)

        self.view = ArticleView(self.session)
        self.label_bar = LabelBar(self.session)
        self.edits = EditController(
            self.session, self.view, self.undo_stack, lambda: self.preferences["token_snapping"]
        )
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.label_bar)
        layout.addWidget(self.view)
        self.setCentralWidget(central)

        self.articles = ArticleListPanel()
        self.entities = EntityPanel(self.session)
        self.statements = StatementPanel(self.session)
        self.statement_edits = StatementController(
            self.session, project, self.view, self.statements, self.edits
        )
        self.view.decorations = self._statement_decorations
        left = self._dock(
            _("Articles"), "articles", self.articles, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        right = self._dock(
            _("Entities"), "entities", self.entities, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.statements_dock = self._dock(
            _("Statements"), "statements", self.statements, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.tabifyDockWidget(right, self.statements_dock)
        right.raise_()
        self.resizeDocks([left, right], [330, 380], Qt.Orientation.Horizontal)

        self.progress_label = QLabel()
        self.annotator_label = QLabel()
        self.recognizer_label = QLabel()
        self.saved_label = QLabel()
        for widget in (
            self.progress_label,
            self.annotator_label,
            self.recognizer_label,
            self.saved_label,
        ):
            self.statusBar().addPermanentWidget(widget)

        self._build_actions()
        self._connect()
        self.apply_preferences()
        self.articles.set_project(project, annotator)
        self._restore_layout()
        self._update_status()
        first = self.articles.next_to_do(None) or self.articles.neighbour(None, +1)
        if first is not None:
            self.open_article(first)

    # -- building ------------------------------------------------------------------------

    def _title(self) -> str:
        name = self.project.path.name if self.project.path else _("(in memory)")
        return _("{project} — Stance Annotator").format(project=name)

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(area, dock)
        return dock

    def _action(
        self,
        text: str,
        slot,
        shortcut: str | None = None,
        icon: QStyle.StandardPixmap | None = None,
    ) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        action.triggered.connect(lambda _checked=False: slot())
        if shortcut:
            self._shortcuts.assign(action, shortcut)
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self._shortcuts = LayoutShortcuts()
        pix = QStyle.StandardPixmap
        a = self._action
        self.act_new = a(_("&New Project…"), self.new_project, "Ctrl+N", pix.SP_FileIcon)
        self.act_open = a(_("&Open Project…"), self.open_project, "Ctrl+O", pix.SP_DialogOpenButton)
        self.act_import = a(
            _("&Import Articles…"), self.import_articles, "Ctrl+I", pix.SP_ArrowDown
        )
        self.act_export = a(_("&Export…"), self.export, "Ctrl+E", pix.SP_DialogSaveButton)
        self.act_import_gold = a(_("Import &Annotated Data…"), self.import_annotated)
        self.act_quit = a(_("&Quit"), self.close, "Ctrl+Q")
        self.act_undo = self.undo_stack.createUndoAction(self, _("&Undo"))
        self.act_redo = self.undo_stack.createRedoAction(self, _("&Redo"))
        self.act_undo.setIcon(self.style().standardIcon(pix.SP_ArrowBack))
        self.act_redo.setIcon(self.style().standardIcon(pix.SP_ArrowForward))
        self._shortcuts.assign(self.act_undo, "Ctrl+Z")
        self._shortcuts.assign(self.act_redo, "Ctrl+Shift+Z", "Ctrl+Y")
        self.addAction(self.act_undo)
        self.addAction(self.act_redo)
        self.act_find = a(_("&Find Articles"), self.focus_search, "Ctrl+F")
        self.act_preferences = a(_("&Preferences…"), self.edit_preferences)
        self.act_larger = a(_("&Larger Text"), lambda: self.zoom(+1), "Ctrl++")
        self.act_smaller = a(_("&Smaller Text"), lambda: self.zoom(-1), "Ctrl+-")
        self.act_normal = a(_("&Normal Size"), lambda: self.zoom(0), "Ctrl+0")
        self.act_accept_all = a(_("Accept &All Suggestions"), self.edits.accept_all, "Shift+Return")
        self.act_done = a(
            _("Mark &Done, Open Next"), self.mark_done, "Ctrl+Return", pix.SP_DialogApplyButton
        )
        self.act_skip = a(
            _("&Skip Article"), self.skip, "Ctrl+Shift+Return", pix.SP_MediaSkipForward
        )
        self.act_next = a(_("&Next Article"), lambda: self.step_article(+1), "Ctrl+PgDown")
        self.act_previous = a(_("&Previous Article"), lambda: self.step_article(-1), "Ctrl+PgUp")
        self.act_language = a(_("Set Article &Language…"), self.set_article_language)
        self.act_preannotate = a(_("&Pre-annotate Articles…"), self.choose_preannotation, "F6")
        self.act_train = a(_("&Train Model from Done Articles…"), self.train_model, "F7")
        self.act_train_stance = a(_("Train &Stance Classifier…"), self.train_stance_classifier)
        self.act_quality = a(_("&Quality Report…"), self.show_quality_report, "F8")
        self.act_new_statement = a(_("New &Statement from Selection"), self.new_statement, "S")
        self.act_add_target = a(_("Add &Target to Statement"), self.add_target, "T")
        self.act_statement_list = a(_("Go to the Statements &List"), self.go_to_statements, "F4")
        self.act_set_content = a(
            _("Selection as Statement &Content"),
            lambda: self.statement_edits.set_span_from_selection("content"), "Shift+S",
        )  # fmt: skip
        self.act_set_cue = a(
            _("Selection as Statement C&ue"),
            lambda: self.statement_edits.set_span_from_selection("cue"), "Shift+C",
        )  # fmt: skip
        self.act_delete_statement = a(
            _("&Delete Statement"), self.statement_edits.delete, "Ctrl+Delete"
        )
        self.act_link_actor = a(_("&Link Entity to Actor…"), self.link_actor, "L")
        self.act_actors = a(_("&Actors…"), self.show_actors)
        self.act_schema = a(_("Label &Schema…"), self.edit_schema)
        self.stance_actions: list[QAction] = []
        self.act_shortcuts = a(_("&Keyboard Shortcuts"), self.show_shortcuts, "F1")
        self.act_about = a(_("&About Stance Annotator"), self.about)
        # Enter (the keypad's too) alongside Return
        self._shortcuts.assign(self.act_done, "Ctrl+Return", "Ctrl+Enter")
        self._shortcuts.assign(self.act_skip, "Ctrl+Shift+Return", "Ctrl+Shift+Enter")
        self._shortcuts.assign(self.act_larger, "Ctrl++", "Ctrl+=")
        self._command_actions = [
            self.act_preannotate, self.act_train, self.act_train_stance, self.act_import,
            self.act_import_gold,
        ]  # fmt: skip
        self._build_stance_actions()
        self._shortcuts.apply()
        self.act_larger.setShortcuts([QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")])

        menu = self.menuBar()
        file = menu.addMenu(_("&File"))
        file.addActions([self.act_new, self.act_open])
        self.recent_menu = file.addMenu(_("Recent &Projects"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file.addSeparator()
        file.addActions([self.act_import, self.act_import_gold, self.act_export])
        file.addSeparator()
        file.addAction(self.act_quit)
        edit = menu.addMenu(_("&Edit"))
        edit.addActions([self.act_undo, self.act_redo])
        edit.addSeparator()
        edit.addActions([self.act_find, self.act_schema, self.act_preferences])
        view = menu.addMenu(_("&View"))
        view.addActions([self.act_larger, self.act_smaller, self.act_normal])
        view.addSeparator()
        for dock in self.findChildren(QDockWidget):
            view.addAction(dock.toggleViewAction())
        annotate = menu.addMenu(_("&Annotate"))
        annotate.addActions([self.act_accept_all, self.act_done, self.act_skip])
        annotate.addSeparator()
        annotate.addActions([self.act_next, self.act_previous, self.act_language])
        statements = menu.addMenu(_("S&tatements"))
        statements.addActions([self.act_statement_list, self.act_new_statement, self.act_add_target,
                               self.act_set_content, self.act_set_cue])  # fmt: skip
        self.stance_menu = statements.addMenu(_("Set S&tance"))
        self.stance_menu.addActions(self.stance_actions)
        statements.addSeparator()
        statements.addAction(self.act_delete_statement)
        statements.addSeparator()
        statements.addActions([self.act_link_actor, self.act_actors])
        recognizers = menu.addMenu(_("&Recognizers"))
        recognizers.addActions([self.act_preannotate, self.act_quality])
        recognizers.addSeparator()
        recognizers.addActions([self.act_train, self.act_train_stance])
        help_ = menu.addMenu(_("&Help"))
        help_.addActions([self.act_shortcuts, self.act_about])

        toolbar = self.addToolBar(_("Main"))
        toolbar.setObjectName("main")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addActions([self.act_open, self.act_import, self.act_export])
        toolbar.addSeparator()
        toolbar.addActions([self.act_undo, self.act_redo])
        toolbar.addSeparator()
        toolbar.addActions([self.act_done, self.act_skip])

    def _connect(self) -> None:
        self.articles.article_chosen.connect(self.open_article)
        self.label_bar.label_clicked.connect(self.edits.label)
        self.edits.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.statement_edits.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.statements.editor.targets.accept_requested.connect(self._targets_enter)
        self.edits.saved.connect(lambda: self.saved_label.setText(_("saved ✓")))
        self.session.edited.connect(self._after_edit)
        self.session.document_opened.connect(self._opened)

    def _restore_layout(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        state = settings.value("window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        super().closeEvent(event)

    # -- articles ------------------------------------------------------------------------

    def open_article(self, document_id: int) -> None:
        self.session.open(document_id)

    def _opened(self, document: Document) -> None:
        self.articles.show_current(document.id)
        self.saved_label.setText("")
        self._update_status()
        # the rest of a long article's marks load just after its first screen is shown
        QTimer.singleShot(50, self.session.complete)
        first = self.session.first_mark()
        if first is not None:
            self.session.select(first)
            self.view.moveCursor(self.view.textCursor().MoveOperation.Start)
        self.view.setFocus()

    def _after_edit(self, command: Command, _undone: bool) -> None:
        self.articles.refresh(command.document_id)
        self._update_status()

    def _update_status(self) -> None:
        done, total = self.project.progress(self.annotator)
        self.progress_label.setText(_("{done} / {total} done").format(done=done, total=total))
        self.annotator_label.setText(_("annotator: {name}").format(name=self.annotator))
        document = self.session.document
        found = self.project.recognizers(document.id if document else None)
        # recognizer names are data; the ones the app makes itself have translations
        names = " + ".join(f"{_(n)} {v}".strip() for n, v in found) or _("none")
        self.recognizer_label.setText(_("suggestions: {names}").format(names=names))

    def step_article(self, step: int) -> None:
        current = self.session.document.id if self.session.document else None
        target = self.articles.neighbour(current, step)
        if target is not None:
            self.open_article(target)

    def mark_done(self) -> None:
        self._finish(Status.DONE)

    def skip(self) -> None:
        self._finish(Status.SKIPPED)

    def _finish(self, status: Status) -> None:
        document = self.session.document
        if document is None or not self.edits.set_status(status):
            return
        following = self.articles.next_to_do(document.id)
        if following is None:
            self.statusBar().showMessage(_("Every article is done or skipped."), 8000)
            return
        self.open_article(following)

    def set_article_language(self) -> None:
        document = self.session.document
        if document is None:
            return
        languages = self.project.languages
        current = languages.index(document.language) if document.language in languages else 0
        code, ok = QInputDialog.getItem(
            self, _("Article language"), _("Language of this article:"), languages, current, True
        )
        if ok and code and code != document.language:
            self.project.set_language(document.id, code.strip(), annotator=self.annotator)
            self.articles.refresh(document.id)
            self.open_article(document.id)

    # -- projects ------------------------------------------------------------------------

    def new_project(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("New project"), str(Path.home() / "project.sqlite"), _("Projects (*.sqlite)")
        )
        if path:
            self.switch_project(Path(path))

    def open_project(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Open project"), str(Path.home()), _("Projects (*.sqlite);;All files (*)")
        )
        if path:
            self.switch_project(Path(path))

    def switch_project(self, path: Path) -> None:
        """Ask the application for a window on another project (see ``annotator.app``)."""
        self.project_requested.emit(path)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in user_settings.recent_projects():
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _checked=False, p=path: self.switch_project(Path(p)))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction(_("(none)")).setEnabled(False)

    # -- import and export ---------------------------------------------------------------

    def import_articles(self) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in sorted(READERS))
        paths, _filter = QFileDialog.getOpenFileNames(
            self,
            _("Import articles"),
            str(Path.home()),
            _("Articles ({patterns})").format(patterns=patterns),
        )
        if not paths or self.project.path is None:
            return
        project_path, annotator = self.project.path, self.annotator

        def work(progress):  # type: ignore[no-untyped-def]
            with Project.open(project_path) as project:  # this thread's own connection
                return import_paths(project, paths, ImportOptions(annotator=annotator), progress)

        def done(report, error) -> None:  # type: ignore[no-untyped-def]
            self.articles.reload()
            self._update_status()
            if isinstance(error, Cancelled):
                self.statusBar().showMessage(
                    _("Import cancelled; what was imported is kept."), 8000
                )
            elif error is not None:
                QMessageBox.critical(self, _("Import failed"), str(error))
            else:
                if report.imported and self.project.setting(PREANNOTATE_ON_IMPORT, True):
                    self.preannotate(only_new=True)
                text = _("{imported} imported, {duplicates} duplicates, {failed} failed").format(
                    imported=report.imported, duplicates=report.duplicates, failed=report.failed
                )
                details = "\n".join(f.where_and_why() for f in report.failures[:20])
                (QMessageBox.warning if report.failures else QMessageBox.information)(
                    self, _("Import"), f"{text}\n\n{details}".strip()
                )

        run_with_progress(self, _("Importing articles…"), work, done)

    # -- recognizers and models ------------------------------------------------------------

    def _run(self, title: str, arguments: list[str], done) -> None:  # type: ignore[no-untyped-def]
        """Run an ``annotator`` command on this project in its own process (one at a time)."""
        if self.project.path is None:
            return
        if self._command is not None:
            self.statusBar().showMessage(_("Wait for the work under way to end."), 6000)
            return
        for action in self._command_actions:
            action.setEnabled(False)

        def finished(result: CommandResult) -> None:
            self._command = None
            for action in self._command_actions:
                action.setEnabled(True)
            done(result)

        self._command = run_command(
            self, title, [*arguments, "--db", str(self.project.path), "--no-progress"], finished
        )

    def choose_preannotation(self) -> None:
        choices = [
            _("Articles not pre-annotated yet"),
            _("This article"),
            _("All articles (open suggestions are replaced)"),
        ]
        chosen, ok = QInputDialog.getItem(
            self, _("Pre-annotate"), _("Run the recognizers over:"), choices, 0, False
        )
        if not ok:
            return
        if chosen == choices[1]:
            document = self.session.document
            if document is not None:
                self.preannotate(document_id=document.id)
        else:
            self.preannotate(only_new=chosen == choices[0])

    def preannotate(self, *, only_new: bool = False, document_id: int | None = None) -> None:
        arguments = ["preannotate"]
        if only_new:
            arguments.append("--only-new")
        if document_id is not None:
            arguments += ["--document", str(document_id)]

        def done(result: CommandResult) -> None:
            self._reload_after_suggestions()
            if result.cancelled:
                self.statusBar().showMessage(
                    _("Pre-annotation stopped; the articles it finished keep their suggestions."),
                    8000,
                )
            elif result.exit_code != 0:
                QMessageBox.critical(self, _("Pre-annotation failed"), result.errors)
            else:
                summary = result.errors.splitlines()[-1] if result.errors else ""
                self.statusBar().showMessage(_("Pre-annotation done: {summary}").format(
                    summary=summary), 10000)  # fmt: skip

        self._run(_("Pre-annotating…"), arguments, done)

    def _reload_after_suggestions(self) -> None:
        self.articles.reload()
        document = self.session.document
        if document is not None:
            self.open_article(document.id)
        self._update_status()

    def train_model(self) -> None:
        self._train(_("Training a model from the done articles…"), ["train"])

    def train_stance_classifier(self) -> None:
        self._train(_("Training the stance classifier…"), ["train", "--stance"])

    def _train(self, title: str, arguments: list[str]) -> None:
        def done(result: CommandResult) -> None:
            if result.cancelled:
                self.statusBar().showMessage(_("Training stopped; no model was stored."), 8000)
            elif result.exit_code != 0:
                QMessageBox.warning(self, _("Training"), result.errors or result.report)
            else:
                QMessageBox.information(self, _("Training"), result.report)
                self._update_status()

        self._run(title, arguments, done)

    def show_quality_report(self) -> None:
        report = quality_report(self.project)
        QualityReportDialog(report, report_lines(report, languages=False), self).exec()

    def import_annotated(self) -> None:
        """Annotated files of another tool (or another project), with their statements."""
        names = sorted(name for name, f in FORMATS.items() if f.importable)
        labels = [f"{name} — {_(FORMATS[name].description)}" for name in names]
        chosen, ok = QInputDialog.getItem(
            self, _("Import annotated data"), _("Format of the files:"), labels, 0, False
        )
        if not ok or self.project.path is None:
            return
        name = names[labels.index(chosen)]
        if FORMATS[name].folder:
            folder = QFileDialog.getExistingDirectory(self, _("Folder to import"), str(Path.home()))
            paths = [folder] if folder else []
        else:
            paths, _filter = QFileDialog.getOpenFileNames(
                self, _("Files to import"), str(Path.home())
            )
        if not paths:
            return
        project_path, annotator = self.project.path, self.annotator

        def work(progress):  # type: ignore[no-untyped-def]
            with Project.open(project_path) as project:
                return import_formatted(project, name, [Path(p) for p in paths],
                                        annotator=annotator, progress=progress)  # fmt: skip

        def done(result, error) -> None:  # type: ignore[no-untyped-def]
            self.articles.reload()
            self._update_status()
            if error is not None:
                QMessageBox.critical(self, _("Import failed"), str(error))
                return
            text = _("{imported} imported, {duplicates} duplicates, {failed} failed").format(
                imported=result.imported, duplicates=result.duplicates,
                failed=len(result.failures),
            )  # fmt: skip
            details = "\n".join(f.where_and_why() for f in result.failures[:20])
            (QMessageBox.warning if result.failures else QMessageBox.information)(
                self, _("Import"), f"{text}\n\n{details}".strip()
            )

        run_with_progress(self, _("Importing…"), work, done)

    def export(self) -> None:
        if self.project.path is None:
            return
        dialog = ExportDialog(FORMATS, self.project.path.with_suffix(""), self)
        if not dialog.exec():
            return
        chosen = dialog.values()
        project_path = self.project.path
        selection = Selection(status=chosen["status"], source=chosen["source"])
        options = WriteOptions(iob=chosen["iob"])

        def work(progress):  # type: ignore[no-untyped-def]
            with Project.open(project_path) as project:  # this thread's own connection
                return export(project, chosen["format"], chosen["path"], selection, options,
                              strict=chosen["strict"], progress=progress)  # fmt: skip

        def done(result, error) -> None:  # type: ignore[no-untyped-def]
            if isinstance(error, Cancelled):
                self.statusBar().showMessage(_("Export cancelled; nothing was written."), 8000)
                return
            if error is not None:
                QMessageBox.critical(self, _("Export failed"), str(error))
                return
            report = result.report
            lines = [
                _("{documents} articles, {spans} spans, {statements} statements exported to"
                  " {path}").format(documents=report.documents, spans=report.spans,
                                    statements=report.statements, path=chosen["path"]),
                *report.notes,
                *(_("Not carried by this format: {what} ({count})").format(what=w, count=c)
                  for w, c in sorted(report.left_out.items())),
                *result.misaligned[:20],
            ]  # fmt: skip
            QMessageBox.information(self, _("Export"), "\n".join(lines))

        run_with_progress(self, _("Exporting…"), work, done)

    # -- view and preferences ------------------------------------------------------------

    def focus_search(self) -> None:
        self.articles.search.setFocus()
        self.articles.search.selectAll()

    def zoom(self, step: int) -> None:
        size = self.preferences["font_size"]
        size = 13 if step == 0 else max(6, min(48, size + step))
        self.preferences["font_size"] = size
        user_settings.save_preferences({"font_size": size})
        self.apply_preferences()

    def apply_preferences(self) -> None:
        font = QFont(self.preferences.get("font_family") or self.view.font().family())
        font.setPointSize(int(self.preferences["font_size"]))
        self.view.setFont(font)

    def edit_preferences(self) -> None:
        dialog = PreferencesDialog(self.preferences, self.project.labels(), self)
        if not dialog.exec():
            return
        self.preferences.update(dialog.values())
        user_settings.save_preferences(dialog.values())
        for label in self.project.labels():
            color = dialog.colors.get(label.name)
            if color and color != label.color:
                self.project.set_label_color(label.name, color, annotator=self.annotator)
        self.session.reload_labels()
        self.label_bar.rebuild()
        self.apply_preferences()

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self).exec()

    def about(self) -> None:
        QMessageBox.about(
            self,
            _("About Stance Annotator"),
            _(
                "<b>Stance Annotator {version}</b><p>Annotate named entities, statements and"
                " stance in news articles, offline. Every edit is saved at once to the"
                " project file.</p><p>Project: {path}</p>"
            ).format(version=__version__, path=self.project.path),
        )


def ask_annotator(project: Project, parent: QWidget | None = None) -> str:
    """The annotator's name: asked on the first use of each project (prefilled with the
    name used last), since every edit records it."""
    name = user_settings.annotator_name()
    where = str(project.path.resolve()) if project.path else ""
    if where in user_settings.named_projects():
        return name
    app = QApplication.instance()
    if app is not None and app.platformName() not in ("offscreen", "minimal"):
        chosen, ok = QInputDialog.getText(
            parent,
            _("Who is annotating?"),
            _("Your name, recorded with every edit you make in this project:"),
            text=name,
        )
        if ok and chosen.strip():
            name = chosen.strip()
    user_settings.save(annotator=name)
    user_settings.name_project(where)
    project.annotator_id(name)
    return name
