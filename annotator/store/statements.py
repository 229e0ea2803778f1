"""Statements (who said what about whom, with which stance) and actors (canonical entities
with their aliases) of a project."""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.core.errors import InvariantError
from annotator.core.gold import GoldRef, GoldStatement
from annotator.core.invariants import check_offsets
from annotator.i18n import _
from annotator.store.timestamps import now

if TYPE_CHECKING:
    from annotator.store.project import Project


class Statements:
    """Statement and actor edits of :class:`~annotator.store.project.Project`."""

    def actor_id(self: Project, name: str, *, label: str | None = None) -> int:
        """The actor called ``name``, created (with ``label``) on first use."""
        name = name.strip()
        if not name:
            raise InvariantError(_("an actor needs a name"))
        row = self.db.execute("SELECT id FROM actors WHERE name = ?", (name,)).fetchone()
        if row is not None:
            return int(row[0])
        if label is not None and label not in self.label_names():
            label = None
        with self.edit():
            actor_id = (
                self.db["actors"]
                .insert({"name": name, "label": label, "note": "", "created_at": now()})
                .last_pk
            )
            self.journal("add actor", annotator=None, subject="actors", subject_id=actor_id,
                         data={"name": name, "label": label})  # fmt: skip
        return int(actor_id)

    def add_alias(self: Project, actor_id: int, alias: str, language: str | None = None) -> None:
        alias = alias.strip()
        if alias:
            self.db.execute(
                "INSERT INTO actor_aliases (actor_id, alias, lemma, language) VALUES (?, ?, ?, ?)"
                " ON CONFLICT(actor_id, alias) DO NOTHING",
                (actor_id, alias, alias.lower(), language),
            )

    def actors_with_aliases(self: Project) -> list[tuple[str, str | None, list[str]]]:
        """(name, label, aliases) of every actor, for the gazetteer."""
        aliases: dict[int, list[str]] = {}
        for actor_id, alias in self.db.execute("SELECT actor_id, alias FROM actor_aliases"):
            aliases.setdefault(actor_id, []).append(alias)
        return [(name, label, aliases.get(id_, [])) for id_, name, label in self.actors()]

    def actors(self: Project) -> list[tuple[int, str, str | None]]:
        return self.db.execute("SELECT id, name, label FROM actors ORDER BY name").fetchall()

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

    def add_statement(
        self: Project,
        document_id: int,
        statement: GoldStatement,
        *,
        annotator: str,
        origin: str = "imported",
    ) -> int:
        """Store a statement whose speaker and targets are entities (by offsets) or actors."""
        length = self._text_length(document_id)
        check_offsets(length, *statement.content)
        if statement.cue is not None:
            check_offsets(length, *statement.cue)
        if not (statement.speaker.has_span or statement.speaker.actor):
            raise InvariantError(_("a statement needs a speaker"))
        with self.edit():
            speaker_span, speaker_actor = self._ref_ids(document_id, statement.speaker)
            addressee_span, addressee_actor = self._ref_ids(document_id, statement.addressee)
            stamp = now()
            statement_id = self.db["statements"].insert({
                "document_id": document_id,
                "content_start": statement.content[0], "content_end": statement.content[1],
                "cue_start": statement.cue[0] if statement.cue else None,
                "cue_end": statement.cue[1] if statement.cue else None,
                "speaker_span_id": speaker_span, "speaker_actor_id": speaker_actor,
                "addressee_span_id": addressee_span, "addressee_actor_id": addressee_actor,
                "quote_type": statement.quote_type, "statement_type": statement.statement_type,
                "note": statement.note, "annotator_id": self.annotator_id(annotator),
                "origin": origin, "created_at": stamp, "updated_at": stamp,
            }).last_pk  # fmt: skip
            for target in statement.targets:
                span_id, actor_id = self._ref_ids(document_id, target.ref)
                text = ""
                if target.ref.has_span:
                    assert target.ref.start is not None and target.ref.end is not None
                    text = self.document(document_id).text[target.ref.start : target.ref.end]
                self.db["statement_targets"].insert({
                    "statement_id": statement_id, "span_id": span_id, "actor_id": actor_id,
                    "text": text, "stance": target.stance,
                })  # fmt: skip
            self.journal("add statement", annotator=annotator, document_id=document_id,
                         subject="statements", subject_id=statement_id,
                         data={"content": list(statement.content), "origin": origin})  # fmt: skip
        return int(statement_id)
