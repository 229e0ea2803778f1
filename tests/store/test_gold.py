"""Annotated articles go out of a project and into another unchanged."""

from __future__ import annotations

from dataclasses import replace

from annotator.store.gold import Selection, gold_documents, store_gold
from annotator.store.project import Project
from tests.io.formats.gold_samples import sample_documents


def test_gold_round_trip_through_the_store(project: Project) -> None:
    documents = sample_documents()
    stored = store_gold(project, documents, annotator="Олена")
    assert (stored.imported, stored.statements) == (4, 1)
    again = list(gold_documents(project, Selection(status="any")))
    # read back with their provenance: who stored them, and how
    expected = [
        replace(d, statements=tuple(
            replace(s, annotator="Олена", origin="imported") for s in d.statements))
        for d in documents
    ]  # fmt: skip
    assert [replace(d, id=None, meta={}) for d in again] == expected
    other = Project.in_memory()
    store_gold(other, again, annotator="Ivan")
    assert [replace(d, id=None) for d in gold_documents(other, Selection(status="any"))] == [
        replace(d, id=None) for d in again
    ]
    assert sorted(name for _, name, _ in other.actors()) == ["Azerbaijan", "Japan"]


def test_reimport_is_a_duplicate(project: Project) -> None:
    documents = sample_documents()
    store_gold(project, documents, annotator="a")
    assert store_gold(project, documents, annotator="a").duplicates == 4
