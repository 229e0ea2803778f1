"""Every format from the command line: export, import into a new project, compare."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.cli import main
from annotator.io.formats import ACTORS, EXACT_TEXT, FORMATS, NESTED, STATEMENTS
from annotator.store.gold import Selection, gold_documents, store_gold
from annotator.store.project import Project
from tests.io.formats.gold_samples import sample_documents


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "source.sqlite"
    with Project.open(path) as project:
        store_gold(project, sample_documents(), annotator="Олена")
    return path


def entities(document, nested: bool = True):  # type: ignore[no-untyped-def]
    """What every format keeps, whatever it does to spacing and order (formats without
    nesting keep the outermost of nested entities)."""
    spans = [
        s for s in document.spans
        if nested or not any(o is not s and o.start <= s.start and s.end <= o.end
                             for o in document.spans)
    ]  # fmt: skip
    return [(document.text[s.start : s.end], s.label) for s in spans]


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_export_then_import_keeps_what_the_format_carries(
    name: str, source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chosen = FORMATS[name]
    if not chosen.importable:
        pytest.skip(f"{name} is export-only")
    out = tmp_path / ("out" + ("" if chosen.folder else chosen.suffix))
    assert main(["export", "--format", name, "--status", "any", "--db", str(source),
                 "--out", str(out)]) == 0  # fmt: skip
    assert "4 articles" in capsys.readouterr().err
    target = tmp_path / "target.sqlite"
    assert main(["import", str(out), "--format", name, "--db", str(target)]) == 0, (
        capsys.readouterr().err
    )
    with Project.open(source) as before, Project.open(target) as after:
        old = sorted(gold_documents(before, Selection(status="any")), key=entities)
        new = sorted(gold_documents(after, Selection(status="any")), key=entities)
    nested = NESTED in chosen.carries
    assert [entities(d, nested) for d in new] == [entities(d, nested) for d in old]
    if EXACT_TEXT in chosen.carries:
        assert [d.text for d in new] == [d.text for d in old]
    if STATEMENTS in chosen.carries:
        assert [len(d.statements) for d in new] == [len(d.statements) for d in old]
    if ACTORS in chosen.carries:
        assert [[s.actor for s in d.spans] for d in new] == [
            [s.actor for s in d.spans] for d in old
        ]
    # the exact round trip of every field a format carries is in tests/io/formats


def test_a_folder_format_needs_out(source: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not any(f.folder for f in FORMATS.values()):
        pytest.skip("no folder format registered")
    name = next(n for n, f in FORMATS.items() if f.folder)
    assert main(["export", "--format", name, "--status", "any", "--db", str(source)]) == 1
    assert "--out" in capsys.readouterr().err


@pytest.mark.slow
def test_demo_gold_trains_with_the_spacy_command_line_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Mark the demo articles done (their example entities accepted), export, and run
    ``python -m spacy train`` on the export as it is."""
    import os
    import subprocess
    import sys

    import spacy

    from annotator.core.commands import Batch, SetStatus, accept_all
    from annotator.core.model import Status
    from annotator.core.spans import SpanIndex
    from annotator.io.demo import create_demo_project

    path = tmp_path / "demo.sqlite"
    create_demo_project(path, "Олена")
    with Project.open(path) as project:
        for row in project.document_rows(annotator="Олена"):
            commands = accept_all(row[0], "Олена", SpanIndex(project.marks(row[0])), ())
            commands.append(SetStatus(row[0], "Олена", status=Status.DONE))
            Batch(row[0], "Олена", commands=commands).redo(project)
    out = tmp_path / "gold"
    assert main(["export", "--format", "spacy", "--db", str(path), "--out", str(out)]) == 0
    capsys.readouterr()
    folder = out / "en"
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    result = subprocess.run(
        [sys.executable, "-m", "spacy", "train", "config.cfg", "--output", "model",
         "--training.max_steps", "30", "--training.eval_frequency", "10"],
        cwd=folder, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    nlp = spacy.load(folder / "model" / "model-last")
    assert "ner" in nlp.pipe_names
    assert nlp("Norway and the European Union talk.").text


def test_filters_by_annotator_language_and_date(
    source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Project.open(source) as project:
        rows = project.document_rows(annotator="Олена")
        project.set_status(rows[0][0], "done", annotator="Олена")
        project.set_status(rows[1][0], "done", annotator="Ivan")
    out = tmp_path / "x.jsonl"

    def exported(*options: str) -> int:
        assert main(["export", "--format", "jsonl", "--db", str(source), "--out", str(out),
                     *options]) == 0  # fmt: skip
        capsys.readouterr()
        return len(out.read_text(encoding="utf-8").splitlines())

    assert exported() == 2
    assert exported("--by", "Олена") == 1
    assert exported("--by", "Ivan", "--lang", "uk") == 1
    assert exported("--lang", "bg") == 0
    assert exported("--since", "2000-01-01") == 2
    assert exported("--until", "2000-01-01") == 0


def test_strict_refuses_spans_off_token_boundaries(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from annotator.core.gold import GoldDocument, GoldSpan

    path = tmp_path / "p.sqlite"
    with Project.open(path) as project:
        document = GoldDocument(text="Azerbaijani troops", language="en",
                                spans=(GoldSpan(0, 10, "GPE"),))  # fmt: skip
        store_gold(project, [document], annotator="a")
    out = tmp_path / "x.conll"
    args = ["export", "--format", "conll", "--status", "any", "--db", str(path), "--out", str(out)]
    assert main([*args, "--strict"]) == 1
    assert "token boundaries" in capsys.readouterr().err and not out.exists()
    assert main(args) == 0
    err = capsys.readouterr().err
    assert "Azerbaijan" in err and "token boundaries" in err  # listed, not silently dropped
