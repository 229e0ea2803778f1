"""The project's schema as data: entity labels, stance values and statement types, edited
in a dialog or replaced from a file.

The names are what annotations refer to (``spans.label``, ``statement_targets.stance``,
``statements.statement_type``, all ``ON UPDATE CASCADE``): a rename is an UPDATE of the
name, which carries every use along; a value still in use is never removed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from annotator.core.errors import InvariantError
from annotator.core.model import Label
from annotator.core.schema import (
    KIND_TITLES,
    KINDS,
    KindChanges,
    LabelSchema,
    SchemaChanges,
    SchemaValue,
    check_values,
    color_for,
)
from annotator.i18n import _, ngettext

if TYPE_CHECKING:
    from annotator.store.project import Project

# Where each kind's names are used: (table, column).
USES: dict[str, tuple[tuple[str, str], ...]] = {
    "labels": (("spans", "label"), ("suggestions", "label"), ("actors", "label")),
    "stances": (("statement_targets", "stance"),),
    "statement_types": (("statements", "statement_type"),),
}


def _uses(table: str, n: int) -> str:
    """``"the stance of 12 targets"``: ``n`` uses in ``table``, in words."""
    if table == "spans":
        text = ngettext("the label of {n} entity", "the label of {n} entities", n)
    elif table == "suggestions":
        text = ngettext("the label of {n} suggestion", "the label of {n} suggestions", n)
    elif table == "actors":
        text = ngettext("the label of {n} actor", "the label of {n} actors", n)
    elif table == "statement_targets":
        text = ngettext("the stance of {n} target", "the stance of {n} targets", n)
    else:
        text = ngettext("the type of {n} statement", "the type of {n} statements", n)
    return text.format(n=n)


_COLUMNS = {
    "labels": ("name", "color", "key", "description", "nestable"),
    "stances": ("name", "key", "description"),
    "statement_types": ("name", "key", "description"),
}
_PLACEHOLDER = "\u2063schema-edit-{}"  # an invisible separator: no one types it in a name


class SchemaEdits:
    """Schema edits of :class:`~annotator.store.project.Project`."""

    # -- reading -------------------------------------------------------------------------

    def stances(self: Project) -> list[SchemaValue]:
        return self._schema_values("stances")  # type: ignore[return-value]

    def statement_types(self: Project) -> list[SchemaValue]:
        return self._schema_values("statement_types")  # type: ignore[return-value]

    def schema(self: Project) -> LabelSchema:
        """The project's whole schema, each kind in its order."""
        return LabelSchema(
            labels=tuple(self.labels()),
            stances=tuple(self.stances()),
            statement_types=tuple(self.statement_types()),
        )

    def schema_values(self: Project, kind: str) -> list[Label] | list[SchemaValue]:
        """The labels, stances or statement types, by the kind's name."""
        return self._schema_values(_checked(kind))

    def _schema_values(self: Project, kind: str) -> list[Label] | list[SchemaValue]:
        if kind == "labels":
            return self.labels()
        rows = self.db.execute(f"SELECT name, key, description FROM {kind} ORDER BY position, name")
        return [SchemaValue(name, key, description or "") for name, key, description in rows]

    def schema_value_uses(self: Project, kind: str, name: str) -> dict[str, int]:
        """How many annotations use a value, by table (tables without uses left out)."""
        uses = {}
        for table, column in USES[_checked(kind)]:
            count = self.db.execute(
                f"SELECT count(*) FROM {table} WHERE {column} = ?", (name,)
            ).fetchone()[0]
            if count:
                uses[table] = count
        return uses

    def describe_uses(self: Project, kind: str, name: str) -> str:
        """``"the stance of 12 targets"``: what uses a value, for a message ("" when unused)."""
        return ", ".join(_uses(table, n) for table, n in self.schema_value_uses(kind, name).items())

    # -- writing -------------------------------------------------------------------------

    def save_schema_values(
        self: Project,
        kind: str,
        values: Sequence[Label] | Sequence[SchemaValue],
        renames: Mapping[str, str] | None = None,
        *,
        annotator: str | None,
    ) -> KindChanges:
        """Make ``kind`` exactly ``values``, in that order, in one edit.

        ``renames`` maps old names to new ones (which ``values`` has): every use of the old
        name follows it. Renaming to the name of another value that stays merges the two: the uses
        of the old one get the other. A value left out of ``values`` is removed, unless
        something uses it: then :class:`InvariantError` says what, and nothing changes.
        """
        kind = _checked(kind)
        with self.edit():
            changes = self._write_kind(kind, values, dict(renames or {}))
            if changes:
                self.journal("edit schema", annotator=annotator, subject=kind,
                             data=_journal_data(changes))  # fmt: skip
        return changes

    def import_schema(
        self: Project, schema: LabelSchema, *, replace: bool = False, annotator: str | None
    ) -> SchemaChanges:
        """Bring a schema (from a file) into the project, in one edit.

        By default values new to the project are added, and those it has (by name) take
        the file's key, description and colour. With ``replace`` each kind the file gives
        becomes exactly the file's list, in its order (a used value is not removed: see
        :meth:`save_schema_values`). A field the file leaves out keeps the project's value.
        """
        changes: dict[str, KindChanges] = {}
        with self.edit():
            for kind in KINDS:
                if not schema.has(kind):
                    continue
                values = _imported(kind, self._schema_values(kind), schema, replace=replace)
                changes[kind] = self._write_kind(kind, values, {})
            result = SchemaChanges(**changes)
            if result:
                self.journal("import schema", annotator=annotator, subject="schema",
                             data={"replace": replace, **{kind: _journal_data(kind_changes)
                                   for kind, kind_changes in changes.items()}})  # fmt: skip
        return result

    def _write_kind(
        self: Project,
        kind: str,
        values: Sequence[Label] | Sequence[SchemaValue],
        renames: dict[str, str],
    ) -> KindChanges:
        """The writes of one kind (inside an edit); checks everything before the first."""
        values = [_stripped(value) for value in values]
        check_values(kind, values)
        title = _(KIND_TITLES[kind])
        current = {value.name: value for value in self._schema_values(kind)}
        order = list(current)
        wanted = {value.name: value for value in values}
        renames = {old: new.strip() for old, new in renames.items() if old != new.strip()}
        for old, new in renames.items():
            if old not in current:
                raise InvariantError(
                    _("{kind}: there is no {name!r} to rename").format(kind=title, name=old)
                )
            if new not in wanted:
                raise InvariantError(
                    _("{kind}: {old!r} is renamed to {new!r}, which is not in the list").format(
                        kind=title, old=old, new=new
                    )
                )
        removed = [name for name in order if name not in renames and name not in wanted]
        refusals = [
            _("{name!r} is {uses}; merge it into another or keep it").format(name=name, uses=uses)
            for name in removed
            if (uses := self.describe_uses(kind, name))
        ]
        if refusals:
            raise InvariantError("; ".join(refusals))

        table = kind
        # Two steps, so that swaps (a→b, b→a) and merges (a→b where b stays) work alike:
        # every renamed value first gets a placeholder name, then its new name, or (when a
        # value already has the new name) its uses move to that value and it goes.
        placeholders = {old: _PLACEHOLDER.format(i) for i, old in enumerate(renames)}
        for old, placeholder in placeholders.items():
            self.db.execute(f"UPDATE {table} SET name = ? WHERE name = ?", (placeholder, old))
        renamed: list[tuple[str, str]] = []
        merged: list[tuple[str, str]] = []
        for old, new in renames.items():
            placeholder = placeholders[old]
            exists = self.db.execute(f"SELECT 1 FROM {table} WHERE name = ?", (new,)).fetchone()
            if exists:
                for use_table, column in USES[kind]:
                    self.db.execute(f"UPDATE {use_table} SET {column} = ? WHERE {column} = ?",
                                    (new, placeholder))  # fmt: skip
                self.db.execute(f"DELETE FROM {table} WHERE name = ?", (placeholder,))
                merged.append((old, new))
            else:
                self.db.execute(f"UPDATE {table} SET name = ? WHERE name = ?", (new, placeholder))
                renamed.append((old, new))
        for name in removed:
            self.db.execute(f"DELETE FROM {table} WHERE name = ?", (name,))

        # Which value of the project each wanted one was (none: it is new).
        source = {name: value for name, value in current.items() if name not in renames}
        origin = {name: name for name in source}
        for old, new in renamed:
            source[new], origin[new] = current[old], old
        added: list[str] = []
        updated: list[str] = []
        columns = _COLUMNS[kind]
        for position, value in enumerate(values):
            row: dict[str, Any] = {column: getattr(value, column) for column in columns}
            row["position"] = position
            if isinstance(value, Label):
                row["nestable"] = int(value.nestable)
            was = source.get(value.name)
            if was is None:
                added.append(value.name)
            elif {**_fields(was), "name": value.name} != _fields(value):
                updated.append(value.name)
            assignments = ", ".join(f"{column} = excluded.{column}" for column in row)
            self.db.execute(
                f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})"
                f" ON CONFLICT(name) DO UPDATE SET {assignments}",
                list(row.values()),
            )
        if kind == "labels":
            self._labels = None
        kept = [origin[value.name] for value in values if value.name in origin]
        return KindChanges(
            added=tuple(added), updated=tuple(updated), removed=tuple(removed),
            renamed=tuple(renamed), merged=tuple(merged),
            reordered=kept != sorted(kept, key=order.index),
        )  # fmt: skip


