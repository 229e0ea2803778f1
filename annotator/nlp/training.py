"""Training the project's own NER from the articles annotators marked done.

One model per language with enough finished articles; the languages with too few share
one multilingual (``xx``) model when together they have enough. Each model learns on most
of its articles and is scored on the rest (held out, chosen by a seeded shuffle): the model
alone, and the pre-annotation chain without and with it, by the overlap figures of the
quality report. A model that makes the chain's held-out F1 worse is kept, with its
figures, but not used; otherwise it becomes first in the chain.

spaCy does the work: its quickstart config (bounded for small data), its training loop,
its ``DocBin`` corpora. What is ours is choosing the data, the split, the scoring against
the chain and where the model goes (:mod:`annotator.nlp.models`).
"""

from __future__ import annotations

import math
import random
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span
from thinc.api import Config

from annotator.core.errors import AnnotatorError
from annotator.core.gold import GoldDocument
from annotator.core.quality import ALL, Scores
from annotator.i18n import _
from annotator.nlp.models import (
    MULTILINGUAL,
    ModelInfo,
    models_folder,
    new_model_folder,
    write_info,
)
from annotator.nlp.tokenize import blank
from annotator.store.gold import Selection, gold_documents
from annotator.store.project import Project
from annotator.store.timestamps import now

Progress = Callable[[str, int, int], None]
"""Called with what is being done, steps done and steps expected; may raise to cancel."""

MIN_ARTICLES = 20
"""Finished articles a language needs for a model of its own."""
MIN_POOLED = 10
"""Finished articles the small languages need together for a shared model."""
HELD_OUT = 0.2
MIN_HELD_OUT = 2

# spaCy's quickstart defaults (max_steps 20000, evaluation every 200 steps) are sized for
# corpora of thousands of documents; an annotation project has tens to hundreds, where they
# would train for an hour. These bounds end training on a CPU in seconds for a few
# articles and in about a minute for two hundred.
MAX_STEPS = 2000
MAX_EPOCHS = 25
MIN_EPOCHS = 4
WORD_BUDGET = 300_000
"""Words a training goes through at most (beyond the minimum epochs): about 70 s for a
model from scratch on 2 CPU cores. Two hundred articles of 2 KB are ~70,000 words, so
they get four passes, twenty articles all twenty-five."""
EVALUATIONS = 10
PATIENCE_EVALUATIONS = 5
WORDS_PER_STEP = 350
"""Rough mean batch size while spaCy's compounding batcher grows from 100 to 1000 words."""

MARGIN = 0.02
"""How much worse a new model may make the held-out F1 and still be used: a few held-out
articles move the figure by that much either way, while the model learnt from more."""

LOGGER = "stance_annotator.progress.v1"


class NotEnoughData(AnnotatorError):
    pass


@dataclass(frozen=True, slots=True)
class Plan:
    """One model to train: its spaCy language, the article languages, the articles."""

    lang: str
    languages: tuple[str, ...]
    documents: tuple[GoldDocument, ...]


@dataclass(slots=True)
class TrainReport:
    models: list[ModelInfo] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    """Languages left without a model, and how many finished articles they have."""


@cache
def _quickstart_config(lang: str) -> str:
    """``spacy init config --pipeline ner --optimize efficiency`` for ``lang``, as text:
    rendering spaCy's template takes a noticeable fraction of a second, once is enough."""
    from spacy.cli.init_config import init_config

    return init_config(lang=lang, pipeline=["ner"], optimize="efficiency", gpu=False).to_str()


