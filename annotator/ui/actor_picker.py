"""The small dialog behind the "link to actor" key (L).

It opens with the proposed actor's name selected, so one Enter accepts the proposal,
typing replaces it, and a completer offers every actor's name and aliases (in any script,
matching anywhere); a name no actor has makes a new actor.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.i18n import _
from annotator.nlp.actors import ActorLinker
from annotator.store.project import Project

ALIAS_SEPARATOR = " — "
"""Between an alias and its actor's name in the completions."""


class ActorPicker(QDialog):
    """Link an entity to an actor: the proposed actor's name, selected, so Enter takes it;
    or type another (a completer offers names and aliases) or a new actor's name."""

    def __init__(
        self, project: Project, text: str, language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.setWindowTitle(_("Link to actor"))
        self.proposed = ActorLinker(project).propose(text, language)
        self._names: dict[int, str] = {}
        self._entries: dict[str, int] = {}  # completion text → actor
        owners: dict[str, set[int]] = {}  # alias, lower-cased → actors that have it
        for row in project.actor_rows():
            self._names[row.id] = row.name
            self._entries.setdefault(row.name, row.id)
            for alias in row.aliases:
                owners.setdefault(alias.lower(), set()).add(row.id)
                if alias != row.name:
                    self._entries.setdefault(f"{alias}{ALIAS_SEPARATOR}{row.name}", row.id)
        # An alias typed out in full means its actor, unless two actors share it.
        self._aliases = {alias: next(iter(ids)) for alias, ids in owners.items() if len(ids) == 1}
        self.edit = QLineEdit(self._names[self.proposed] if self.proposed else text.strip())
        completer = QCompleter(QStringListModel(sorted(self._entries, key=str.lower), self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.edit.setCompleter(completer)
        self.completer = completer
        self.hint = QLabel()
        self.edit.textChanged.connect(lambda _text: self._update())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Link “{text}” to the actor:").format(text=text.strip())))
        layout.addWidget(self.edit)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.edit.selectAll()
        self.edit.setFocus()
        self._update()

    def chosen(self) -> tuple[int | None, str]:
        """(an existing actor and its name) or (None, the name of a new actor)."""
        text = self.edit.text().strip()
        actor_id = self._entries.get(text)
        folded = text.lower()
        if actor_id is None:
            actor_id = next((i for i, n in self._names.items() if n.lower() == folded), None)
        if actor_id is None:
            actor_id = self._aliases.get(folded)
        if actor_id is not None:
            return actor_id, self._names[actor_id]
        return None, text

    def _update(self) -> None:
        actor_id, name = self.chosen()
        if not name:
            self.hint.setText(_("Type an actor's name."))
        elif actor_id is None:
            self.hint.setText(_("A new actor: {name}").format(name=name))
        else:
            self.hint.setText(_("Actor: {name}").format(name=name))
        self.ok.setEnabled(bool(name))
