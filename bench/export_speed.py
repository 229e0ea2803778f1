"""Export throughput of every format on generated articles of about 2 KB with 10 entities.

The articles are cut from the samples and stored once; each format then exports all of
them (alignment checks included) to a temporary file or folder. The very first export
also tokenizes every article and keeps the tokens in the project; it is measured apart.
Target: JSONL at least 2,000 articles a second.
"""

from __future__ import annotations

import random
import re
import tempfile
import time
from pathlib import Path
from typing import Any

from annotator.core.model import ArticleDraft, SpanDraft
from annotator.io.exchange import export
from annotator.io.formats import FORMATS
from annotator.resources import SAMPLES_DIR
from annotator.store.gold import Selection
from annotator.store.project import Project

_WORD = re.compile(r"\w+")


def fill(project: Project, count: int, seed: int = 11) -> None:
    rng = random.Random(seed)
    sources = [
        (p.name[:2], p.read_text(encoding="utf-8")) for p in sorted(SAMPLES_DIR.glob("*.txt"))
    ]
    for first in range(0, count, 2000):
        drafts, languages = [], []
        for i in range(first, min(count, first + 2000)):
            language, source = sources[i % len(sources)]
            start = rng.randrange(0, max(1, len(source) - 2000))
            text = f"{i} " + source[start : start + 2000]
            words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
            chosen = sorted(rng.sample(words, min(10, len(words))))
            spans = tuple(
                SpanDraft(s, e, rng.choice(("PER", "ORG", "LOC", "GPE"))) for s, e in chosen
            )
            drafts.append(ArticleDraft(text=text, title=text[:40], source=f"{i}.txt", spans=spans))
            languages.append(language)
        project.add_articles(drafts, languages, annotator="bench")


def run(*, quick: bool = False) -> dict[str, Any]:
    count = 2_000 if quick else 100_000
    figures: dict[str, Any] = {"articles": count, "article_chars": 2000, "entities_per_article": 10}
    with tempfile.TemporaryDirectory() as tmp, Project.open(Path(tmp, "e.sqlite")) as project:
        fill(project, count)
        # The first export tokenizes every article (and keeps the tokens in the project,
        # articles being immutable); later exports read them back.
        began = time.perf_counter()
        export(project, "jsonl", Path(tmp, "first.jsonl"), Selection(status="any"))
        figures["jsonl_first_export_docs_per_s"] = round(count / (time.perf_counter() - began))
        for name, chosen in sorted(FORMATS.items()):
            target = Path(tmp, name + ("" if chosen.folder else chosen.suffix))
            began = time.perf_counter()
            result = export(project, name, target, Selection(status="any"))
            seconds = time.perf_counter() - began
            assert result.report.documents == count
            figures[f"{name}_docs_per_s"] = round(count / seconds)
    figures["target"] = "jsonl_docs_per_s >= 2000"
    return figures
