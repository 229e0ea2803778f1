"""A strict brat standoff reader written from the spec (brat.nlplab.org/standoff.html and
configuration.html), independent of ``annotator.io.formats.brat``: the tests check our
output with it, so a bug shared by our writer and our reader cannot hide.

It is stricter than brat where brat only warns: every line must parse, every offset must
fit the ``.txt`` counted in code points of its UTF-8 text, every surface must equal the
text at its offsets, every ID referenced must exist, and the ``annotation.conf`` must
declare every type, role, attribute and value used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

ID = r"[TENAR#]\d+"
TEXTBOUND = re.compile(r"(T\d+)\t([A-Za-z0-9_-]+) (\d+ \d+(?:;\d+ \d+)*)\t([^\n]*)")
EVENT = re.compile(r"(E\d+)\t([A-Za-z0-9_-]+):(T\d+)((?: [A-Za-z_]+\d*:[TE]\d+)*)")
ATTRIBUTE = re.compile(r"(A\d+)\t([A-Za-z0-9_-]+) ([TE]\d+)(?: ([^\s]+))?")
NORMALIZATION = re.compile(r"(N\d+)\tReference (T\d+) ([^\s:]+):(\S+)\t([^\n]*)")
NOTE = re.compile(rf"(#\d+)\t([A-Za-z]+) ({ID})\t([^\n]*)")
# Characters that end a line for Python's str.splitlines(), which brat's reader uses.
LINE_BREAKS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


class BratError(AssertionError):
    """A file breaks the standoff format; the message names the file and line."""


@dataclass
class Standoff:
    """One .ann file as plain tuples."""

    text: str
    textbounds: dict[str, tuple[str, tuple[tuple[int, int], ...], str]] = field(
        default_factory=dict
    )
    """id -> (type, fragments, surface)"""
    events: dict[str, tuple[str, str, tuple[tuple[str, str], ...]]] = field(default_factory=dict)
    """id -> (type, trigger id, ((role, id), ...))"""
    attributes: list[tuple[str, str, str, str | None]] = field(default_factory=list)
    """(id, name, target, value)"""
    normalizations: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    """(id, target, database, key, text)"""
    notes: list[tuple[str, str, str, str]] = field(default_factory=list)
    """(id, type, target, text)"""

    def surface(self, id_: str) -> str:
        return self.textbounds[id_][2]

    def span(self, id_: str) -> tuple[int, int]:
        fragments = self.textbounds[id_][1]
        return fragments[0][0], fragments[-1][1]


def read_standoff(ann_path: Path) -> Standoff:
    txt_bytes = ann_path.with_suffix(".txt").read_bytes()
    ann_bytes = ann_path.read_bytes()
    for name, data in ((".txt", txt_bytes), (".ann", ann_bytes)):
        if data.startswith(b"\xef\xbb\xbf"):
            raise BratError(f"{ann_path.stem}{name} starts with a BOM")
    text = txt_bytes.decode("utf-8")  # strict: raises on anything but UTF-8
    content = ann_bytes.decode("utf-8")
    result = Standoff(text)
    if content and not content.endswith("\n"):
        raise BratError(f"{ann_path}: the last line has no line break")
    lines = content.split("\n")[:-1] if content else []
    seen: set[str] = set()
    references: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        where = f"{ann_path}:{number}"
        if LINE_BREAKS.search(line):
            raise BratError(f"{where}: a line-break character inside the line")
        id_ = line.split("\t", 1)[0]
        if id_ in seen:
            raise BratError(f"{where}: {id_} defined twice")
        seen.add(id_)
        if match := TEXTBOUND.fullmatch(line):
            _textbound(result, match, where)
        elif match := EVENT.fullmatch(line):
            args = tuple(tuple(a.split(":")) for a in match.group(4).split())
            roles = [role for role, _ in args]
            if len(roles) != len(set(roles)):
                raise BratError(f"{where}: a role appears twice (repeats must be numbered)")
            result.events[match.group(1)] = (match.group(2), match.group(3), args)  # type: ignore[assignment]
            references += [(number, match.group(3)), *((number, ref) for _, ref in args)]
        elif match := ATTRIBUTE.fullmatch(line):
            result.attributes.append(match.groups())  # type: ignore[arg-type]
            references.append((number, match.group(3)))
        elif match := NORMALIZATION.fullmatch(line):
            result.normalizations.append(match.groups())  # type: ignore[arg-type]
            references.append((number, match.group(2)))
        elif match := NOTE.fullmatch(line):
            result.notes.append(match.groups())  # type: ignore[arg-type]
            references.append((number, match.group(3)))
        else:
            raise BratError(f"{where}: not a standoff line: {line!r}")
    for number, ref in references:
        if ref not in seen:
            raise BratError(f"{ann_path}:{number}: {ref} is not defined")
    _check_triggers(result, ann_path)
    return result


def _textbound(result: Standoff, match: re.Match[str], where: str) -> None:
    id_, type_, offsets, surface = match.groups()
    fragments = tuple(tuple(int(n) for n in pair.split()) for pair in offsets.split(";"))
    previous_end = -1
    for start, end in fragments:
        if not 0 <= start < end <= len(result.text):
            raise BratError(f"{where}: {start} {end} outside the text ({len(result.text)})")
        if start <= previous_end:
            raise BratError(f"{where}: fragments overlap or touch")
        previous_end = end
    expected = " ".join(result.text[s:e] for s, e in fragments)
    if surface != expected:
        raise BratError(f"{where}: surface {surface!r} but the text has {expected!r}")
    result.textbounds[id_] = (type_, fragments, surface)  # type: ignore[assignment]


def _check_triggers(result: Standoff, ann_path: Path) -> None:
    triggers = {trigger for _type, trigger, _args in result.events.values()}
    for id_, (type_, trigger, _args) in result.events.items():
        if result.textbounds[trigger][0] != type_:
            raise BratError(f"{ann_path}: {id_} has a trigger of another type")
    # brat refuses any annotation but an event that points at a trigger.
    for _id, target, *_rest in result.normalizations:
        if target in triggers:
            raise BratError(f"{ann_path}: a normalization on the trigger {target}")
    for _id, _name, target, _value in result.attributes:
        if target in triggers:
            raise BratError(f"{ann_path}: an attribute on the trigger {target}")
    for _id, _type, target, _text in result.notes:
        if target in triggers:
            raise BratError(f"{ann_path}: a note on the trigger {target}")


@dataclass
class Conf:
    entities: set[str] = field(default_factory=set)
    events: dict[str, dict[str, tuple[str, set[str]]]] = field(default_factory=dict)
    """event type -> role -> (multiplicity "", "?", "*" or "+", argument types)"""
    attributes: dict[str, tuple[set[str], set[str]]] = field(default_factory=dict)
    """name -> (annotation types it may sit on, values)"""


def read_conf(path: Path) -> Conf:
    """annotation.conf: ``[section]`` headers, one type a line, arguments ``ROLE:TYPE|TYPE``
    separated by commas, ``?``/``*``/``+`` after a role for optional/any/at least one."""
    conf, section = Conf(), None
    for raw in path.read_text(encoding="utf-8").split("\n"):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if header := re.fullmatch(r"\[(\w+)\]", line):
            section = header.group(1)
            continue
        name = line.split(None, 1)[0]
        rest = line[len(name) :].strip()
        args = [a.strip() for a in rest.split(",") if a.strip()]
        if section == "entities":
            assert not args, line
            conf.entities.add(name)
        elif section == "events":
            roles: dict[str, tuple[str, set[str]]] = {}
            for arg in args:
                role, types = arg.split(":", 1)
                multiplicity = role[-1] if role[-1] in "?*+" else ""
                roles[role.rstrip("?*+")] = (multiplicity, set(types.split("|")))
            conf.events[name] = roles
        elif section == "attributes":
            parsed = dict(arg.split(":", 1) for arg in args)
            values = set(parsed["Value"].split("|")) if "Value" in parsed else set()
            conf.attributes[name] = (set(parsed["Arg"].split("|")), values)
        elif section == "relations":
            assert all(":" in arg for arg in args), line
        else:
            raise BratError(f"{path}: unknown section [{section}]")
    overlap = conf.entities & set(conf.events)
    if overlap:
        raise BratError(f"{path}: {overlap} declared both as entity and as event")
    return conf


def check_against_conf(standoff: Standoff, conf: Conf, where: str) -> None:
    """Every type, role, attribute and value of ``standoff`` is one ``conf`` declares."""
    triggers = {trigger for _t, trigger, _a in standoff.events.values()}
    category = {}
    for id_, (type_, _fragments, _surface) in standoff.textbounds.items():
        declared = conf.events if id_ in triggers else conf.entities
        if type_ not in declared:
            raise BratError(f"{where}: type {type_} of {id_} is not declared")
        category[id_] = "<EVENT>" if id_ in triggers else "<ENTITY>"
    for id_, (type_, _trigger, args) in standoff.events.items():
        category[id_] = "<EVENT>"
        roles = conf.events[type_]
        counts: dict[str, int] = {}
        for role, ref in args:
            base = re.fullmatch(r"([A-Za-z_]+?)\d*", role).group(1)  # type: ignore[union-attr]
            if base not in roles:
                raise BratError(f"{where}: role {role} of {id_} is not declared")
            counts[base] = counts.get(base, 0) + 1
            multiplicity, types = roles[base]
            ref_type = standoff.textbounds[ref][0]
            if ref_type not in types and category[ref] not in types:
                raise BratError(f"{where}: {role} of {id_} cannot be a {ref_type}")
        for base, (multiplicity, _types) in roles.items():
            count = counts.get(base, 0)
            if multiplicity in ("", "+") and count == 0:
                raise BratError(f"{where}: {id_} lacks its mandatory {base}")
            if multiplicity in ("", "?") and count > 1:
                raise BratError(f"{where}: {id_} has {base} more than once")
    for id_, name, target, value in standoff.attributes:
        if name not in conf.attributes:
            raise BratError(f"{where}: attribute {name} ({id_}) is not declared")
        on, values = conf.attributes[name]
        target_type = (
            standoff.events[target][0]
            if target in standoff.events
            else standoff.textbounds[target][0]
        )
        if target_type not in on and category[target] not in on:
            raise BratError(f"{where}: {name} cannot sit on a {target_type}")
        if (value is None) != (not values) or (value is not None and value not in values):
            raise BratError(f"{where}: {name} value {value!r} is not one of {sorted(values)}")
