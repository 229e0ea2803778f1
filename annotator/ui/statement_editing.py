"""Turns the statements panel's and the keyboard's requests into statement commands on the
undo stack (through the entity edit controller, so one history holds both).

From a selected stretch of text to a complete statement, from the keyboard:
S (a statement from the selection; the speaker guessed from the sentence is offered),
Enter (take the speaker), a few letters of the target and Enter, then the stance's key.
A statement is recorded once it has its speaker: until then it is a draft in the editor.
An entity that is still a suggestion becomes an entity when it is picked as a speaker or
target, in the same undoable step.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, Signal

from annotator.core.commands import AcceptSuggestion, Batch, Command, check_overlap
from annotator.core.errors import AnnotatorError
from annotator.core.gold import GoldRef, GoldStatement, GoldTarget
from annotator.core.session import Session
from annotator.core.spans import Mark
from annotator.core.statement_commands import (
    AcceptStatementSuggestion,
    CreateStatement,
    DeleteStatement,
    EditStatement,
    RejectStatementSuggestion,
)
from annotator.core.statements import StatementSuggestion, StoredStatement
from annotator.i18n import _
from annotator.nlp.snapping import snap_to_tokens
from annotator.nlp.stance import StanceSuggester
from annotator.nlp.statements import guess_statement
from annotator.store.project import Project
from annotator.ui.article_view import ArticleView
from annotator.ui.editing import EditController
from annotator.ui.ref_field import RefChoice, RefField
from annotator.ui.statement_panel import StatementPanel


class StatementController(QObject):
    message = Signal(str)

    def __init__(
        self,
        session: Session,
        project: Project,
        view: ArticleView,
        panel: StatementPanel,
        edits: EditController,
    ) -> None:
        super().__init__(panel)
        self.session = session
        self.project = project
        self.view = view
        self.panel = panel
        self.editor = panel.editor
        self.edits = edits
        self.draft: GoldStatement | None = None
        self.draft_suggestion: int | None = None
        self.pending_target: RefChoice | None = None
        self.suggested_stance: str | None = None
        self.picking: RefField | None = None
        self._stances = StanceSuggester(project.path)
        self.editor.set_schema(project.stances(), project.statement_types())
        self.editor.speaker.chosen.connect(self.set_speaker)
        self.editor.addressee.chosen.connect(self.set_addressee)
        self.editor.target.chosen.connect(self.add_target)
        for field in (self.editor.speaker, self.editor.addressee, self.editor.target):
            field.cancelled.connect(self.view.setFocus)
            field.edit.installEventFilter(self)
        self.editor.targets.delete_requested.connect(self.remove_target)
        self.editor.quote_type_changed.connect(
            lambda value: self._edit(lambda s: replace(s, quote_type=value), _("Set quote type"))
        )
        self.editor.statement_type_changed.connect(
            lambda value: self._edit(
                lambda s: replace(s, statement_type=value), _("Set statement type")
            )
        )
        self.editor.note_changed.connect(
            lambda text: self._edit(lambda s: replace(s, note=text), _("Edit note"))
        )
        panel.list.accept_requested.connect(self.accept)
        panel.list.delete_requested.connect(self.delete)
        panel.list.leave_requested.connect(self.view.setFocus)
        session.statement_selected.connect(self._shown)
        session.document_opened.connect(lambda _doc: self._forget_draft())
        view.mark_clicked.connect(self.pick)

    def reload_schema(self) -> None:
        self.editor.set_schema(self.project.stances(), self.project.statement_types())
        self._shown(self.session.selected_statement)

    # -- what is shown -------------------------------------------------------------------

    def _forget_draft(self) -> None:
        self.draft = None
        self.draft_suggestion = None
        self.pending_target = None
        self.suggested_stance = None
        self.picking = None

    def _shown(self, item: StoredStatement | StatementSuggestion | None) -> None:
        document = self.session.document
        if item is not None:
            self.draft = None
            self.draft_suggestion = None
        self.editor.show_item(document.text if document else "", item, self.draft)
        if item is not None:
            self.view.reveal(item.start)
        self.view.viewport().update()
        if self.pending_target is not None:
            self.editor.stance_hint.setText(self._pending_hint())

    @property
    def statement(self) -> StoredStatement | None:
        item = self.session.selected_statement
        return item if isinstance(item, StoredStatement) else None

    def choices(self) -> list[RefChoice]:
        """The article's entities (nearest the statement first), then the actors."""
        document = self.session.document
        if document is None:
            return []
        around = self._content() or (0, 0)
        seen: dict[tuple[int, int], Mark] = {}
        for mark in self.session.index:
            key = (mark.start, mark.end)
            if key not in seen or (seen[key].suggestion and not mark.suggestion):
                seen[key] = mark
        marks = sorted(seen.values(), key=lambda m: abs(m.start - around[0]))
        choices = [
            RefChoice(f"{document.text[m.start : m.end]} · {m.label}".replace("\n", " "),
                      m.start, m.end, mark=m)
            for m in marks
        ]  # fmt: skip
        for name, _label, aliases in self.project.actors_with_aliases():
            choices.append(RefChoice(_("{name} (actor)").format(name=name), actor=name,
                                     aliases=(name, *aliases)))  # fmt: skip
        return choices

    def _content(self) -> tuple[int, int] | None:
        if self.draft is not None:
            return self.draft.content
        item = self.session.selected_statement
        return (item.start, item.end) if item is not None else None

    def _start_field(self, field: RefField, text: str = "") -> None:
        field.set_choices(self.choices())
        self.picking = field
        field.start(text)

    # -- creating ------------------------------------------------------------------------

    def new_from_selection(self) -> None:
        document = self.session.document
        selection = self.view.selection()
        if document is None or selection is None:
            self.message.emit(_("Select the statement's words first, then press S"))
            return
        start, end = snap_to_tokens(document.text, *selection, document.language)
        if start >= end:
            self.message.emit(_("The selection holds only spaces"))
            return
        entities = [(m.start, m.end, m.label) for m in self.session.index]
        guess = guess_statement(document.text, document.language, entities, start, end)
        self._begin_draft(
            GoldStatement(content=(start, end), speaker=GoldRef(), cue=guess.cue,
                          quote_type=guess.quote_type),
            guess.speaker,
        )  # fmt: skip

    def set_span_from_selection(self, part: str) -> None:
        """The selected words become the selected statement's ``content`` or ``cue``."""
        document, selection = self.session.document, self.view.selection()
        if document is None or selection is None or (self.statement is None and not self.draft):
            self.message.emit(_("Select a statement, then the words, first"))
            return
        start, end = snap_to_tokens(document.text, *selection, document.language)
        if start >= end:
            self.message.emit(_("The selection holds only spaces"))
            return
        if part == "content":
            self._edit(lambda s: replace(s, content=(start, end)), _("Move the content"))
        else:
            self._edit(lambda s: replace(s, cue=(start, end)), _("Set the cue"))
        self._shown(self.session.selected_statement)

    def _begin_draft(
        self, draft: GoldStatement, speaker: tuple[int, int] | None, suggestion: int | None = None
    ) -> None:
        document = self.session.document
        assert document is not None
        self.session.select_statement(None)
        self._forget_draft()
        self.draft = draft
        self.draft_suggestion = suggestion
        self.editor.show_item(document.text, None, draft)
        self.view.viewport().update()
        guess = next((c for c in self.choices() if speaker and (c.start, c.end) == speaker), None)
        self._start_field(self.editor.speaker, guess.display if guess else "")
        if guess is not None:
            self.message.emit(_("Speaker guessed from the sentence: Enter takes it"))

    def _ref(self, choice: RefChoice) -> tuple[GoldRef, list[Command]]:
        """The reference to a choice, and the commands that make its entity an entity
        first when it is a suggestion."""
        if choice.mark is None:
            return GoldRef(actor=choice.actor), []
        mark = choice.mark
        before: list[Command] = []
        if mark.suggestion:
            check_overlap(self.session.index, mark.start, mark.end, mark.label,
                          self.session.nestable)  # fmt: skip
            assert self.session.document is not None
            before.append(AcceptSuggestion(self.session.document.id, self.session.annotator,
                                           mark=mark))  # fmt: skip
        return GoldRef(mark.start, mark.end), before

    def _run(self, commands: list[Command], text: str) -> bool:
        assert self.session.document is not None
        command = (
            commands[0]
            if len(commands) == 1
            else Batch(self.session.document.id, self.session.annotator,
                       commands=commands, text=text)
        )  # fmt: skip
        return self.edits.run(command)

    def set_speaker(self, choice: RefChoice) -> None:
        document = self.session.document
        if document is None:
            return
        try:
            ref, before = self._ref(choice)
        except AnnotatorError as error:
            self.message.emit(_("Not taken: {reason}").format(reason=error))
            return
        item = self.session.selected_statement
        if self.draft is None and isinstance(item, StatementSuggestion):
            self.draft, self.draft_suggestion = item.as_statement(), item.id
        if self.draft is not None:
            statement = replace(self.draft, speaker=ref)
            create: CreateStatement
            if self.draft_suggestion is not None:
                create = AcceptStatementSuggestion(document.id, self.session.annotator,
                                                   statement=statement,
                                                   suggestion_id=self.draft_suggestion)  # fmt: skip
            else:
                create = CreateStatement(document.id, self.session.annotator, statement=statement)
            self.draft = None
            if self._run([*before, create], _("Add a statement")):
                self._forget_draft()
                self.session.select_statement(self.session.statement_by_id(create.statement_id))
                self._start_field(self.editor.target)
            return
        self._edit(lambda s: replace(s, speaker=ref), _("Set the speaker"), before)

    def set_addressee(self, choice: RefChoice) -> None:
        try:
            ref, before = self._ref(choice)
        except AnnotatorError as error:
            self.message.emit(_("Not taken: {reason}").format(reason=error))
            return
        self._edit(lambda s: replace(s, addressee=ref), _("Set the addressee"), before)
        self.view.setFocus()

    # -- targets and stance --------------------------------------------------------------

    def add_target(self, choice: RefChoice) -> None:
        statement, document = self.statement, self.session.document
        if statement is None or document is None:
            self.message.emit(_("Record the speaker first"))
            return
        self.pending_target = choice
        self.suggested_stance = None
        content = document.text[statement.start : statement.end]
        target = choice.actor or document.text[choice.start or 0 : choice.end or 0]
        try:
            found = self._stances.suggest(target, content) if self._stances.available() else None
        except (OSError, ValueError):  # an unreadable model only costs the suggestion
            found = None
        # a classifier trained before the schema changed may know stances no longer there
        if found is not None and found[0] in {v.name for v in self.project.stances()}:
            self.suggested_stance = found[0]
        self.editor.stance_hint.setText(self._pending_hint())
        self.editor.targets.setFocus()
        self.picking = None

    def _pending_hint(self) -> str:
        assert self.pending_target is not None
        hint = self.editor.stance_keys_text(self.suggested_stance)
        return _("Target {target}: press a stance key").format(
            target=self.pending_target.display) + "\n" + hint  # fmt: skip

    def set_stance(self, stance: str) -> None:
        statement = self.statement
        if statement is None:
            self.message.emit(_("Select a statement first"))
            return
        if self.pending_target is not None:
            try:
                ref, before = self._ref(self.pending_target)
            except AnnotatorError as error:
                self.message.emit(_("Not taken: {reason}").format(reason=error))
                return
            self.pending_target = None
            self.suggested_stance = None
            self._edit(
                lambda s: replace(s, targets=(*s.targets, GoldTarget(ref, stance))),
                _("Add a target"), before,
            )  # fmt: skip
            return
        targets = list(statement.statement.targets)
        if not targets:
            self.message.emit(_("Add a target first (T)"))
            return
        row = self.editor.targets.currentRow()
        row = row if 0 <= row < len(targets) else len(targets) - 1
        targets[row] = GoldTarget(targets[row].ref, stance)
        self._edit(lambda s: replace(s, targets=tuple(targets)), _("Set the stance"))

    def take_suggested_stance(self) -> bool:
        if self.pending_target is not None and self.suggested_stance is not None:
            self.set_stance(self.suggested_stance)
            return True
        return False

    def go_to_list(self) -> None:
        """Into the statements list (F4): arrows walk it, Enter accepts a suggested
        statement, Delete rejects or deletes, Escape goes back to the text."""
        self.panel.list.setFocus()
        if self.panel.list.currentRow() < 0 and self.panel.list.count():
            self.panel.list.setCurrentRow(0)

    def start_target(self) -> None:
        if self.statement is None:
            self.message.emit(_("Select a statement first"))
            return
        self._start_field(self.editor.target)

    def remove_target(self) -> None:
        statement = self.statement
        row = self.editor.targets.currentRow()
        if statement is None or not 0 <= row < len(statement.statement.targets):
            return
        targets = [t for i, t in enumerate(statement.statement.targets) if i != row]
        self._edit(lambda s: replace(s, targets=tuple(targets)), _("Remove a target"))

    # -- picking in the text -------------------------------------------------------------

    def pick(self, mark: Mark) -> None:
        """A click on an entity while a speaker, addressee or target is asked for."""
        field = self.picking
        document = self.session.document
        if field is None or document is None:
            return
        choice = RefChoice(document.text[mark.start : mark.end], mark.start, mark.end,
                           mark=mark)  # fmt: skip
        field.chosen.emit(choice)

    def eventFilter(self, watched: QObject, event) -> bool:  # type: ignore[no-untyped-def]
        if event.type() == QEvent.Type.FocusIn:
            for field in (self.editor.speaker, self.editor.addressee, self.editor.target):
                if watched is field.edit:
                    if not field.edit.text():
                        field.set_choices(self.choices())
                    self.picking = field
        return super().eventFilter(watched, event)

    # -- other edits ---------------------------------------------------------------------

    def _edit(self, change, text: str, before: list[Command] | None = None) -> None:  # type: ignore[no-untyped-def]
        statement, document = self.statement, self.session.document
        if statement is None or document is None:
            if self.draft is not None:
                self.draft = change(self.draft)  # a draft keeps its fields until recorded
            return
        changed = change(statement.statement)
        if changed == statement.statement:
            return
        edit = EditStatement(document.id, self.session.annotator, statement_id=statement.id,
                             statement=changed, text=text)  # fmt: skip
        self._run([*(before or []), edit], text)

    def accept(self) -> None:
        """Enter in the list: record a suggested statement (asking for the speaker when
        none was found), or go on to a recorded one's targets."""
        item = self.panel.current
        document = self.session.document
        if document is None or item is None:
            return
        if isinstance(item, StoredStatement):
            self.start_target()
            return
        speaker = item.draft.speaker
        found = [m for m in self.session.index if speaker and (m.start, m.end) == speaker]
        found.sort(key=lambda m: m.suggestion)  # an entity before a suggestion
        if not found:
            self._begin_draft(item.as_statement(), None, item.id)
            return
        mark = found[0]
        self.set_speaker(RefChoice(document.text[mark.start : mark.end], mark.start, mark.end,
                                   mark=mark))  # fmt: skip

    def delete(self) -> None:
        item = self.panel.current or self.session.selected_statement
        document = self.session.document
        if document is None or item is None:
            return
        command: Command
        if isinstance(item, StoredStatement):
            command = DeleteStatement(document.id, self.session.annotator, statement_id=item.id)
        else:
            command = RejectStatementSuggestion(document.id, self.session.annotator,
                                                suggestion_id=item.id)  # fmt: skip
        self.edits.run(command)
