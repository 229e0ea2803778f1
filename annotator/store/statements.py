"""Statements (who said what about whom, with which stance) of a project. Actors, which
statements may name, are :mod:`annotator.store.actors`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from annotator.core.errors import InvariantError
from annotator.core.gold import GoldRef, GoldStatement, GoldTarget
from annotator.core.invariants import check_offsets
from annotator.core.statements import StatementDraft, StatementSuggestion, StoredStatement
from annotator.i18n import _
from annotator.store.timestamps import now

if TYPE_CHECKING:
    from annotator.store.project import Project


class Statements:
    """Statement edits of :class:`~annotator.store.project.Project`."""

    def _ref_ids(
        self: Project, document_id: int, ref: GoldRef | None
    ) -> tuple[int | None, int | None]:
        if ref is None:
            return None, None
        span_id = None
        if ref.has_span:
            row = self.db.execute(
                'SELECT id FROM spans WHERE document_id = ? AND start = ? AND "end" = ?'
                " ORDER BY id LIMIT 1",
                (document_id, ref.start, ref.end),
            ).fetchone()
            if row is None:
                raise InvariantError(
                    _("a statement refers to {start}–{end}, which is not an entity of the"
                      " article").format(start=ref.start, end=ref.end)
                )  # fmt: skip
            span_id = int(row[0])
        actor_id = self.actor_id(ref.actor) if ref.actor else None
        return span_id, actor_id

    def _check_statement(self: Project, document_id: int, statement: GoldStatement) -> None:
        length = self._text_length(document_id)
        check_offsets(length, *statement.content)
        if statement.cue is not None:
            check_offsets(length, *statement.cue)
        if not (statement.speaker.has_span or statement.speaker.actor):
            raise InvariantError(_("a statement needs a speaker"))
        stances = {name for (name,) in self.db.execute("SELECT name FROM stances")}
        for target in statement.targets:
            if target.stance not in stances:
                raise InvariantError(
                    _("“{stance}” is not a stance of the project's schema").format(
                        stance=target.stance)
                )  # fmt: skip
            if not (target.ref.has_span or target.ref.actor):
                raise InvariantError(_("a target needs an entity or an actor"))
        kind = statement.statement_type
        if (
            kind is not None
            and not self.db.execute(
                "SELECT 1 FROM statement_types WHERE name = ?", (kind,)
            ).fetchone()
        ):
            raise InvariantError(
                _("“{type}” is not a statement type of the project's schema").format(type=kind)
            )

    def _statement_fields(
        self: Project, document_id: int, statement: GoldStatement
    ) -> dict[str, Any]:
        speaker_span, speaker_actor = self._ref_ids(document_id, statement.speaker)
        addressee_span, addressee_actor = self._ref_ids(document_id, statement.addressee)
        return {
            "content_start": statement.content[0], "content_end": statement.content[1],
            "cue_start": statement.cue[0] if statement.cue else None,
            "cue_end": statement.cue[1] if statement.cue else None,
            "speaker_span_id": speaker_span, "speaker_actor_id": speaker_actor,
            "addressee_span_id": addressee_span, "addressee_actor_id": addressee_actor,
            "quote_type": statement.quote_type, "statement_type": statement.statement_type,
            "note": statement.note,
        }  # fmt: skip

    def _insert_targets(
        self: Project, document_id: int, statement_id: int, statement: GoldStatement
    ) -> None:
        text = self.document(document_id).text if statement.targets else ""
        for target in statement.targets:
            span_id, actor_id = self._ref_ids(document_id, target.ref)
            surface = ""
            if target.ref.has_span:
                assert target.ref.start is not None and target.ref.end is not None
                surface = text[target.ref.start : target.ref.end]
            self.db["statement_targets"].insert({
                "statement_id": statement_id, "span_id": span_id, "actor_id": actor_id,
                "text": surface, "stance": target.stance,
            })  # fmt: skip

    def add_statement(
        self: Project,
        document_id: int,
        statement: GoldStatement,
        *,
        annotator: str,
        origin: str = "imported",
        statement_id: int | None = None,
    ) -> int:
        """Store a statement whose speaker and targets are entities (by offsets) or actors.

        The statement's own ``annotator`` and ``origin``, when it has them (one read back
        from an export), win over the arguments, so a round trip keeps its provenance.
        ``statement_id`` puts it back under the id it had (redo of a creation).
        """
        self._check_statement(document_id, statement)
        with self.edit():
            stamp = now()
            row = {
                "document_id": document_id, **self._statement_fields(document_id, statement),
                "annotator_id": self.annotator_id(statement.annotator or annotator),
                "origin": statement.origin or origin, "created_at": stamp, "updated_at": stamp,
            }  # fmt: skip
            if statement_id is not None:
                row["id"] = statement_id
            statement_id = int(self.db["statements"].insert(row).last_pk)
            self._insert_targets(document_id, statement_id, statement)
            self.journal("add statement", annotator=annotator, document_id=document_id,
                         subject="statements", subject_id=statement_id,
                         data={"content": list(statement.content),
                               "origin": row["origin"]})  # fmt: skip
        return statement_id

    def statements(self: Project, document_id: int) -> list[StoredStatement]:
        """The article's statements, in text order."""
        return read_statements(self, [document_id]).get(document_id, [])

    def statement(self: Project, statement_id: int) -> StoredStatement:
        row = self.db.execute(
            "SELECT document_id FROM statements WHERE id = ?", (statement_id,)
        ).fetchone()
        if row is None:
            raise InvariantError(_("no statement with id {id}").format(id=statement_id))
        return next(s for s in self.statements(row[0]) if s.id == statement_id)

    def replace_statement(
        self: Project, statement_id: int, statement: GoldStatement, *, annotator: str
    ) -> GoldStatement:
        """Give a statement new fields (its id, annotator and origin stay); returns the
        fields it had, for undo."""
        before = self.statement(statement_id)
        self._check_statement(before.document_id, statement)
        with self.edit():
            fields = self._statement_fields(before.document_id, statement)
            self.db["statements"].update(statement_id, {**fields, "updated_at": now()})
            self.db.execute("DELETE FROM statement_targets WHERE statement_id = ?",
                            (statement_id,))  # fmt: skip
            self._insert_targets(before.document_id, statement_id, statement)
            self.journal("edit statement", annotator=annotator,
                         document_id=before.document_id, subject="statements",
                         subject_id=statement_id,
                         data={"targets": len(statement.targets)})  # fmt: skip
        return before.statement

    def delete_statement(self: Project, statement_id: int, *, annotator: str) -> DeletedStatement:
        with self.edit():
            rows = list(self.db["statements"].rows_where("id = ?", [statement_id]))
            if not rows:
                raise InvariantError(_("no statement with id {id}").format(id=statement_id))
            targets = tuple(self.db["statement_targets"].rows_where(
                "statement_id = ?", [statement_id], order_by="id"))  # fmt: skip
            suggestions = tuple(
                sid for (sid,) in self.db.execute(
                    "SELECT id FROM statement_suggestions WHERE statement_id = ?",
                    (statement_id,))
            )  # fmt: skip
            self.db.execute("DELETE FROM statements WHERE id = ?", (statement_id,))
            self.journal("delete statement", annotator=annotator,
                         document_id=rows[0]["document_id"], subject="statements",
                         subject_id=statement_id)  # fmt: skip
        return DeletedStatement(rows[0], targets, suggestions)

    def restore_statement(self: Project, deleted: DeletedStatement, *, annotator: str) -> int:
        """Put a deleted statement back with its id, targets and the suggestion it came from."""
        with self.edit():
            self.db["statements"].insert({**deleted.row, "updated_at": now()})
            self.db["statement_targets"].insert_all(deleted.targets)
            for suggestion_id in deleted.suggestions:
                self.db.execute(
                    "UPDATE statement_suggestions SET statement_id = ? WHERE id = ?",
                    (deleted.row["id"], suggestion_id),
                )
            self.journal("restore statement", annotator=annotator,
                         document_id=deleted.row["document_id"], subject="statements",
                         subject_id=deleted.row["id"])  # fmt: skip
        return int(deleted.row["id"])

    # -- suggested statements -------------------------------------------------------------

    def replace_statement_suggestions(
        self: Project,
        document_id: int,
        drafts: Sequence[StatementDraft],
        *,
        recognizer: str,
        version: str,
    ) -> int:
        """Store what a recognizer proposes for an article: its earlier open suggestions go;
        nothing is proposed again whose content an annotator already decided or recorded.
        Returns how many were added."""
        length = self._text_length(document_id)
        taken = {
            (start, end)
            for start, end in self.db.execute(
                "SELECT content_start, content_end FROM statement_suggestions"
                " WHERE document_id = ? AND decision != 'open' UNION"
                " SELECT content_start, content_end FROM statements WHERE document_id = ?",
                (document_id, document_id),
            )
        }
        fresh = [d for d in drafts if d.content not in taken]
        for draft in fresh:
            for where in (draft.content, draft.cue, draft.speaker):
                if where is not None:
                    check_offsets(length, *where)
        with self.edit():
            self.db.execute(
                "DELETE FROM statement_suggestions WHERE document_id = ? AND recognizer = ?"
                " AND decision = 'open'",
                (document_id, recognizer),
            )
            stamp = now()
            rows = [
                {
                    "document_id": document_id,
                    "content_start": d.content[0], "content_end": d.content[1],
                    "cue_start": d.cue[0] if d.cue else None,
                    "cue_end": d.cue[1] if d.cue else None,
                    "speaker_start": d.speaker[0] if d.speaker else None,
                    "speaker_end": d.speaker[1] if d.speaker else None,
                    "quote_type": d.quote_type, "recognizer": recognizer,
                    "recognizer_version": version, "score": d.score, "created_at": stamp,
                }
                for d in fresh
            ]  # fmt: skip
            self.db["statement_suggestions"].insert_all(rows)
            if fresh:
                self.journal("add statement suggestions", annotator=None,
                             document_id=document_id, subject="statement_suggestions",
                             data={"recognizer": recognizer, "version": version,
                                   "count": len(fresh)})  # fmt: skip
        return len(fresh)

    def statement_suggestions(
        self: Project, document_id: int, *, decisions: Sequence[str] = ("open",)
    ) -> list[StatementSuggestion]:
        marks = ", ".join("?" * len(decisions))
        return [
            _statement_suggestion(row)
            for row in self.db.execute(
                f"{_SUGGESTION_COLUMNS} WHERE document_id = ? AND decision IN ({marks})"
                " ORDER BY content_start, id",
                (document_id, *decisions),
            )
        ]

    def statement_suggestion(self: Project, suggestion_id: int) -> StatementSuggestion:
        row = self.db.execute(f"{_SUGGESTION_COLUMNS} WHERE id = ?", (suggestion_id,)).fetchone()
        if row is None:
            raise InvariantError(_("no suggestion with id {id}").format(id=suggestion_id))
        return _statement_suggestion(row)

    def decide_statement_suggestion(
        self: Project,
        suggestion_id: int,
        decision: str,
        *,
        annotator: str | None,
        statement_id: int | None = None,
    ) -> str:
        """Set a suggested statement ``open``, ``accepted`` (as ``statement_id``) or
        ``rejected``; returns what it was."""
        with self.edit():
            before = self.statement_suggestion(suggestion_id)
            self.db.execute(
                "UPDATE statement_suggestions SET decision = ?, decided_by = ?,"
                " statement_id = ? WHERE id = ?",
                (decision,
                 self.annotator_id(annotator) if annotator and decision != "open" else None,
                 statement_id, suggestion_id),
            )  # fmt: skip
            self.journal(f"{decision} statement suggestion" if decision != "open"
                         else "reopen statement suggestion", annotator=annotator,
                         document_id=before.document_id, subject="statement_suggestions",
                         subject_id=suggestion_id,
                         data={"from": before.decision, "to": decision})  # fmt: skip
        return before.decision


