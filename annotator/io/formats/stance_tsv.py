"""A stance table in the style of SemEval-2016 Task 6: one row per statement and target.

Columns: ``ID  Target  Text  Stance`` as SemEval has them (Stance is FAVOR, AGAINST or
NONE; our "neutral" and "unclear" are both NONE there, and the exact value is kept in
our own ``stance`` column), then ``speaker  language  article  statement_type``, then
every other field of the statement: the target's and speaker's actors, addressee, cue,
quote type, note, annotator, origin, and where the content is (article id, offsets). Text is
the statement's content; a target is the entity's text (or the actor's name). Tabs and
line breaks inside a cell become spaces, since the format has no quoting.

The table is for training and evaluating stance classifiers; it is not read back (the
JSONL export keeps statements whole).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.gold import GoldDocument, GoldRef
from annotator.i18n import N_, _
from annotator.io.formats import STATEMENTS, Format, WriteOptions, WriteReport, register

COLUMNS = ["ID", "Target", "Text", "Stance", "stance", "speaker", "language", "article",
           "statement_type", "target_actor", "speaker_actor", "addressee", "cue", "quote_type",
           "note", "annotator", "origin", "document_id", "content_start",
           "content_end"]  # fmt: skip
SEMEVAL = {"favor": "FAVOR", "against": "AGAINST"}
_BREAKS = re.compile(r"[\t\r\n]+")


def _cell(text: str) -> str:
    return _BREAKS.sub(" ", text).strip()


def _named(document: GoldDocument, ref: GoldRef | None) -> str:
    if ref is None:
        return ""
    if ref.has_span:
        assert ref.start is not None and ref.end is not None
        return document.text[ref.start : ref.end]
    return ref.actor or ""


def write(documents: Iterable[GoldDocument], path: Path, options: WriteOptions) -> WriteReport:
    report = WriteReport(files=[path])
    row_id = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        table = csv.writer(out, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\",
                           lineterminator="\n")  # fmt: skip
        table.writerow(COLUMNS)
        for document in documents:
            report.documents += 1
            report.spans += len(document.spans)
            for statement in document.statements:
                report.statements += 1
                content = document.text[statement.content[0] : statement.content[1]]
                for target in statement.targets:
                    row_id += 1
                    table.writerow([
                        row_id, _cell(_named(document, target.ref)), _cell(content),
                        SEMEVAL.get(target.stance, "NONE"), target.stance,
                        _cell(statement.speaker.actor or _named(document, statement.speaker)),
                        document.language, _cell(document.title or document.source),
                        statement.statement_type or "", _cell(target.ref.actor or ""),
                        _cell(statement.speaker.actor or ""),
                        _cell(_named(document, statement.addressee)),
                        _cell(document.text[statement.cue[0] : statement.cue[1]]
                              if statement.cue else ""),
                        statement.quote_type or "", _cell(statement.note),
                        _cell(statement.annotator or ""), statement.origin or "",
                        document.id if document.id is not None else "",
                        statement.content[0], statement.content[1],
                    ])  # fmt: skip
                if not statement.targets:
                    report.leave_out(_("statements without a target"))
    report.leave_out(_("entities (not a column of the table)"), report.spans)
    return report


def read(path: Path) -> Iterator[GoldDocument]:
    raise InputError(
        _("a stance table cannot be imported: it has no article text; import the JSONL export"),
        path=str(path),
    )
    yield  # pragma: no cover - a generator, like every reader


register(
    Format(
        name="stance-tsv",
        description=N_("stance table, SemEval-2016 columns"),
        carries=frozenset({STATEMENTS}),
        write=write,
        read=read,
        suffix=".tsv",
        importable=False,
    )
)
