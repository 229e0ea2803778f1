"""Label Studio JSON: a list of tasks, one an article, with one annotation each.

A task as Label Studio exports it (and imports it, annotations included)::

    {"id": 1,
     "data": {"text": "...", "title": "...", "language": "ru", "source": "...", "meta": {}},
     "annotations": [{"result": [
        {"id": "e1", "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": 4, "end": 10, "text": "Японии", "labels": ["GPE"]}},
        {"from_id": "s1", "to_id": "e1", "type": "relation", "direction": "right",
         "labels": ["speaker"]}]}]}

Next to the file goes ``<name>.labeling-config.xml``, the labeling configuration that
matches it, so the file imports into a new project as is.

**Offsets are code points**, as ours: Label Studio's text editor counts the characters of
the displayed text with ``[...text]`` (``domManager.ts``), which iterates code points, since
label-studio-frontend PR #308 (2022) fixed emoji shifting offsets (issues #1008, #1347).
Exports made before that counted UTF-16 units; a region whose ``value.text`` matches the
article only when its offsets are read as UTF-16 units is read that way.

**Statements** are regions of a second ``Labels`` control, ``statement``: ``Statement``
over the content, ``Cue`` over the cue, ``Mention`` over a speaker, target or addressee
that is not an entity. Relations go *from* the statement region to its parts, labelled
``speaker``, ``addressee``, ``cue``, or with the stance for a target (``against``, ...).
Quote type and statement type are per-region ``Choices`` (``quote_type``,
``statement_type``) and the note a per-region ``TextArea`` (``note``) on the statement
region. Actor links cannot be carried and are counted in the report.

Reading takes the first annotation that was not cancelled (``completions`` in exports of
Label Studio before 1.0); predictions are not gold and are ignored. Errors name the task by
its number in the list, counting from 1, as the line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from annotator.core.errors import InputError, Where
from annotator.core.gold import GoldDocument, GoldRef, GoldSpan, GoldStatement, GoldTarget
from annotator.core.offsets import Utf16Offsets
from annotator.i18n import N_, _
from annotator.io.decode import decode
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
from annotator.io.formats.doccano import ROLES_WITHOUT_SPAN

LABEL_CONTROL = "label"
TEXT_OBJECT = "text"
STATEMENT_CONTROL = "statement"
QUOTE_TYPE = "quote_type"
STATEMENT_TYPE = "statement_type"
NOTE = "note"
STATEMENT, CUE, MENTION = "Statement", "Cue", "Mention"
SPEAKER, ADDRESSEE, CUE_RELATION = "speaker", "addressee", "cue"
CONFIG_SUFFIX = ".labeling-config.xml"

_DOCUMENT_KEYS = ("title", "language", "source")


def config_path(path: Path) -> Path:
    """Where the labeling configuration of the export at ``path`` goes."""
    return path.with_name(path.stem + CONFIG_SUFFIX)


class _Task:
    """The result list of one task being written, with region ids unique in the task."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.result: list[dict[str, Any]] = []
        self.entity_at: dict[tuple[int, int], str] = {}
        self._next = 0

    def region(self, control: str, start: int, end: int, label: str, prefix: str) -> str:
        self._next += 1
        id_ = f"{prefix}{self._next}"
        value = {"start": start, "end": end, "text": self.text[start:end], "labels": [label]}
        self.result.append(self._item(id_, control, "labels", value))
        return id_

    def attribute(
        self, id_: str, control: str, type_: str, start: int, end: int, **value: Any
    ) -> None:
        self.result.append(self._item(id_, control, type_, {"start": start, "end": end, **value}))

    def relation(self, from_id: str, to_id: str, label: str) -> None:
        self.result.append(
            {
                "from_id": from_id,
                "to_id": to_id,
                "type": "relation",
                "direction": "right",
                "labels": [label],
            }
        )

    def referenced(self, ref: GoldRef | None) -> str | None:
        if ref is None or ref.start is None or ref.end is None:
            return None
        key = (ref.start, ref.end)
        if key not in self.entity_at:
            self.entity_at[key] = self.region(STATEMENT_CONTROL, *key, MENTION, "m")
        return self.entity_at[key]

    @staticmethod
    def _item(id_: str, control: str, type_: str, value: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": id_,
            "from_name": control,
            "to_name": TEXT_OBJECT,
            "type": type_,
            "value": value,
        }


