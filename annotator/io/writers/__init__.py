"""Exporters: one module per format, registered by format name."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TypeVar

from annotator.core.errors import AnnotatorError
from annotator.store.project import Project


@dataclass(frozen=True, slots=True)
class ExportOptions:
    status: str = "done"
    """Articles whose overall status is this (``any`` for all)."""
    source: str = "human"
    """``human`` exports annotations; ``suggestions`` the recognizers' open suggestions."""
    language: str | None = None
    annotator: str | None = None


@dataclass(slots=True)
class ExportReport:
    documents: int = 0
    spans: int = 0
    misaligned: list[str] | None = None


T = TypeVar("T")
Writer = Callable[[Project, IO[str], ExportOptions], ExportReport]
WRITERS: dict[str, Writer] = {}


def writer(name: str) -> Callable[[Writer], Writer]:
    def register(function: Writer) -> Writer:
        WRITERS[name] = function
        return function

    return register


def write_atomically(path: Path, write: Callable[[IO[str]], T]) -> T:
    """Write to a temporary file beside ``path``, then rename it over ``path``: a failed
    export never leaves a half-written file where a good one was."""
    path = path.resolve()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, delete=False, suffix=".partial", newline="\n"
        ) as tmp:
            try:
                result = write(tmp)
            except BaseException:
                os.unlink(tmp.name)
                raise
        os.replace(tmp.name, path)
    except OSError as error:
        raise AnnotatorError(f"{path}: {error.strerror or error}") from error
    return result


def selected(project: Project, options: ExportOptions) -> Iterable:
    return project.documents(
        status=options.status, language=options.language, annotator=options.annotator
    )


from annotator.io.writers import jsonl  # noqa: E402, F401
