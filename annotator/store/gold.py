"""Annotated articles in and out of a project, as :class:`~annotator.core.gold.GoldDocument`.

Reading is batched (a few queries per few hundred articles, whatever their number of
spans), so exports of a large project stream at thousands of articles a second. Writing
stores each article with its entities, actors and statements in one edit.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from annotator.core.gold import GoldDocument, GoldSpan, GoldStatement
from annotator.core.model import ArticleDraft, SpanDraft
from annotator.store.annotations import STATUS_OF_DOCUMENT
from annotator.store.project import Project
from annotator.store.statements import read_statements

BATCH = 500


@dataclass(frozen=True, slots=True)
class Selection:
    """Which articles, and which of their spans, an export takes."""

    status: str = "done"
    language: str | None = None
    annotator: str | None = None
    source: str = "human"
    since: str | None = None
    until: str | None = None


def gold_documents(
    project: Project,
    selection: Selection = Selection(),
    *,
    tokenizers: dict[str, str] | None = None,
) -> Iterator[GoldDocument]:
    """The selected articles with their entities (or suggestions), statements and actors.

    With ``tokenizers`` (language -> tokenizer id), the token boundaries the project keeps
    for an article made by that tokenizer come along in ``GoldDocument.tokens``.
    """
    clauses, params = _filters(selection)
    cursor = project.db.conn.execute(
        "SELECT d.id, d.text, d.language, d.title, d.source, d.meta FROM documents d"
        f" {clauses} ORDER BY d.id",
        params,
    )
    while rows := cursor.fetchmany(BATCH):
        ids = [row[0] for row in rows]
        spans = _spans(project, ids, selection.source)
        statements = _statements(project, ids) if selection.source == "human" else {}
        tokens = _tokens(project, ids) if tokenizers else {}
        for id_, text, language, title, source, meta in rows:
            found_spans = spans.get(id_, [])
            found_statements = statements.get(id_, [])
            actors: dict[str, str | None] = {}
            for span in found_spans:
                if span.actor:
                    actors[span.actor] = span.label
            for statement in found_statements:
                for ref in (
                    statement.speaker,
                    statement.addressee,
                    *(t.ref for t in statement.targets),
                ):
                    if ref is not None and ref.actor:
                        actors.setdefault(ref.actor, None)
            yield GoldDocument(
                text=text, language=language, title=title, source=source, meta=json.loads(meta),
                spans=tuple(found_spans), statements=tuple(found_statements),
                actor_labels=actors, id=id_,
                tokens=_matching(tokens.get(id_), tokenizers, language),
            )  # fmt: skip


def count_gold_documents(project: Project, selection: Selection = Selection()) -> int:
    clauses, params = _filters(selection)
    return project.db.conn.execute(
        f"SELECT count(*) FROM documents d {clauses}", params
    ).fetchone()[0]


def _filters(selection: Selection) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    who = ""
    who_params: list[Any] = []
    if selection.annotator:
        who = " AND annotator_id = (SELECT id FROM annotators WHERE name = ?)"
        who_params = [selection.annotator]
    if selection.language:
        clauses.append("d.language = ?")
        params.append(selection.language)
    if selection.status and selection.status != "any":
        clauses.append(f"({STATUS_OF_DOCUMENT.format(who=who)}) = ?")
        params.extend([*who_params, selection.status])
    for bound, operator in ((selection.since, ">="), (selection.until, "<")):
        if bound:
            clauses.append(
                f"(SELECT max(updated_at) FROM document_status WHERE document_id = d.id{who})"
                f" {operator} ?"
            )
            params.extend([*who_params, bound])
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def _tokens(project: Project, ids: list[int]) -> dict[int, tuple[str, bytes]]:
    return {
        document_id: (tokenizer, bounds)
        for document_id, tokenizer, bounds in project.db.conn.execute(
            "SELECT document_id, tokenizer, bounds FROM document_tokens"
            f" WHERE document_id IN ({_marks(ids)})",
            ids,
        )
    }


def _matching(
    found: tuple[str, bytes] | None, tokenizers: dict[str, str] | None, language: str
) -> bytes | None:
    if found is None or tokenizers is None or tokenizers.get(language) != found[0]:
        return None
    return found[1]


def store_tokens(project: Project, rows: list[tuple[int, str, bytes]]) -> None:
    """Keep token boundaries of articles (id, tokenizer id, bounds) for later exports."""
    with project.edit():
        project.db.conn.executemany(
            "INSERT INTO document_tokens (document_id, tokenizer, bounds) VALUES (?, ?, ?)"
            " ON CONFLICT(document_id) DO UPDATE SET tokenizer = excluded.tokenizer,"
            " bounds = excluded.bounds",
            rows,
        )


def _marks(ids: list[int]) -> str:
    return ", ".join("?" * len(ids))


def _spans(project: Project, ids: list[int], source: str) -> dict[int, list[GoldSpan]]:
    found: dict[int, list[GoldSpan]] = defaultdict(list)
    if source == "suggestions":
        query = (
            'SELECT document_id, start, "end", label, NULL FROM suggestions'
            f' WHERE document_id IN ({_marks(ids)}) ORDER BY document_id, start, "end", id'
        )
    else:
        query = (
            'SELECT s.document_id, s.start, s."end", s.label, a.name FROM spans s'
            " LEFT JOIN actors a ON a.id = s.actor_id"
            f" WHERE s.document_id IN ({_marks(ids)})"
            ' ORDER BY s.document_id, s.start, s."end", s.id'
        )
    for document_id, start, end, label, actor in project.db.conn.execute(query, ids):
        found[document_id].append(GoldSpan(start, end, label, actor))
    return found


def _statements(project: Project, ids: list[int]) -> dict[int, list[GoldStatement]]:
    return {
        document_id: [stored.statement for stored in found]
        for document_id, found in read_statements(project, ids).items()
    }


# -- writing ------------------------------------------------------------------------------


@dataclass(slots=True)
class StoredGold:
    imported: int = 0
    duplicates: int = 0
    spans: int = 0
    statements: int = 0


def store_gold(
    project: Project,
    documents: Iterable[GoldDocument],
    *,
    annotator: str,
    spans_as: str = "human",
    recognizer: tuple[str, str] = ("import", ""),
) -> StoredGold:
    """Store annotated articles, each in one edit with its actors and statements.

    Raises :class:`InvariantError` (nothing of that article kept) for a statement that
    names an entity the article does not have, or labels, stances or types not in the
    schema.
    """
    result = StoredGold()
    for document in documents:
        draft = ArticleDraft(
            text=document.text, title=document.title, source=document.source,
            language=document.language, meta=document.meta,
            spans=tuple(SpanDraft(s.start, s.end, s.label) for s in document.spans),
        )  # fmt: skip
        with project.edit():
            (document_id,) = project.add_articles(
                [draft], [document.language], annotator=annotator, spans_as=spans_as,
                recognizer=recognizer,
            )  # fmt: skip
            if document_id is None:
                result.duplicates += 1
                continue
            result.imported += 1
            result.spans += len(document.spans)
            if spans_as == "human":
                _link_actors(project, document_id, document, annotator)
                for statement in document.statements:
                    project.add_statement(document_id, statement, annotator=annotator)
                result.statements += len(document.statements)
    return result


def _link_actors(
    project: Project, document_id: int, document: GoldDocument, annotator: str
) -> None:
    for span in document.spans:
        if span.actor:
            actor_id = project.actor_id(span.actor, label=document.actor_labels.get(span.actor))
            project.db.execute(
                'UPDATE spans SET actor_id = ? WHERE document_id = ? AND start = ? AND "end" = ?'
                " AND label = ?",
                (actor_id, document_id, span.start, span.end, span.label),
            )
            project.add_alias(actor_id, document.text[span.start : span.end], document.language)


__all__ = [
    "Selection", "StoredGold", "count_gold_documents", "gold_documents", "store_gold",
    "store_tokens",
]  # fmt: skip
