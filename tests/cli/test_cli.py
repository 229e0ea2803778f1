"""The ``annotator`` command as a user types it."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotator import __version__
from annotator.cli import main
from tests.conftest import ROOT, SAMPLES


def run(*args: str) -> int:
    return main([str(a) for a in args])


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        run("--version")
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"annotator {__version__}"


def test_import_stats_export_round(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "p.sqlite"
    assert run("import", SAMPLES, "--db", db, "--no-progress") == 0
    out = capsys.readouterr().out
    assert "13 imported, 0 duplicates, 0 failed" in out
    assert run("import", SAMPLES, "--db", db) == 0
    assert "0 imported, 13 duplicates, 0 failed" in capsys.readouterr().out

    assert run("stats", "--db", db, "--json") == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["articles"] == 13
    assert {lang: sum(v.values()) for lang, v in stats["articles_by_language"].items()} == {
        "ru": 3,
        "uk": 3,
        "bg": 3,
        "en": 4,
    }
    assert run("stats", "--db", db) == 0
    assert "13 articles" in capsys.readouterr().out

    out_file = tmp_path / "gold.jsonl"
    assert run("export", "--format", "jsonl", "--status", "any", "--db", db, "--out", out_file) == 0
    tasks = [json.loads(line) for line in out_file.read_text(encoding="utf-8").splitlines()]
    assert len(tasks) == 13
    assert run("export", "--format", "jsonl", "--db", db, "--out", tmp_path / "done.jsonl") == 0
    assert (tmp_path / "done.jsonl").read_text() == ""  # nothing is done yet


def test_without_db_the_last_project_is_used(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "mine.sqlite"
    run("import", SAMPLES / "uk_warsaw_power_line.txt", "--db", db)
    capsys.readouterr()
    assert run("stats", "--json") == 0
    assert json.loads(capsys.readouterr().out)["project"] == str(db)


def test_a_failed_file_means_a_non_zero_status_and_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "ok"}\n{oops\n')
    code = run("import", bad, SAMPLES / "en_oslo_mackerel_talks.txt", "--db", tmp_path / "p.sqlite")
    captured = capsys.readouterr()
    assert code == 1
    failure, *rest = captured.err.strip().splitlines()
    assert failure == f"{bad}:2: not JSON (Expecting property name enclosed in double quotes)"
    assert "1 imported, 0 duplicates, 1 failed" in captured.out
    # the article that was imported is pre-annotated, as every import is by default
    assert rest and "suggested statements in 1 articles" in rest[-1]


def test_import_can_skip_preannotation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "p.sqlite"
    sample = SAMPLES / "en_oslo_mackerel_talks.txt"
    assert run("import", sample, "--db", db, "--no-preannotate", "--no-progress") == 0
    assert "suggestions" not in capsys.readouterr().err
    assert run("setting", "preannotate_on_import", "false", "--db", db) == 0
    assert run("import", SAMPLES / "en_nairobi_climate_fund.txt", "--db", db) == 0
    assert "suggestions" not in capsys.readouterr().err


def test_errors_are_one_line_never_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_project = tmp_path / "x.sqlite"
    not_project.write_text("hello")
    assert run("stats", "--db", not_project) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a project file" in err and "Traceback" not in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        run("export", "--format", "nope")
    assert exit_.value.code == 2


def test_a_failed_export_leaves_the_previous_file_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "p.sqlite"
    run(
        "import",
        SAMPLES / "bg_skopje_railway_corridor.txt",
        SAMPLES / "bg_varna_black_sea_demining.txt",
        "--db",
        db,
    )
    target = tmp_path / "out.jsonl"
    target.write_text("previous export\n")
    from annotator.io.formats import prodigy

    real = prodigy.task
    calls = []

    def fails_on_the_second(*args):
        calls.append(1)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(*args)

    monkeypatch.setattr(prodigy, "task", fails_on_the_second)
    assert run("export", "--format", "jsonl", "--status", "any", "--db", db, "--out", target) == 1
    assert "No space left on device" in capsys.readouterr().err
    assert target.read_text() == "previous export\n"
    assert [p.name for p in tmp_path.iterdir() if "partial" in p.name] == []


def test_killed_in_the_middle_of_a_large_import(tmp_path: Path) -> None:
    """SIGKILL during an import leaves a sound project holding only whole articles."""
    folder = tmp_path / "articles"
    folder.mkdir()
    texts = {}
    body = (SAMPLES / "ru_helsinki_gulf_patrols.txt").read_text(encoding="utf-8")
    for i in range(3000):
        text = f"Статья {i}\n\n{body}\n{i}\n"
        (folder / f"{i:05}.txt").write_text(text, encoding="utf-8")
        texts[text] = i
    db = tmp_path / "p.sqlite"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "annotator",
            "import",
            str(folder),
            "--db",
            str(db),
            "--lang",
            "ru",
            "--no-progress",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if db.exists() and _count(db) > 300:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = conn.execute("SELECT text FROM documents").fetchall()
    conn.close()
    assert 0 < len(stored) < 3000, "the import was stopped part-way"
    assert all(text in texts for (text,) in stored), "every stored article is whole"


def _count(db: Path) -> int:
    try:
        conn = sqlite3.connect(db, timeout=0.1)
        try:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def test_project_settings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "p.sqlite")
    assert run("setting", "preannotate_on_import", "false", "--db", db) == 0
    assert run("setting", "preannotate_on_import", "--db", db) == 0
    assert capsys.readouterr().out.strip() == "false"
    assert run("setting", "languages", "[ru", "--db", db) == 1
    assert "not JSON" in capsys.readouterr().err
    assert run("import", SAMPLES / "ru_geneva_water_talks.txt", "--db", db) == 0
    from annotator.store.project import Project

    with Project.open(db) as project:
        assert project.recognizers() == []  # pre-annotation on import was switched off
