"""Statements leave the project whole: every field in the JSONL export, restored exactly by
importing it into a new project; one actor for one speaker in any language; the stance
table with SemEval's columns and ours."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path

from annotator.core.gold import GoldRef, GoldStatement, GoldTarget
from annotator.core.model import ArticleDraft, SpanDraft
from annotator.io.exchange import export, import_formatted
from annotator.nlp.actors import ActorLinker
from annotator.store.gold import Selection
from annotator.store.project import Project

ARTICLES = [
    ("ru", "МИД Японии призвал Азербайджан прекратить огонь.", "Японии", "Азербайджан",
     "прекратить огонь", "against"),
    ("ru", "Япония поддержала переговоры в Женеве, заявил министр.", "Япония", "Женеве",
     "поддержала переговоры в Женеве", "favor"),
    ("en", "Japan said the talks in Oslo must go on.", "Japan", "Oslo",
     "the talks in Oslo must go on", "neutral"),
]  # fmt: skip


def _record(project: Project) -> None:
    linker = ActorLinker(project)
    for i, (language, text, speaker, target, content, stance) in enumerate(ARTICLES):
        (document_id,) = project.add_articles(
            [ArticleDraft(text=text, title=f"t{i}", source=f"{i}.txt")], [language],
            annotator="Olena",
        )  # fmt: skip
        assert document_id is not None
        s, t, c = text.index(speaker), text.index(target), text.index(content)
        speaker_span = project.add_span(document_id, SpanDraft(s, s + len(speaker), "GPE"),
                                        annotator="Olena")  # fmt: skip
        project.add_span(document_id, SpanDraft(t, t + len(target), "GPE"), annotator="Olena")
        # the first mention makes the actor; the others are found by it, in any language
        actor_id = linker.propose(speaker, language)
        if actor_id is None:
            linker.link_new(speaker_span, speaker, language, "Japan", label="GPE",
                            annotator="Olena")  # fmt: skip
        else:
            linker.link(speaker_span, speaker, language, actor_id, annotator="Olena")
        cue = text.index("призвал") if "призвал" in text else None
        project.add_statement(
            document_id,
            GoldStatement(
                content=(c, c + len(content)), speaker=GoldRef(s, s + len(speaker)),
                targets=(GoldTarget(GoldRef(t, t + len(target)), stance),),
                cue=(cue, cue + len("призвал")) if cue is not None else None,
                addressee=GoldRef(t, t + len(target)) if i == 0 else None,
                quote_type="indirect", statement_type="demand" if i == 0 else "report",
                note="заметка" if i == 0 else "",
            ),
            annotator="Olena", origin="manual" if i else "accepted",
        )  # fmt: skip


def test_the_same_speaker_in_three_articles_exports_as_one_actor(tmp_path: Path) -> None:
    project = Project.in_memory()
    _record(project)
    path = tmp_path / "out.jsonl"
    export(project, "jsonl", path, Selection(status="any"))
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    speakers = [s["speaker"]["actor"] for r in records for s in r["statements"]]
    assert speakers == ["Japan", "Japan", "Japan"]
    assert len(project.actors()) == 1


def test_jsonl_keeps_every_field_and_reimports_exactly(tmp_path: Path) -> None:
    project = Project.in_memory()
    _record(project)
    first = tmp_path / "first.jsonl"
    export(project, "jsonl", first, Selection(status="any"))
    (record, *_rest) = [json.loads(line) for line in first.read_text("utf-8").splitlines()]
    (statement,) = record["statements"]
    assert set(statement) == {
        "content", "cue", "speaker", "addressee", "targets", "quote_type", "statement_type",
        "note", "annotator", "origin",
    }  # fmt: skip
    assert (statement["annotator"], statement["origin"], statement["note"]) == (
        "Olena", "accepted", "заметка")  # fmt: skip

    other = Project.in_memory()
    import_formatted(other, "jsonl", [first], annotator="Ivan")
    again = tmp_path / "again.jsonl"
    export(other, "jsonl", again, Selection(status="any"))
    before = [s for r in map(json.loads, first.read_text("utf-8").splitlines())
              for s in r["statements"]]  # fmt: skip
    after = [s for r in map(json.loads, again.read_text("utf-8").splitlines())
             for s in r["statements"]]  # fmt: skip
    assert after == before
    original = [s.statement for d in project.documents(status="any")
                for s in project.statements(d.id)]  # fmt: skip
    restored = [s.statement for d in other.documents(status="any")
                for s in other.statements(d.id)]  # fmt: skip
    assert restored == original


def test_the_stance_table_keeps_every_field(tmp_path: Path) -> None:
    project = Project.in_memory()
    _record(project)
    path = tmp_path / "stance.tsv"
    export(project, "stance-tsv", path, Selection(status="any"))
    with path.open(encoding="utf-8", newline="") as table:
        rows = list(csv.DictReader(table, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert [r["Stance"] for r in rows] == ["AGAINST", "FAVOR", "NONE"]
    assert [r["stance"] for r in rows] == ["against", "favor", "neutral"]
    first = rows[0]
    assert (first["ID"], first["Target"], first["Text"]) == ("1", "Азербайджан",
                                                             "прекратить огонь")  # fmt: skip
    assert (first["speaker"], first["speaker_actor"], first["addressee"], first["cue"]) == (
        "Japan", "Japan", "Азербайджан", "призвал")  # fmt: skip
    assert (first["quote_type"], first["statement_type"], first["note"]) == (
        "indirect", "demand", "заметка")  # fmt: skip
    assert (first["annotator"], first["origin"], first["language"]) == ("Olena", "accepted", "ru")
    assert rows[2]["language"] == "en"


def test_brat_declares_the_projects_own_stances(tmp_path: Path) -> None:
    project = Project.in_memory()
    _record(project)
    stances = [
        replace(value, name="oppose") if value.name == "against" else value
        for value in project.stances()
    ]
    project.save_schema_values("stances", stances, {"against": "oppose"}, annotator="Olena")
    export(project, "brat", tmp_path / "brat", Selection(status="any"))
    conf = (tmp_path / "brat" / "annotation.conf").read_text(encoding="utf-8")
    stance_line = next(line for line in conf.splitlines() if line.startswith("Stance\t"))
    assert "OPPOSE" in stance_line and "AGAINST" not in stance_line
