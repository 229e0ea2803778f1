"""Spans checked against spaCy's tokenizer of their language before any export.

Token-based formats (spaCy, CoNLL, Prodigy's token indices) can only carry spans that
start and end on token boundaries. Those that don't are listed — article, span, why — and
never dropped silently; with ``--strict`` they stop the export.
"""

from __future__ import annotations

from array import array

from spacy.tokens import Doc

from annotator.core.gold import GoldDocument
from annotator.i18n import _
from annotator.nlp.tokenize import blank, token_bounds, tokenized


def bounds_of(document: GoldDocument) -> list[int]:
    """start0, end0, start1, end1, … of the article's tokens (cached when the project
    has them)."""
    if document.tokens is not None:
        return array("I", document.tokens).tolist()
    return token_bounds(document.language, document.text).tolist()


def misaligned(document: GoldDocument) -> list[str]:
    """One line per span of ``document`` that does not fall on token boundaries."""
    if not document.spans:
        return []
    bounds = bounds_of(document)
    starts, ends = set(bounds[0::2]), set(bounds[1::2])
    problems = []
    for span in document.spans:
        if span.start not in starts or span.end not in ends:
            problems.append(
                _("{article}: {label} {start}–{end} {text!r} does not start and end on token"
                  " boundaries").format(
                    article=document.source or document.id, label=span.label, start=span.start,
                    end=span.end, text=document.text[span.start : span.end],
                )
            )  # fmt: skip
    return problems


def doc_of(document: GoldDocument) -> Doc:
    """The article as a spaCy Doc, built from the project's cached tokens when it has them
    (no tokenizer run), else tokenized."""
    if document.tokens is None:
        return tokenized(document.language, document.text)
    text = document.text
    bounds = array("I", document.tokens).tolist()
    words = [text[s:e] for s, e in zip(bounds[0::2], bounds[1::2], strict=True)]
    spaces = [text[e : e + 1] == " " for e in bounds[1::2]]
    return Doc(blank(document.language).vocab, words=words, spaces=spaces)
