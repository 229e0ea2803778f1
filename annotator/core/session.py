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


class SessionWorkspace(Workspace, Protocol):
    def document(self, document_id: int) -> Document: ...
    def marks(self, document_id: int, start: int = ..., end: int | None = ...) -> list[Mark]: ...
    def labels(self) -> list[Label]: ...


class Session:
    """The open article of one annotator, and the edits made to it."""

    def __init__(self, workspace: SessionWorkspace, annotator: str) -> None:
        self.workspace = workspace
        self.annotator = annotator
        self.document: Document | None = None
        self.index = SpanIndex()
        self.selected: Mark | None = None
        self.labels: list[Label] = workspace.labels()
        self.document_opened = Event()  # (document)
        self.marks_changed = Event()  # (start, end) in code points; (0, len) for all
        self.selection_changed = Event()  # (mark or None)
        self.edited = Event()  # (command, undone: bool)

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

    def open(self, document_id: int) -> None:
        self.document = self.workspace.document(document_id)
        self.index = SpanIndex(self.workspace.marks(document_id))
        self.selected = None
        self.document_opened.emit(self.document)
        self.selection_changed.emit(None)

    def select(self, mark: Mark | None) -> None:
        if mark != self.selected:
            self.selected = mark
            self.selection_changed.emit(mark)

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
        self.edited.emit(command, undo)

    def _refresh(self, extent: tuple[int, int] | None) -> None:
        assert self.document is not None
        doc_id = self.document.id
        if extent is None:
            self.index = SpanIndex(self.workspace.marks(doc_id))
            start, end = 0, len(self.document.text)
        else:
            start, end = extent
            if start == end:
                return
            for mark in self.index.touching(start, end):
                self.index.remove(mark)
            for mark in self.workspace.marks(doc_id, start, end):
                self.index.add(mark)
            # marks reaching past the extent were re-read whole: redraw all of them
            touched = self.index.touching(start, end)
            start = min([start, *(m.start for m in touched)])
            end = max([end, *(m.end for m in touched)])
        if self.selected is not None:
            self.selected = self._same_mark(self.selected)
            self.selection_changed.emit(self.selected)
        self.marks_changed.emit(start, end)

    def _same_mark(self, mark: Mark) -> Mark | None:
        """The mark with ``mark``'s id as it is now (label or boundaries may have moved)."""
        found = self.index.find(mark.id, suggestion=mark.suggestion)
        if found is None and mark.suggestion:
            # an accepted suggestion lives on as the entity made of it
            return next(
                (m for m in self.index.touching(mark.start, mark.end)
                 if not m.suggestion and (m.start, m.end) == (mark.start, mark.end)),
                None,
            )  # fmt: skip
        return found
