"""Exporters: one module per format, registered by format name."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import IO

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


Writer = Callable[[Project, IO[str], ExportOptions], ExportReport]
WRITERS: dict[str, Writer] = {}


def writer(name: str) -> Callable[[Writer], Writer]:
    def register(function: Writer) -> Writer:
        WRITERS[name] = function
        return function

    return register


def selected(project: Project, options: ExportOptions) -> Iterable:
    return project.documents(
        status=options.status, language=options.language, annotator=options.annotator
    )


from annotator.io.writers import jsonl  # noqa: E402, F401
