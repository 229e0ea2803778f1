"""brat standoff: a folder of ``<name>.txt`` + ``<name>.ann`` pairs that opens in brat.

Offsets are code points into the ``.txt`` read as UTF-8, as brat (Python) counts them. The
``.txt`` is written byte-exactly (UTF-8, no BOM, line breaks untouched), because one changed
byte shifts every later offset.

How our data is encoded, line by line (brat has no notion of statements or actors):

* Entity → ``T1<TAB>GPE 4 10<TAB>Японии``; its actor → a normalization
  ``N1<TAB>Reference T1 Actors:<name, whitespace as _><TAB><name>``. The name after the
  second tab is the one we read back; the id part only has to be free of spaces.
* Statement → its content as a trigger ``T5<TAB>Statement …``, its cue as ``T6<TAB>Cue …``,
  and the event ``E1<TAB>Statement:T5 Speaker:T2 Target:T3 Target2:T7 Addressee:T8 Cue:T6``
  (repeated roles numbered, as the brat spec does it). Target *n* gets its stance from the
  attribute ``Stance``\\ *n* on the event (``A1<TAB>Stance E1 AGAINST``,
  ``A2<TAB>Stance2 E1 FAVOR``): brat attributes belong to an annotation, not to an
  argument, so the number is what ties a stance to its target. Stances are upper-case in
  brat and lower-case in our data. ``QuoteType``/``StatementType`` are attributes too, the
  statement's note is ``#1<TAB>AnnotatorNotes E1<TAB>…``.
* A speaker, target or addressee that is an actor with no mention in the text cannot be an
  event argument (brat arguments are annotations). It goes in a note of our own type,
  ``#2<TAB>Actor E1<TAB>Target2 Japan``, which brat shows and we read back; the export
  counts these under ``left_out`` because brat users will not see them as arguments. The
  same note overrides the actor of a role whose entity is linked to another actor (or to
  none: ``Speaker`` alone means "no actor").
* A role given by offsets that match no entity gets a text-bound ``Mention`` of its own.
* A span that crosses a line break is written as fragments split at the break
  (``T1<TAB>Statement 10 25;26 40<TAB>first line second line``): an ``.ann`` line cannot
  hold a line break, and the reader takes the span from the first start to the last end.
* Title, language and source have no place in brat: ``documents.tsv`` (name, language,
  title, source) keeps them; without it the reader takes language ``xx``, the first line
  as title and the file name as source. Metadata is not carried.

``annotation.conf`` and ``visual.conf`` are written too, so the folder opens in brat as it
is. Every role is optional there (``Speaker?``, ``Target*``), since a speaker may be an
actor only. ``Statement`` is declared as an event type only: brat decides entity or event by the
first section that names a type, so listing it under ``[entities]`` too would break it.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.gold import GoldDocument, GoldRef, GoldSpan, GoldStatement
from annotator.core.schema import LabelSchema, color_for
from annotator.i18n import N_, _
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

STATEMENT = "Statement"
CUE = "Cue"
MENTION = "Mention"
RESERVED_TYPES = frozenset({STATEMENT, CUE, MENTION})
ACTORS_DB = "Actors"
NOTE = "AnnotatorNotes"
ACTOR_NOTE = "Actor"
SPEAKER, TARGET, ADDRESSEE = "Speaker", "Target", "Addressee"
STANCE, QUOTE_TYPE, STATEMENT_TYPE = "Stance", "QuoteType", "StatementType"
DOCUMENTS_TSV = "documents.tsv"
INDEX_COLUMNS = ("name", "language", "title", "source")
# The values the store accepts (its CHECK constraint), declared so brat users can pick them.
QUOTE_TYPES = ("direct", "indirect", "mixed")

# Everything str.splitlines() breaks at: brat reads .ann files through codecs, which splits
# lines there too, so none of these may appear inside an .ann line.
_BREAKS = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")
_WHITESPACE = re.compile(r"\s+")
_ROLE = re.compile(r"([A-Za-z_]+?)(\d*)")
_ID = re.compile(r"(?:[TEAMNR]|#)\d+[\w.-]*")
_CYRILLIC = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "e",
        "є": "ye", "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "yi", "й": "y", "к": "k",
        "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
        "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
        "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    }
)  # fmt: skip


# -- writing ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Usage:
    """What the documents used, for an annotation.conf that declares all of it."""

    labels: dict[str, None] = field(default_factory=dict)  # ordered set
    mention: bool = False
    stances: dict[str, None] = field(default_factory=dict)
    quote_types: dict[str, None] = field(default_factory=dict)
    statement_types: dict[str, None] = field(default_factory=dict)
    targets: int = 1


class _Ann:
    """The lines of one .ann file, numbering each kind of annotation on its own."""

    def __init__(self, text: str, report: WriteReport) -> None:
        self.text = text
        self.report = report
        self.lines: list[str] = []
        self.counts: dict[str, int] = {}

    def add(self, prefix: str, body: str) -> str:
        self.counts[prefix] = self.counts.get(prefix, 0) + 1
        id_ = f"{prefix}{self.counts[prefix]}"
        self.lines.append(f"{id_}\t{body}")
        return id_

    def textbound(self, type_: str, start: int, end: int) -> str | None:
        """A T line for ``start``–``end``, in fragments around line breaks; None when the
        span is nothing but line breaks or does not fit the text."""
        if not 0 <= start < end <= len(self.text):
            self.report.leave_out(_("spans that do not fit their article"))
            return None
        fragments = _fragments(self.text, start, end)
        if not fragments:
            self.report.leave_out(_("spans of nothing but line breaks"))
            return None
        if (fragments[0][0], fragments[-1][1]) != (start, end):
            self.report.leave_out(_("line breaks at the edge of a span (trimmed)"))
        offsets = ";".join(f"{s} {e}" for s, e in fragments)
        surface = " ".join(self.text[s:e] for s, e in fragments)
        return self.add("T", f"{type_} {offsets}\t{surface}")

    def one_line(self, value: str) -> str:
        """``value`` without line breaks, which no .ann line can hold."""
        flat = _BREAKS.sub(lambda m: " " * len(m.group()), value)
        if flat != value:
            self.report.leave_out(_("line breaks in notes and actor names (written as spaces)"))
        return flat


def _fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces, position = [], start
    for found in _BREAKS.finditer(text, start, end):
        if found.start() > position:
            pieces.append((position, found.start()))
        position = found.end()
    if position < end:
        pieces.append((position, end))
    return pieces


def write(documents: Iterable[GoldDocument], folder: Path, options: WriteOptions) -> WriteReport:
    """Write each article as ``NNNN_<slug>.txt`` + ``.ann``, then the index and the brat
    configuration that declares every label and value the articles used."""
    folder.mkdir(parents=True, exist_ok=True)
    report = WriteReport()
    usage = _Usage()
    index_rows: list[tuple[str, str, str, str]] = []
    crlf = 0
    for number, document in enumerate(documents, start=1):
        name = _stem(number, document)
        txt, ann = folder / f"{name}.txt", folder / f"{name}.ann"
        txt.write_bytes(document.text.encode("utf-8"))
        ann.write_bytes(_ann_text(document, report, usage).encode("utf-8"))
        report.files += [txt, ann]
        index_rows.append((name, document.language, document.title, document.source))
        report.documents += 1
        report.statements += len(document.statements)
        if document.meta:
            report.leave_out(META)
        if "\r\n" in document.text:
            crlf += 1
    index = folder / DOCUMENTS_TSV
    with index.open("w", encoding="utf-8", newline="") as out:
        table = csv.writer(out, dialect="excel-tab", lineterminator="\n")
        table.writerow(INDEX_COLUMNS)
        table.writerows(index_rows)
    conf, visual = folder / "annotation.conf", folder / "visual.conf"
    schema = options.schema or LabelSchema.load()
    conf.write_bytes(_annotation_conf(usage, schema).encode("utf-8"))
    visual.write_bytes(_visual_conf(usage, schema).encode("utf-8"))
    report.files += [index, conf, visual]
    _add_notes(report, folder, usage, crlf)
    return report


def _add_notes(report: WriteReport, folder: Path, usage: _Usage, crlf: int) -> None:
    if crlf:
        # brat opens .txt files with universal newlines: "\r\n" becomes one character there.
        report.notes.append(
            _(
                "{count} articles contain \\r\\n line breaks: brat reads each as one character "
                "and shows their annotations shifted (this program reads them back exactly)"
            ).format(count=crlf)
        )
    odd = [label for label in usage.labels if not re.fullmatch(r"[A-Za-z0-9_-]+", label)]
    if odd:
        report.notes.append(
            _(
                "brat accepts only ASCII letters, digits, _ and - in type names; it will not "
                "show these labels as they are: {labels}"
            ).format(labels=", ".join(odd))
        )
    written = {path.name for path in report.files}
    stale = sorted(path.name for path in folder.glob("*.ann") if path.name not in written)
    if stale:
        report.notes.append(
            _("the folder also holds .ann files of an earlier export: {names}").format(
                names=", ".join(stale[:5]) + (" …" if len(stale) > 5 else "")
            )
        )


def _ann_text(document: GoldDocument, report: WriteReport, usage: _Usage) -> str:
    ann = _Ann(document.text, report)
    entity_at: dict[tuple[int, int], str] = {}
    actor_of: dict[str, str | None] = {}
    links: list[tuple[str, str]] = []
    for span in document.spans:
        if not span.label or _WHITESPACE.search(span.label) or span.label in RESERVED_TYPES:
            report.leave_out(_("entities whose label brat cannot carry"))
            continue
        tid = ann.textbound(span.label, span.start, span.end)
        if tid is None:
            continue
        report.spans += 1
        usage.labels.setdefault(span.label)
        entity_at.setdefault((span.start, span.end), tid)
        actor_of[tid] = ann.one_line(span.actor) if span.actor else None
        if actor_of[tid]:
            links.append((tid, actor_of[tid]))
    for tid, actor in links:
        _link(ann, tid, actor)
    for statement in document.statements:
        _statement(ann, statement, entity_at, actor_of, usage)
    if _actor_labels(document.spans, document.statements) != document.actor_labels:
        report.leave_out(_("actor labels other than their entities' labels"))
    return "".join(line + "\n" for line in ann.lines)


def _link(ann: _Ann, tid: str, actor: str) -> None:
    eid = _WHITESPACE.sub("_", actor) or "_"
    ann.add("N", f"Reference {tid} {ACTORS_DB}:{eid}\t{actor}")


def _statement(
    ann: _Ann,
    statement: GoldStatement,
    entity_at: dict[tuple[int, int], str],
    actor_of: dict[str, str | None],
    usage: _Usage,
) -> None:
    trigger = ann.textbound(STATEMENT, *statement.content)
    if trigger is None:
        ann.report.leave_out(_("statements whose content brat cannot carry"))
        return
    cue = ann.textbound(CUE, *statement.cue) if statement.cue else None
    args: list[str] = []
    actor_notes: list[str] = []

    def role(name: str, ref: GoldRef) -> None:
        actor = ann.one_line(ref.actor) if ref.actor is not None else None
        tid = None
        if ref.has_span:
            assert ref.start is not None and ref.end is not None
            tid = entity_at.get((ref.start, ref.end))
            if tid is None:
                tid = ann.textbound(MENTION, ref.start, ref.end)
                if tid is not None:
                    usage.mention = True
                    entity_at[(ref.start, ref.end)] = tid
                    actor_of[tid] = actor or None
                    if actor:
                        _link(ann, tid, actor)
        if tid is not None:
            args.append(f"{name}:{tid}")
            if actor == actor_of[tid]:
                return
        elif actor:
            ann.report.leave_out(
                _("actors without a mention in the text (kept in notes, not as event arguments)")
            )
        actor_notes.append(name if actor is None else f"{name} {actor}")

    if statement.speaker != GoldRef():
        role(SPEAKER, statement.speaker)
    stances = []
    for number, target in enumerate(statement.targets, start=1):
        role(_numbered(TARGET, number), target.ref)
        stances.append((_numbered(STANCE, number), _stance_value(ann, target.stance)))
    usage.targets = max(usage.targets, len(statement.targets))
    if statement.addressee is not None:
        role(ADDRESSEE, statement.addressee)
    if cue is not None:
        args.append(f"{CUE}:{cue}")
    event = ann.add("E", " ".join([f"{STATEMENT}:{trigger}", *args]))
    for name, value in stances:
        if value:
            usage.stances.setdefault(value)
            ann.add("A", f"{name} {event} {value}")
    for name, value, seen in (
        (QUOTE_TYPE, statement.quote_type, usage.quote_types),
        (STATEMENT_TYPE, statement.statement_type, usage.statement_types),
    ):
        token = _token(ann, value)
        if token:
            seen.setdefault(token)
            ann.add("A", f"{name} {event} {token}")
    for text in actor_notes:
        ann.add("#", f"{ACTOR_NOTE} {event}\t{text}")
    if statement.note:
        ann.add("#", f"{NOTE} {event}\t{ann.one_line(statement.note)}")


def _numbered(name: str, number: int) -> str:
    # brat numbers repeated roles from the second on: Target, Target2, Target3.
    return name if number == 1 else f"{name}{number}"


def _token(ann: _Ann, value: str | None) -> str | None:
    """``value`` as one brat token (attribute values cannot hold spaces)."""
    if value is None:
        return None
    token = _WHITESPACE.sub("_", value)
    if token != value or not token:
        ann.report.leave_out(_("attribute values brat cannot carry as they are"))
    return token or None


def _stance_value(ann: _Ann, stance: str) -> str | None:
    token = _token(ann, stance) if stance else None
    if token is None:
        return None
    value = token.upper()
    if token == stance and value.lower() != stance:  # upper-case in our data, or "ß"
        ann.report.leave_out(_("attribute values brat cannot carry as they are"))
    return value


def _annotation_conf(usage: _Usage, schema: LabelSchema) -> str:
    stances = {s.name.upper(): None for s in schema.stances} | usage.stances
    types = {s.name: None for s in schema.statement_types} | usage.statement_types
    quotes = dict.fromkeys(QUOTE_TYPES) | usage.quote_types
    entities = [*usage.labels, CUE] + ([MENTION] if usage.mention else [])
    lines = [
        "# Written by Stance Annotator: the entity labels of the export, statements as",
        "# events, one Stance attribute per target (Stance2 belongs to Target2).",
        "[entities]",
        *entities,
        "",
        "[relations]",
        "# Entities and statements may nest and cross.",
        "<OVERLAP>\tArg1:<ANY>, Arg2:<ANY>, <OVL-TYPE>:<ANY>",
        "",
        "[events]",
        f"{STATEMENT}\t{SPEAKER}?:<ENTITY>, {TARGET}*:<ENTITY>, {ADDRESSEE}?:<ENTITY>,"
        f" {CUE}?:{CUE}",
        "",
        "[attributes]",
    ]
    for number in range(1, max(3, usage.targets) + 1):
        lines.append(f"{_numbered(STANCE, number)}\tArg:{STATEMENT}, Value:{'|'.join(stances)}")
    lines.append(f"{QUOTE_TYPE}\tArg:{STATEMENT}, Value:{'|'.join(quotes)}")
    lines.append(f"{STATEMENT_TYPE}\tArg:{STATEMENT}, Value:{'|'.join(types)}")
    return "\n".join(lines) + "\n"


def _visual_conf(usage: _Usage, schema: LabelSchema) -> str:
    colors = {label.name: label.color for label in schema.labels}
    lines = [
        "[labels]",
        f"{STATEMENT} | {STATEMENT} | St",
        f"{CUE} | {CUE}",
        f"{TARGET} | {TARGET} | Tg",
        "",
        "[drawing]",
        "SPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken",
        "ARC_DEFAULT\tcolor:black, arrowHead:triangle-5",
        f"{STATEMENT}\tbgColor:#e8e8e8",
        f"{CUE}\tbgColor:#fff3b0",
    ]
    if usage.mention:
        lines.append(f"{MENTION}\tbgColor:#ffffff")
    for number, label in enumerate(usage.labels):
        lines.append(f"{label}\tbgColor:{colors.get(label) or color_for(number)}")
    return "\n".join(lines) + "\n"


def _stem(number: int, document: GoldDocument) -> str:
    """``0001_<slug>``: the number keeps names unique and in export order, the slug lets a
    person find an article among the files."""
    base = document.source.rstrip("/\\").replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, extension = base.rpartition(".")
    if dot and stem and extension.isalnum() and len(extension) <= 5:
        base = stem
    slug = _slug(base) or _slug(document.title)
    return f"{number:04d}_{slug}" if slug else f"{number:04d}"


def _slug(value: str, limit: int = 40) -> str:
    ascii_ = unicodedata.normalize("NFKD", value.lower().translate(_CYRILLIC))
    ascii_ = ascii_.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")[:limit].rstrip("-")


def _actor_labels(
    spans: Iterable[GoldSpan], statements: Iterable[GoldStatement]
) -> dict[str, str | None]:
    """Each actor's label as brat can carry it: the label of its (last) linked entity, None
    for an actor named only in statements. The store derives them the same way."""
    labels: dict[str, str | None] = {}
    for span in spans:
        if span.actor:
            labels[span.actor] = span.label
    for statement in statements:
        refs = (statement.speaker, statement.addressee, *(t.ref for t in statement.targets))
        for ref in refs:
            if ref is not None and ref.actor:
                labels.setdefault(ref.actor, None)
    return labels


from annotator.io.formats.brat_reader import read  # noqa: E402 - needs the names above

register(
    Format(
        name="brat",
        description=N_("brat standoff: a folder of .txt and .ann files, with statements"),
        carries=frozenset({ENTITIES, NESTED, STATEMENTS, ACTORS, EXACT_TEXT}),
        write=write,
        read=read,
        folder=True,
    )
)

__all__ = ["read", "write"]
