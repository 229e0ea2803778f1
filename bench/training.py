"""Training: how long 200 finished articles take, and what a model trained on 20 English
articles does for pre-annotation on English articles it has not seen.

Speed: 200 articles (the evaluation articles repeated, each copy numbered so it is a new
article) marked done in one language, trained from scratch (Russian: no installed spaCy
pipeline to start from) and, where one is installed, fine-tuned (English). Target: under
two minutes on 2 cores, including scoring on the held-out articles.

Gain: 20 English evaluation articles marked done, ``annotator train``'s own code run on
them, then the chain without and with the model scored on the other English evaluation
articles, which neither the model nor its held-out split saw.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from annotator.core.model import ArticleDraft
from annotator.core.quality import Scores
from annotator.nlp.preannotate import chain_for
from annotator.nlp.recognizers.trained import NAME
from annotator.nlp.training import train_ner
from annotator.store.project import Project
from bench.eval_corpus import EvalArticle, articles
from bench.quality import ANNOTATOR

TRAIN_ENGLISH = 20


def done_project(path: Path, chosen: list[EvalArticle]) -> None:
    with Project.open(path) as project:
        ids = project.add_articles(
            [ArticleDraft(text=a.text, title=a.name, source=a.name) for a in chosen],
            [a.language for a in chosen],
            annotator=ANNOTATOR,
        )
        for article, document_id in zip(chosen, ids, strict=True):
            assert document_id is not None, article.name
            for entity in article.entities:
                project.add_span(document_id, entity, annotator=ANNOTATOR)
            project.set_status(document_id, "done", annotator=ANNOTATOR)


def copies(pool: list[EvalArticle], count: int) -> list[EvalArticle]:
    made = []
    for n in range(count):
        article = pool[n % len(pool)]
        made.append(EvalArticle(f"{article.name}-{n}", article.language,
                                article.text + f"\n\n#{n}", article.entities))  # fmt: skip
    return made


def speed(language: str, count: int) -> dict[str, Any]:
    pool = articles(language)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "speed.annotator")
        done_project(path, copies(pool, count))
        with Project.open(path) as project:
            began = time.perf_counter()
            report = train_ner(project, language=language)
            seconds = time.perf_counter() - began
    model = report.models[0]
    return {
        "articles": count,
        "seconds": round(seconds, 1),
        "from": model.base or "scratch",
        "train_articles": model.train_articles,
    }


def gain(count: int = TRAIN_ENGLISH) -> dict[str, Any]:
    english = articles("en")
    train, unseen = english[:count], english[count:]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "gain.annotator")
        done_project(path, train)
        with Project.open(path) as project:
            report = train_ner(project, language="en")
            model = report.models[0]
            before = _score(chain_for(project, leave_out=[NAME]), unseen)
            # As pre-annotation runs from now on (the model first, replacing its base).
            after = _score(chain_for(project), unseen)
    return {
        "trained_on": len(train),
        "unseen": len(unseen),
        "model": model.name,
        "from": model.base or "scratch",
        "active": model.active,
        "train_seconds": model.seconds,
        "unseen_f1_chain_before": round(before.total.f1, 4),
        "unseen_f1_chain_after": round(after.total.f1, 4),
        "gain": round(after.total.f1 - before.total.f1, 4),
        "held_out": {k: v["en"]["*"]["f1"] for k, v in model.scores.items() if "en" in v},
    }


def _score(chain: Any, chosen: list[EvalArticle]) -> Scores:
    scores = Scores()
    found = chain.suggest("en", [a.text for a in chosen])
    for article, spans in zip(chosen, found, strict=True):
        scores.add_document(article.entities, spans)
    return scores


def run(*, quick: bool = False) -> dict[str, Any]:
    count = 40 if quick else 200
    return {
        "gain_en": gain(),
        "speed_scratch_ru": speed("ru", count),
        "speed_fine_tune_en": speed("en", count),
        "target": "200 articles under 120 s; trained chain above the untrained on unseen",
    }
