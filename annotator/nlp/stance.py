"""The stance classifier: a spaCy ``textcat`` trained on the project's statements, which
suggests the stance of a new statement towards a target.

Each statement target is one example: the target's words and the statement's content,
as "target — content", labelled with the stance the annotator gave. One model serves every
language (spaCy's multi-language tokenizer): statements are far fewer than entities, and
stance words differ by language anyway, so splitting would only starve each model. It is
trained once the project has :data:`MIN_EXAMPLES` targets with at least two stances, held
out as the NER is, and stored beside the project like it (:mod:`annotator.nlp.models`).
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from annotator.core.errors import AnnotatorError
from annotator.core.gold import GoldDocument, GoldRef
from annotator.i18n import _
from annotator.nlp.models import (
    MULTILINGUAL,
    ModelInfo,
    list_models,
    models_folder,
    new_model_folder,
    write_info,
)
from annotator.nlp.training import NotEnoughData, Progress, unique_version
from annotator.store.gold import Selection, gold_documents
from annotator.store.project import Project
from annotator.store.timestamps import now

MIN_EXAMPLES = 30
MIN_PER_STANCE = 3
EPOCHS = 15
HELD_OUT = 0.2
SEPARATOR = " — "


@dataclass(frozen=True, slots=True)
class StanceExample:
    text: str
    stance: str
    language: str
    document_id: int | None


def example_text(target: str, content: str) -> str:
    return f"{target}{SEPARATOR}{content}"


def _ref_text(document: GoldDocument, ref: GoldRef) -> str:
    if ref.has_span:
        return document.text[ref.start : ref.end]  # type: ignore[misc]
    return ref.actor or ""


def examples(project: Project) -> list[StanceExample]:
    found = []
    for document in gold_documents(project, Selection(status="any")):
        for statement in document.statements:
            content = document.text[statement.content[0] : statement.content[1]]
            for target in statement.targets:
                text = example_text(_ref_text(document, target.ref), content)
                found.append(StanceExample(text, target.stance, document.language, document.id))
    return found


def _split(found: Sequence[StanceExample], seed: int) -> tuple[list[StanceExample],
                                                               list[StanceExample]]:  # fmt: skip
    """Held out by article, so that a statement's other targets are not in training."""
    documents = sorted({e.document_id or 0 for e in found})
    random.Random(seed).shuffle(documents)
    held = set(documents[: max(1, round(len(documents) * HELD_OUT))])
    return ([e for e in found if (e.document_id or 0) not in held],
            [e for e in found if (e.document_id or 0) in held])  # fmt: skip


def train_stance(project: Project, *, seed: int = 0, progress: Progress | None = None) -> ModelInfo:
    """Train, score and store a stance classifier from the project's statements."""
    if project.path is None:
        raise AnnotatorError(_("a project in memory has no folder for models"))
    found = examples(project)
    counts = Counter(e.stance for e in found)
    usable = [s for s, n in counts.items() if n >= MIN_PER_STANCE]
    if len(found) < MIN_EXAMPLES or len(usable) < 2:
        raise NotEnoughData(
            _(
                "Not enough statements to train a stance classifier: it needs {n} statement"
                " targets with at least two stances given {k} times each (the project has"
                " {have})."
            ).format(n=MIN_EXAMPLES, k=MIN_PER_STANCE, have=len(found))
        )
    began = time.perf_counter()
    fix_random_seed(seed)
    train, held_out = _split(found, seed)
    stances = sorted(counts)
    nlp = spacy.blank(MULTILINGUAL)
    textcat = nlp.add_pipe("textcat")
    for stance in stances:
        textcat.add_label(stance)

    def as_examples(chosen: Sequence[StanceExample]) -> list[Example]:
        return [
            Example.from_dict(nlp.make_doc(e.text),
                              {"cats": {s: float(s == e.stance) for s in stances}})
            for e in chosen
        ]  # fmt: skip

    train_examples = as_examples(train)
    optimizer = nlp.initialize(lambda: train_examples)
    stage = _("Training the stance classifier")
    batches = max(1, -(-len(train_examples) // 8))
    rng = random.Random(seed)
    for epoch in range(EPOCHS):
        rng.shuffle(train_examples)
        for number, batch in enumerate(minibatch(train_examples, size=8)):
            nlp.update(batch, sgd=optimizer, drop=0.2, losses={})
            if progress:
                progress(stage, epoch * batches + number + 1, EPOCHS * batches)
    scores = nlp.evaluate(as_examples(held_out)) if held_out else {}
    per_stance = {
        stance: {"precision": round(v["p"], 4), "recall": round(v["r"], 4),
                 "f1": round(v["f"], 4)}
        for stance, v in (scores.get("cats_f_per_type") or {}).items()
    }  # fmt: skip
    folder = models_folder(project.path)
    version = unique_version(folder, f"stance-{MULTILINGUAL}")
    name = f"stance-{MULTILINGUAL}-{version}"
    with new_model_folder(folder, name) as work:
        nlp.to_disk(work)
        info = ModelInfo(
            kind="stance", lang=MULTILINGUAL,
            languages=tuple(sorted({e.language for e in found})), version=version,
            trained_at=now(), spacy_version=spacy.__version__,
            train_articles=len({e.document_id for e in train}),
            heldout_articles=len({e.document_id for e in held_out}),
            train_examples=len(train), seconds=round(time.perf_counter() - began, 1),
            active=True,
            scores={"stance": per_stance, "macro_f1": round(scores.get("cats_macro_f", 0.0), 4),
                    "held_out_examples": len(held_out)},
            path=folder / name,
        )  # fmt: skip
        write_info(work, info)
    return info


class StanceSuggester:
    """The latest stance classifier of a project, loaded on first use."""

    def __init__(self, project_path: Path | None) -> None:
        self.folder = models_folder(project_path) if project_path else None
        self._nlp: Language | None = None
        self._name: str | None = None

    def available(self) -> bool:
        return self._info() is not None

    def _info(self) -> ModelInfo | None:
        # One model serves every language, also those it saw no statement in.
        models = [m for m in list_models(self.folder, "stance") if m.active]
        return models[-1] if models else None

    def suggest(self, target: str, content: str) -> tuple[str, float] | None:
        """The likeliest stance and its probability, or None without a model."""
        info = self._info()
        if info is None or info.path is None:
            return None
        if self._name != info.name:
            self._nlp = spacy.load(info.path)
            self._name = info.name
        assert self._nlp is not None
        cats = self._nlp(example_text(target, content)).cats
        stance = max(cats, key=cats.__getitem__)
        return stance, float(cats[stance])
