"""Pre-annotation needs no network: it runs with every socket refused."""

from __future__ import annotations

import socket

import pytest

from annotator.io.importer import ImportOptions, import_paths
from annotator.nlp.preannotate import preannotate
from annotator.store.project import Project
from tests.conftest import SAMPLES


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError("network access in a test")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_preannotation_runs_offline(project: Project, no_network: None) -> None:
    import_paths(project, sorted(SAMPLES.glob("*.txt")), ImportOptions("a"))
    report = preannotate(project)
    assert report.documents == 12
    by_language: dict[str, int] = {}
    for document in project.documents():
        by_language[document.language] = by_language.get(document.language, 0) + len(
            project.suggestions(document.id)
        )
    assert all(by_language[lang] > 10 for lang in ("ru", "uk", "bg", "en")), by_language
