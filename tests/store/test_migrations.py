"""A project written by an older version opens, after a backup, with nothing lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.errors import ProjectError
from annotator.store.project import Project

OLD = Path(__file__).parent / "data" / "project_v1.sql"


def old_project(tmp_path: Path) -> Path:
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(OLD.read_text(encoding="utf-8"))
    conn.close()
    return path


def test_an_old_project_is_backed_up_then_migrated(tmp_path: Path) -> None:
    path = old_project(tmp_path)
    original = path.read_bytes()
    with Project.open(path) as project:
        document = project.document(1)
        spans = project.spans(1)
        assert [document.text[s.start : s.end] for s in spans] == ["Япония", "Азербайджан"]
        assert project.status(1, annotator="Олена").value == "done"
        assert project.search("азербайджан") == [1]  # what migration 0002 added
    (backup,) = tmp_path.glob("old.sqlite.before-0002_documents_search.bak")
    copy = sqlite3.connect(backup)
    assert copy.execute("SELECT count(*) FROM spans").fetchone()[0] == 2
    assert copy.execute("SELECT name FROM _sqlite_migrations").fetchall() == [("0001_initial",)]
    copy.close()
    assert original  # the file was a real older project


def test_opening_an_up_to_date_project_makes_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite"
    Project.open(path).close()
    Project.open(path).close()
    assert list(tmp_path.glob("*.bak")) == []


def test_a_project_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite"
    with Project.open(path) as project:
        project.db["_sqlite_migrations"].insert(
            {"migration_set": "stance-annotator", "name": "9999_future", "applied_at": "x"}
        )
    with pytest.raises(ProjectError, match="newer version"):
        Project.open(path)
