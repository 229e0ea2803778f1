"""Pre-annotation quality on the evaluation articles: each language's default chain against
the articles' marked entities, through the project's own quality report.

The articles are imported without their entities and pre-annotated as a user's import
would be; then the marked entities are stored as an annotator's and the articles marked
done, so the figures are exactly what ``annotator stats --quality`` shows. Also given:
"places" figures, where LOC and GPE count as one label (annotators and recognizers often
differ on whether a city is a place or a political actor; either way it is highlighted).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from annotator.core.model import ArticleDraft, SpanDraft
from annotator.core.quality import ALL, Scores
from annotator.nlp.preannotate import preannotate
from annotator.store.project import Project
from annotator.store.quality import QualityFigures, quality_figures
from bench.eval_corpus import EvalArticle, articles

ANNOTATOR = "gold"
PLACES = {"GPE": "LOC"}


def build_project(path: Path, chosen: list[EvalArticle]) -> list[int]:
    """A project with ``chosen`` imported and pre-annotated, then annotated and done."""
    with Project.open(path) as project:
        ids = project.add_articles(
            [ArticleDraft(text=a.text, title=a.name, source=a.name) for a in chosen],
            [a.language for a in chosen],
            annotator=ANNOTATOR,
        )
        preannotate(project)
        for article, document_id in zip(chosen, ids, strict=True):
            assert document_id is not None, article.name
            for entity in article.entities:
                project.add_span(document_id, entity, annotator=ANNOTATOR)
            project.set_status(document_id, "done", annotator=ANNOTATOR)
    return [i for i in ids if i is not None]


def places_scores(project: Project, language: str) -> Scores:
    """The chain's figures with LOC and GPE as one label."""
    scores = Scores()
    for document in project.documents(status="done", language=language):
        kept = [_merged(s) for s in project.spans(document.id)]
        found = [_merged(s) for s in project.suggestions(document.id, decisions=("open",
                 "accepted", "rejected"))]  # fmt: skip
        scores.add_document(kept, found)
    return scores


def _merged(mark: Any) -> SpanDraft:
    return SpanDraft(mark.start, mark.end, PLACES.get(mark.label, mark.label))


def summary(figures: QualityFigures) -> dict[str, Any]:
    return {
        language: {
            "articles": figures.articles[language],
            "chain": scores.total.as_dict(),
            "by_label": {k: v["f1"] for k, v in scores.as_dict().items() if k != ALL},
            "by_recognizer": {
                f"{name} {version}": s.total.as_dict()["f1"]
                for (name, version, lang), s in figures.recognizers.items()
                if lang == language
            },
        }
        for language, scores in figures.chain.items()
    }


def run(*, quick: bool = False) -> dict[str, Any]:
    chosen = articles()
    if quick:
        chosen = [a for i, a in enumerate(chosen) if i % 4 == 0]
    with tempfile.TemporaryDirectory() as tmp:
        began = time.perf_counter()
        build_project(Path(tmp, "eval.annotator"), chosen)
        seconds = time.perf_counter() - began
        with Project.open(Path(tmp, "eval.annotator")) as project:
            figures = quality_figures(project)
            result = summary(figures)
            for language in result:
                places = places_scores(project, language).total
                result[language]["chain_places_as_one"] = places.as_dict()
    result["seconds"] = round(seconds, 1)
    result["target"] = "overlap F1 >= 0.85 ru, bg; >= 0.75 uk, en"
    return result
