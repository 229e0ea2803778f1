"""An annotated article as every exchange format sees it: text, entities, statements,
actors — by offsets and names, never by database ids.

Exporters turn these into files; importers turn files into these; the store reads and
writes them. Offsets are code points, end-exclusive, as everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class GoldSpan:
    start: int
    end: int
    label: str
    actor: str | None = None
    """The actor the entity is linked to, by canonical name."""


@dataclass(frozen=True, slots=True)
class GoldRef:
    """Who a statement is by or about: an entity of the article (by offsets), an actor (by
    name), or both."""

    start: int | None = None
    end: int | None = None
    actor: str | None = None

    @property
    def has_span(self) -> bool:
        return self.start is not None and self.end is not None


@dataclass(frozen=True, slots=True)
class GoldTarget:
    ref: GoldRef
    stance: str


@dataclass(frozen=True, slots=True)
class GoldStatement:
    content: tuple[int, int]
    speaker: GoldRef
    targets: tuple[GoldTarget, ...] = ()
    cue: tuple[int, int] | None = None
    addressee: GoldRef | None = None
    quote_type: str | None = None
    statement_type: str | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class GoldDocument:
    text: str
    language: str
    title: str = ""
    source: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    spans: tuple[GoldSpan, ...] = ()
    statements: tuple[GoldStatement, ...] = ()
    actor_labels: dict[str, str | None] = field(default_factory=dict)
    """Label of each actor named in the document (canonical name -> label)."""
    id: int | None = None
    """The document's id in the project it came from (exports only)."""
    tokens: bytes | None = field(default=None, compare=False, repr=False)
    """Token boundaries (start, end, … as unsigned 32-bit ints) when the project has them."""
