"""Edits as undoable commands, apart from any toolkit.

The window wraps each in a ``QUndoCommand``; tests run them directly. A command keeps
what it needs to undo itself (a deleted span's row and links, a previous label) and works
through a :class:`Workspace` — the project — so that each ``redo`` and ``undo`` is one
committed edit. Spans keep their ids across undo and redo, so later commands in the
history (and statements) still point at the right span.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol

from annotator.core.errors import InvariantError
from annotator.core.model import SpanDraft, Status, Suggestion
from annotator.core.spans import Mark, SpanIndex
from annotator.i18n import _


class Workspace(Protocol):
    """What commands need of a project (``annotator.store.Project`` provides it)."""

    def edit(self) -> AbstractContextManager[Any]: ...
    def add_span(self, document_id: int, span: SpanDraft, *, annotator: str,
                 origin: str = ..., suggestion_id: int | None = ...) -> int: ...  # fmt: skip
    def delete_span(self, span_id: int, *, annotator: str) -> Any: ...
    def restore_span(self, deleted: Any, *, annotator: str) -> int: ...
    def relabel_span(self, span_id: int, label: str, *, annotator: str) -> str: ...
    def move_span(
        self, span_id: int, start: int, end: int, *, annotator: str
    ) -> tuple[int, int]: ...
    def suggestion(self, suggestion_id: int) -> Suggestion: ...
    def decide_suggestion(
        self, suggestion_id: int, decision: str, *, annotator: str | None
    ) -> str: ...
    def set_status(self, document_id: int, status: Status | str, *, annotator: str,
                   seconds: float = ...) -> Status: ...  # fmt: skip


def check_overlap(
    index: SpanIndex,
    start: int,
    end: int,
    label: str,
    nestable: Collection[str],
    *,
    ignore: int | None = None,
) -> None:
    """Refuse a span that overlaps an entity, unless one contains the other and one of
    their labels allows nesting."""
    for other in index.touching(start, end):
        if other.suggestion or other.id == ignore:
            continue
        contains = (start <= other.start and other.end <= end) or (
            other.start <= start and end <= other.end
        )
        if not (contains and (label in nestable or other.label in nestable)):
            raise InvariantError(
                _("overlaps the {label} entity at {start}–{end}").format(
                    label=other.label, start=other.start, end=other.end
                )
            )


@dataclass
class Command:
    """One undoable edit of one article."""

    document_id: int
    annotator: str

    @property
    def description(self) -> str:
        return ""

    @property
    def extent(self) -> tuple[int, int] | None:
        """The stretch of text the edit touched (None: anywhere in the article)."""
        return None

    @property
    def touches_statements(self) -> bool:
        return False

    def redo(self, ws: Workspace) -> None:
        raise NotImplementedError

    def undo(self, ws: Workspace) -> None:
        raise NotImplementedError


@dataclass
class OnMark(Command):
    """An edit of one entity or suggestion, shown in the view as ``mark``."""

    mark: Mark | None = None

    @property
    def extent(self) -> tuple[int, int]:
        assert self.mark is not None
        return (self.mark.start, self.mark.end)


@dataclass
class CreateSpan(Command):
    start: int = 0
    end: int = 0
    label: str = ""
    replaces: tuple[int, ...] = ()
    """Open suggestions the new span stands in for; they are rejected with it."""
    span_id: int | None = None
    _deleted: Any = None

    @property
    def description(self) -> str:
        return _("Add {label}").format(label=self.label)

    @property
    def extent(self) -> tuple[int, int]:
        return (self.start, self.end)

    def redo(self, ws: Workspace) -> None:
        with ws.edit():
            if self._deleted is not None:
                ws.restore_span(self._deleted, annotator=self.annotator)
            else:
                self.span_id = ws.add_span(
                    self.document_id, SpanDraft(self.start, self.end, self.label),
                    annotator=self.annotator,
                )  # fmt: skip
            for suggestion_id in self.replaces:
                ws.decide_suggestion(suggestion_id, "rejected", annotator=self.annotator)

    def undo(self, ws: Workspace) -> None:
        assert self.span_id is not None
        with ws.edit():
            self._deleted = ws.delete_span(self.span_id, annotator=self.annotator)
            for suggestion_id in self.replaces:
                ws.decide_suggestion(suggestion_id, "open", annotator=self.annotator)


@dataclass
class DeleteSpan(OnMark):
    _deleted: Any = None

    @property
    def description(self) -> str:
        assert self.mark is not None
        return _("Delete {label}").format(label=self.mark.label)

    def redo(self, ws: Workspace) -> None:
        assert self.mark is not None
        self._deleted = ws.delete_span(self.mark.id, annotator=self.annotator)

    def undo(self, ws: Workspace) -> None:
        ws.restore_span(self._deleted, annotator=self.annotator)


@dataclass
class RelabelSpan(OnMark):
    label: str = ""
    _before: str = ""

    @property
    def description(self) -> str:
        assert self.mark is not None
        return _("Relabel {old} as {new}").format(old=self.mark.label, new=self.label)

    def redo(self, ws: Workspace) -> None:
        assert self.mark is not None
        self._before = ws.relabel_span(self.mark.id, self.label, annotator=self.annotator)

    def undo(self, ws: Workspace) -> None:
        assert self.mark is not None
        ws.relabel_span(self.mark.id, self._before, annotator=self.annotator)


@dataclass
class MoveSpan(OnMark):
    start: int = 0
    end: int = 0

    @property
    def description(self) -> str:
        return _("Move the boundaries of {label}").format(
            label=self.mark.label if self.mark else ""
        )

    @property
    def extent(self) -> tuple[int, int]:
        assert self.mark is not None
        return (min(self.start, self.mark.start), max(self.end, self.mark.end))

    def redo(self, ws: Workspace) -> None:
        assert self.mark is not None
        ws.move_span(self.mark.id, self.start, self.end, annotator=self.annotator)

    def undo(self, ws: Workspace) -> None:
        assert self.mark is not None
        ws.move_span(self.mark.id, self.mark.start, self.mark.end, annotator=self.annotator)


@dataclass
class AcceptSuggestion(OnMark):
    """Turn a suggestion into an entity (with its label, or ``label`` if given)."""

    label: str | None = None
    span_id: int | None = None
    _deleted: Any = None

    @property
    def description(self) -> str:
        assert self.mark is not None
        return _("Accept {label}").format(label=self.label or self.mark.label)

    def redo(self, ws: Workspace) -> None:
        mark = self.mark
        assert mark is not None
        with ws.edit():
            ws.decide_suggestion(mark.id, "accepted", annotator=self.annotator)
            if self._deleted is not None:
                ws.restore_span(self._deleted, annotator=self.annotator)
            else:
                self.span_id = ws.add_span(
                    self.document_id, SpanDraft(mark.start, mark.end, self.label or mark.label),
                    annotator=self.annotator, origin="accepted", suggestion_id=mark.id,
                )  # fmt: skip

    def undo(self, ws: Workspace) -> None:
        assert self.mark is not None and self.span_id is not None
        with ws.edit():
            self._deleted = ws.delete_span(self.span_id, annotator=self.annotator)
            ws.decide_suggestion(self.mark.id, "open", annotator=self.annotator)


@dataclass
class RejectSuggestion(OnMark):
    @property
    def description(self) -> str:
        assert self.mark is not None
        return _("Reject {label}").format(label=self.mark.label)

    def redo(self, ws: Workspace) -> None:
        assert self.mark is not None
        ws.decide_suggestion(self.mark.id, "rejected", annotator=self.annotator)

    def undo(self, ws: Workspace) -> None:
        assert self.mark is not None
        ws.decide_suggestion(self.mark.id, "open", annotator=self.annotator)


@dataclass
class SetStatus(Command):
    status: Status = Status.TODO
    seconds: float = 0.0
    _before: Status = Status.TODO

    @property
    def description(self) -> str:
        return _("Mark as {status}").format(status=status_name(self.status))

    @property
    def extent(self) -> tuple[int, int]:
        return (0, 0)

    def redo(self, ws: Workspace) -> None:
        self._before = ws.set_status(
            self.document_id, self.status, annotator=self.annotator, seconds=self.seconds
        )
        self.seconds = 0.0  # time is counted once, not again on redo

    def undo(self, ws: Workspace) -> None:
        ws.set_status(self.document_id, self._before, annotator=self.annotator)


@dataclass
class Batch(Command):
    """Several commands as one edit, undone together (in reverse)."""

    commands: list[Command] = field(default_factory=list)
    text: str = ""

    @property
    def description(self) -> str:
        return self.text

    @property
    def extent(self) -> tuple[int, int] | None:
        extents = [command.extent for command in self.commands]
        if any(extent is None for extent in extents):
            return None
        touched = [e for e in extents if e is not None and e[0] != e[1]]
        if not touched:
            return (0, 0)
        return (min(e[0] for e in touched), max(e[1] for e in touched))

    @property
    def touches_statements(self) -> bool:
        return any(command.touches_statements for command in self.commands)

    def redo(self, ws: Workspace) -> None:
        with ws.edit():
            for command in self.commands:
                command.redo(ws)

    def undo(self, ws: Workspace) -> None:
        with ws.edit():
            for command in reversed(self.commands):
                command.undo(ws)


def accept_all(
    document_id: int,
    annotator: str,
    index: SpanIndex,
    nestable: Collection[str],
) -> list[Command]:
    """Commands that accept every open suggestion that fits, and reject those that would
    overlap an entity (or an earlier accepted suggestion) where nesting is not allowed."""
    taken = SpanIndex(m for m in index if not m.suggestion)
    commands: list[Command] = []
    # Longest first where suggestions start together: "МИД Японии" before "Японии".
    for mark in sorted((m for m in index if m.suggestion), key=lambda m: (m.start, -m.end)):
        try:
            check_overlap(taken, mark.start, mark.end, mark.label, nestable)
        except InvariantError:
            commands.append(RejectSuggestion(document_id, annotator, mark=mark))
            continue
        commands.append(AcceptSuggestion(document_id, annotator, mark=mark))
        taken.add(Mark(-mark.id, mark.start, mark.end, mark.label))
    return commands


def status_name(status: Status) -> str:
    return {
        Status.TODO: _("to do"),
        Status.IN_PROGRESS: _("in progress"),
        Status.DONE: _("done"),
        Status.SKIPPED: _("skipped"),
    }[status]


def replaced_suggestions(index: SpanIndex, start: int, end: int) -> tuple[int, ...]:
    """Open suggestions overlapping a new entity: it replaces them."""
    return tuple(m.id for m in index.touching(start, end) if m.suggestion)


__all__: Sequence[str] = [
    "AcceptSuggestion", "Batch", "Command", "CreateSpan", "DeleteSpan", "MoveSpan",
    "RejectSuggestion", "RelabelSpan", "SetStatus", "Workspace", "accept_all", "check_overlap",
    "replaced_suggestions", "status_name",
]  # fmt: skip