def epochs_for(train_words: int) -> int:
    return max(MIN_EPOCHS, min(MAX_EPOCHS, WORD_BUDGET // max(1, train_words)))


def unique_version(folder: Path, prefix: str) -> str:
    """A time stamp for a new model's version, with a suffix if one of that second exists."""
    version = time.strftime("%Y%m%dT%H%M%S")
    candidate, number = version, 1
    while (folder / f"{prefix}-{candidate}").exists():
        number += 1
        candidate = f"{version}-{number}"
    return candidate


def expected_steps(train_words: int) -> int:
    steps_per_epoch = max(1, math.ceil(train_words / WORDS_PER_STEP))
    return min(MAX_STEPS, epochs_for(train_words) * steps_per_epoch)


def training_config(
    lang: str, train_words: int, seed: int = 0, *, train: str = "train.spacy",
    dev: str = "dev.spacy",
) -> Config:  # fmt: skip
    """spaCy's quickstart config for a CPU ``ner`` pipeline without vectors, bounded for
    small data, with the corpora at ``train`` and ``dev``.

    Built with spaCy's own ``init_config`` so it is complete and valid for the installed
    spaCy; evaluation is spaced by the data's size so that even a tiny corpus, which spaCy
    runs through in a few dozen steps, is evaluated several times.
    """
    config = Config().from_str(_quickstart_config(lang), interpolate=False)
    eval_frequency = max(5, min(200, expected_steps(train_words) // EVALUATIONS))
    config["paths"]["train"] = train
    config["paths"]["dev"] = dev
    config["system"]["seed"] = seed
    training = config["training"]
    training["max_steps"] = MAX_STEPS
    training["max_epochs"] = epochs_for(train_words)
    training["eval_frequency"] = eval_frequency
    training["patience"] = eval_frequency * PATIENCE_EVALUATIONS
    return config


def plan(project: Project, language: str | None = None) -> tuple[list[Plan], dict[str, int]]:
    """The models to train from the project's finished articles, and the languages that
    have too few of them (with their counts)."""
    by_language: dict[str, list[GoldDocument]] = {}
    for document in gold_documents(project, Selection(status="done", language=language)):
        if document.spans:
            by_language.setdefault(document.language, []).append(document)
    plans: list[Plan] = []
    small: dict[str, list[GoldDocument]] = {}
    for lang, documents in sorted(by_language.items()):
        if len(documents) >= MIN_ARTICLES:
            plans.append(Plan(blank(lang).lang, (lang,), tuple(documents)))
        else:
            small[lang] = documents
    pooled = [d for documents in small.values() for d in documents]
    if len(small) > 1 and len(pooled) >= MIN_POOLED:
        plans.append(Plan(MULTILINGUAL, tuple(sorted(small)), tuple(pooled)))
        small = {}
    elif len(small) == 1 and len(pooled) >= MIN_POOLED:
        # One language with fewer than MIN_ARTICLES but enough to learn something from:
        # its own model (a shared one would be the same data with a worse tokenizer).
        (only,) = small
        plans.append(Plan(blank(only).lang, (only,), tuple(pooled)))
        small = {}
    return plans, {lang: len(documents) for lang, documents in small.items()}


Split = tuple[list[GoldDocument], list[GoldDocument]]


def split(documents: Sequence[GoldDocument], seed: int = 0) -> Split:
    """(train, held out): a seeded shuffle by article id, so the split is the same each
    time for the same articles."""
    order = sorted(documents, key=lambda d: d.id or 0)
    random.Random(seed).shuffle(order)
    held = max(MIN_HELD_OUT, round(len(order) * HELD_OUT))
    return order[held:], order[:held]


def example_doc(nlp: Language, document: GoldDocument) -> Doc:
    """The article as spaCy training data: tokens, and its entities as ``doc.ents``
    (widened to whole tokens; the outer one where they nest)."""
    doc = nlp.make_doc(document.text)
    spans: list[Span] = []
    for gold in document.spans:
        span = doc.char_span(gold.start, gold.end, label=gold.label, alignment_mode="expand")
        if span is not None and len(span):
            spans.append(span)
    doc.set_ents(outermost(spans), default="outside")
    return doc


def outermost(spans: list[Span]) -> list[Span]:
    """Entities for ``doc.ents``, which allows no overlap: outer ones win over nested ones
    (the longest first among those starting together); of two crossing, the earlier."""
    chosen: list[Span] = []
    end = -1
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if span.start >= end:
            chosen.append(span)
            end = span.end
    return chosen


class _Steps:
    """The progress of the training under way, fed by the logger spaCy calls each step."""

    callback: Progress | None = None
    stage: str = ""
    done: int = 0
    total: int = 1


@spacy.registry.loggers(LOGGER)
def _progress_logger() -> Callable[..., Any]:
    def setup(nlp: Language, stdout: Any = None, stderr: Any = None) -> tuple[Any, Any]:
        def log_step(info: dict[str, Any] | None) -> None:
            _Steps.done += 1
            if _Steps.callback is not None:
                _Steps.callback(_Steps.stage, min(_Steps.done, _Steps.total), _Steps.total)

        return log_step, lambda: None

    return setup


def fit(
    lang: str,
    train_docs: Sequence[Doc],
    dev_docs: Sequence[Doc],
    *,
    seed: int = 0,
    stage: str = "",
    progress: Progress | None = None,
) -> Language:
    """A new spaCy NER trained on ``train_docs`` (``dev_docs`` for spaCy's evaluations)."""
    from spacy.training.initialize import init_nlp
    from spacy.training.loop import train as train_loop

    words = sum(len(doc) for doc in train_docs)
    with tempfile.TemporaryDirectory(prefix="annotator-train-") as tmp:
        train_path, dev_path = Path(tmp, "train.spacy"), Path(tmp, "dev.spacy")
        DocBin(docs=train_docs).to_disk(train_path)
        DocBin(docs=dev_docs).to_disk(dev_path)
        config = training_config(lang, words, seed, train=str(train_path), dev=str(dev_path))
        config["training"]["logger"] = {"@loggers": LOGGER}
        _Steps.callback, _Steps.stage = progress, stage
        _Steps.done, _Steps.total = 0, expected_steps(words)
        try:
            nlp = init_nlp(config)
            nlp, _path = train_loop(nlp, None, stdout=_Quiet(), stderr=_Quiet())
        finally:
            _Steps.callback = None
    return nlp


FINE_TUNE_EPOCHS = 12
FINE_TUNE_WORD_BUDGET = 250_000
"""As WORD_BUDGET, for fine-tuning (a pretrained pipeline's NER is slower per word)."""
FINE_TUNE_DROPOUT = 0.2


def fine_tune(
    base: str,
    language: str,
    train: Sequence[GoldDocument],
    *,
    seed: int = 0,
    stage: str = "",
    progress: Progress | None = None,
) -> tuple[Language, dict[str, str]]:
    """The NER of an installed pipeline, trained further on the project's articles.

    Starting from a pipeline that already knows the language's names (an official
    ``en_core_web_sm``, say) learns far more from twenty articles than starting from
    nothing: the model keeps what it knew and learns the project's conventions (which
    spans, which label). The project's labels are taught under the pipeline's own names
    for them (PER as PERSON) so that what it knew is kept; returns the model and its
    label mapping back to the project's.
    """
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch
    from thinc.api import compounding

    from annotator.nlp.recognizers.spacy_pipeline import LABELS, base_label, load

    fix_random_seed(seed)
    nlp = load(base, language, trim=False)
    ner = nlp.get_pipe("ner")
    own = tuple(ner.labels)
    to_base = {label: base_label(label, own) for d in train for label in {s.label for s in d.spans}}
    for label in sorted(set(to_base.values()) - set(own)):
        ner.add_label(label)
    examples = []
    for document in train:
        mapped = replace(
            document, spans=tuple(replace(s, label=to_base[s.label]) for s in document.spans)
        )
        examples.append(Example(nlp.make_doc(document.text), example_doc(nlp, mapped)))
    optimizer = nlp.resume_training()
    words = sum(len(e.reference) for e in examples)
    epochs = max(MIN_EPOCHS, min(FINE_TUNE_EPOCHS, FINE_TUNE_WORD_BUDGET // max(1, words)))
    batches_per_epoch = max(1, math.ceil(len(examples) / 8))
    total, done = epochs * batches_per_epoch, 0
    rng = random.Random(seed)
    for _epoch in range(epochs):
        rng.shuffle(examples)
        for batch in minibatch(examples, size=compounding(4.0, 16.0, 1.001)):
            nlp.update(batch, sgd=optimizer, drop=FINE_TUNE_DROPOUT, losses={})
            done += 1
            if progress:
                progress(stage, min(done, total), total)
    if optimizer.averages:
        nlp.use_params(optimizer.averages)
    mapping = {b: p for b, p in LABELS.items() if b in ner.labels and b != p}
    return nlp, mapping


class _Quiet:
    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


def predicted(nlp: Language, texts: Iterable[str]) -> list[list[Span]]:
    return [list(doc.ents) for doc in nlp.pipe(texts, batch_size=32)]


def train_ner(
    project: Project,
    *,
    language: str | None = None,
    seed: int = 0,
    progress: Progress | None = None,
) -> TrainReport:
    """Train, score and store a model for each plan; see the module's notes."""
    from annotator.nlp.preannotate import chain_for, context_of
    from annotator.nlp.recognizers.spacy_pipeline import pipelines_for
    from annotator.nlp.recognizers.trained import NAME, recognizer_for

    if project.path is None:
        raise AnnotatorError(_("a project in memory has no folder for models"))
    plans, skipped = plan(project, language)
    report = TrainReport(skipped=skipped)
    if not plans:
        raise NotEnoughData(
            _(
                "Not enough finished articles to train a model: a language needs {own}"
                " articles marked done with entities, or {pooled} across languages."
            ).format(own=MIN_ARTICLES, pooled=MIN_POOLED)
        )
    folder = models_folder(project.path)
    context = context_of(project)
    for number, chosen in enumerate(plans, 1):
        stage = _("Training model {n} of {total} ({languages})").format(
            n=number, total=len(plans), languages=", ".join(chosen.languages)
        )
        began = time.perf_counter()
        train, held_out = split(chosen.documents, seed)
        bases = pipelines_for(context, chosen.lang) if len(chosen.languages) == 1 else []
        labels: dict[str, str] = {}
        if bases:
            nlp, labels = fine_tune(bases[0], chosen.lang, train, seed=seed, stage=stage,
                                    progress=progress)  # fmt: skip
            examples = sum(len(d.spans) for d in train)
        else:
            tokenizer = spacy.blank(chosen.lang)
            train_docs = [example_doc(tokenizer, d) for d in train]
            dev_docs = [example_doc(tokenizer, d) for d in held_out]
            nlp = fit(chosen.lang, train_docs, dev_docs, seed=seed, stage=stage,
                      progress=progress)  # fmt: skip
            examples = sum(len(d.ents) for d in train_docs)
        if progress:
            progress(_("Scoring the model on held-out articles"), 0, 1)
        version = unique_version(folder, f"ner-{chosen.lang}")
        name = f"ner-{chosen.lang}-{version}"
        with new_model_folder(folder, name) as work:
            nlp.meta["name"] = f"stance_annotator_{chosen.lang}"
            nlp.meta["version"] = "0.0.0"
            nlp.meta["description"] = "NER trained by Stance Annotator from a project's gold"
            nlp.to_disk(work)
            info = ModelInfo(
                kind="ner", lang=chosen.lang, languages=chosen.languages, version=version,
                trained_at=now(), spacy_version=spacy.__version__,
                train_articles=len(train), heldout_articles=len(held_out),
                train_examples=examples, seconds=0.0, active=True, path=work,
                base=bases[0] if bases else "", labels=labels,
            )  # fmt: skip
            scores = _held_out_scores(project, nlp, info, held_out, chain_for, NAME,
                                      recognizer_for)  # fmt: skip
            before = _total(scores["chain_before"])
            after = _total(scores["chain_after"])
            info = ModelInfo(**{
                **_fields(info), "scores": scores, "active": after >= before - MARGIN,
                "seconds": round(time.perf_counter() - began, 1), "path": folder / name,
            })  # fmt: skip
            write_info(work, info)
        report.models.append(info)
    return report


def _held_out_scores(
    project: Project,
    nlp: Language,
    info: ModelInfo,
    held_out: Sequence[GoldDocument],
    chain_for: Any,
    own_name: str,
    recognizer_for: Any,
) -> dict[str, dict[str, Any]]:
    """Per language: the model alone, and the chain without and with it, on held-out
    articles."""
    model: dict[str, Scores] = {}
    for document, ents in zip(held_out, predicted(nlp, (d.text for d in held_out)),
                              strict=True):  # fmt: skip
        model.setdefault(document.language, Scores()).add_document(
            document.spans,
            [_Mark(e.start_char, e.end_char, info.labels.get(e.label_, e.label_)) for e in ents],
        )
    new = recognizer_for(info, frozenset(info.languages))
    before_chain = chain_for(project, leave_out=[own_name])
    after_chain = chain_for(project, leave_out=[own_name], extra=[new])
    # The model is loaded already: the chain need not read it back from disk.
    for language in info.languages:
        after_chain._pipelines[(new.name, new.version, language)] = nlp
    results: dict[str, dict[str, Any]] = {"model": {}, "chain_before": {}, "chain_after": {}}
    for key, chain in (("chain_before", before_chain), ("chain_after", after_chain)):
        by_language: dict[str, Scores] = {}
        for language in info.languages:
            documents = [d for d in held_out if d.language == language]
            if not documents:
                continue
            found = chain.suggest(language, [d.text for d in documents])
            scores = by_language.setdefault(language, Scores())
            for document, spans in zip(documents, found, strict=True):
                scores.add_document(document.spans, spans)
        results[key] = {lang: s.as_dict() for lang, s in by_language.items()}
    results["model"] = {lang: s.as_dict() for lang, s in model.items()}
    return results


@dataclass(frozen=True, slots=True)
class _Mark:
    start: int
    end: int
    label: str


def _total(by_language: dict[str, Any]) -> float:
    """F1 over all languages' held-out articles together."""
    total = Scores()
    for data in by_language.values():
        total.merge(Scores.from_dict({ALL: data[ALL]}))
    return total.total.f1


def _fields(info: ModelInfo) -> dict[str, Any]:
    return {f: getattr(info, f) for f in info.__dataclass_fields__}
