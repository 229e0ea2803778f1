"""The project's schema edited: renames follow every annotation, a used value stays, and a
schema file is merged into the project or replaces its lists."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from annotator.core.errors import InputError, InvariantError
from annotator.core.gold import GoldRef, GoldStatement, GoldTarget
from annotator.core.model import ArticleDraft, SpanDraft
from annotator.core.schema import LabelSchema, SchemaValue
from annotator.store.project import Project

TEXT = "МИД Японии призвал Азербайджан прекратить огонь."
JAPAN = (TEXT.index("Японии"), TEXT.index("Японии") + 6)
AZERBAIJAN = (TEXT.index("Азербайджан"), TEXT.index("Азербайджан") + 11)


@pytest.fixture
def annotated(project: Project) -> int:
    """An article with two GPE entities and a demand of Japan, 'unclear' about Azerbaijan."""
    document_id = project.add_article(
        ArticleDraft(text=TEXT, title="МИД", source="t.txt"), language="ru", annotator="Олена"
    )
    assert document_id is not None
    for start, end in (JAPAN, AZERBAIJAN):
        project.add_span(document_id, SpanDraft(start, end, "GPE"), annotator="Олена")
    statement = GoldStatement(
        content=(JAPAN[1] + 1, len(TEXT)),
        speaker=GoldRef(*JAPAN),
        targets=(GoldTarget(GoldRef(*AZERBAIJAN), "unclear"),),
        statement_type="demand",
    )
    project.add_statement(document_id, statement, annotator="Олена")
    return document_id


def names(values: list) -> list[str]:
    return [value.name for value in values]


def snapshot(project: Project) -> tuple:
    """Everything a schema edit could touch."""
    return (
        project.schema(),
        project.db.execute("SELECT label FROM spans ORDER BY id").fetchall(),
        project.db.execute("SELECT stance FROM statement_targets").fetchall(),
        project.db.execute("SELECT statement_type FROM statements").fetchall(),
        project.db.execute("SELECT count(*) FROM journal").fetchone()[0],
    )


def renamed(values: list, old: str, new: str) -> list:
    return [replace(value, name=new) if value.name == old else value for value in values]


def test_a_renamed_label_and_stance_are_renamed_in_every_annotation(
    project: Project, annotated: int
) -> None:
    project.save_schema_values(
        "labels", renamed(project.labels(), "GPE", "COUNTRY"), {"GPE": "COUNTRY"},
        annotator="Олена",
    )  # fmt: skip
    project.save_schema_values(
        "stances", renamed(project.stances(), "unclear", "ambiguous"), {"unclear": "ambiguous"},
        annotator="Олена",
    )  # fmt: skip

    assert {span.label for span in project.spans(annotated)} == {"COUNTRY"}
    assert "COUNTRY" in project.label_names() and "GPE" not in project.label_names()
    assert project.db.execute("SELECT stance FROM statement_targets").fetchall() == [("ambiguous",)]
    # the renamed value kept its place, key and description
    gpe = project.labels()[3]
    assert (gpe.name, gpe.key, gpe.description) == (
        "COUNTRY", "4", "Country, state or city as a political actor",
    )  # fmt: skip
    assert names(project.stances()) == ["favor", "against", "neutral", "ambiguous"]
    assert project.stances()[3].key == "u"


def test_swapping_two_names_swaps_their_uses(project: Project, annotated: int) -> None:
    stances = project.stances()
    swapped = renamed(renamed(stances, "unclear", "tmp"), "neutral", "unclear")
    swapped = renamed(swapped, "tmp", "neutral")
    project.save_schema_values(
        "stances", swapped, {"unclear": "neutral", "neutral": "unclear"}, annotator="Олена"
    )
    assert project.db.execute("SELECT stance FROM statement_targets").fetchall() == [("neutral",)]


def test_renaming_into_another_value_merges_the_two(project: Project, annotated: int) -> None:
    kept = [value for value in project.stances() if value.name != "unclear"]
    changes = project.save_schema_values("stances", kept, {"unclear": "neutral"}, annotator="Олена")
    assert changes.merged == (("unclear", "neutral"),)
    assert names(project.stances()) == ["favor", "against", "neutral"]
    assert project.db.execute("SELECT stance FROM statement_targets").fetchall() == [("neutral",)]


def test_removing_a_used_value_is_refused_and_nothing_changes(
    project: Project, annotated: int
) -> None:
    before = snapshot(project)
    # the same call also renames a label and adds a stance: none of it may stay
    kept = [value for value in project.stances() if value.name != "unclear"]
    with pytest.raises(InvariantError) as refused:
        project.save_schema_values(
            "stances", [*kept, SchemaValue("sarcasm", "s")], {}, annotator="Олена"
        )
    assert str(refused.value) == (
        "'unclear' is the stance of 1 target; merge it into another or keep it"
    )
    refusal = "'GPE' is the label of 2 entities"
    with pytest.raises(InvariantError, match=refusal), project.batch():
        project.save_schema_values(
            "labels", renamed(project.labels(), "PER", "PERSON"), {"PER": "PERSON"},
            annotator="Олена",
        )  # fmt: skip
        project.save_schema_values(
            "labels", [label for label in project.labels() if label.name != "GPE"], {},
            annotator="Олена",
        )  # fmt: skip
    assert snapshot(project) == before


def test_an_unused_value_is_removed_and_the_edit_journaled(
    project: Project, annotated: int
) -> None:
    kept = [value for value in project.statement_types() if value.name != "threat"]
    changes = project.save_schema_values("statement_types", kept, {}, annotator="Олена")
    assert changes.removed == ("threat",)
    assert "threat" not in names(project.statement_types())
    action, data = project.db.execute(
        "SELECT action, data FROM journal ORDER BY id DESC LIMIT 1"
    ).fetchone()
    assert action == "edit schema" and json.loads(data)["removed"] == ["threat"]


@pytest.mark.parametrize(
    ("kind", "values", "message"),
    [
        ("stances", [SchemaValue("a", "x"), SchemaValue("b", "x")], "used by both 'a' and 'b'"),
        ("stances", [SchemaValue("a", "xy")], "not a single character"),
        ("stances", [SchemaValue("a"), SchemaValue("a")], "listed twice"),
        ("statement_types", [SchemaValue(" ")], "has no name"),
    ],
)
def test_keys_and_names_are_checked(
    project: Project, kind: str, values: list, message: str
) -> None:
    before = snapshot(project)
    with pytest.raises(InvariantError, match=message):
        project.save_schema_values(kind, values, {}, annotator="Олена")
    assert snapshot(project) == before


def test_a_label_key_is_a_digit(project: Project) -> None:
    labels = project.labels()
    with pytest.raises(InvariantError, match="not a digit 1–9"):
        project.save_schema_values(
            "labels", [replace(labels[0], key="q"), *labels[1:]], {}, annotator="Олена"
        )
    assert project.labels() == labels


def write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_import_merges_by_default(project: Project, annotated: int, tmp_path: Path) -> None:
    schema = LabelSchema.from_file(write(tmp_path / "schema.json", {
        "labels": [{"name": "NORP", "key": "7"}],
        "stances": [
            {"name": "favor", "description": "За"},
            {"name": "sarcasm", "key": "s", "description": "Ирония"},
        ],
    }))  # fmt: skip
    changes = project.import_schema(schema, replace=False, annotator="Олена")

    assert changes.stances.added == ("sarcasm",) and changes.stances.updated == ("favor",)
    assert changes.labels.added == ("NORP",) and not changes.statement_types
    stances = {value.name: value for value in project.stances()}
    assert names(project.stances()) == ["favor", "against", "neutral", "unclear", "sarcasm"]
    # what the file gives is taken, what it leaves out is kept
    assert (stances["favor"].key, stances["favor"].description) == ("f", "За")
    norp = project.labels()[-1]
    assert (norp.name, norp.key) == ("NORP", "7") and norp.color.startswith("#")
    assert len(project.statement_types()) == 8


def test_import_with_replace_makes_each_list_the_files(
    project: Project, annotated: int, tmp_path: Path
) -> None:
    path = write(tmp_path / "schema.json", {
        "stances": [{"name": "unclear", "key": "u"}, {"name": "favor", "key": "f"}],
        "statement_types": [{"name": "demand"}, {"name": "appeal", "key": "p"}],
    })  # fmt: skip
    changes = project.import_schema(LabelSchema.from_file(path), replace=True, annotator="Олена")

    assert names(project.stances()) == ["unclear", "favor"]
    assert names(project.statement_types()) == ["demand", "appeal"]
    assert set(changes.stances.removed) == {"against", "neutral"}
    assert changes.statement_types.added == ("appeal",)
    assert len(project.labels()) == 6  # not in the file: left as it was


def test_import_with_replace_refuses_to_drop_a_used_value(
    project: Project, annotated: int, tmp_path: Path
) -> None:
    before = snapshot(project)
    path = write(tmp_path / "schema.json", {
        "stances": [{"name": "favor"}, {"name": "against"}],
        "labels": [{"name": "PER", "color": "#000000"}],
    })  # fmt: skip
    with pytest.raises(InvariantError) as refused:
        project.import_schema(LabelSchema.from_file(path), replace=True, annotator="Олена")
    assert "'GPE' is the label of 2 entities" in str(refused.value)
    assert snapshot(project) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"stances": [{"name": "a"}, {"name": "b"}, {"key": "c"}]}',
         "schema.json: stances[2] has no name"),
        ('{\n"stances": [\n{"name": "a"},\n]}', "schema.json:4: not JSON"),
        ('{"stances": [{"name": "a", "colour": "#fff"}]}', "unknown field 'colour'"),
        ('{"stance": []}', "unknown field 'stance'"),
        ('{"labels": [{"name": "X", "color": "red"}]}', "not of the form #rrggbb"),
        ('{"labels": [{"name": "X", "key": "x"}]}', "not a digit 1–9"),
        ('["favor"]', "not a schema"),
    ],
)  # fmt: skip
def test_a_broken_schema_file_is_named_with_its_problem(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "schema.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as error:
        LabelSchema.from_file(path)
    assert str(error.value).startswith(str(path))
    assert message.replace("schema.json", str(path)) in str(error.value)


def test_the_default_schema_reads_as_a_schema_file() -> None:
    from annotator.resources import DEFAULT_SCHEMA

    assert LabelSchema.from_file(DEFAULT_SCHEMA) == LabelSchema.load()
