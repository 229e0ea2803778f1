"""The one normalisation every article goes through on import, and its identity.

Imported text is changed in exactly two ways, both so that the same article copied on
different systems becomes the same document:

1. newlines: ``\\r\\n`` and a lone ``\\r`` become ``\\n``;
2. Unicode: the text is put in NFC (composed) form, so "й" typed as "и" + combining breve
   and "й" as one code point are the same text.

Nothing else is touched: no whitespace is stripped, no quotes or dashes are replaced.
Offsets of spans that come with a file are carried through both steps.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import unicodedata
from collections.abc import Sequence

_CR = re.compile(r"\r\n?")


def normalize_text(text: str) -> str:
    """Newlines to ``\\n`` and NFC, nothing more."""
    if "\r" in text:
        text = _CR.sub("\n", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def content_hash(text: str) -> str:
    """The identity of a document: SHA-256 of its normalised text, as hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def title_of(text: str, limit: int = 200) -> str:
    """The article's headline: the first line that reads like one, trimmed (shortened to
    ``limit`` characters); the first non-empty line when none does.

    Text copied from a web page often starts with what the page had above the headline:
    icon names, a menu ("Новости / Политика"), a date ("4 Aug, 2022 18:44").
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    chosen = next((line for line in lines[:12] if _reads_like_a_headline(line)), None)
    line = chosen or (lines[0] if lines else "")
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


_MENU_MARKS = ("/", "|", "·", "•", "›", "»")


def _reads_like_a_headline(line: str) -> bool:
    words = line.split()
    if not 3 <= len(words) <= 30:
        return False
    visible = [ch for ch in line if not ch.isspace()]
    if sum(ch.isalpha() for ch in visible) < 0.7 * len(visible):
        return False  # a date, a time, counters
    return sum(line.count(mark) for mark in _MENU_MARKS) < 2


class OffsetsChanged(ValueError):
    """A span boundary falls inside a sequence that normalisation merges (``\\r\\n``, a
    base letter and its combining mark): the span cannot be carried over exactly."""

    def __init__(self, offset: int) -> None:
        self.offset = offset
        super().__init__(offset)


def normalize_with_offsets(text: str, offsets: Sequence[int]) -> tuple[str, list[int]]:
    """Normalise ``text`` and map each offset of the original to the normalised text.

    The text is cut at every offset and each piece normalised on its own; when the pieces
    joined differ from the whole normalised, a boundary split something normalisation
    joins, and :class:`OffsetsChanged` names the first such offset.
    """
    cuts = sorted(set(offsets) | {0, len(text)})
    pieces = [normalize_text(text[a:b]) for a, b in itertools.pairwise(cuts)]
    whole = normalize_text(text)
    if "".join(pieces) != whole:
        joined = ""
        for cut, piece in zip(cuts, pieces, strict=False):
            joined += piece
            if not whole.startswith(joined):
                raise OffsetsChanged(cut)
        raise OffsetsChanged(cuts[-1])
    mapped_cut = [0]
    for piece in pieces:
        mapped_cut.append(mapped_cut[-1] + len(piece))
    mapping = dict(zip(cuts, mapped_cut, strict=False))
    return whole, [mapping[o] for o in offsets]
