"""doccano sequence labelling, as JSON Lines: one article a line.

Two shapes, as doccano itself exports them (``backend/data_export`` in doccano):

* plain: ``{"text", "label": [[start, end, "LABEL"], ...], "meta": {...}}``;
* relation variant (a project with "Use relation labeling"): ``{"text", "entities":
  [{"id", "label", "start_offset", "end_offset"}], "relations": [{"id", "from_id",
  "to_id", "type"}], "meta": {...}}``.

**Offsets are UTF-16 code units**, not code points: doccano's editor (v-annotator) takes
them from the browser's selection and JavaScript string lengths, so an emoji counts two
(doccano issue #2290: in ``"👨🏻‍🚒 firemen drive firetrucks"`` doccano has "firetrucks" at
22–32, Python at 19–29). They are converted exactly both ways; an offset that falls
between the two halves of an emoji is refused. Projects created with "Count grapheme
clusters as one character" count graphemes instead and are not supported.

doccano keeps any key besides the text and the labels as the article's metadata and writes
it back on export, so title, language, source and our own metadata travel in ``"meta"``.

**Statements** need the relation variant; it is written for the whole file as soon as one
article has a statement (a doccano project either uses relations or not). Every statement
becomes an entity labelled ``STATEMENT`` over its content, and relations go *from* that
entity to its parts:

* ``speaker`` → the speaker's entity; ``addressee`` → the addressee's entity;
* ``cue`` → an entity labelled ``CUE`` over the cue;
* any other type → a target, the type being the stance (``against``, ``favor``, ...).

A speaker, target or addressee whose offsets are not an entity of the article gets an
entity labelled ``MENTION``. ``STATEMENT``, ``CUE`` and ``MENTION`` are therefore reserved
labels in this variant, and ``speaker``, ``addressee`` and ``cue`` cannot be stances.
doccano has no attributes: quote type, statement type, note and actor links are left out
and counted in the report. Import the file into a project with overlapping spans allowed:
a statement usually contains entities. Entity and relation ids are unique in the whole file,
whether doccano maps them per line or per file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import count
from pathlib import Path
from typing import Any

from annotator.core.errors import Where
from annotator.core.gold import GoldDocument, GoldRef, GoldSpan, GoldStatement, GoldTarget
from annotator.core.offsets import Utf16Offsets
from annotator.i18n import N_, _
from annotator.io.decode import decode, json_lines
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

STATEMENT = "STATEMENT"
CUE = "CUE"
MENTION = "MENTION"
SPEAKER = "speaker"
ADDRESSEE = "addressee"
CUE_RELATION = "cue"

QUOTE_TYPES = "quote types"
STATEMENT_TYPES = "statement types"
NOTES = "statement notes"
ROLES_WITHOUT_SPAN = "speakers, targets or addressees without a span"

_DOCUMENT_KEYS = ("title", "language", "source")
# Keys of a record that are not metadata: doccano's own export adds "id" and "Comments".
_NOT_META = {"text", "label", "labels", "entities", "relations", "meta", "id", "Comments"}


def _dumps(record: dict[str, Any]) -> str:
    """One JSON line that every line splitter keeps whole.

    ``ensure_ascii=False`` keeps Cyrillic readable, but leaves NEL and the Unicode line and
    paragraph separators raw, and ``str.splitlines()`` (and editors) break lines there.
    """
    line = json.dumps(record, ensure_ascii=False, default=str)
    return line.replace("\x85", "\\u0085").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _meta(document: GoldDocument) -> dict[str, Any]:
    return {
        **document.meta,
        "title": document.title,
        "language": document.language,
        "source": document.source,
    }


def _left_out(document: GoldDocument, report: WriteReport) -> None:
    """Count what neither doccano variant can carry, so the export says it instead of
    dropping it silently."""
    actors = sum(1 for span in document.spans if span.actor)
    for statement in document.statements:
        refs = [statement.speaker, statement.addressee, *(t.ref for t in statement.targets)]
        for ref in refs:
            if ref is None:
                continue
            actors += bool(ref.actor)
            if not ref.has_span and ref.actor:
                report.leave_out(ROLES_WITHOUT_SPAN)
        report.leave_out(QUOTE_TYPES, bool(statement.quote_type))
        report.leave_out(STATEMENT_TYPES, bool(statement.statement_type))
        report.leave_out(NOTES, bool(statement.note))
    report.leave_out(ACTORS, actors)


def _plain_record(document: GoldDocument) -> dict[str, Any]:
    units = Utf16Offsets(document.text)
    return {
        "text": document.text,
        "label": [
            [units.to_utf16(s.start), units.to_utf16(s.end), s.label] for s in document.spans
        ],
        "meta": _meta(document),
    }


def _relation_record(
    document: GoldDocument, entity_ids: Iterator[int], relation_ids: Iterator[int]
) -> dict[str, Any]:
    units = Utf16Offsets(document.text)
    entities: list[dict[str, Any]] = []
    relations: list[dict[str, Any]] = []
    by_offsets: dict[tuple[int, int], int] = {}

    def entity(start: int, end: int, label: str) -> int:
        id_ = next(entity_ids)
        entities.append(
            {
                "id": id_,
                "label": label,
                "start_offset": units.to_utf16(start),
                "end_offset": units.to_utf16(end),
            }
        )
        return id_

    def relation(from_id: int, to_id: int, type_: str) -> None:
        relations.append(
            {"id": next(relation_ids), "from_id": from_id, "to_id": to_id, "type": type_}
        )

    def referenced(ref: GoldRef) -> int | None:
        if ref.start is None or ref.end is None:
            return None
        key = (ref.start, ref.end)
        if key not in by_offsets:
            by_offsets[key] = entity(ref.start, ref.end, MENTION)
        return by_offsets[key]

    for span in document.spans:
        by_offsets.setdefault((span.start, span.end), entity(span.start, span.end, span.label))
    for statement in document.statements:
        hub = entity(*statement.content, STATEMENT)
        roles = [(SPEAKER, statement.speaker)]
        roles += [(target.stance, target.ref) for target in statement.targets]
        if statement.addressee is not None:
            roles.append((ADDRESSEE, statement.addressee))
        for type_, ref in roles:
            to_id = referenced(ref)
            if to_id is not None:
                relation(hub, to_id, type_)
        if statement.cue is not None:
            relation(hub, entity(*statement.cue, CUE), CUE_RELATION)
    return {
        "text": document.text,
        "entities": entities,
        "relations": relations,
        "meta": _meta(document),
    }


def write_doccano(
    documents: Iterable[GoldDocument], path: Path, options: WriteOptions
) -> WriteReport:
    report = WriteReport()
    documents = list(documents)
    with_relations = any(document.statements for document in documents)
    entity_ids, relation_ids = count(1), count(1)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for document in documents:
            if with_relations:
                record = _relation_record(document, entity_ids, relation_ids)
            else:
                record = _plain_record(document)
            out.write(_dumps(record))
            out.write("\n")
            _left_out(document, report)
            report.documents += 1
            report.spans += len(document.spans)
            report.statements += len(document.statements)
    report.files.append(path)
    return report


def read_doccano(path: Path) -> Iterator[GoldDocument]:
    data = path.read_bytes()
    if not data.strip():
        return  # an export of no articles
    content, _encoding = decode(data, str(path))
    for number, record in json_lines(content, str(path)):
        yield _document(record, Where(path, number))


def _document(record: Any, where: Where) -> GoldDocument:
    if not isinstance(record, dict):
        raise where.fail(_('a line must be a JSON object with a "text"'))
    text = record.get("text")
    if not isinstance(text, str) or not text:
        raise where.fail(_('no "text", or it is empty'))
    meta = record.get("meta") if isinstance(record.get("meta"), dict) else {}
    # doccano writes metadata it was given as top-level keys; ours comes back under "meta"
    meta = {**{k: v for k, v in record.items() if k not in _NOT_META}, **meta}
    title, language, source = (str(meta.pop(key, "") or "") for key in _DOCUMENT_KEYS)
    units = Utf16Offsets(text)
    spans: list[GoldSpan] = []
    for key in ("label", "labels"):
        items = record.get(key)
        if isinstance(items, list):
            for item in items:
                if not (isinstance(item, list) and len(item) == 3):
                    raise where.fail(
                        _('each of "{key}" must be [start, end, label]').format(key=key)
                    )
                spans.append(_span(item[0], item[1], item[2], units, where))
    statements: list[GoldStatement] = []
    if record.get("entities") is not None:
        entity_spans, statements = _entities(record, units, where)
        spans.extend(entity_spans)
    return GoldDocument(
        text=text,
        language=language,
        title=title,
        source=source,
        meta=meta,
        spans=tuple(spans),
        statements=tuple(statements),
    )


def _span(start: Any, end: Any, label: Any, units: Utf16Offsets, where: Where) -> GoldSpan:
    """A span with code point offsets from one with UTF-16 offsets, checked."""
    if not (type(start) is int and type(end) is int):
        raise where.fail(
            _("span offsets must be whole numbers, got {start!r}–{end!r}").format(
                start=start, end=end
            )
        )
    if not isinstance(label, str) or not label.strip():
        raise where.fail(_("span {start}–{end} has no label").format(start=start, end=end))
    if start >= end:
        raise where.fail(
            _("span {start}–{end} ({label}) is reversed or empty").format(
                start=start, end=end, label=label
            )
        )
    if start < 0 or end > units.length:
        raise where.fail(
            _(
                "span {start}–{end} ({label}) is outside the text, which has {length} characters"
            ).format(start=start, end=end, label=label, length=units.length)
        )
    first, last = units.from_utf16(start), units.from_utf16(end)
    if first is None or last is None:
        raise where.fail(
            _(
                "span {start}–{end} ({label}) splits an emoji in two; offsets must count"
                " UTF-16 units, as doccano does"
            ).format(start=start, end=end, label=label)
        )
    return GoldSpan(first, last, label)


def _entities(
    record: dict[str, Any], units: Utf16Offsets, where: Where
) -> tuple[list[GoldSpan], list[GoldStatement]]:
    """Entities and statements of the relation variant (see the module's docstring)."""
    entities = record.get("entities")
    relations = record.get("relations") or []
    if not isinstance(entities, list) or not isinstance(relations, list):
        raise where.fail(_('each of "entities" must be an object'))
    by_id: dict[Any, GoldSpan] = {}
    spans: list[GoldSpan] = []
    hubs: list[Any] = []
    for item in entities:
        if not isinstance(item, dict):
            raise where.fail(_('each of "entities" must be an object'))
        span = _span(
            item.get("start_offset"), item.get("end_offset"), item.get("label"), units, where
        )
        id_ = item.get("id")
        by_id[id_] = span
        if span.label == STATEMENT:
            hubs.append(id_)
        elif span.label not in (CUE, MENTION):
            spans.append(span)
    parts: dict[Any, list[tuple[str, GoldSpan]]] = {hub: [] for hub in hubs}
    for item in relations:
        if not isinstance(item, dict):
            raise where.fail(
                _('each of "relations" must be an object with from_id, to_id and type')
            )
        for end in ("from_id", "to_id"):
            if item.get(end) not in by_id:
                raise where.fail(_("no entity with id {id}").format(id=item.get(end)))
        if item["from_id"] in parts:
            # relations between plain entities are not statements: nothing to restore
            parts[item["from_id"]].append((str(item.get("type") or ""), by_id[item["to_id"]]))
    return spans, [_statement(by_id[hub], parts[hub]) for hub in hubs]


def _statement(content: GoldSpan, parts: list[tuple[str, GoldSpan]]) -> GoldStatement:
    speaker, addressee, cue = GoldRef(), None, None
    targets: list[GoldTarget] = []
    for type_, span in parts:
        if type_ == SPEAKER and not speaker.has_span:
            speaker = GoldRef(span.start, span.end)
        elif type_ == ADDRESSEE and addressee is None:
            addressee = GoldRef(span.start, span.end)
        elif type_ == CUE_RELATION and cue is None:
            cue = (span.start, span.end)
        elif type_ not in (SPEAKER, ADDRESSEE, CUE_RELATION):
            targets.append(GoldTarget(GoldRef(span.start, span.end), type_))
    return GoldStatement(
        content=(content.start, content.end),
        speaker=speaker,
        targets=tuple(targets),
        cue=cue,
        addressee=addressee,
    )


FORMAT = register(
    Format(
        name="doccano",
        description=N_("doccano JSONL (sequence labelling; relations for statements)"),
        carries=frozenset({ENTITIES, NESTED, EXACT_TEXT, META, STATEMENTS}),
        write=write_doccano,
        read=read_doccano,
        suffix=".jsonl",
    )
)
