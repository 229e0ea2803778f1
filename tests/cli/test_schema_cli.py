"""``annotator schema import`` and ``annotator schema export`` as a user types them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.gold import GoldRef, GoldStatement, GoldTarget
from annotator.core.model import ArticleDraft, SpanDraft
from annotator.core.schema import LabelSchema
from annotator.store.project import Project

SCHEMA = {
    "labels": [
        {"name": "PER", "color": "#f4a3a3", "key": "1", "description": "Человек"},
        {"name": "ORG", "color": "#9ec5fe", "key": "2", "description": "Организация"},
        {"name": "GPE", "color": "#ffd27f", "key": "3", "description": "Страна"},
    ],
    "stances": [
        {"name": "against", "key": "a", "description": "Против"},
        {"name": "favor", "key": "f", "description": "За"},
        {"name": "sarcasm", "key": "s", "description": "Ирония"},
    ],
    "statement_types": [
        {"name": "demand", "key": "d", "description": "Требование"},
        {"name": "threat", "key": None, "description": "Угроза"},
    ],
}


def run(*args: object) -> int:
    return main([str(a) for a in args])


def write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def test_import_replace_then_export_gives_the_same_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "p.sqlite"
    source = write(tmp_path / "schema.json", SCHEMA)
    assert run("schema", "import", source, "--replace", "--db", db, "--annotator", "Олена") == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "Labels: updated PER, ORG, GPE; removed LOC, EVENT, MISC",
        "Stances: added sarcasm; updated against, favor; removed neutral, unclear; new order",
        "Statement types: updated demand, threat; removed criticism, support, denial,"
        " proposal, report, other",
    ]

    exported = tmp_path / "exported.json"
    assert run("schema", "export", exported, "--db", db) == 0
    assert LabelSchema.from_file(exported) == LabelSchema.from_file(source)
    assert json.loads(exported.read_text(encoding="utf-8")) == SCHEMA

    # and into another project: it ends with the same schema
    other = tmp_path / "other.sqlite"
    assert run("schema", "import", exported, "--replace", "--db", other) == 0
    assert run("schema", "export", tmp_path / "again.json", "--db", other) == 0
    assert (tmp_path / "again.json").read_text(encoding="utf-8") == exported.read_text(
        encoding="utf-8"
    )


def test_import_merges_by_default_and_says_what_it_left(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "p.sqlite"
    source = write(tmp_path / "s.json", {"stances": [{"name": "sarcasm", "key": "s"}]})
    assert run("schema", "import", source, "--db", db) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Labels: not in the file, left as they were",
        "Stances: added sarcasm",
        "Statement types: not in the file, left as they were",
    ]
    with Project.open(db) as project:
        assert [s.name for s in project.stances()] == [
            "favor", "against", "neutral", "unclear", "sarcasm",
        ]  # fmt: skip


def test_export_to_stdout_is_the_default_schema_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("schema", "export", "-", "--db", tmp_path / "p.sqlite") == 0
    data = json.loads(capsys.readouterr().out)
    assert LabelSchema.from_dict(data) == LabelSchema.load()


def schema_and_journal(db: Path) -> tuple:
    with Project.open(db) as project:
        journal = project.db.execute("SELECT count(*) FROM journal").fetchone()[0]
        return project.schema(), journal


def test_a_broken_file_changes_nothing_and_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "p.sqlite"
    before = schema_and_journal(db)
    broken = write(tmp_path / "broken.json", {"stances": [{"name": "a"}, {"name": "b"},
                                                          {"key": "c"}]})  # fmt: skip
    assert run("schema", "import", broken, "--replace", "--db", db) == 1
    captured = capsys.readouterr()
    assert captured.err.strip() == f"annotator: error: {broken}: stances[2] has no name"
    assert captured.out == ""

    not_json = tmp_path / "not.json"
    not_json.write_text('{\n  "stances": [\n    {"name": "a"},\n  ]\n}\n', encoding="utf-8")
    assert run("schema", "import", not_json, "--db", db) == 1
    assert f"{not_json}:4: not JSON" in capsys.readouterr().err

    assert run("schema", "import", tmp_path / "missing.json", "--db", db) == 1
    assert "missing.json" in capsys.readouterr().err
    assert schema_and_journal(db) == before


def test_a_used_value_is_not_removed_by_replace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "p.sqlite"
    text = "Япония призвала Азербайджан прекратить огонь."
    with Project.open(db) as project:
        document_id = project.add_article(ArticleDraft(text=text, title="t", source="t"),
                                          language="ru", annotator="Олена")  # fmt: skip
        assert document_id is not None
        project.add_span(document_id, SpanDraft(0, 6, "GPE"), annotator="Олена")
        project.add_span(document_id, SpanDraft(16, 27, "GPE"), annotator="Олена")
        project.add_statement(document_id, GoldStatement(
            content=(7, len(text)), speaker=GoldRef(0, 6),
            targets=(GoldTarget(GoldRef(16, 27), "unclear"),),
        ), annotator="Олена")  # fmt: skip
    before = schema_and_journal(db)
    source = write(tmp_path / "schema.json", {"stances": SCHEMA["stances"]})
    assert run("schema", "import", source, "--replace", "--db", db) == 1
    assert capsys.readouterr().err.strip() == (
        "annotator: error: 'unclear' is the stance of 1 target; merge it into another or keep it"
    )
    assert schema_and_journal(db) == before
