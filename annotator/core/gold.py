"""An annotated article as every exchange format sees it: text, entities, statements,
actors — by offsets and names, never by database ids.

Exporters turn these into files; importers turn files into these; the store reads and
writes them. Offsets are code points, end-exclusive, as everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from annotator.i18n import _


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
    annotator: str | None = None
    """Who recorded it (None: whoever stores it)."""
    origin: str | None = None
    """How it was made: "manual", "accepted" (a suggestion taken) or "imported"."""

    def refs(self) -> tuple[GoldRef, ...]:
        """Speaker, addressee and targets: every entity or actor the statement names."""
        found = [self.speaker, *(t.ref for t in self.targets)]
        if self.addressee is not None:
            found.insert(1, self.addressee)
        return tuple(found)


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


# -- the JSON form of a statement, shared by the formats that carry statements whole -----


def _ref_to_json(ref: GoldRef | None) -> dict[str, Any] | None:
    return None if ref is None else {"start": ref.start, "end": ref.end, "actor": ref.actor}


def _ref_from_json(data: dict[str, Any] | None) -> GoldRef | None:
    if not data:
        return None
    start, end = data.get("start"), data.get("end")
    return GoldRef(
        int(start) if start is not None else None,
        int(end) if end is not None else None,
        data.get("actor"),
    )


def statement_to_json(statement: GoldStatement) -> dict[str, Any]:
    """Every field of a statement as plain JSON: offsets as ``{"start", "end"}``, speaker,
    addressee and targets by their entity's offsets and their actor's name."""
    cue = statement.cue
    return {
        "content": {"start": statement.content[0], "end": statement.content[1]},
        "cue": {"start": cue[0], "end": cue[1]} if cue else None,
        "speaker": _ref_to_json(statement.speaker),
        "addressee": _ref_to_json(statement.addressee),
        "targets": [{**(_ref_to_json(t.ref) or {}), "stance": t.stance} for t in statement.targets],
        "quote_type": statement.quote_type,
        "statement_type": statement.statement_type,
        "note": statement.note,
        "annotator": statement.annotator,
        "origin": statement.origin,
    }


def statement_from_json(data: dict[str, Any]) -> GoldStatement:
    """The inverse of :func:`statement_to_json`; KeyError, TypeError or ValueError when
    ``data`` is not such a statement."""
    cue = data.get("cue")
    speaker = _ref_from_json(data["speaker"])
    if speaker is None:
        raise ValueError(_("a statement needs a speaker"))
    return GoldStatement(
        content=(int(data["content"]["start"]), int(data["content"]["end"])),
        speaker=speaker,
        targets=tuple(
            GoldTarget(_ref_from_json(t) or GoldRef(), str(t["stance"]))
            for t in data.get("targets") or []
        ),
        cue=(int(cue["start"]), int(cue["end"])) if cue else None,
        addressee=_ref_from_json(data.get("addressee")),
        quote_type=data.get("quote_type"),
        statement_type=data.get("statement_type"),
        note=data.get("note") or "",
        annotator=data.get("annotator"),
        origin=data.get("origin"),
    )
