"""Prodigy-style JSON Lines: one task per article, with tokens, spans and our statements.

``end`` is exclusive and ``token_end`` inclusive, as Prodigy has them; a span off token
boundaries keeps its character offsets and gets the tokens it touches. Hashes are 32-bit
MurmurHash values of the task's input and of its input plus spans, so the same article
has the same ``_input_hash`` in every project. Statements travel in an extra top-level
key, ``statements``, with every field: speaker, addressee and targets by the offsets of
their entity and their actor's name. Prodigy ignores keys it does not know.
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from murmurhash import hash as murmur
from srsly import ujson  # spaCy's own fast JSON, twice the speed of the json module

from annotator.core.errors import InputError
from annotator.core.gold import GoldDocument, GoldSpan, statement_from_json, statement_to_json
from annotator.core.text import title_of
from annotator.i18n import N_, _
from annotator.io.alignment import bounds_of
from annotator.io.formats import (
    ACTORS,
    ENTITIES,
    EXACT_TEXT,
    META,
    NESTED,
    STATEMENTS,
    Format,
    WriteOptions,
    WriteReport,
    register,
)


def task(document: GoldDocument) -> dict[str, Any]:
    text = document.text
    bounds = bounds_of(document)
    starts, ends = bounds[0::2], bounds[1::2]
    # spaCy's whitespace_: one plain space after a token belongs to it
    tokens = [
        {"text": text[s:e], "start": s, "end": e, "id": i, "ws": text[e : e + 1] == " "}
        for i, (s, e) in enumerate(zip(starts, ends, strict=True))
    ]
    spans = []
    for span in document.spans:
        # the tokens the span overlaps: exact for aligned spans, the covering ones otherwise
        first = bisect_right(ends, span.start)
        last = max(first, bisect_left(starts, span.end) - 1)
        if first >= len(starts):  # only in an article without tokens
            first = last = 0
        item: dict[str, Any] = {"start": span.start, "end": span.end, "token_start": first,
                                "token_end": last, "label": span.label}  # fmt: skip
        if span.actor:
            item["actor"] = span.actor
        spans.append(item)
    meta = {**document.meta, "title": document.title, "language": document.language,
            "source": document.source}  # fmt: skip
    input_hash = murmur(ujson.dumps({"text": document.text}, ensure_ascii=False))
    result: dict[str, Any] = {
        "text": document.text,
        "meta": meta,
        "_input_hash": input_hash,
        "_task_hash": murmur(ujson.dumps([input_hash, spans], ensure_ascii=False)),
        "tokens": tokens,
        "spans": spans,
        "answer": "accept",
    }
    if document.statements:
        result["statements"] = [statement_to_json(s) for s in document.statements]
    if document.actor_labels:
        result["actors"] = document.actor_labels
    return result


def write(documents: Iterable[GoldDocument], path: Path, options: WriteOptions) -> WriteReport:
    report = WriteReport(files=[path])
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for document in documents:
            out.write(ujson.dumps(task(document), ensure_ascii=False, escape_forward_slashes=False))
            out.write("\n")
            report.documents += 1
            report.spans += len(document.spans)
            report.statements += len(document.statements)
    return report


def read(path: Path) -> Iterator[GoldDocument]:
    with path.open(encoding="utf-8-sig") as lines:
        for number, line in enumerate(lines, start=1):
            if line.strip():
                yield _document(line, path, number)


def _document(line: str, path: Path, number: int) -> GoldDocument:
    def fail(reason: str) -> InputError:
        return InputError(reason, path=str(path), line=number)

    try:
        record = json.loads(line)
        text = record["text"]
        meta = dict(record.get("meta") or {})
        spans = tuple(
            GoldSpan(int(s["start"]), int(s["end"]), str(s["label"]), s.get("actor"))
            for s in record.get("spans") or []
        )
        statements = tuple(statement_from_json(s) for s in record.get("statements") or [])
    except json.JSONDecodeError as error:
        raise fail(_("not JSON ({reason})").format(reason=error.msg)) from error
    except (KeyError, TypeError, ValueError) as error:
        raise fail(_("not a task with text and spans ({reason})").format(reason=error)) from error
    for span in spans:
        if not 0 <= span.start < span.end <= len(text):
            raise fail(_("span {start}–{end} does not fit the text").format(
                start=span.start, end=span.end))  # fmt: skip
    language = str(meta.pop("language", None) or meta.pop("lang", None) or "xx")
    title = str(meta.pop("title", None) or title_of(text))
    source = str(meta.pop("source", None) or f"{path.name}:{number}")
    return GoldDocument(
        text=text, language=language, title=title, source=source, meta=meta, spans=spans,
        statements=statements, actor_labels=dict(record.get("actors") or {}),
    )  # fmt: skip


register(
    Format(
        name="jsonl",
        description=N_("Prodigy JSONL, with statements"),
        carries=frozenset({ENTITIES, NESTED, STATEMENTS, ACTORS, EXACT_TEXT, META}),
        write=write,
        read=read,
        suffix=".jsonl",
    )
)
