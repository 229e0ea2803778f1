"""Spans checked against spaCy's tokenizer of their language before any export.

Token-based formats (spaCy, CoNLL, Prodigy's token indices) can only carry spans that
start and end on token boundaries. Those that don't are listed — article, span, why — and
never dropped silently; with ``--strict`` they stop the export.
"""

from __future__ import annotations

from annotator.core.gold import GoldDocument
from annotator.i18n import _
from annotator.nlp.tokenize import blank


def misaligned(document: GoldDocument) -> list[str]:
    """One line per span of ``document`` that does not fall on token boundaries."""
    if not document.spans:
        return []
    doc = blank(document.language).make_doc(document.text)
    problems = []
    for span in document.spans:
        if doc.char_span(span.start, span.end, alignment_mode="strict") is None:
            problems.append(
                _("{article}: {label} {start}–{end} {text!r} does not start and end on token"
                  " boundaries").format(
                    article=document.source or document.id, label=span.label, start=span.start,
                    end=span.end, text=document.text[span.start : span.end],
                )
            )  # fmt: skip
    return problems
