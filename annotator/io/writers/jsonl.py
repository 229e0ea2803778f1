"""Prodigy-style JSON Lines: one task per article, tokens and spans with token indices.

``end`` is exclusive and ``token_end`` inclusive, as Prodigy has them. Hashes are 32-bit
MurmurHash values of the task's input and of its input plus spans, so the same article
gets the same ``_input_hash`` from every project.
"""

from __future__ import annotations

import json
from typing import IO, Any

from murmurhash import hash as murmur

from annotator.core.model import Document
from annotator.io.writers import ExportOptions, ExportReport, selected, writer
from annotator.nlp.tokenize import blank
from annotator.store.project import Project


@writer("jsonl")
def write_jsonl(project: Project, out: IO[str], options: ExportOptions) -> ExportReport:
    report = ExportReport(misaligned=[])
    for document in selected(project, options):
        if options.source == "suggestions":
            spans = [(s.start, s.end, s.label) for s in project.suggestions(document.id)]
        else:
            spans = [(s.start, s.end, s.label) for s in project.spans(document.id)]
        task = prodigy_task(document, spans, report)
        out.write(json.dumps(task, ensure_ascii=False))
        out.write("\n")
        report.documents += 1
        report.spans += len(spans)
    return report


def prodigy_task(
    document: Document, spans: list[tuple[int, int, str]], report: ExportReport
) -> dict[str, Any]:
    doc = blank(document.language).make_doc(document.text)
    tokens = [
        {
            "text": t.text,
            "start": t.idx,
            "end": t.idx + len(t.text),
            "id": t.i,
            "ws": bool(t.whitespace_),
        }
        for t in doc
    ]
    out_spans = []
    for start, end, label in spans:
        span = doc.char_span(start, end, alignment_mode="strict")
        if span is None:
            # Kept, with the tokens it touches, and reported: never dropped silently.
            span = doc.char_span(start, end, alignment_mode="expand")
            assert report.misaligned is not None
            report.misaligned.append(
                f"{document.source or document.id}: {label} {start}–{end}"
                f" {document.text[start:end]!r} does not fall on token boundaries"
            )
        out_spans.append(
            {
                "start": start,
                "end": end,
                "token_start": span.start,
                "token_end": span.end - 1,
                "label": label,
            }
        )
    meta = {
        **document.meta,
        "title": document.title,
        "language": document.language,
        "source": document.source,
        "hash": document.hash,
    }
    input_hash = murmur(json.dumps({"text": document.text}, ensure_ascii=False, sort_keys=True))
    task_hash = murmur(
        json.dumps({"input": input_hash, "spans": out_spans}, ensure_ascii=False, sort_keys=True)
    )
    return {
        "text": document.text,
        "meta": meta,
        "_input_hash": input_hash,
        "_task_hash": task_hash,
        "tokens": tokens,
        "spans": out_spans,
        "answer": "accept",
    }
