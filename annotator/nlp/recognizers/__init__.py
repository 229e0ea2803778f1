"""Recognizers: anything that suggests entities, each a spaCy pipeline that sets ``doc.ents``.

Registered by name here (a spaCy-style registry, not an if-chain). A chain of them runs
per language with a precedence (see :mod:`annotator.nlp.preannotate`); each recognizer's
labels are mapped onto the project's labels by a per-recognizer mapping.

Two kinds of registration: a :class:`Recognizer` that is always there (natasha, the
gazetteer), and a *provider* that makes recognizers from the project — its trained models,
the spaCy pipelines its settings name — since those exist only for some projects.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language


@dataclass(frozen=True, slots=True)
class Actor:
    """A project actor as recognizers see it: canonical name, label, aliases."""

    name: str
    label: str | None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Context:
    """What a recognizer may build on: the project's languages and actors."""

    languages: tuple[str, ...] = ("ru", "uk", "bg", "en")
    actors: tuple[Actor, ...] = ()
    settings: Mapping[str, Any] = field(default_factory=dict, hash=False)
    """The project's settings that recognizers read (``spacy_pipelines``)."""
    models: Path | None = None
    """The folder of the project's trained models (None for a project in memory)."""


@dataclass(frozen=True, slots=True)
class Recognizer:
    name: str
    version: str
    build: Callable[[str, Context], Language]
    """A pipeline for one language that sets ``doc.ents``; built once, lazily."""
    languages: frozenset[str] | None = None
    """The languages it works for (None: any)."""
    labels: dict[str, str] = field(default_factory=dict)
    """Its labels mapped to the default schema's (a label not here is kept as it is)."""
    precedence: int = 50
    """Lower runs first and wins where suggestions overlap."""
    relabels: bool = False
    """Where it finds exactly the words an earlier recognizer found, its label wins."""
    replaces: tuple[str, ...] = ()
    """Recognizers it takes the place of in the chain of its languages (a model fine-tuned
    from an installed pipeline replaces that pipeline)."""
    absorbs: bool = False
    """Where it finds a longer name around names earlier recognizers found (the country in
    "Bank of Ghana"), its name replaces them."""

    def supports(self, language: str) -> bool:
        return self.languages is None or language in self.languages


Provider = Callable[[Context], Iterable[Recognizer]]

RECOGNIZERS: dict[str, Recognizer] = {}
PROVIDERS: dict[str, Provider] = {}


def register(recognizer: Recognizer) -> Recognizer:
    RECOGNIZERS[recognizer.name] = recognizer
    return recognizer


def register_provider(name: str) -> Callable[[Provider], Provider]:
    def add(provider: Provider) -> Provider:
        PROVIDERS[name] = provider
        return provider

    return add


def available(context: Context) -> list[Recognizer]:
    """Every recognizer the project can use: the registered ones and its providers'."""
    found = list(RECOGNIZERS.values())
    for provider in PROVIDERS.values():
        found.extend(provider(context))
    return found


def for_language(
    language: str,
    names: Sequence[str] | None = None,
    recognizers: Iterable[Recognizer] | None = None,
) -> list[Recognizer]:
    """The recognizers (by default the registered ones) that work for ``language``, by
    precedence."""
    pool = RECOGNIZERS.values() if recognizers is None else recognizers
    chosen = [r for r in pool if r.supports(language)]
    replaced = {name for r in chosen for name in r.replaces}
    chosen = [r for r in chosen if r.name not in replaced]
    if names is not None:
        chosen = [r for r in chosen if r.name in names]
    return sorted(chosen, key=lambda r: (r.precedence, r.name))


def _load() -> None:
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")


_load()
