"""spaCy pipelines the user has installed, such as an official ``ru_core_news_sm``.

The project setting ``spacy_pipelines`` names them per language, as an installed package
or a folder: ``{"en": ["en_core_web_sm"], "ru": ["/models/ru_news"]}``. Without the
setting, every installed spaCy pipeline package with an ``ner`` component serves its own
language; ``{"en": []}`` turns that off for English.

Only the ``ner`` component runs (with the ``tok2vec`` it listens to, if any): tagging and
parsing cost most of a pipeline's time and suggestions need neither. Its labels are mapped
to the project's: the OntoNotes scheme of spaCy's English pipelines (PERSON, FAC, NORP,
...) and the PER/LOC/ORG of the other languages' are both understood; NORP ("Russian
officials"), dates and numbers are no entities in the project's schema and are left out.
The recognizer is named after the package or folder, as it is: ``spacy:en_core_web_sm``.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import get_installed_models, get_model_meta, get_package_path

from annotator.nlp.recognizers import Context, Recognizer, register_provider
from annotator.nlp.recognizers.filters import FILTER

PRECEDENCE = 20
SETTING = "spacy_pipelines"
TRIM = "annotator_trim_articles"

LABELS = {
    "PERSON": "PER",
    "PER": "PER",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "FAC": "LOC",
    "EVENT": "EVENT",
    "LAW": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "MISC": "MISC",
}

ARTICLES = {"en": frozenset({"the"})}
"""Leading words spaCy's English pipelines put inside a name ("the Foreign Ministry") that
annotators leave out; only written in lower case, so "The Hague" keeps its article."""


@cache
def _meta(name: str) -> dict[str, Any] | None:
    path = Path(name)
    try:
        if not path.exists():
            path = get_package_path(name)
        return get_model_meta(path)
    except (OSError, ValueError, ImportError, ModuleNotFoundError):
        return None


@cache
def _installed() -> tuple[str, ...]:
    return tuple(sorted(get_installed_models()))


def _has_ner(meta: dict[str, Any]) -> bool:
    return "ner" in meta.get("pipeline", ()) or "ner" in meta.get("components", ())


def chosen(context: Context) -> dict[str, list[str]]:
    """The pipelines per language: the setting's, or every installed one with an NER."""
    setting = context.settings.get(SETTING)
    if isinstance(setting, dict):
        return {lang: list(names) for lang, names in setting.items() if isinstance(names, list)}
    found: dict[str, list[str]] = {}
    for name in _installed():
        meta = _meta(name)
        if meta and _has_ner(meta) and meta.get("lang") in context.languages:
            found.setdefault(meta["lang"], []).append(name)
    return found


class TrimArticles:
    def __init__(self, words: frozenset[str]) -> None:
        self.words = words

    def __call__(self, doc: Doc) -> Doc:
        ents = []
        for ent in doc.ents:
            start = ent.start
            while start < ent.end - 1 and doc[start].text in self.words:
                start += 1
            ents.append(ent if start == ent.start else Span(doc, start, ent.end, ent.label))
        doc.ents = ents
        return doc


@Language.factory(TRIM, default_config={"words": []})
def make_trim(nlp: Language, name: str, words: list[str]) -> TrimArticles:
    return TrimArticles(frozenset(words))


def load(name: str, language: str, *, trim: bool = True) -> Language:
    """The pipeline with only what its NER needs (and, with ``trim``, leading articles
    taken off the entities it finds)."""
    nlp = spacy.load(name)
    keep = {"ner"}
    for pipe_name, pipe in nlp.pipeline:
        if "ner" in getattr(pipe, "listening_components", ()):
            keep.add(pipe_name)
    for pipe_name in [n for n in nlp.component_names if n not in keep]:
        nlp.remove_pipe(pipe_name)
    if trim:
        nlp.add_pipe(FILTER, config={"language": language})
        if language in ARTICLES:
            nlp.add_pipe(TRIM, config={"words": sorted(ARTICLES[language])})
    return nlp


def base_label(project_label: str, ner_labels: tuple[str, ...]) -> str:
    """The pipeline's own label for one of the project's, so that a model fine-tuned from
    it keeps what it knows: PER → PERSON, LOC → LOC (not FAC); a label it has no
    counterpart for stays as it is and is learnt new."""
    if project_label in ner_labels and LABELS.get(project_label) == project_label:
        return project_label
    for label in ner_labels:
        if LABELS.get(label) == project_label:
            return label
    return project_label


def pipelines_for(context: Context, language: str) -> list[str]:
    """The spaCy pipelines with an NER that serve ``language`` here, most trusted first."""
    return [n for n in chosen(context).get(language, []) if (m := _meta(n)) and _has_ner(m)]


def recognizer_name(name: str) -> str:
    return f"spacy:{Path(name).name if Path(name).exists() else name}"


def recognizer(name: str, language: str) -> Recognizer | None:
    meta = _meta(name)
    if meta is None or not _has_ner(meta):
        return None
    return Recognizer(
        name=recognizer_name(name),
        version=str(meta.get("version", "")),
        build=lambda lang, context: load(name, lang),
        languages=frozenset({language}),
        labels=LABELS,
        precedence=PRECEDENCE,
    )


@register_provider("spacy pipelines")
def provide(context: Context) -> Iterator[Recognizer]:
    for language, names in chosen(context).items():
        for order, name in enumerate(names):
            found = recognizer(name, language)
            if found is not None:
                # Named first, trusted first.
                yield Recognizer(**{**_fields(found), "precedence": PRECEDENCE + order})


def _fields(recognizer: Recognizer) -> dict[str, Any]:
    return {f: getattr(recognizer, f) for f in recognizer.__dataclass_fields__}
