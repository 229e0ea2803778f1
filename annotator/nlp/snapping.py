"""Snap a selection to whole tokens, with spaCy's tokenizer for the article's language.

Only the paragraph around the selection is tokenized, so snapping in a long article costs
the same as in a short one.
"""

from __future__ import annotations

from annotator.nlp.tokenize import blank


def snap_to_tokens(text: str, start: int, end: int, language: str) -> tuple[int, int]:
    """The smallest run of whole tokens covering ``[start, end)`` (whitespace trimmed);
    ``(start, end)`` unchanged when the selection holds no token."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return start, end
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    right = len(text) if right == -1 else right
    doc = blank(language).make_doc(text[left:right])
    tokens = [(left + t.idx, left + t.idx + len(t.text)) for t in doc]
    covered = [(s, e) for s, e in tokens if s < end and e > start]
    if not covered:
        return start, end
    return covered[0][0], covered[-1][1]


def token_bounds(text: str, around: int, language: str) -> tuple[list[int], list[int]]:
    """Where the tokens of the paragraph around ``around`` start, and where they end."""
    left = text.rfind("\n", 0, max(0, around - 1)) + 1
    right = text.find("\n", around)
    right = len(text) if right == -1 else right
    doc = blank(language).make_doc(text[left:right])
    starts = [left + token.idx for token in doc]
    ends = [left + token.idx + len(token.text) for token in doc]
    return starts, ends