@dataclass(frozen=True, slots=True)
class DeletedStatement:
    """A deleted statement's row, its targets and the suggestion it was accepted from."""

    row: dict[str, Any]
    targets: tuple[dict[str, Any], ...]
    suggestions: tuple[int, ...] = ()


_SUGGESTION_COLUMNS = (
    "SELECT id, document_id, content_start, content_end, cue_start, cue_end, speaker_start,"
    " speaker_end, quote_type, score, recognizer, recognizer_version, decision"
    " FROM statement_suggestions"
)


def _statement_suggestion(row: Sequence[Any]) -> StatementSuggestion:
    (id_, document_id, c0, c1, q0, q1, s0, s1, quote_type, score, recognizer, version,
     decision) = row  # fmt: skip
    draft = StatementDraft(
        content=(c0, c1), cue=(q0, q1) if q0 is not None else None,
        speaker=(s0, s1) if s0 is not None else None, quote_type=quote_type, score=score,
    )  # fmt: skip
    return StatementSuggestion(id_, document_id, draft, recognizer, version, decision)


def _marks(ids: Sequence[int]) -> str:
    return ", ".join("?" * len(ids))


def read_statements(project: Project, ids: Sequence[int]) -> dict[int, list[StoredStatement]]:
    """The statements of articles ``ids`` (a few queries, whatever their number), each
    speaker, addressee and target by its entity's offsets and its actor's name: the
    statement's own actor, else the actor the entity is linked to."""
    conn = project.db.conn
    rows = conn.execute(
        "SELECT st.id, st.document_id, st.content_start, st.content_end, st.cue_start,"
        ' st.cue_end, sp.start, sp."end", coalesce(sa.name, spa.name), ad.start, ad."end",'
        " coalesce(aa.name, ada.name), st.quote_type, st.statement_type, st.note, an.name,"
        " st.origin FROM statements st"
        " LEFT JOIN spans sp ON sp.id = st.speaker_span_id"
        " LEFT JOIN actors sa ON sa.id = st.speaker_actor_id"
        " LEFT JOIN actors spa ON spa.id = sp.actor_id"
        " LEFT JOIN spans ad ON ad.id = st.addressee_span_id"
        " LEFT JOIN actors aa ON aa.id = st.addressee_actor_id"
        " LEFT JOIN actors ada ON ada.id = ad.actor_id"
        " LEFT JOIN annotators an ON an.id = st.annotator_id"
        f" WHERE st.document_id IN ({_marks(ids)})"
        " ORDER BY st.document_id, st.content_start, st.id",
        list(ids),
    ).fetchall()
    if not rows:
        return {}
    statement_ids = [row[0] for row in rows]
    targets: dict[int, list[GoldTarget]] = defaultdict(list)
    for statement_id, start, end, actor, stance in conn.execute(
        'SELECT t.statement_id, sp.start, sp."end", coalesce(a.name, spa.name), t.stance'
        " FROM statement_targets t LEFT JOIN spans sp ON sp.id = t.span_id"
        " LEFT JOIN actors a ON a.id = t.actor_id LEFT JOIN actors spa ON spa.id = sp.actor_id"
        f" WHERE t.statement_id IN ({_marks(statement_ids)}) ORDER BY t.id",
        statement_ids,
    ):
        targets[statement_id].append(GoldTarget(GoldRef(start, end, actor), stance))
    found: dict[int, list[StoredStatement]] = defaultdict(list)
    for (statement_id, document_id, c0, c1, q0, q1, s0, s1, s_actor, a0, a1, a_actor,
         quote_type, statement_type, note, annotator, origin) in rows:  # fmt: skip
        addressee = GoldRef(a0, a1, a_actor) if (a0 is not None or a_actor) else None
        statement = GoldStatement(
            content=(c0, c1), speaker=GoldRef(s0, s1, s_actor),
            targets=tuple(targets.get(statement_id, ())),
            cue=(q0, q1) if q0 is not None else None, addressee=addressee,
            quote_type=quote_type, statement_type=statement_type, note=note,
            annotator=annotator, origin=origin,
        )  # fmt: skip
        found[document_id].append(
            StoredStatement(statement_id, document_id, statement, annotator, origin)
        )
    return found
