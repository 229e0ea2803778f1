"""Pre-annotation throughput of the default chain, against the bare ``nlp.pipe`` of the
same pipelines over the same texts: the ratio is what merging and storing suggestions
costs (target: at most 20 % more)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from annotator.io.importer import ImportOptions, import_paths
from annotator.nlp.preannotate import BATCH, chain_for, preannotate
from annotator.store.project import Project
from bench.import_speed import generate


def run(*, quick: bool = False) -> dict[str, Any]:
    count = 120 if quick else 1200
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "articles")
        folder.mkdir()
        generate(folder, count)
        with Project.open(Path(tmp, "p.sqlite")) as project:
            import_paths(project, [folder], ImportOptions("bench"))
            chain = chain_for(project)
            documents = list(project.documents(status="any"))
            by_language: dict[str, list[str]] = {}
            for document in documents:
                by_language.setdefault(document.language, []).append(document.text)
            for language, texts in by_language.items():
                # load every pipeline and fill the word caches first: both runs below
                # then see the same warm state
                chain.suggest(language, texts)

            began = time.perf_counter()
            for language, texts in by_language.items():
                for recognizer in chain.recognizers(language):
                    nlp = chain._pipeline(recognizer, language)
                    for _doc in nlp.pipe(texts, batch_size=BATCH):
                        pass
            bare = time.perf_counter() - began

            # entities alone: the chain's pipelines, merging and storing their suggestions
            began = time.perf_counter()
            report = preannotate(project, chain=chain, names=[r.name for r in chain.pool])
            ours = time.perf_counter() - began

            # and with the statement suggestions that come with them by default
            began = time.perf_counter()
            full = preannotate(project, chain=chain)
            with_statements = time.perf_counter() - began
    return {
        "articles": count,
        "suggestions": report.suggestions,
        "preannotate_docs_per_s": round(count / ours, 1),
        "bare_nlp_pipe_docs_per_s": round(count / bare, 1),
        "overhead": round(ours / bare - 1, 3),
        "target": "overhead <= 0.20",
        "suggested_statements": full.statements,
        "with_statements_docs_per_s": round(count / with_statements, 1),
        "statements_ms_per_article": round((with_statements - ours) / count * 1000, 1),
    }
