"""Exchange formats: one module each, registered here by name.

A format writes :class:`~annotator.core.gold.GoldDocument` objects to a file or a folder
and reads them back. Each says what it can carry (``CARRIES``); the export reports what
it had to leave out instead of dropping it silently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.gold import GoldDocument
from annotator.core.schema import LabelSchema

# What a format may carry; an export counts what the chosen format cannot.
ENTITIES = "entities"
NESTED = "nested entities"
STATEMENTS = "statements"
ACTORS = "actor links"
EXACT_TEXT = "exact text"  # whitespace and line breaks as they were
META = "metadata"


@dataclass(frozen=True, slots=True)
class WriteOptions:
    iob: str = "IOB2"
    """CoNLL tagging scheme: IOB2 (default) or IOB1 (as the original CoNLL-2003 files)."""
    dev_fraction: float = 0.2
    """Share of each language's articles held out as dev data (spaCy)."""
    seed: int = 0
    """Seed of the train/dev split, so the same export gives the same split."""
    schema: LabelSchema | None = None
    """The project's schema (labels, stances, statement types) for formats that declare
    it (brat's configuration); the default schema when None."""


@dataclass(slots=True)
class WriteReport:
    documents: int = 0
    spans: int = 0
    statements: int = 0
    left_out: dict[str, int] = field(default_factory=dict)
    """What the format cannot carry, and how many of it the export had to leave out."""
    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def leave_out(self, what: str, count: int = 1) -> None:
        if count:
            self.left_out[what] = self.left_out.get(what, 0) + count


Writer = Callable[[Iterable[GoldDocument], Path, WriteOptions], WriteReport]
Reader = Callable[[Path], Iterator[GoldDocument]]


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    description: str
    """Marked with ``N_`` and translated where shown (the language may change after import)."""
    carries: frozenset[str]
    write: Writer
    read: Reader
    folder: bool = False
    """True when the export is a folder of files (brat, spaCy), False for one file."""
    suffix: str = ""
    importable: bool = True
    """False for formats that cannot be read back into articles (the stance table)."""


FORMATS: dict[str, Format] = {}


def register(format_: Format) -> Format:
    FORMATS[format_.name] = format_
    return format_


def _load() -> None:
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")


_load()
