"""Recognizers: anything that suggests entities, each a spaCy pipeline that sets ``doc.ents``.

Registered by name here (a spaCy-style registry, not an if-chain). A chain of them runs
per language with a precedence (see :mod:`annotator.nlp.preannotate`); each recognizer's
labels are mapped onto the project's labels by a per-recognizer mapping.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

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

    def supports(self, language: str) -> bool:
        return self.languages is None or language in self.languages


RECOGNIZERS: dict[str, Recognizer] = {}


def register(recognizer: Recognizer) -> Recognizer:
    RECOGNIZERS[recognizer.name] = recognizer
    return recognizer


def for_language(language: str, names: Sequence[str] | None = None) -> list[Recognizer]:
    """The registered recognizers that work for ``language``, by precedence."""
    chosen = [r for r in RECOGNIZERS.values() if r.supports(language)]
    if names is not None:
        chosen = [r for r in chosen if r.name in names]
    return sorted(chosen, key=lambda r: (r.precedence, r.name))


def _load() -> None:
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")


_load()
