"""The evaluation articles in ``resources/samples/eval``: news written for the project with
every entity marked inline as ``[[surface|LABEL]]``.

Read here into plain text and spans, so that pre-annotation and training can be scored on
articles none of the recognizers was built from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from annotator.core.model import SpanDraft

FOLDER = Path(__file__).resolve().parent.parent / "resources" / "eval"
MARK = re.compile(r"\[\[([^\]|]+)\|([A-Z]+)\]\]")


@dataclass(frozen=True, slots=True)
class EvalArticle:
    name: str
    language: str
    text: str
    entities: tuple[SpanDraft, ...]


def parse(marked: str) -> tuple[str, tuple[SpanDraft, ...]]:
    """The text without marks, and the marked entities by offsets in it."""
    pieces: list[str] = []
    entities: list[SpanDraft] = []
    length = 0
    last = 0
    for match in MARK.finditer(marked):
        before = marked[last : match.start()]
        pieces.append(before)
        length += len(before)
        surface, label = match.group(1), match.group(2)
        entities.append(SpanDraft(length, length + len(surface), label))
        pieces.append(surface)
        length += len(surface)
        last = match.end()
    pieces.append(marked[last:])
    text = "".join(pieces)
    if "[[" in text or "]]" in text:
        raise ValueError("a mark is left unparsed")
    return text, tuple(entities)


def articles(language: str | None = None, folder: Path = FOLDER) -> list[EvalArticle]:
    found = []
    for file in sorted(folder.glob("*/*.txt")):
        if language and file.parent.name != language:
            continue
        text, entities = parse(file.read_text("utf-8"))
        found.append(EvalArticle(file.stem, file.parent.name, text, entities))
    return found
