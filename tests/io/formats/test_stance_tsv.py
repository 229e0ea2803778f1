"""The stance table: SemEval-2016's columns, one row per statement and target."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.io.formats import FORMATS, WriteOptions
from tests.io.formats.gold_samples import sample_documents


def test_rows_have_the_semeval_columns(tmp_path: Path) -> None:
    path = tmp_path / "stance.tsv"
    report = FORMATS["stance-tsv"].write(sample_documents(), path, WriteOptions())
    with path.open(encoding="utf-8", newline="") as table:
        rows = list(csv.DictReader(table, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert list(rows[0])[:4] == ["ID", "Target", "Text", "Stance"]
    (row,) = rows
    assert (row["ID"], row["Target"], row["Text"], row["Stance"]) == (
        "1",
        "Азербайджан",
        "прекратить огонь",
        "AGAINST",
    )
    assert (row["speaker"], row["language"], row["statement_type"]) == ("Japan", "ru", "demand")
    assert report.statements == 1


def test_it_cannot_be_imported(tmp_path: Path) -> None:
    path = tmp_path / "stance.tsv"
    path.write_text("ID\tTarget\tText\tStance\n")
    with pytest.raises(InputError, match="cannot be imported"):
        list(FORMATS["stance-tsv"].read(path))
