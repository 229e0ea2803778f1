"""The things annotators work with, as plain data. Offsets are code points, end-exclusive."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

PREANNOTATE_ON_IMPORT = "preannotate_on_import"
"""Project setting: new imports are pre-annotated (default: yes)."""


class Status(StrEnum):
    """Where one annotator is with one article."""

    TODO = "todo"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    SKIPPED = "skipped"


class SpanSource(StrEnum):
    """Whose a span is: an annotator's, or a recognizer's suggestion."""

    HUMAN = "human"
    SUGGESTIONS = "suggestions"


@dataclass(frozen=True, slots=True)
class SpanDraft:
    """A span not yet stored: offsets in the article's text and a label."""

    start: int
    end: int
    label: str


@dataclass(frozen=True, slots=True)
class ArticleDraft:
    """An article read from a file, normalised, before it is stored.

    ``spans`` came with the file (a Prodigy or doccano record); ``line`` is where in the
    file the article starts, for messages.
    """

    text: str
    title: str
    source: str
    language: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    spans: tuple[SpanDraft, ...] = ()
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Document:
    id: int
    hash: str
    text: str
    title: str
    language: str
    source: str
    meta: dict[str, Any]
    created_at: str


@dataclass(frozen=True, slots=True)
class Span:
    id: int
    document_id: int
    start: int
    end: int
    label: str
    annotator: str | None
    origin: str


@dataclass(frozen=True, slots=True)
class Suggestion:
    id: int
    document_id: int
    start: int
    end: int
    label: str
    recognizer: str
    recognizer_version: str
    score: float | None
    decision: str


@dataclass(frozen=True, slots=True)
class Label:
    """An entity label of the project's schema, with its colour and key."""

    name: str
    color: str
    key: str | None = None
    description: str = ""
    nestable: bool = False
