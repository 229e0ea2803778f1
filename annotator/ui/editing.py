"""Turns the view's requests into commands on the undo stack, with the data rules checked
first and any refusal shown in the status bar (nothing is written then)."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from annotator.core.commands import (
    AcceptSuggestion,
    Batch,
    Command,
    CreateSpan,
    DeleteSpan,
    MoveSpan,
    RejectSuggestion,
    RelabelSpan,
    SetStatus,
    accept_all,
    check_overlap,
    replaced_suggestions,
)
from annotator.core.errors import AnnotatorError
from annotator.core.model import Status
from annotator.core.session import Session
from annotator.core.spans import Mark
from annotator.i18n import _
from annotator.nlp.snapping import snap_to_tokens, token_bounds
from annotator.ui.article_view import ArticleView


class UndoableEdit(QUndoCommand):
    """A core command on Qt's undo stack. It has already run when pushed.

    If undoing or redoing it fails (the project is locked by another program, the disk is
    full), the project keeps its state, the command leaves the stack (so the history
    never claims what the project does not hold) and ``failed`` is told why.
    """

    def __init__(self, session: Session, command: Command, failed: Callable[[str], None]) -> None:
        super().__init__(command.description)
        self.session = session
        self.command = command
        self.failed = failed
        self._first = True

    def redo(self) -> None:
        if self._first:  # push() calls redo(); the edit was made (and saved) just before
            self._first = False
            return
        self._apply(undo=False)

    def undo(self) -> None:
        self._apply(undo=True)

    def _apply(self, *, undo: bool) -> None:
        try:
            self.session.apply(self.command, undo=undo)
        except AnnotatorError as error:
            self.setObsolete(True)
            self.failed(str(error))


class EditController(QObject):
    message = Signal(str)  # a refusal or a note for the status bar
    saved = Signal()

    def __init__(
        self,
        session: Session,
        view: ArticleView,
        stack: QUndoStack,
        snapping: Callable[[], bool],
    ) -> None:
        super().__init__(view)
        self.session = session
        self.view = view
        self.stack = stack
        self.snapping = snapping
        self.opened_at = time.monotonic()
        view.label_requested.connect(self.label)
        view.delete_requested.connect(self.delete)
        view.accept_requested.connect(self.accept)
        view.boundary_requested.connect(self.nudge_boundary)
        view.boundary_dragged.connect(self.move)
        session.document_opened.connect(lambda _doc: self._restart_clock())

    def _restart_clock(self) -> None:
        self.opened_at = time.monotonic()

    def run(self, command: Command) -> bool:
        """Make the edit (committed when this returns) and put it on the undo stack."""
        try:
            self.session.apply(command)
        except AnnotatorError as error:
            self.message.emit(str(error))
            return False
        self.stack.push(UndoableEdit(self.session, command, self.message.emit))
        self.saved.emit()
        return True

    @property
    def _doc(self) -> tuple[int, str]:
        assert self.session.document is not None
        return self.session.document.id, self.session.annotator

    # -- labels --------------------------------------------------------------------------

    def label(self, key: int) -> None:
        if self.session.document is None:
            return
        label = self.session.label_by_key(str(key))
        if label is None:
            self.message.emit(_("No label has the key {key}").format(key=key))
            return
        selected, selection = self.session.selected, self.view.selection()
        on_selected = selected is not None and selection in (None, (selected.start, selected.end))
        if on_selected and selected is not None:
            if selected.suggestion:
                self.run(AcceptSuggestion(*self._doc, mark=selected, label=label.name))
            elif selected.label != label.name:
                self.run(RelabelSpan(*self._doc, mark=selected, label=label.name))
            return
        if selection is None:
            self.message.emit(_("Select some text, or an entity, first"))
            return
        self.create(selection[0], selection[1], label.name)

    def create(self, start: int, end: int, label: str) -> None:
        document = self.session.document
        assert document is not None
        if self.snapping():
            start, end = snap_to_tokens(document.text, start, end, document.language)
        if start >= end:
            self.message.emit(_("The selection holds only spaces"))
            return
        try:
            check_overlap(self.session.index, start, end, label, self.session.nestable)
        except AnnotatorError as error:
            self.message.emit(_("Not added: {reason}").format(reason=error))
            return
        command = CreateSpan(
            *self._doc, start=start, end=end, label=label,
            replaces=replaced_suggestions(self.session.index, start, end),
        )  # fmt: skip
        if self.run(command):
            self.session.select(self.session.index.find(command.span_id or -1))

    def delete(self) -> None:
        mark = self.session.selected
        if mark is None:
            self.message.emit(_("Select an entity first (Tab walks them)"))
            return
        command: Command = (
            RejectSuggestion(*self._doc, mark=mark)
            if mark.suggestion
            else DeleteSpan(*self._doc, mark=mark)
        )
        following = self.session.index.after(mark)
        if self.run(command):
            self.session.select(self._still_there(following))

    def accept(self) -> None:
        mark = self.session.selected
        if mark is None or not mark.suggestion:
            self.message.emit(_("Enter accepts a selected suggestion"))
            return
        try:
            check_overlap(
                self.session.index, mark.start, mark.end, mark.label, self.session.nestable
            )
        except AnnotatorError as error:
            self.message.emit(_("Not accepted: {reason}").format(reason=error))
            return
        following = self.session.index.after(mark)
        if self.run(AcceptSuggestion(*self._doc, mark=mark)):
            self.session.select(self._still_there(following))

    def _still_there(self, mark: Mark | None) -> Mark | None:
        if mark is None:
            return None
        return self.session.index.find(mark.id, suggestion=mark.suggestion)

    def accept_all(self) -> bool:
        if self.session.document is None:
            return False
        commands = accept_all(*self._doc, self.session.index, self.session.nestable)
        if not commands:
            self.message.emit(_("No suggestions to accept"))
            return False
        return self.run(Batch(*self._doc, commands=commands, text=_("Accept all suggestions")))

    # -- boundaries ----------------------------------------------------------------------

    def nudge_boundary(self, which: str, step: int) -> None:
        mark, document = self.session.selected, self.session.document
        if mark is None or mark.suggestion or document is None:
            self.message.emit(_("Select an entity to move its boundaries"))
            return
        current = mark.start if which == "start" else mark.end
        starts, ends = token_bounds(document.text, current, document.language)
        edges = starts if which == "start" else ends
        if step > 0:
            target = next((e for e in edges if e > current), current)
        else:
            target = next((e for e in reversed(edges) if e < current), current)
        start, end = (target, mark.end) if which == "start" else (mark.start, target)
        self.move(mark, start, end)

    def move(self, mark: Mark, start: int, end: int) -> None:
        document = self.session.document
        assert document is not None
        if self.snapping():
            start, end = snap_to_tokens(document.text, start, end, document.language)
        if start >= end or (start, end) == (mark.start, mark.end):
            return
        try:
            check_overlap(
                self.session.index, start, end, mark.label, self.session.nestable, ignore=mark.id
            )
        except AnnotatorError as error:
            self.message.emit(_("Not moved: {reason}").format(reason=error))
            return
        self.run(MoveSpan(*self._doc, mark=mark, start=start, end=end))

    # -- status --------------------------------------------------------------------------

    def set_status(self, status: Status) -> bool:
        """Mark the article; done also accepts the suggestions that are left."""
        if self.session.document is None:
            return False
        seconds = time.monotonic() - self.opened_at
        self._restart_clock()
        commands: list[Command] = []
        if status is Status.DONE:
            commands = accept_all(*self._doc, self.session.index, self.session.nestable)
        commands.append(SetStatus(*self._doc, status=status, seconds=seconds))
        text = _("Mark as done") if status is Status.DONE else _("Skip the article")
        return self.run(Batch(*self._doc, commands=commands, text=text))
