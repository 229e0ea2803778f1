"""Readers turn one file into article drafts; one module per format, registered by suffix.

A reader reads the whole file before anything is stored and raises
:class:`~annotator.core.errors.InputError` (naming the file and line) at the first
problem, so a broken file is never half-imported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from annotator.core.model import ArticleDraft


@dataclass(frozen=True, slots=True)
class ReadOptions:
    text_column: str | None = None


Reader = Callable[[Path, bytes, ReadOptions], list[ArticleDraft]]
READERS: dict[str, Reader] = {}


def reader(*suffixes: str) -> Callable[[Reader], Reader]:
    """Register a reader for files ending in ``suffixes`` (lower case, with the dot)."""

    def register(function: Reader) -> Reader:
        for suffix in suffixes:
            READERS[suffix] = function
        return function

    return register


def reader_for(path: Path) -> Reader | None:
    return READERS.get(path.suffix.lower())


# Importing the modules registers their readers.
from annotator.io.readers import html, jsonl, table, text  # noqa: E402, F401
