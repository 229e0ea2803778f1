"""Prodigy-style JSONL: offsets in code points, token indices that agree with them."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest

from annotator.core.model import ArticleDraft, SpanDraft
from annotator.io.exchange import ExportRefused, export
from annotator.store.gold import Selection
from annotator.store.project import Project

TEXT = "👍🏽 «МИД Японии» призвал Азербайджан — сказал Kenji Sato."


def exported(project: Project, **options) -> list[dict]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "out.jsonl")
        export(project, "jsonl", path, Selection(**options))
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_spans_tokens_and_hashes(project: Project) -> None:
    document_id = project.add_article(
        ArticleDraft(text=TEXT, title="t", source="s"), language="ru", annotator="a"
    )
    for surface, label in (("МИД Японии", "ORG"), ("Азербайджан", "GPE"), ("Kenji Sato", "PER")):
        start = TEXT.index(surface)
        project.add_span(document_id, SpanDraft(start, start + len(surface), label), annotator="a")
    (task,) = exported(project, status="any")
    assert set(task) >= {"text", "meta", "_input_hash", "_task_hash", "tokens", "spans", "answer"}
    assert task["text"] == TEXT and task["answer"] == "accept"
    tokens = task["tokens"]
    for token in tokens:
        assert TEXT[token["start"] : token["end"]] == token["text"]
    assert [t["id"] for t in tokens] == list(range(len(tokens)))
    for span in task["spans"]:
        surface = TEXT[span["start"] : span["end"]]
        assert surface in {"МИД Японии", "Азербайджан", "Kenji Sato"}
        first, last = tokens[span["token_start"]], tokens[span["token_end"]]
        assert (first["start"], last["end"]) == (span["start"], span["end"])
    assert isinstance(task["_input_hash"], int) and isinstance(task["_task_hash"], int)


def test_same_article_same_input_hash_in_any_project(project: Project) -> None:
    other = Project.in_memory()
    for p in (project, other):
        p.add_article(ArticleDraft(text=TEXT, title="t", source="s"), language="ru", annotator="a")
    assert (
        exported(project, status="any")[0]["_input_hash"]
        == exported(other, status="any")[0]["_input_hash"]
    )


def test_status_and_source_filters(project: Project) -> None:
    first = project.add_article(
        ArticleDraft(text="Kyiv spoke.", title="t", source="s"), language="en", annotator="a"
    )
    project.add_article(
        ArticleDraft(text="Sofia spoke.", title="t", source="s"), language="en", annotator="a"
    )
    project.add_suggestions(first, [SpanDraft(0, 4, "GPE")], recognizer="gazetteer", version="1")
    project.set_status(first, "done", annotator="a")
    assert [t["text"] for t in exported(project)] == ["Kyiv spoke."]
    assert len(exported(project, status="any")) == 2
    assert exported(project)[0]["spans"] == []
    (suggested,) = exported(project, source="suggestions")[0]["spans"]
    assert (suggested["start"], suggested["end"], suggested["label"]) == (0, 4, "GPE")


def test_a_span_off_token_boundaries_is_kept_and_reported(project: Project) -> None:
    document_id = project.add_article(
        ArticleDraft(text="Azerbaijani troops", title="t", source="s"), language="en", annotator="a"
    )
    project.add_span(document_id, SpanDraft(0, 10, "GPE"), annotator="a")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "out.jsonl")
        result = export(project, "jsonl", path, Selection(status="any"))
        assert len(json.loads(path.read_text(encoding="utf-8"))["spans"]) == 1
    assert result.misaligned and "token boundaries" in result.misaligned[0]
    with pytest.raises(ExportRefused), tempfile.TemporaryDirectory() as folder:
        export(project, "jsonl", Path(folder, "x.jsonl"), Selection(status="any"), strict=True)