class _Vocabulary:
    """Every label, relation and choice the file uses: the labeling config must declare
    them, or Label Studio refuses the annotations."""

    def __init__(self) -> None:
        self.labels: dict[str, None] = {}
        self.roles: dict[str, None] = {}
        self.relations: dict[str, None] = {}
        self.quote_types: dict[str, None] = {}
        self.statement_types: dict[str, None] = {}
        self.notes = False


def _task(document: GoldDocument, number: int, words: _Vocabulary) -> dict[str, Any]:
    task = _Task(document.text)
    for span in document.spans:
        id_ = task.region(LABEL_CONTROL, span.start, span.end, span.label, "e")
        task.entity_at.setdefault((span.start, span.end), id_)
        words.labels[span.label] = None
    for statement in document.statements:
        start, end = statement.content
        hub = task.region(STATEMENT_CONTROL, start, end, STATEMENT, "s")
        if statement.quote_type:
            task.attribute(hub, QUOTE_TYPE, "choices", start, end, choices=[statement.quote_type])
            words.quote_types[statement.quote_type] = None
        if statement.statement_type:
            task.attribute(
                hub, STATEMENT_TYPE, "choices", start, end, choices=[statement.statement_type]
            )
            words.statement_types[statement.statement_type] = None
        if statement.note:
            task.attribute(hub, NOTE, "textarea", start, end, text=[statement.note])
            words.notes = True
        roles = [(SPEAKER, statement.speaker), (ADDRESSEE, statement.addressee)]
        roles[1:1] = [(target.stance, target.ref) for target in statement.targets]
        for label, ref in roles:
            to_id = task.referenced(ref)
            if to_id is not None:
                task.relation(hub, to_id, label)
                words.relations[label] = None
        if statement.cue is not None:
            task.relation(
                hub, task.region(STATEMENT_CONTROL, *statement.cue, CUE, "c"), CUE_RELATION
            )
            words.relations[CUE_RELATION] = None
    for item in task.result:
        if item.get("from_name") == STATEMENT_CONTROL:
            words.roles[item["value"]["labels"][0]] = None
    data: dict[str, Any] = {"text": document.text}
    data.update({key: getattr(document, key) for key in _DOCUMENT_KEYS})
    if document.meta:
        data["meta"] = document.meta
    return {
        "id": document.id if document.id is not None else number,
        "data": data,
        "annotations": [{"result": task.result, "was_cancelled": False, "ground_truth": False}],
    }


def _left_out(document: GoldDocument, report: WriteReport) -> None:
    actors = sum(1 for span in document.spans if span.actor)
    for statement in document.statements:
        for ref in [statement.speaker, statement.addressee, *(t.ref for t in statement.targets)]:
            if ref is not None and ref.actor:
                actors += 1
                if not ref.has_span:
                    report.leave_out(ROLES_WITHOUT_SPAN)
    report.leave_out(ACTORS, actors)


def labeling_config(words: _Vocabulary) -> str:
    """The ``<View>`` that declares every control the tasks' results use."""

    def tags(tag: str, values: Iterable[str]) -> list[str]:
        return [f"    <{tag} value={quoteattr(value)}/>" for value in values]

    lines = ["<View>", '  <Header value="$title"/>']
    lines.append(f'  <Labels name="{LABEL_CONTROL}" toName="{TEXT_OBJECT}">')
    lines += tags("Label", words.labels)
    lines.append("  </Labels>")
    if words.roles:
        lines.append(f'  <Labels name="{STATEMENT_CONTROL}" toName="{TEXT_OBJECT}">')
        lines += tags("Label", words.roles)
        lines.append("  </Labels>")
    lines.append(f'  <Text name="{TEXT_OBJECT}" value="$text"/>')
    if words.relations:
        lines.append("  <Relations>")
        lines += tags("Relation", words.relations)
        lines.append("  </Relations>")
    for name, values in ((QUOTE_TYPE, words.quote_types), (STATEMENT_TYPE, words.statement_types)):
        if values:
            lines.append(f'  <Choices name="{name}" toName="{TEXT_OBJECT}" perRegion="true">')
            lines += tags("Choice", values)
            lines.append("  </Choices>")
    if words.notes:
        lines.append(f'  <TextArea name="{NOTE}" toName="{TEXT_OBJECT}" perRegion="true"/>')
    lines.append("</View>")
    return "\n".join(lines) + "\n"


