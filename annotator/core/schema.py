"""The label schema: entity labels, stance values and statement types.

A project keeps its own copy; new projects start from ``resources/schema/default.json``,
and a schema file in that format can be imported into a project or exported from one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from annotator.core.errors import InputError, InvariantError
from annotator.core.model import Label
from annotator.i18n import N_, _
from annotator.resources import DEFAULT_SCHEMA

Kind = Literal["labels", "stances", "statement_types"]
KINDS: tuple[Kind, ...] = ("labels", "stances", "statement_types")
KIND_TITLES: dict[str, str] = {
    "labels": N_("Labels"), "stances": N_("Stances"), "statement_types": N_("Statement types"),
}  # fmt: skip
"""The name of each kind for the user (translate with ``_`` where shown)."""

FIELDS: dict[str, tuple[str, ...]] = {
    "labels": ("name", "color", "key", "description", "nestable"),
    "stances": ("name", "key", "description"),
    "statement_types": ("name", "key", "description"),
}
COLOR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
LABEL_KEYS = "123456789"


@dataclass(frozen=True, slots=True)
class SchemaValue:
    """A stance value or a statement type."""

    name: str
    key: str | None = None
    description: str = ""


@dataclass(frozen=True, slots=True)
class LabelSchema:
    labels: tuple[Label, ...]
    stances: tuple[SchemaValue, ...]
    statement_types: tuple[SchemaValue, ...]
    missing: frozenset[tuple[str, ...]] = field(default=frozenset(), compare=False, repr=False)
    """What the file it came from left out: ``(kind,)`` for a whole list, ``(kind, name,
    field)`` for a field of one value. Importing keeps the project's own for those."""

    @classmethod
    def from_dict(cls, data: dict) -> LabelSchema:
        return cls(
            labels=tuple(Label(**item) for item in data.get("labels", ())),
            stances=tuple(SchemaValue(**item) for item in data.get("stances", ())),
            statement_types=tuple(SchemaValue(**item) for item in data.get("statement_types", ())),
        )

    @classmethod
    def load(cls, path: Path = DEFAULT_SCHEMA) -> LabelSchema:
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))

    @classmethod
    def from_file(cls, path: str | Path) -> LabelSchema:
        """Read and check a schema file written by hand or by ``annotator schema export``.

        Raises :class:`InputError` naming the file and what is wrong with it.
        """
        where = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            raise InputError(
                _("not UTF-8 (byte {position})").format(position=error.start), path=where
            ) from error
        except OSError as error:
            raise InputError(error.strerror or str(error), path=where) from error
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise InputError(
                _("not JSON ({reason})").format(reason=error.msg), path=where, line=error.lineno
            ) from error
        try:
            return _parse(data)
        except InvariantError as error:
            raise InputError(str(error), path=where) from error

    def values(self, kind: str) -> tuple[Label, ...] | tuple[SchemaValue, ...]:
        """The labels, stances or statement types, by the kind's name."""
        if kind not in KINDS:
            raise ValueError(kind)
        return getattr(self, kind)

    def has(self, kind: str) -> bool:
        """Whether the schema (or the file it came from) gives this kind at all."""
        return (kind,) not in self.missing

    def gives(self, kind: str, name: str, field_name: str) -> bool:
        """Whether the value ``name`` of ``kind`` came with ``field_name`` set."""
        return (kind, name, field_name) not in self.missing

    def to_dict(self) -> dict[str, list[dict[str, Any]]]:
        """The schema as ``resources/schema/default.json`` has it."""
        labels = []
        for label in self.labels:
            item: dict[str, Any] = {"name": label.name, "color": label.color, "key": label.key,
                                    "description": label.description}  # fmt: skip
            if label.nestable:
                item["nestable"] = True
            labels.append(item)
        result: dict[str, list[dict[str, Any]]] = {"labels": labels}
        for kind in ("stances", "statement_types"):
            result[kind] = [
                {"name": value.name, "key": value.key, "description": value.description}
                for value in self.values(kind)
            ]
        return result

    def to_json(self) -> str:
        """:meth:`to_dict` as JSON laid out like the default schema: one value a line."""
        parts = []
        for kind, items in self.to_dict().items():
            lines = ",\n".join("    " + json.dumps(item, ensure_ascii=False) for item in items)
            parts.append(f'  "{kind}": [\n{lines}\n  ]' if items else f'  "{kind}": []')
        return "{\n" + ",\n".join(parts) + "\n}\n"


def _parse(data: Any) -> LabelSchema:
    """A schema from JSON data, or :class:`InvariantError` saying what is wrong where."""
    if not isinstance(data, dict):
        raise InvariantError(
            _("not a schema: a JSON object with labels, stances and statement_types is expected")
        )
    unknown = sorted(set(data) - set(KINDS))
    if unknown:
        raise InvariantError(
            _("unknown field {field!r} (known: {known})").format(
                field=unknown[0], known=", ".join(KINDS)
            )
        )
    missing: set[tuple[str, ...]] = {(kind,) for kind in KINDS if kind not in data}
    parsed: dict[str, list[Any]] = {kind: [] for kind in KINDS}
    for kind in KINDS:
        items = data.get(kind, [])
        if not isinstance(items, list):
            raise InvariantError(_("{kind} is not a list").format(kind=kind))
        seen: set[str] = set()
        for index, item in enumerate(items):
            where = f"{kind}[{index}]"
            value, left_out = _parse_value(kind, where, item)
            if value.name in seen:
                raise InvariantError(
                    _("{where}: {name!r} is listed twice").format(where=where, name=value.name)
                )
            seen.add(value.name)
            parsed[kind].append(value)
            missing.update((kind, value.name, name) for name in left_out)
    return LabelSchema(
        labels=tuple(parsed["labels"]),
        stances=tuple(parsed["stances"]),
        statement_types=tuple(parsed["statement_types"]),
        missing=frozenset(missing),
    )


