"""JSON Lines with one article a line, with the spans they already carry.

Two shapes are understood:

* Prodigy: ``{"text", "spans": [{"start", "end", "label"}], "meta"}``;
* doccano: ``{"text", "label": [[start, end, "LABEL"]]}`` (and its relation variant with
  ``"entities": [{"start_offset", "end_offset", "label"}]``).

Prodigy's offsets are code points; doccano's are UTF-16 units (its web editor counts an
emoji as two), converted here. A span that carries its own ``text`` is
checked against the article: a mismatch is how offsets counted in UTF-16 units (by a
web tool) show up, and importing them would shift every later span.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.model import ArticleDraft, SpanDraft
from annotator.core.offsets import Utf16Offsets
from annotator.core.text import OffsetsChanged, normalize_with_offsets, title_of
from annotator.i18n import _
from annotator.io.decode import decode, json_lines
from annotator.io.readers import ReadOptions, reader

_DOCCANO = object()  # marks spans whose offsets doccano wrote (in UTF-16 units)
_NOT_META = {
    "text",
    "spans",
    "label",
    "labels",
    "entities",
    "relations",
    "tokens",
    "meta",
    "_input_hash",
    "_task_hash",
    "_view_id",
    "_session_id",
}


@reader(".jsonl", ".ndjson")
def read_jsonl(path: Path, data: bytes, options: ReadOptions) -> list[ArticleDraft]:
    content, encoding = decode(data, str(path))
    drafts = [
        _draft(record, path, number, encoding) for number, record in json_lines(content, str(path))
    ]
    if not drafts:
        raise InputError(_("the file is empty"), path=str(path))
    return drafts


def _draft(record: Any, path: Path, line: int, encoding: str) -> ArticleDraft:
    def fail(reason: str) -> InputError:
        return InputError(reason, path=str(path), line=line)

    if not isinstance(record, dict):
        raise fail(_('a line must be a JSON object with a "text"'))
    raw = record.get("text")
    if not isinstance(raw, str) or not raw.strip():
        raise fail(_('no "text", or it is empty'))
    spans = [
        _span(item, raw, fail) for item in _in_code_points(_raw_spans(record, fail), raw, fail)
    ]
    offsets = [o for s in spans for o in (s.start, s.end)]
    try:
        text, mapped = normalize_with_offsets(raw, offsets)
    except OffsetsChanged as error:
        raise fail(
            _("a span boundary at {offset} splits a line break or a letter from its accent").format(
                offset=error.offset
            )
        ) from error
    spans = [SpanDraft(mapped[2 * i], mapped[2 * i + 1], s.label) for i, s in enumerate(spans)]
    meta = record.get("meta") if isinstance(record.get("meta"), dict) else {}
    meta = {**{k: v for k, v in record.items() if k not in _NOT_META}, **meta}
    if record.get("answer"):
        meta["answer"] = record["answer"]
    meta["encoding"] = encoding
    language = meta.get("lang") or meta.get("language")
    return ArticleDraft(
        text=text,
        title=str(meta.get("title") or title_of(text)),
        source=f"{path}:{line}",
        language=str(language) if language else None,
        meta=meta,
        spans=tuple(spans),
        line=line,
    )


def _raw_spans(record: dict[str, Any], fail: Any) -> list[tuple[Any, Any, Any, Any]]:
    """(start, end, label, text or None) of every span, whichever tool wrote the record."""
    found: list[tuple[Any, Any, Any, Any]] = []
    for item in record.get("spans") or []:
        if not isinstance(item, dict):
            raise fail(_('each of "spans" must be an object with start, end and label'))
        found.append((item.get("start"), item.get("end"), item.get("label"), item.get("text")))
    for key in ("label", "labels"):
        value = record.get(key)
        if isinstance(value, list):
            for item in value:
                if not (isinstance(item, list | tuple) and len(item) == 3):
                    raise fail(_('each of "{key}" must be [start, end, label]').format(key=key))
                found.append((item[0], item[1], item[2], _DOCCANO))
    for item in record.get("entities") or []:
        if not isinstance(item, dict):
            raise fail(_('each of "entities" must be an object'))
        found.append(
            (item.get("start_offset"), item.get("end_offset"), item.get("label"), _DOCCANO)
        )
    return found


def _in_code_points(
    found: list[tuple[Any, Any, Any, Any]], text: str, fail: Any
) -> list[tuple[Any, Any, Any, Any]]:
    """doccano's offsets count UTF-16 units (its editor measures JavaScript strings);
    Prodigy's count code points. Convert the former; refuse an offset inside a character."""
    units = Utf16Offsets(text)
    converted = []
    for start, end, label, surface in found:
        if surface is _DOCCANO and type(start) is int and type(end) is int:
            start16, end16 = start, end
            start, end = units.from_utf16(start16), units.from_utf16(end16)
            if start is None or end is None:
                raise fail(_("span {start}–{end} ({label}) splits an emoji or another character"
                             " outside the Basic Multilingual Plane").format(
                    start=start16, end=end16, label=label))  # fmt: skip
            surface = None
        converted.append((start, end, label, surface))
    return converted


def _span(item: tuple[Any, Any, Any, Any], text: str, fail: Any) -> SpanDraft:
    start, end, label, surface = item
    if not (type(start) is int and type(end) is int):
        raise fail(
            _("span offsets must be whole numbers, got {start!r}–{end!r}").format(
                start=start, end=end
            )
        )
    if not isinstance(label, str) or not label.strip():
        raise fail(_("span {start}–{end} has no label").format(start=start, end=end))
    if start >= end:
        raise fail(
            _("span {start}–{end} ({label}) is reversed or empty").format(
                start=start, end=end, label=label
            )
        )
    if start < 0 or end > len(text):
        raise fail(
            _(
                "span {start}–{end} ({label}) is outside the text, which has {length} characters"
            ).format(start=start, end=end, label=label, length=len(text))
        )
    if isinstance(surface, str) and surface != text[start:end]:
        raise fail(
            _(
                "span {start}–{end} says {expected!r} but the text there is {found!r};"
                " offsets must count characters (code points), not UTF-16 units or"
                " bytes"
            ).format(start=start, end=end, expected=surface, found=text[start:end])
        )
    return SpanDraft(start, end, label.strip())
