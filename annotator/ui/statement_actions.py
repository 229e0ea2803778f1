"""The window's statement, actor and schema commands: a statement from the selection,
its target and stance keys, linking an entity to an actor, the actors and schema dialogs,
and the marks the selected statement leaves on the text. Part of
:class:`~annotator.ui.main_window.MainWindow`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from annotator.core.statement_commands import LinkActor
from annotator.i18n import _
from annotator.nlp.actors import alias_keys
from annotator.ui.actor_picker import ActorPicker
from annotator.ui.actors_dialog import ActorsDialog
from annotator.ui.schema_dialog import SchemaDialog
from annotator.ui.statement_panel import (
    ADDRESSEE_COLOR,
    CONTENT_COLOR,
    CUE_COLOR,
    SPEAKER_COLOR,
    TARGET_COLOR,
)

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

    _Base = MainWindow
else:
    _Base = object


class StatementActions(_Base):
    def _build_stance_actions(self: MainWindow) -> None:
        """One action per stance of the schema, on the stance's key (rebuilt when the
        schema changes)."""
        for action in self.stance_actions:
            self._shortcuts.forget(action)
            self.removeAction(action)
        self.stance_actions = []
        for value in self.project.stances():
            action = QAction(_(value.name), self)
            action.triggered.connect(
                lambda _checked=False, name=value.name: self.statement_edits.set_stance(name)
            )
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            if value.key:
                self._shortcuts.assign(action, value.key.upper())
            self.addAction(action)
            self.stance_actions.append(action)

    def link_actor(self: MainWindow) -> None:
        """Link the selected entity to an actor (an existing one, proposed by its aliases
        in any script and inflection, or a new one)."""
        mark, document = self.session.selected, self.session.document
        if mark is None or mark.suggestion or document is None:
            self.statusBar().showMessage(_("Select an entity first (Tab walks them)"), 6000)
            return
        text = document.text[mark.start : mark.end]
        picker = ActorPicker(self.project, text, document.language, self)
        if not picker.exec():
            return
        actor_id, name = picker.chosen()
        if actor_id is not None:
            name = next((n for i, n, _label in self.project.actors() if i == actor_id), name)
        keys = alias_keys(text, document.language)
        command = LinkActor(document.id, self.annotator, mark=mark, actor=name,
                            label=mark.label, alias_key=keys[-1] if keys else None)  # fmt: skip
        if self.edits.run(command):
            self.statusBar().showMessage(
                _("“{text}” is now a mention of {actor}").format(text=text, actor=name), 6000
            )

    def show_actors(self: MainWindow) -> None:
        dialog = ActorsDialog(self.project, self.annotator, self)
        dialog.changed.connect(self._after_schema_or_actors)
        dialog.exec()

    def edit_schema(self: MainWindow) -> None:
        dialog = SchemaDialog(self.project, self.annotator, self)
        if dialog.exec():
            self._after_schema_or_actors()
            # the history names labels and stances as they were: it cannot be replayed
            self.undo_stack.clear()

    def _after_schema_or_actors(self: MainWindow) -> None:
        self.session.reload_labels()
        self.label_bar.rebuild()
        self.statement_edits.reload_schema()
        self._build_stance_actions()
        self._shortcuts.apply()
        self.stance_menu.clear()
        self.stance_menu.addActions(self.stance_actions)
        document = self.session.document
        if document is not None:
            self.session.open(document.id)

    def new_statement(self: MainWindow) -> None:
        self.statements_dock.show()
        self.statements_dock.raise_()
        self.statement_edits.new_from_selection()

    def go_to_statements(self: MainWindow) -> None:
        self.statements_dock.show()
        self.statements_dock.raise_()
        self.statement_edits.go_to_list()

    def add_target(self: MainWindow) -> None:
        self.statements_dock.show()
        self.statements_dock.raise_()
        self.statement_edits.start_target()

    def _statement_decorations(self: MainWindow) -> list[tuple[int, int, str, str]]:
        """The selected statement's content, cue, speaker, addressee and targets."""
        controller = self.statement_edits
        item = self.session.selected_statement
        statement = controller.draft
        if statement is None and item is not None:
            statement = item.statement if hasattr(item, "statement") else item.as_statement()
        if statement is None:
            return []
        found = [(*statement.content, "underline", CONTENT_COLOR)]
        if statement.cue:
            found.append((*statement.cue, "box", CUE_COLOR))
        for ref, kind, color in (
            (statement.speaker, "box", SPEAKER_COLOR),
            (statement.addressee, "box", ADDRESSEE_COLOR),
            *((t.ref, "dashed", TARGET_COLOR) for t in statement.targets),
        ):
            if ref is not None and ref.start is not None and ref.end is not None:
                found.append((ref.start, ref.end, kind, color))
        return found

    def _targets_enter(self: MainWindow) -> None:
        if not self.statement_edits.take_suggested_stance():
            self.view.setFocus()
