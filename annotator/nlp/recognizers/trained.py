"""The project's own trained NER models, first in the chain of the languages they serve.

A model trained by ``annotator train`` learnt the project's labels and its annotators'
conventions, so where it finds something it wins over the general-purpose recognizers.
"""

from __future__ import annotations

from collections.abc import Iterator

import spacy
from spacy.language import Language

from annotator.nlp.models import ModelInfo, latest
from annotator.nlp.recognizers import Context, Recognizer, register_provider
from annotator.nlp.recognizers.spacy_pipeline import recognizer_name

NAME = "project model"
PRECEDENCE = 10


def recognizer_for(info: ModelInfo, languages: frozenset[str]) -> Recognizer:
    path = info.path

    def build(language: str, context: Context) -> Language:
        assert path is not None
        return spacy.load(path)

    # One name for every model of the project: a new model's suggestions replace the open
    # ones of the model before it; the version tells which model made which.
    return Recognizer(
        name=NAME,
        version=info.name,
        build=build,
        languages=languages,
        labels=dict(info.labels),
        replaces=(recognizer_name(info.base),) if info.base else (),
        precedence=PRECEDENCE,
    )


@register_provider("trained")
def provide(context: Context) -> Iterator[Recognizer]:
    by_model: dict[str, tuple[ModelInfo, set[str]]] = {}
    for language in context.languages:
        info = latest(context.models, "ner", language)
        if info is not None:
            by_model.setdefault(info.name, (info, set()))[1].add(language)
    for info, languages in by_model.values():
        yield recognizer_for(info, frozenset(languages))
