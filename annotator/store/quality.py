"""The quality report's data: what recognizers suggested in finished articles against
what annotators kept there (see :mod:`annotator.core.quality` for how it is counted).

Only articles marked done count: in an open article a suggestion not yet decided says
nothing about its quality. Every suggestion made for such an article counts, whatever was
decided about it, so accepted, rejected and ignored suggestions all weigh in.

What a report can and cannot tell: suggestions are stored after the chain's merge, so a
recognizer is judged on what it contributed (what won its stretch of text), and an entity
an annotator had marked before a re-run is not suggested again. Overall figures per
language are the chain's, which is what annotators saw.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from annotator.core.model import SpanDraft
from annotator.core.quality import Scores
from annotator.store.project import STATUS_OF_DOCUMENT, Project

CHAIN = "all recognizers"

BATCH = 500


@dataclass(slots=True)
class QualityFigures:
    articles: dict[str, int] = field(default_factory=dict)
    """Articles marked done, per language."""
    chain: dict[str, Scores] = field(default_factory=dict)
    """Per language: every suggestion, whoever made it."""
    recognizers: dict[tuple[str, str, str], Scores] = field(default_factory=dict)
    """Per (recognizer, version, language)."""


def quality_figures(project: Project, *, language: str | None = None) -> QualityFigures:
    """Scores of the suggestions in the project's finished articles."""
    figures = QualityFigures()
    where = f"WHERE ({STATUS_OF_DOCUMENT.format(who='')}) = 'done'"
    params: list[str] = []
    if language:
        where += " AND d.language = ?"
        params.append(language)
    conn = project.db.conn
    documents = conn.execute(f"SELECT d.id, d.language FROM documents d {where} ORDER BY d.id",
                             params).fetchall()  # fmt: skip
    for offset in range(0, len(documents), BATCH):
        batch = documents[offset : offset + BATCH]
        ids = [row[0] for row in batch]
        marks = ", ".join("?" * len(ids))
        entities: dict[int, list[SpanDraft]] = defaultdict(list)
        for document_id, start, end, label in conn.execute(
            f'SELECT document_id, start, "end", label FROM spans WHERE document_id IN ({marks})',
            ids,
        ):
            entities[document_id].append(SpanDraft(start, end, label))
        suggested: dict[int, dict[tuple[str, str], list[SpanDraft]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for document_id, start, end, label, name, version in conn.execute(
            'SELECT document_id, start, "end", label, recognizer, recognizer_version'
            f" FROM suggestions WHERE document_id IN ({marks})",
            ids,
        ):
            suggested[document_id][(name, version)].append(SpanDraft(start, end, label))
        for document_id, document_language in batch:
            figures.articles[document_language] = figures.articles.get(document_language, 0) + 1
            kept = entities.get(document_id, [])
            by_recognizer = suggested.get(document_id, {})
            everything = [s for found in by_recognizer.values() for s in found]
            figures.chain.setdefault(document_language, Scores()).add_document(kept, everything)
            for (name, version), found in by_recognizer.items():
                key = (name, version, document_language)
                # Judged on the entities of the articles it worked on, all their labels.
                figures.recognizers.setdefault(key, Scores()).add_document(kept, found)
    return figures