def _checked(kind: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"not a kind of schema value: {kind!r}")
    return kind


def _stripped(value: Label | SchemaValue) -> Label | SchemaValue:
    """The value with its name trimmed and an empty key as no key."""
    fields = {**_fields(value), "name": value.name.strip(), "key": value.key or None}
    return type(value)(**fields)


def _fields(value: Label | SchemaValue) -> dict[str, Any]:
    return {name: getattr(value, name) for name in value.__slots__}


def _imported(
    kind: str,
    current: Sequence[Label | SchemaValue],
    schema: LabelSchema,
    *,
    replace: bool,
) -> list[Label | SchemaValue]:
    """The values of ``kind`` after importing ``schema``'s (see ``import_schema``)."""
    have = {value.name: value for value in current}
    result: list[Label | SchemaValue] = [] if replace else list(current)
    for value in schema.values(kind):
        old = have.get(value.name)
        fields = _fields(value)
        if old is not None:
            for name in fields:
                if not schema.gives(kind, value.name, name):
                    fields[name] = getattr(old, name)
        if isinstance(value, Label) and not fields["color"]:
            fields["color"] = color_for(len(result))
        imported = type(value)(**fields)
        if old is not None and not replace:
            result[result.index(old)] = imported
        else:
            result.append(imported)
    return result


def _journal_data(changes: KindChanges) -> dict[str, Any]:
    return {
        "added": list(changes.added), "updated": list(changes.updated),
        "removed": list(changes.removed), "renamed": [list(r) for r in changes.renamed],
        "merged": [list(m) for m in changes.merged], "reordered": changes.reordered,
    }  # fmt: skip
