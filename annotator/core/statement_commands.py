"""Statement edits as undoable commands, like the entity edits in
:mod:`annotator.core.commands`.

A statement keeps its id across undo and redo (a creation undone and redone comes back
under the same id), so later edits in the history still find it. Each command carries
the statement's fields whole (a :class:`~annotator.core.gold.GoldStatement`): an edit is
"these fields instead of those", which undoes by putting the old ones back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from annotator.core.commands import Command, OnMark, Workspace
from annotator.core.gold import GoldStatement
from annotator.i18n import _


class StatementWorkspace(Workspace, Protocol):
    def add_statement(self, document_id: int, statement: GoldStatement, *, annotator: str,
                      origin: str = ..., statement_id: int | None = ...) -> int: ...  # fmt: skip
    def replace_statement(
        self, statement_id: int, statement: GoldStatement, *, annotator: str
    ) -> GoldStatement: ...
    def delete_statement(self, statement_id: int, *, annotator: str) -> Any: ...
    def restore_statement(self, deleted: Any, *, annotator: str) -> int: ...
    def decide_statement_suggestion(self, suggestion_id: int, decision: str, *,
                                    annotator: str | None,
                                    statement_id: int | None = ...) -> str: ...  # fmt: skip
    def actor_id(self, name: str, *, label: str | None = ...,
                 annotator: str | None = ...) -> int: ...  # fmt: skip
    def link_span(self, span_id: int, actor_id: int | None, *, annotator: str,
                  alias_key: str | None = ...) -> int | None: ...  # fmt: skip


@dataclass
class StatementCommand(Command):
    @property
    def extent(self) -> tuple[int, int]:
        return (0, 0)  # statements are drawn over the text, not in its formats

    @property
    def touches_statements(self) -> bool:
        return True


@dataclass
class CreateStatement(StatementCommand):
    statement: GoldStatement | None = None
    origin: str = "manual"
    statement_id: int | None = None

    @property
    def description(self) -> str:
        return _("Add a statement")

    def redo(self, ws: Workspace) -> None:
        assert isinstance(self.statement, GoldStatement)
        self.statement_id = _statements(ws).add_statement(
            self.document_id, self.statement, annotator=self.annotator, origin=self.origin,
            statement_id=self.statement_id,
        )  # fmt: skip

    def undo(self, ws: Workspace) -> None:
        assert self.statement_id is not None
        _statements(ws).delete_statement(self.statement_id, annotator=self.annotator)


@dataclass
class EditStatement(StatementCommand):
    statement_id: int = 0
    statement: GoldStatement | None = None
    text: str = ""
    _before: GoldStatement | None = None

    @property
    def description(self) -> str:
        return self.text or _("Edit a statement")

    def redo(self, ws: Workspace) -> None:
        assert self.statement is not None
        self._before = _statements(ws).replace_statement(
            self.statement_id, self.statement, annotator=self.annotator
        )

    def undo(self, ws: Workspace) -> None:
        assert self._before is not None
        _statements(ws).replace_statement(self.statement_id, self._before,
                                          annotator=self.annotator)  # fmt: skip


@dataclass
class DeleteStatement(StatementCommand):
    statement_id: int = 0
    _deleted: Any = None

    @property
    def description(self) -> str:
        return _("Delete a statement")

    def redo(self, ws: Workspace) -> None:
        self._deleted = _statements(ws).delete_statement(self.statement_id,
                                                         annotator=self.annotator)  # fmt: skip

    def undo(self, ws: Workspace) -> None:
        _statements(ws).restore_statement(self._deleted, annotator=self.annotator)


@dataclass
class AcceptStatementSuggestion(CreateStatement):
    """Record a suggested statement (as ``statement``: the suggestion, maybe fixed)."""

    suggestion_id: int = 0
    origin: str = "accepted"

    @property
    def description(self) -> str:
        return _("Accept a suggested statement")

    def redo(self, ws: Workspace) -> None:
        with ws.edit():
            super().redo(ws)
            _statements(ws).decide_statement_suggestion(
                self.suggestion_id, "accepted", annotator=self.annotator,
                statement_id=self.statement_id,
            )  # fmt: skip

    def undo(self, ws: Workspace) -> None:
        with ws.edit():
            super().undo(ws)
            _statements(ws).decide_statement_suggestion(self.suggestion_id, "open",
                                                        annotator=self.annotator)  # fmt: skip


@dataclass
class RejectStatementSuggestion(StatementCommand):
    suggestion_id: int = 0

    @property
    def description(self) -> str:
        return _("Reject a suggested statement")

    def redo(self, ws: Workspace) -> None:
        _statements(ws).decide_statement_suggestion(self.suggestion_id, "rejected",
                                                    annotator=self.annotator)  # fmt: skip

    def undo(self, ws: Workspace) -> None:
        _statements(ws).decide_statement_suggestion(self.suggestion_id, "open",
                                                    annotator=self.annotator)  # fmt: skip


@dataclass
class LinkActor(OnMark):
    """Make an entity a mention of the actor called ``actor`` (created, with ``label``,
    when there is none); its words become an alias under ``alias_key``."""

    actor: str = ""
    label: str | None = None
    alias_key: str | None = None
    _previous: int | None = None

    @property
    def description(self) -> str:
        return _("Link to {actor}").format(actor=self.actor)

    @property
    def touches_statements(self) -> bool:
        return True  # a statement names its speaker's actor through the entity

    def redo(self, ws: Workspace) -> None:
        assert self.mark is not None
        with ws.edit():
            actor_id = _statements(ws).actor_id(self.actor, label=self.label,
                                                annotator=self.annotator)  # fmt: skip
            self._previous = _statements(ws).link_span(
                self.mark.id, actor_id, annotator=self.annotator, alias_key=self.alias_key
            )

    def undo(self, ws: Workspace) -> None:
        assert self.mark is not None
        _statements(ws).link_span(self.mark.id, self._previous, annotator=self.annotator)


def _statements(ws: Workspace) -> StatementWorkspace:
    return ws  # type: ignore[return-value]  # the project provides both
