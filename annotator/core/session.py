"""What an annotator has open: one article, its entities and suggestions, a selection.

The session applies commands to the project and keeps its span index in step, telling
its views which stretch of text changed so they redraw only that. It is plain Python;
the window subscribes to its events.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Protocol

from annotator.core.commands import Command, Workspace
from annotator.core.events import Event
from annotator.core.model import Document, Label
from annotator.core.spans import Mark, SpanIndex
from annotator.core.statements import StatementSuggestion, StoredStatement

StatementItem = StoredStatement | StatementSuggestion
"""A row of the statements panel: a recorded statement or a suggested one."""


class SessionWorkspace(Workspace, Protocol):
    def document(self, document_id: int) -> Document: ...
    def marks(self, document_id: int, start: int = ..., end: int | None = ...) -> list[Mark]: ...
    def labels(self) -> list[Label]: ...
    def statements(self, document_id: int) -> list[StoredStatement]: ...
    def statement_suggestions(self, document_id: int) -> list[StatementSuggestion]: ...


class Session:
    """The open article of one annotator, and the edits made to it."""

    def __init__(self, workspace: SessionWorkspace, annotator: str) -> None:
        self.workspace = workspace
        self.annotator = annotator
        self.document: Document | None = None
        self._index = SpanIndex()
        self._loaded_until: int | None = None  # None: every mark of the article is loaded
        self.selected: Mark | None = None
        self.statements: list[StoredStatement] = []
        self.statement_suggestions: list[StatementSuggestion] = []
        self.selected_statement: StatementItem | None = None
        self.labels: list[Label] = workspace.labels()
        self.document_opened = Event()  # (document)
        self.marks_changed = Event()  # (start, end) in code points; (0, len) for all
        self.selection_changed = Event()  # (mark or None)
        self.edited = Event()  # (command, undone: bool)
        self.index_completed = Event()  # () every mark of the open article is loaded
        self.statements_changed = Event()  # () statements or their suggestions changed
        self.statement_selected = Event()  # (statement, suggestion or None)

    # -- labels --------------------------------------------------------------------------

    def reload_labels(self) -> None:
        self.labels = self.workspace.labels()
        if self.document is not None:
            self.marks_changed.emit(0, len(self.document.text))

    def label_by_key(self, key: str) -> Label | None:
        return next((label for label in self.labels if label.key == key), None)

    @property
    def nestable(self) -> Collection[str]:
        return {label.name for label in self.labels if label.nestable}

    def color_of(self, label: str) -> str:
        return next((item.color for item in self.labels if item.name == label), "#cccccc")

    # -- the open article ----------------------------------------------------------------

    FIRST_CHARS = 20_000
    """Marks of this much text load with the article; the rest by :meth:`complete`, which
    the window calls as soon as the first screen is painted."""

    def open(self, document_id: int) -> None:
        self.document = self.workspace.document(document_id)
        length = len(self.document.text)
        if length > self.FIRST_CHARS:
            self._index = SpanIndex(self.workspace.marks(document_id, 0, self.FIRST_CHARS))
            self._loaded_until = self.FIRST_CHARS
        else:
            self._index = SpanIndex(self.workspace.marks(document_id))
            self._loaded_until = None
        self.selected = None
        self.selected_statement = None
        self._load_statements()
        self.document_opened.emit(self.document)
        self.selection_changed.emit(None)
        self.statements_changed.emit()
        self.statement_selected.emit(None)
        if self._loaded_until is None:
            self.index_completed.emit()

    def complete(self) -> None:
        """Load the marks beyond the first screenfuls (a no-op once loaded)."""
        if self._loaded_until is None or self.document is None:
            return
        boundary, self._loaded_until = self._loaded_until, None
        rest = [
            mark
            for mark in self.workspace.marks(self.document.id, boundary)
            if mark.start >= boundary  # those across the boundary are loaded already
        ]
        self._index = SpanIndex([*self._index, *rest])
        self.index_completed.emit()

    @property
    def index(self) -> SpanIndex:
        """Every entity and open suggestion of the article, sorted."""
        self.complete()
        return self._index

    def first_mark(self) -> Mark | None:
        """The first entity or suggestion in the text (found among those loaded first)."""
        found = self._index.after(None)
        return found if found is not None else self.index.after(None)

    def marks_touching(self, start: int, end: int) -> list[Mark]:
        """Marks overlapping ``[start, end)``, loading the rest only when needed."""
        if self._loaded_until is not None and end > self._loaded_until:
            self.complete()
        return self._index.touching(start, end)

    def select(self, mark: Mark | None) -> None:
        if mark != self.selected:
            self.selected = mark
            self.selection_changed.emit(mark)

    # -- statements ----------------------------------------------------------------------

    def _load_statements(self) -> None:
        assert self.document is not None
        self.statements = self.workspace.statements(self.document.id)
        self.statement_suggestions = self.workspace.statement_suggestions(self.document.id)

    def select_statement(self, item: StatementItem | None) -> None:
        if item != self.selected_statement:
            self.selected_statement = item
            self.statement_selected.emit(item)

    def statement_by_id(self, statement_id: int | None) -> StoredStatement | None:
        return next((s for s in self.statements if s.id == statement_id), None)

    def _same_statement(self, item: StatementItem) -> StatementItem | None:
        if isinstance(item, StoredStatement):
            return self.statement_by_id(item.id)
        found = next((s for s in self.statement_suggestions if s.id == item.id), None)
        if found is None:  # accepted: it lives on as the statement made of it
            return next((s for s in self.statements if s.origin == "accepted"
                         and (s.start, s.end) == (item.start, item.end)), None)  # fmt: skip
        return found

    # -- edits ---------------------------------------------------------------------------

    def apply(self, command: Command, *, undo: bool = False) -> None:
        """Run (or undo) ``command``: it is committed to the project when this returns."""
        if self.document is None or self.document.id != command.document_id:
            self.open(command.document_id)  # undoing an edit of another article shows it
        if undo:
            command.undo(self.workspace)
        else:
            command.redo(self.workspace)
        self._refresh(command.extent)
        # an entity edit can change what a statement points at: reread them (a few rows)
        self._load_statements()
        self.statements_changed.emit()
        if self.selected_statement is not None:
            self.selected_statement = self._same_statement(self.selected_statement)
            self.statement_selected.emit(self.selected_statement)
        self.edited.emit(command, undo)

    def _refresh(self, extent: tuple[int, int] | None) -> None:
        assert self.document is not None
        doc_id = self.document.id
        self.complete()
        if extent is None:
            self._index = SpanIndex(self.workspace.marks(doc_id))
            start, end = 0, len(self.document.text)
        else:
            start, end = extent
            if start == end:
                return
            for mark in self._index.touching(start, end):
                self._index.remove(mark)
            for mark in self.workspace.marks(doc_id, start, end):
                self._index.add(mark)
            # marks reaching past the extent were re-read whole: redraw all of them
            touched = self._index.touching(start, end)
            start = min([start, *(m.start for m in touched)])
            end = max([end, *(m.end for m in touched)])
        if self.selected is not None:
            self.selected = self._same_mark(self.selected)
            self.selection_changed.emit(self.selected)
        self.marks_changed.emit(start, end)

    def _same_mark(self, mark: Mark) -> Mark | None:
        """The mark with ``mark``'s id as it is now (label or boundaries may have moved)."""
        found = self._index.find(mark.id, suggestion=mark.suggestion)
        if found is None and mark.suggestion:
            # an accepted suggestion lives on as the entity made of it
            return next(
                (m for m in self._index.touching(mark.start, mark.end)
                 if not m.suggestion and (m.start, m.end) == (mark.start, mark.end)),
                None,
            )  # fmt: skip
        return found