def write_label_studio(
    documents: Iterable[GoldDocument], path: Path, options: WriteOptions
) -> WriteReport:
    report = WriteReport()
    words = _Vocabulary()
    tasks = []
    for number, document in enumerate(documents, start=1):
        tasks.append(_task(document, number, words))
        _left_out(document, report)
        report.documents += 1
        report.spans += len(document.spans)
        report.statements += len(document.statements)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(tasks, ensure_ascii=False, indent=2, default=str)
    path.write_text(text + "\n", encoding="utf-8", newline="\n")
    config = config_path(path)
    config.write_text(labeling_config(words), encoding="utf-8", newline="\n")
    report.files += [path, config]
    return report


def read_label_studio(path: Path) -> Iterator[GoldDocument]:
    content, _encoding = decode(path.read_bytes(), str(path))
    try:
        tasks = json.loads(content)
    except json.JSONDecodeError as error:
        raise InputError(
            _("not JSON ({reason})").format(reason=error.msg), path=str(path), line=error.lineno
        ) from error
    if isinstance(tasks, dict):
        tasks = [tasks]  # Label Studio imports a single task too
    if not isinstance(tasks, list):
        raise InputError(_("a Label Studio export must be a JSON list of tasks"), path=str(path))
    for number, task in enumerate(tasks, start=1):
        yield _document(task, Where(path, number))


def _document(task: Any, where: Where) -> GoldDocument:
    if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
        raise where.fail(_('a task must be a JSON object with "data"'))
    data = task["data"]
    text = data.get("text")
    if not isinstance(text, str) or not text:
        raise where.fail(_('no "text", or it is empty'))
    meta = dict(data["meta"]) if isinstance(data.get("meta"), dict) else {}
    # other columns of the task's data are the article's metadata too
    meta.update({k: v for k, v in data.items() if k not in ("text", "meta", *_DOCUMENT_KEYS)})
    title, language, source = (str(data.get(key) or "") for key in _DOCUMENT_KEYS)
    spans, statements = _annotation(_result(task, where), text, where)
    return GoldDocument(
        text=text,
        language=language,
        title=title,
        source=source,
        meta=meta,
        spans=tuple(spans),
        statements=tuple(statements),
    )


def _result(task: dict[str, Any], where: Where) -> list[dict[str, Any]]:
    """The result of the first annotation not cancelled (there may be none)."""
    annotations = task.get("annotations")
    if annotations is None:
        annotations = task.get("completions") or []
    if not isinstance(annotations, list):
        raise where.fail(_('each of "result" must be an object'))
    for annotation in annotations:
        if isinstance(annotation, dict) and not annotation.get("was_cancelled"):
            result = annotation.get("result") or []
            if not isinstance(result, list) or not all(isinstance(r, dict) for r in result):
                raise where.fail(_('each of "result" must be an object'))
            return result
    return []


def _offsets(
    value: dict[str, Any], text: str, units: Utf16Offsets, where: Where
) -> tuple[int, int]:
    start, end = value.get("start"), value.get("end")
    label = ", ".join(str(v) for v in value.get("labels") or [])
    if not (type(start) is int and type(end) is int):
        raise where.fail(
            _("span offsets must be whole numbers, got {start!r}–{end!r}").format(
                start=start, end=end
            )
        )
    if start >= end:
        raise where.fail(
            _("span {start}–{end} ({label}) is reversed or empty").format(
                start=start, end=end, label=label
            )
        )
    surface = value.get("text")
    if isinstance(surface, str) and not _same(text[start:end], surface):
        # an export from before Label Studio counted code points (issue #1347)
        first, last = units.from_utf16(start), units.from_utf16(end)
        if first is not None and last is not None and _same(text[first:last], surface):
            return first, last
    if start < 0 or end > len(text):
        raise where.fail(
            _(
                "span {start}–{end} ({label}) is outside the text, which has {length} characters"
            ).format(start=start, end=end, label=label, length=len(text))
        )
    return start, end