def _parse_value(kind: str, where: str, item: Any) -> tuple[Label | SchemaValue, list[str]]:
    if not isinstance(item, dict):
        raise InvariantError(_("{where} is not an object").format(where=where))
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        raise InvariantError(_("{where} has no name").format(where=where))
    name = name.strip()
    known = FIELDS[kind]
    unknown = sorted(set(item) - set(known))
    if unknown:
        raise InvariantError(
            _("{where} ({name}) has an unknown field {field!r} (known: {known})").format(
                where=where, name=name, field=unknown[0], known=", ".join(known)
            )
        )
    for text_field in ("description", "color"):
        if text_field in item and not isinstance(item[text_field], str):
            raise InvariantError(
                _("{where} ({name}): {field} must be text").format(
                    where=where, name=name, field=text_field
                )
            )
    if "color" in item and not COLOR.fullmatch(item["color"]):
        raise InvariantError(
            _("{where} ({name}): colour {color!r} is not of the form #rrggbb").format(
                where=where, name=name, color=item["color"]
            )
        )
    if "nestable" in item and not isinstance(item["nestable"], bool):
        raise InvariantError(
            _("{where} ({name}): nestable must be true or false").format(where=where, name=name)
        )
    key = item.get("key")
    if key is not None and not isinstance(key, str):
        raise InvariantError(
            _("{where} ({name}): key must be text or null").format(where=where, name=name)
        )
    key = key or None
    problem = key_problem(kind, key)
    if problem:
        raise InvariantError(f"{where} ({name}): {problem}")
    left_out = [name for name in known if name != "name" and name not in item]
    description = item.get("description", "")
    if kind == "labels":
        label = Label(name, item.get("color", ""), key, description, item.get("nestable", False))
        return label, left_out
    return SchemaValue(name, key, description), left_out


def key_problem(kind: str, key: str | None) -> str | None:
    """What is wrong with ``key`` as the key of a value of ``kind`` (None: nothing).

    A label's key is a digit 1–9 (the keys that pick labels in the article view); a stance's
    or statement type's is one character.
    """
    if key is None:
        return None
    if kind == "labels":
        if len(key) != 1 or key not in LABEL_KEYS:
            return _("the key {key!r} is not a digit 1–9").format(key=key)
    elif len(key) != 1 or key.isspace():
        return _("the key {key!r} is not a single character or digit").format(key=key)
    return None


def check_values(kind: str, values: Sequence[Label | SchemaValue]) -> None:
    """Names unique and not empty, keys valid and unique within the kind; else
    :class:`InvariantError` naming the kind and the value."""
    title = _(KIND_TITLES[kind])
    names: set[str] = set()
    keys: dict[str, str] = {}
    for value in values:
        if not value.name.strip():
            raise InvariantError(_("{kind}: a value has no name").format(kind=title))
        if value.name in names:
            raise InvariantError(
                _("{kind}: {name!r} is listed twice").format(kind=title, name=value.name)
            )
        names.add(value.name)
        problem = key_problem(kind, value.key)
        if problem:
            raise InvariantError(f"{title}: {value.name!r}: {problem}")
        if value.key is not None:
            if value.key in keys:
                raise InvariantError(
                    _("{kind}: the key {key!r} is used by both {first!r} and {second!r}").format(
                        kind=title, key=value.key, first=keys[value.key], second=value.name
                    )
                )
            keys[value.key] = value.name
        if isinstance(value, Label) and not COLOR.fullmatch(value.color):
            raise InvariantError(
                _("{kind}: {name!r}: colour {color!r} is not of the form #rrggbb").format(
                    kind=title, name=value.name, color=value.color
                )
            )


@dataclass(frozen=True, slots=True)
class KindChanges:
    """What an edit or import changed in one kind of the schema, by name."""

    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    renamed: tuple[tuple[str, str], ...] = ()
    merged: tuple[tuple[str, str], ...] = ()
    """(old, into): values whose uses now have another value, which they were renamed to."""
    reordered: bool = False

    def __bool__(self) -> bool:
        return bool(
            self.added or self.updated or self.removed or self.renamed or self.merged
            or self.reordered
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class SchemaChanges:
    labels: KindChanges = KindChanges()
    stances: KindChanges = KindChanges()
    statement_types: KindChanges = KindChanges()

    def of(self, kind: str) -> KindChanges:
        if kind not in KINDS:
            raise ValueError(kind)
        return getattr(self, kind)

    def __bool__(self) -> bool:
        return any(self.of(kind) for kind in KINDS)


# Distinct, readable on white, in the order new labels get them.
PALETTE = (
    "#f4a3a3", "#9ec5fe", "#a3e4a3", "#ffd27f", "#d4b3ff",
    "#8fe3e0", "#f7b6e0", "#c9d98c", "#ffb38a", "#b8c4d6",
)  # fmt: skip


def color_for(index: int) -> str:
    return PALETTE[index % len(PALETTE)]
