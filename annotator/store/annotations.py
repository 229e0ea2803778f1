"""Entities, suggestions and statuses of articles: what annotators change all day.

Each method is one edit (one transaction, journaled). Commands that change several things
at once (accepting a suggestion creates a span and decides the suggestion) wrap their
calls in :meth:`Project.edit`, which nests them as savepoints of one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from annotator.core.errors import InvariantError
from annotator.core.invariants import check_label, check_span
from annotator.core.model import Span, SpanDraft, Status, Suggestion
from annotator.core.spans import Mark
from annotator.i18n import _
from annotator.store.timestamps import now

if TYPE_CHECKING:
    from annotator.store.project import Project

# A document's overall status: the furthest any annotator (or the one named) got with it.
STATUS_OF_DOCUMENT = (
    "SELECT CASE WHEN max(status = 'done') THEN 'done'"
    " WHEN max(status = 'in_progress') THEN 'in_progress'"
    " WHEN max(status = 'skipped') THEN 'skipped' ELSE 'todo' END"
    " FROM document_status WHERE document_id = d.id{who}"
)

# Everything that points at a span, so that deleting it can be undone with the links.
_SPAN_LINKS = (
    ("statements", "speaker_span_id"),
    ("statements", "addressee_span_id"),
    ("statement_targets", "span_id"),
)


@dataclass(frozen=True, slots=True)
class DeletedSpan:
    """A deleted span's row and the rows that pointed at it: enough to restore it as it was."""

    row: dict[str, Any]
    links: tuple[tuple[str, str, int], ...]