_SPACE = re.compile(r"\s+")


def _same(found: str, surface: str) -> bool:
    """Label Studio's ``value.text`` is the displayed text, where a line break may show as
    a space: compare up to whitespace."""
    return _SPACE.sub(" ", found).strip() == _SPACE.sub(" ", surface).strip()


def _annotation(
    result: list[dict[str, Any]], text: str, where: Where
) -> tuple[list[GoldSpan], list[GoldStatement]]:
    units = Utf16Offsets(text)
    regions: dict[Any, tuple[int, int]] = {}
    spans: list[GoldSpan] = []
    hubs: list[Any] = []
    attributes: dict[Any, dict[str, Any]] = {}
    relations: list[dict[str, Any]] = []
    for item in result:
        kind, value = item.get("type"), item.get("value")
        if kind == "relation":
            relations.append(item)
        elif kind == "labels" and isinstance(value, dict):
            start, end = _offsets(value, text, units, where)
            regions.setdefault(item.get("id"), (start, end))
            labels = [str(label) for label in value.get("labels") or []]
            if item.get("from_name") != STATEMENT_CONTROL:
                spans += [GoldSpan(start, end, label) for label in labels]
            elif STATEMENT in labels:
                hubs.append(item.get("id"))
        elif kind in ("choices", "textarea") and isinstance(value, dict):
            attributes.setdefault(item.get("id"), {})[str(item.get("from_name"))] = value
    parts: dict[Any, list[tuple[str, tuple[int, int]]]] = {hub: [] for hub in hubs}
    for item in relations:
        from_id, to_id = item.get("from_id"), item.get("to_id")
        if item.get("direction") == "left":
            from_id, to_id = to_id, from_id
        for id_ in (from_id, to_id):
            if id_ not in regions:
                raise where.fail(_("no entity with id {id}").format(id=id_))
        if from_id in parts:
            for label in item.get("labels") or [""]:
                parts[from_id].append((str(label), regions[to_id]))
    statements = [_statement(regions[hub], parts[hub], attributes.get(hub, {})) for hub in hubs]
    return spans, statements


def _statement(
    content: tuple[int, int], parts: list[tuple[str, tuple[int, int]]], attributes: dict[str, Any]
) -> GoldStatement:
    speaker, addressee, cue = GoldRef(), None, None
    targets: list[GoldTarget] = []
    for label, (start, end) in parts:
        if label == SPEAKER and not speaker.has_span:
            speaker = GoldRef(start, end)
        elif label == ADDRESSEE and addressee is None:
            addressee = GoldRef(start, end)
        elif label == CUE_RELATION and cue is None:
            cue = (start, end)
        elif label not in (SPEAKER, ADDRESSEE, CUE_RELATION):
            targets.append(GoldTarget(GoldRef(start, end), label))

    def choice(control: str) -> str | None:
        chosen = attributes.get(control, {}).get("choices") or []
        return str(chosen[0]) if chosen else None

    note = attributes.get(NOTE, {}).get("text") or []
    return GoldStatement(
        content=content,
        speaker=speaker,
        targets=tuple(targets),
        cue=cue,
        addressee=addressee,
        quote_type=choice(QUOTE_TYPE),
        statement_type=choice(STATEMENT_TYPE),
        note="\n".join(str(line) for line in note) if isinstance(note, list) else str(note),
    )


FORMAT = register(
    Format(
        name="label-studio",
        description=N_("Label Studio JSON tasks, with a labeling config next to them"),
        carries=frozenset({ENTITIES, NESTED, EXACT_TEXT, META, STATEMENTS}),
        write=write_label_studio,
        read=read_label_studio,
        suffix=".json",
    )
)
