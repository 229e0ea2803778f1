"""Reading brat standoff back into articles, strictly: offsets in range, surfaces equal to
the text, known ids and roles (see :mod:`annotator.io.formats.brat` for the encoding)."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.gold import GoldDocument, GoldRef, GoldSpan, GoldStatement, GoldTarget
from annotator.core.text import title_of
from annotator.i18n import _
from annotator.io.formats.brat import (
    _ID,
    _ROLE,
    ACTOR_NOTE,
    ACTORS_DB,
    ADDRESSEE,
    CUE,
    DOCUMENTS_TSV,
    NOTE,
    QUOTE_TYPE,
    RESERVED_TYPES,
    SPEAKER,
    STANCE,
    STATEMENT,
    STATEMENT_TYPE,
    TARGET,
    _actor_labels,
    _numbered,
)

# -- reading ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _TextBound:
    line: int
    type: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Event:
    line: int
    type: str
    trigger: str
    args: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class _Attached:
    """An attribute, normalization or note: something said about another annotation."""

    line: int
    kind: str
    type: str
    target: str
    value: str | None
    extra: str = ""


_MISSING = object()


def read(path: Path) -> Iterator[GoldDocument]:
    """The articles of a brat folder (``.ann`` files at any depth, each beside its ``.txt``)
    or of one ``.ann`` file."""
    if not path.exists():
        raise InputError(_("no such file or folder"), path=str(path))
    root = path if path.is_dir() else path.parent
    if path.is_dir():
        anns = [p for p in path.rglob("*.ann") if p.is_file()]
        if not anns:
            raise InputError(_("no .ann files in this folder"), path=str(path))
    else:  # one article: its .ann, whether the .ann or the .txt was chosen
        anns = [path.with_suffix(".ann")]
        if not anns[0].is_file():
            raise InputError(_("no such file or folder"), path=str(anns[0]))
    # Each folder's own documents.tsv: a folder may hold several exports side by side.
    indexes = {folder: _read_index(folder) for folder in {ann.parent for ann in anns}}

    def order(ann: Path) -> tuple[Path, int, str]:
        names = list(indexes[ann.parent])
        position = names.index(ann.stem) if ann.stem in names else len(names)
        return ann.parent, position, ann.name

    for ann in sorted(anns, key=order):
        yield _read_pair(ann, indexes[ann.parent].get(ann.stem), root)


def _read_index(root: Path) -> dict[str, dict[str, str]]:
    path = root / DOCUMENTS_TSV
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as lines:
        table = csv.DictReader(lines, dialect="excel-tab")
        if "name" not in (table.fieldnames or ()):
            raise InputError(_("the first line must name the columns"), path=str(path), line=1)
        return {row["name"]: row for row in table if row.get("name")}


def _read_pair(ann: Path, row: dict[str, str] | None, root: Path) -> GoldDocument:
    txt = ann.with_suffix(".txt")
    if not txt.is_file():
        raise InputError(_("there is no {name} beside it").format(name=txt.name), path=str(ann))
    try:
        # Kept as it is, BOM included: brat counts a BOM as a character too.
        text = txt.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            _("not UTF-8 (byte {position})").format(position=error.start), path=str(txt)
        ) from error
    try:
        content = ann.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            _("not UTF-8 (byte {position})").format(position=error.start), path=str(ann)
        ) from error
    spans, statements = _AnnReader(ann, text).read(content)
    if row is None:
        row = {
            "language": "xx",
            "title": title_of(text),
            "source": txt.relative_to(root).as_posix(),
        }
    return GoldDocument(
        text=text, language=row.get("language") or "xx", title=row.get("title") or "",
        source=row.get("source") or "", spans=spans, statements=statements,
        actor_labels=_actor_labels(spans, statements),
    )  # fmt: skip


class _AnnReader:
    """Parses one .ann file against its text and turns it into spans and statements."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text
        self.textbounds: dict[str, _TextBound] = {}
        self.events: dict[str, _Event] = {}
        self.attached: list[_Attached] = []
        self.other: dict[str, int] = {}  # relations: checked, not kept
        self.references: list[tuple[int, str]] = []

    def fail(self, reason: str, line: int) -> InputError:
        return InputError(reason, path=str(self.path), line=line)

    def read(self, content: str) -> tuple[tuple[GoldSpan, ...], tuple[GoldStatement, ...]]:
        # Only "\n" ends a line: other line-break characters may sit in a note.
        for number, raw in enumerate(content.split("\n"), start=1):
            line = raw.removesuffix("\r")
            if line.strip():
                self._line(line, number)
        for number, ref in self.references:
            if ref not in self.textbounds and ref not in self.events and ref not in self.other:
                raise self.fail(_("{id} is not defined in this file").format(id=ref), number)
        return self._build()

    def _line(self, line: str, number: int) -> None:
        id_, tab, rest = line.partition("\t")
        if not tab or not (_ID.fullmatch(id_) or id_ == "*"):
            raise self.fail(_("not a brat annotation line"), number)
        if id_ != "*" and (id_ in self.textbounds or id_ in self.events or id_ in self.other):
            raise self.fail(_("{id} is defined twice").format(id=id_), number)
        kind = id_[0]
        if kind == "T":
            self.textbounds[id_] = self._textbound(id_, rest, number)
            return
        if kind == "E":
            match = re.fullmatch(r"(\S+):(\S+)((?: \S+:\S+)*)\s*", rest)
            if match is None:
                raise self.fail(_("not an event (TYPE:TRIGGER ROLE:ID …)"), number)
            pairs = (a.partition(":") for a in match.group(3).split())
            args = tuple((role, ref) for role, _colon, ref in pairs)
            self.events[id_] = _Event(number, match.group(1), match.group(2), args)
            self.references += [(number, match.group(2)), *((number, a[1]) for a in args)]
            return
        if kind in "AM":
            match = re.fullmatch(r"(\S+) (\S+)(?: (\S+))?\s*", rest)
            parts = match.groups() if match else None
        elif kind == "N":
            match = re.fullmatch(r"(\S+) (\S+) ([^\s:]+:\S+)(?:\t(.*))?", rest, re.DOTALL)
            parts = (*match.groups()[:3], match.group(4) or "") if match else None
        elif kind == "#":
            match = re.fullmatch(r"(\S+) (\S+)(?:\t(.*))?", rest, re.DOTALL)
            parts = (match.group(1), match.group(2), match.group(3) or "") if match else None
        else:  # relations and equivalences: nothing of ours, but their references must hold
            match = re.fullmatch(r"(\S+)((?: (?:\S+:)?\S+)+)\s*", rest)
            if match is None:
                raise self.fail(_("not a relation (TYPE ARG1:ID ARG2:ID)"), number)
            if id_ != "*":
                self.other[id_] = number
            refs = [a.rpartition(":")[2] for a in match.group(2).split()]
            self.references += [(number, ref) for ref in refs]
            return
        if parts is None:
            raise self.fail(_("not a brat annotation line"), number)
        type_, target, value, *extra = parts
        self.other[id_] = number
        self.references.append((number, target))
        self.attached.append(_Attached(number, kind, type_, target, value, *extra))

    def _textbound(self, id_: str, rest: str, number: int) -> _TextBound:
        match = re.fullmatch(r"(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)", rest, re.DOTALL)
        if match is None:
            raise self.fail(
                _("not a text-bound annotation (TYPE START END, a tab, the text)"), number
            )
        type_, offsets, surface = match.groups()
        fragments = [tuple(map(int, pair.split())) for pair in offsets.split(";")]
        last = 0
        for start, end in fragments:
            if start < last or start >= end or end > len(self.text):
                unit = _unit(self.text, fragments, surface)
                reason = (
                    _(
                        "{id}: offsets {offsets} do not fit the text ({length} characters); "
                        "they are counted in {unit}, not in characters"
                    )
                    if unit
                    else _("{id}: offsets {offsets} do not fit the text ({length} characters)")
                )
                raise self.fail(
                    reason.format(id=id_, offsets=offsets, length=len(self.text), unit=unit),
                    number,
                )
            last = end
        found = " ".join(self.text[s:e] for s, e in fragments)
        if found != surface:
            unit = _unit(self.text, fragments, surface)
            reason = (
                _(
                    "{id}: the .ann has the text {surface!r} but the .txt has {found!r} there; "
                    "the offsets are counted in {unit}, not in characters"
                )
                if unit
                else _(
                    "{id}: the .ann has the text {surface!r} but the .txt has {found!r} there; "
                    "were the offsets counted in bytes or UTF-16 units, or was the .txt changed?"
                )
            )
            raise self.fail(reason.format(id=id_, surface=surface, found=found, unit=unit), number)
        return _TextBound(number, type_, fragments[0][0], fragments[-1][1])

    def _build(self) -> tuple[tuple[GoldSpan, ...], tuple[GoldStatement, ...]]:
        triggers = set()
        for event in self.events.values():
            trigger = self.textbounds.get(event.trigger)
            if trigger is None or trigger.type != event.type:
                raise self.fail(
                    _("the trigger of an event must be a text-bound annotation of its type"),
                    event.line,
                )
            triggers.add(event.trigger)
        actors: dict[str, str] = {}
        for item in self.attached:
            if item.kind == "N" and item.type == "Reference":
                database, _colon, key = (item.value or "").partition(":")
                if database != ACTORS_DB:
                    continue
                if item.target not in self.textbounds or item.target in triggers:
                    raise self.fail(_("an actor belongs to an entity"), item.line)
                if item.target in actors:
                    raise self.fail(
                        _("{id} is linked to two actors").format(id=item.target), item.line
                    )
                actors[item.target] = item.extra or key.replace("_", " ")
        spans = tuple(
            GoldSpan(tb.start, tb.end, tb.type, actors.get(id_))
            for id_, tb in self.textbounds.items()
            if id_ not in triggers and tb.type not in RESERVED_TYPES
        )
        statements = tuple(
            self._statement(id_, event, actors, triggers)
            for id_, event in self.events.items()
            if event.type == STATEMENT
        )
        return spans, statements

    def _statement(
        self, id_: str, event: _Event, actors: dict[str, str], triggers: set[str]
    ) -> GoldStatement:
        args: dict[tuple[str, int], str] = {}
        for role, ref in event.args:
            key = self._role(role, event.line, (SPEAKER, TARGET, ADDRESSEE, CUE))
            if key in args:
                raise self.fail(_("{role} appears twice").format(role=role), event.line)
            found = self.textbounds.get(ref)
            is_cue = key[0] == CUE
            if (
                found is None
                or ref in triggers
                or (found.type != CUE if is_cue else found.type in (STATEMENT, CUE))
            ):
                reason = _("{role} must be a Cue") if is_cue else _("{role} must be an entity")
                raise self.fail(reason.format(role=role), event.line)
            args[key] = ref
        notes: list[str] = []
        named: dict[tuple[str, int], str | None] = {}
        stances: dict[int, str] = {}
        stance_lines: dict[int, int] = {}
        kinds: dict[str, str] = {}
        for item in self.attached:
            if item.target != id_:
                continue
            if item.kind == "#" and item.type == NOTE:
                notes.append(item.value or "")
            elif item.kind == "#" and item.type == ACTOR_NOTE:
                role, space, name = (item.value or "").partition(" ")
                key = self._role(role, item.line, (SPEAKER, TARGET, ADDRESSEE))
                if key in named:
                    raise self.fail(_("{role} appears twice").format(role=role), item.line)
                named[key] = name if space else None
            elif item.kind in "AM" and (item.type in (QUOTE_TYPE, STATEMENT_TYPE)):
                if item.value is None or item.type in kinds:
                    raise self.fail(
                        _("{name} needs a value, once per statement").format(name=item.type),
                        item.line,
                    )
                kinds[item.type] = item.value
            elif item.kind in "AM" and re.fullmatch(STANCE + r"\d*", item.type):
                _name, number = self._role(item.type, item.line, (STANCE,))
                if item.value is None or number in stances:
                    raise self.fail(
                        _("{name} needs a value, once per statement").format(name=item.type),
                        item.line,
                    )
                stances[number] = item.value.lower()
                stance_lines[number] = item.line

        def ref(key: tuple[str, int]) -> GoldRef | None:
            name = named.get(key, _MISSING)
            if key in args:
                found = self.textbounds[args[key]]
                actor = actors.get(args[key]) if name is _MISSING else name
                return GoldRef(found.start, found.end, actor)  # type: ignore[arg-type]
            return None if name is _MISSING else GoldRef(actor=name)  # type: ignore[arg-type]

        numbers = sorted({n for role, n in (*args, *named) if role == TARGET})
        for number in stances:
            if number not in numbers:
                raise self.fail(
                    _("{stance} has no {target}").format(
                        stance=_numbered(STANCE, number), target=_numbered(TARGET, number)
                    ),
                    stance_lines[number],
                )
        targets = []
        for number in numbers:
            target_ref = ref((TARGET, number))
            assert target_ref is not None
            targets.append(GoldTarget(target_ref, stances.get(number, "")))
        trigger = self.textbounds[event.trigger]
        cue = self.textbounds[args[(CUE, 1)]] if (CUE, 1) in args else None
        return GoldStatement(
            content=(trigger.start, trigger.end), speaker=ref((SPEAKER, 1)) or GoldRef(),
            targets=tuple(targets), cue=(cue.start, cue.end) if cue else None,
            addressee=ref((ADDRESSEE, 1)), quote_type=kinds.get(QUOTE_TYPE),
            statement_type=kinds.get(STATEMENT_TYPE), note="\n".join(notes),
        )  # fmt: skip

    def _role(self, role: str, line: int, known: tuple[str, ...]) -> tuple[str, int]:
        """``Target2`` → (Target, 2); only Target and Stance come numbered."""
        match = _ROLE.fullmatch(role)
        if match is None or match.group(1) not in known:
            raise self.fail(_("unknown role {role}").format(role=role or "-"), line)
        name, digits = match.groups()
        if digits and name not in (TARGET, STANCE):
            raise self.fail(_("{role} appears twice").format(role=name), line)
        number = int(digits) if digits else 1
        if number < 1:
            raise self.fail(_("unknown role {role}").format(role=role), line)
        return name, number


def _unit(text: str, fragments: list[tuple[int, ...]], surface: str) -> str | None:
    """The unit the offsets were counted in, when another unit explains a mismatch: web
    tools count UTF-16 units, some converters bytes."""
    for unit, encoding, width in (
        (_("UTF-16 units"), "utf-16-le", 2),
        (_("UTF-8 bytes"), "utf-8", 1),
    ):
        data = text.encode(encoding)
        if any(e * width > len(data) for _s, e in fragments):
            continue
        try:
            parts = [data[s * width : e * width].decode(encoding) for s, e in fragments]
        except UnicodeDecodeError:
            continue
        if " ".join(parts) == surface:
            return unit
    return None