class Annotations:
    """Span, suggestion and status edits of :class:`~annotator.store.project.Project`."""

    def _text_length(self: Project, document_id: int) -> int:
        row = self.db.execute(
            "SELECT length(text) FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        if row is None:
            raise InvariantError(_("no article with id {id}").format(id=document_id))
        return row[0]

    def _span_row(self: Project, span_id: int) -> dict[str, Any]:
        rows = list(self.db["spans"].rows_where("id = ?", [span_id]))
        if not rows:
            raise InvariantError(_("no entity with id {id}").format(id=span_id))
        return rows[0]

    # -- spans ---------------------------------------------------------------------------

    def add_span(
        self: Project,
        document_id: int,
        span: SpanDraft,
        *,
        annotator: str,
        origin: str = "manual",
        suggestion_id: int | None = None,
    ) -> int:
        check_span(
            self._text_length(document_id), span.start, span.end, span.label, self.label_names()
        )
        with self.edit():
            stamp = now()
            span_id = (
                self.db["spans"]
                .insert(
                    {
                        "document_id": document_id,
                        "start": span.start,
                        "end": span.end,
                        "label": span.label,
                        "annotator_id": self.annotator_id(annotator),
                        "origin": origin,
                        "suggestion_id": suggestion_id,
                        "created_at": stamp,
                        "updated_at": stamp,
                    }
                )
                .last_pk
            )
            self.journal(
                "add span",
                annotator=annotator,
                document_id=document_id,
                subject="spans",
                subject_id=span_id,
                data={"start": span.start, "end": span.end, "label": span.label, "origin": origin},
            )
        return int(span_id)

    def delete_span(self: Project, span_id: int, *, annotator: str) -> DeletedSpan:
        with self.edit():
            row = self._span_row(span_id)
            links = tuple(
                (table, column, linked)
                for table, column in _SPAN_LINKS
                for (linked,) in self.db.execute(
                    f"SELECT id FROM {table} WHERE {column} = ?", (span_id,)
                )
            )
            self.db.execute("DELETE FROM spans WHERE id = ?", (span_id,))
            self.journal(
                "delete span",
                annotator=annotator,
                document_id=row["document_id"],
                subject="spans",
                subject_id=span_id,
                data={"start": row["start"], "end": row["end"], "label": row["label"]},
            )
        return DeletedSpan(row, links)

    def restore_span(self: Project, deleted: DeletedSpan, *, annotator: str) -> int:
        """Put a deleted span back with its id and links (undo of a delete)."""
        row = deleted.row
        check_span(
            self._text_length(row["document_id"]),
            row["start"],
            row["end"],
            row["label"],
            self.label_names(),
        )
        with self.edit():
            self.db["spans"].insert({**row, "updated_at": now()})
            for table, column, linked in deleted.links:
                self.db.execute(
                    f"UPDATE {table} SET {column} = ? WHERE id = ?", (row["id"], linked)
                )
            self.journal(
                "restore span",
                annotator=annotator,
                document_id=row["document_id"],
                subject="spans",
                subject_id=row["id"],
                data={"start": row["start"], "end": row["end"], "label": row["label"]},
            )
        return int(row["id"])

    def relabel_span(self: Project, span_id: int, label: str, *, annotator: str) -> str:
        """Give a span another label; returns the label it had."""
        check_label(label, self.label_names())
        with self.edit():
            row = self._span_row(span_id)
            self.db.execute(
                "UPDATE spans SET label = ?, annotator_id = ?, updated_at = ? WHERE id = ?",
                (label, self.annotator_id(annotator), now(), span_id),
            )
            self.journal(
                "relabel span",
                annotator=annotator,
                document_id=row["document_id"],
                subject="spans",
                subject_id=span_id,
                data={"from": row["label"], "to": label},
            )
        return str(row["label"])

    def move_span(
        self: Project, span_id: int, start: int, end: int, *, annotator: str
    ) -> tuple[int, int]:
        """Move a span's boundaries (its id, and so what points at it, stays)."""
        row = self._span_row(span_id)
        check_span(
            self._text_length(row["document_id"]), start, end, row["label"], self.label_names()
        )
        with self.edit():
            self.db.execute(
                'UPDATE spans SET start = ?, "end" = ?, annotator_id = ?, updated_at = ?'
                " WHERE id = ?",
                (start, end, self.annotator_id(annotator), now(), span_id),
            )
            self.journal(
                "move span",
                annotator=annotator,
                document_id=row["document_id"],
                subject="spans",
                subject_id=span_id,
                data={"from": [row["start"], row["end"]], "to": [start, end]},
            )
        return row["start"], row["end"]

    def spans(self: Project, document_id: int) -> list[Span]:
        return [
            Span(*row)
            for row in self.db.execute(
                'SELECT s.id, s.document_id, s.start, s."end", s.label, a.name, s.origin'
                " FROM spans s"
                " LEFT JOIN annotators a ON a.id = s.annotator_id WHERE s.document_id = ?"
                ' ORDER BY s.start, s."end", s.id',
                (document_id,),
            )
        ]

    def marks(
        self: Project, document_id: int, start: int = 0, end: int | None = None
    ) -> list[Mark]:
        """Entities and open suggestions of an article that overlap ``[start, end)``."""
        stop = end if end is not None else 1 << 62
        bounds = (document_id, stop, start)
        # two plain index scans: cheaper than a UNION with ORDER BY (SpanIndex sorts)
        entities = self.db.conn.execute(
            'SELECT id, start, "end", label, 0 FROM spans'
            ' WHERE document_id = ? AND start < ? AND "end" > ?',
            bounds,
        ).fetchall()
        suggestions = self.db.conn.execute(
            'SELECT id, start, "end", label, 1 FROM suggestions'
            " WHERE document_id = ? AND start < ? AND \"end\" > ? AND decision = 'open'",
            bounds,
        ).fetchall()
        return [*map(Mark._make, entities), *map(Mark._make, suggestions)]

    # -- suggestions ---------------------------------------------------------------------

    def add_suggestions(
        self: Project,
        document_id: int,
        spans: Sequence[SpanDraft],
        *,
        recognizer: str,
        version: str,
        scores: Sequence[float | None] | None = None,
    ) -> int:
        length = self._text_length(document_id)
        labels = self.label_names()
        for span in spans:
            check_span(length, span.start, span.end, span.label, labels)
        with self.edit():
            stamp = now()
            self.db.conn.executemany(
                'INSERT INTO suggestions (document_id, start, "end", label, recognizer,'
                " recognizer_version, score, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (document_id, s.start, s.end, s.label, recognizer, version, score, stamp)
                    for s, score in zip(spans, scores or [None] * len(spans), strict=True)
                ],
            )
            self.journal(
                "add suggestions",
                annotator=None,
                document_id=document_id,
                subject="suggestions",
                data={"recognizer": recognizer, "version": version, "count": len(spans)},
            )
        return len(spans)

    def suggestions(
        self: Project, document_id: int, *, decisions: Iterable[str] = ("open",)
    ) -> list[Suggestion]:
        wanted = tuple(decisions)
        marks = ", ".join("?" * len(wanted))
        return [
            Suggestion(*row)
            for row in self.db.execute(
                'SELECT id, document_id, start, "end", label, recognizer, recognizer_version,'
                f" score, decision FROM suggestions WHERE document_id = ? AND decision IN ({marks})"
                ' ORDER BY start, "end", id',
                (document_id, *wanted),
            )
        ]

    def suggestion(self: Project, suggestion_id: int) -> Suggestion:
        rows = self.db.execute(
            'SELECT id, document_id, start, "end", label, recognizer, recognizer_version,'
            " score, decision FROM suggestions WHERE id = ?",
            (suggestion_id,),
        ).fetchall()
        if not rows:
            raise InvariantError(_("no suggestion with id {id}").format(id=suggestion_id))
        return Suggestion(*rows[0])

    def decide_suggestion(
        self: Project, suggestion_id: int, decision: str, *, annotator: str | None
    ) -> str:
        """Set a suggestion ``open``, ``accepted`` or ``rejected``; returns what it was."""
        with self.edit():
            before = self.suggestion(suggestion_id)
            self.db.execute(
                "UPDATE suggestions SET decision = ?, decided_by = ? WHERE id = ?",
                (
                    decision,
                    self.annotator_id(annotator) if annotator and decision != "open" else None,
                    suggestion_id,
                ),
            )
            self.journal(
                f"{decision} suggestion" if decision != "open" else "reopen suggestion",
                annotator=annotator,
                document_id=before.document_id,
                subject="suggestions",
                subject_id=suggestion_id,
                data={"from": before.decision, "to": decision, "label": before.label},
            )
        return before.decision

    def replace_suggestions(
        self: Project,
        document_id: int,
        found: dict[tuple[str, str], Sequence[SpanDraft]],
    ) -> int:
        """Store what recognizers (name, version) found in an article, in one edit: their
        earlier open suggestions go, decided ones stay, and nothing is suggested again that
        an annotator already decided or marked. Returns how many suggestions were added."""
        length = self._text_length(document_id)
        labels = self.label_names()
        taken = {
            (start, end, label)
            for start, end, label in self.db.execute(
                'SELECT start, "end", label FROM suggestions WHERE document_id = ?'
                " AND decision != 'open' UNION"
                ' SELECT start, "end", label FROM spans WHERE document_id = ?',
                (document_id, document_id),
            )
        }
        added = 0
        with self.edit():
            for (name, version), spans in found.items():
                self.db.execute(
                    "DELETE FROM suggestions WHERE document_id = ? AND recognizer = ?"
                    " AND decision = 'open'",
                    (document_id, name),
                )
                fresh = [s for s in spans if (s.start, s.end, s.label) not in taken]
                for span in fresh:
                    check_span(length, span.start, span.end, span.label, labels)
                if fresh:
                    self.add_suggestions(document_id, fresh, recognizer=name, version=version)
                added += len(fresh)
        return added

    def annotated_by(self: Project, recognizers: Sequence[str]) -> set[int]:
        """Articles that any of ``recognizers`` has already made suggestions for."""
        marks = ", ".join("?" * len(recognizers))
        return {
            row[0]
            for row in self.db.execute(
                f"SELECT DISTINCT document_id FROM suggestions WHERE recognizer IN ({marks})",
                tuple(recognizers),
            )
        }

    def recognizers(self: Project, document_id: int | None = None) -> list[tuple[str, str]]:
        """Names and versions of the recognizers whose suggestions the project (or article) has."""
        where, params = ("WHERE document_id = ?", (document_id,)) if document_id else ("", ())
        return [
            (name, version)
            for name, version in self.db.execute(
                f"SELECT DISTINCT recognizer, recognizer_version FROM suggestions {where}"
                " ORDER BY recognizer",
                params,
            )
        ]

    # -- status --------------------------------------------------------------------------

    def set_status(
        self: Project,
        document_id: int,
        status: Status | str,
        *,
        annotator: str,
        seconds: float = 0.0,
    ) -> Status:
        """Set one annotator's status of an article (adding ``seconds`` to the time spent);
        returns the status it had."""
        status = Status(status)
        with self.edit():
            before = self.status(document_id, annotator=annotator)
            who = self.annotator_id(annotator)
            self.db.execute(
                "INSERT INTO document_status (document_id, annotator_id, status, seconds_spent,"
                " updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(document_id, annotator_id) DO"
                " UPDATE SET status = excluded.status,"
                " seconds_spent = seconds_spent + excluded.seconds_spent,"
                " updated_at = excluded.updated_at",
                (document_id, who, status.value, seconds, now()),
            )
            self.journal(
                "set status",
                annotator=annotator,
                document_id=document_id,
                subject="document_status",
                data={"from": before.value, "status": status.value, "seconds": seconds},
            )
        return before

    def status(self: Project, document_id: int, *, annotator: str | None = None) -> Status:
        who = " AND annotator_id = (SELECT id FROM annotators WHERE name = ?)" if annotator else ""
        row = self.db.execute(
            f"SELECT ({STATUS_OF_DOCUMENT.format(who=who)}) FROM documents d WHERE d.id = ?",
            ([annotator] if annotator else []) + [document_id],
        ).fetchone()
        if row is None:
            raise InvariantError(_("no article with id {id}").format(id=document_id))
        return Status(row[0])

    # -- the article list ----------------------------------------------------------------

    def document_rows(
        self: Project,
        *,
        annotator: str,
        status: str | None = None,
        language: str | None = None,
        search: str | None = None,
        document_id: int | None = None,
    ) -> list[tuple[int, str, str, str, int, int]]:
        """(id, title, language, this annotator's status, entities, statements) per article,
        in import order, filtered; ``search`` is a full-text query (case folded)."""
        clauses, params = [], [annotator]
        if document_id is not None:
            clauses.append("d.id = ?")
            params.append(document_id)
        if language:
            clauses.append("d.language = ?")
            params.append(language)
        if search and search.strip():
            clauses.append("d.id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)")
            params.append(_fts_query(search))
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        rows = self.db.execute(
            "SELECT d.id, d.title, d.language,"
            " coalesce((SELECT status FROM document_status WHERE document_id = d.id"
            "   AND annotator_id = (SELECT id FROM annotators WHERE name = ?)), 'todo'),"
            " (SELECT count(*) FROM spans WHERE document_id = d.id),"
            " (SELECT count(*) FROM statements WHERE document_id = d.id)"
            f" FROM documents d {where} ORDER BY d.id",
            params,
        ).fetchall()
        if status:
            rows = [row for row in rows if row[3] == status]
        return rows

    def progress(self: Project, annotator: str) -> tuple[int, int]:
        """How many articles this annotator has done, of all."""
        done = self.db.execute(
            "SELECT count(*) FROM document_status s JOIN annotators a ON a.id = s.annotator_id"
            " WHERE a.name = ? AND s.status = 'done'",
            (annotator,),
        ).fetchone()[0]
        return done, self.count_documents()


def _fts_query(text: str) -> str:
    """Words typed into a search box as an FTS5 query: every word, as a prefix."""
    words = [w.replace('"', '""') for w in text.split()]
    return " ".join(f'"{w}"*' for w in words)
