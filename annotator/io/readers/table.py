"""CSV and TSV: one article a row, its text in the ``text`` column (or ``--text-column``).

The other columns go to the article's metadata (a ``title`` column is the title). A
``.csv`` may be separated by commas or semicolons; which one is sniffed.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.model import ArticleDraft
from annotator.core.text import normalize_text, title_of
from annotator.i18n import _
from annotator.io.decode import decode
from annotator.io.readers import ReadOptions, reader

csv.field_size_limit(1 << 28)  # a long article in one cell is normal here


@reader(".csv", ".tsv", ".tab")
def read_table(path: Path, data: bytes, options: ReadOptions) -> list[ArticleDraft]:
    content, encoding = decode(data, str(path))
    if path.suffix.lower() == ".csv":
        try:
            delimiter = csv.Sniffer().sniff(content[:8192], delimiters=",;\t").delimiter
        except csv.Error:
            delimiter = ","
    else:
        delimiter = "\t"
    rows = csv.DictReader(io.StringIO(content, newline=""), delimiter=delimiter)
    columns = rows.fieldnames or []
    column = options.text_column or "text"
    if column not in columns:
        raise InputError(
            _(
                "no column {column!r} (columns: {columns}); name the text column with --text-column"
            ).format(column=column, columns=", ".join(columns) or "-"),
            path=str(path),
            line=1,
        )
    drafts = []
    try:
        for row in rows:
            line = rows.line_num
            raw = row.get(column)
            if None in row:
                raise InputError(_("more fields than the header has"), path=str(path), line=line)
            if not raw or not raw.strip():
                raise InputError(_("the text of this row is empty"), path=str(path), line=line)
            text = normalize_text(raw)
            meta = {k: v for k, v in row.items() if k != column and v not in (None, "")}
            meta["encoding"] = encoding
            language = meta.get("lang") or meta.get("language")
            drafts.append(
                ArticleDraft(
                    text=text,
                    title=normalize_text(meta.get("title", "")) or title_of(text),
                    source=f"{path}:{line}",
                    language=language,
                    meta=meta,
                    line=line,
                )
            )
    except csv.Error as error:
        raise InputError(str(error), path=str(path), line=rows.line_num) from error
    if not drafts:
        raise InputError(_("the table has no rows"), path=str(path))
    return drafts
