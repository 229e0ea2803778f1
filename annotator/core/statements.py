"""Statements as the window and the store see them: a stored statement with its id and
provenance, and a statement a recognizer suggests.

The statement's fields are a :class:`~annotator.core.gold.GoldStatement` (offsets and
actor names, never row ids), so the same value travels to exports, back from imports, and
through undo and redo.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.gold import GoldRef, GoldStatement

QUOTE_TYPES = ("direct", "indirect", "mixed")


@dataclass(frozen=True, slots=True)
class StoredStatement:
    id: int
    document_id: int
    statement: GoldStatement
    annotator: str | None
    origin: str

    @property
    def start(self) -> int:
        return self.statement.content[0]

    @property
    def end(self) -> int:
        return self.statement.content[1]


@dataclass(frozen=True, slots=True)
class StatementDraft:
    """A statement a recognizer proposes: content, the cue it found, and a speaker guessed
    from the entities of the sentence (offsets; None when it found none)."""

    content: tuple[int, int]
    cue: tuple[int, int] | None = None
    speaker: tuple[int, int] | None = None
    quote_type: str | None = None
    score: float | None = None


@dataclass(frozen=True, slots=True)
class StatementSuggestion:
    id: int
    document_id: int
    draft: StatementDraft
    recognizer: str
    recognizer_version: str
    decision: str = "open"

    @property
    def start(self) -> int:
        return self.draft.content[0]

    @property
    def end(self) -> int:
        return self.draft.content[1]

    def as_statement(self, speaker_actor: str | None = None) -> GoldStatement:
        """The statement accepting it makes (its speaker by offsets, or an actor)."""
        draft = self.draft
        speaker = GoldRef(draft.speaker[0], draft.speaker[1]) if draft.speaker else GoldRef()
        if speaker_actor:
            speaker = GoldRef(speaker.start, speaker.end, speaker_actor)
        return GoldStatement(
            content=draft.content, speaker=speaker, cue=draft.cue, quote_type=draft.quote_type,
            origin="accepted",
        )  # fmt: skip


def ref_text(text: str, ref: GoldRef | None) -> str:
    """How a speaker, addressee or target reads: the entity's words, or the actor's name."""
    if ref is None:
        return ""
    if ref.has_span:
        assert ref.start is not None and ref.end is not None
        return text[ref.start : ref.end].replace("\n", " ")
    return ref.actor or ""
