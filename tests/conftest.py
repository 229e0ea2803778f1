"""Shared test set-up: no display, no network, no touching the user's real settings."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The gazetteer's place names take pymorphy3 ~20 s to inflect: kept between runs, not in
# each test's private cache folder.
os.environ.setdefault(
    "STANCE_ANNOTATOR_CACHE_DIR",
    str(Path(__file__).resolve().parent.parent / ".pytest_cache" / "stance-annotator"),
)

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "resources" / "samples"


@pytest.fixture(autouse=True)
def _private_user_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
):
    """Settings, data and the last-project file live in a fresh folder for every test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("LANGUAGE", "en")


@pytest.fixture
def project():
    from annotator.store.project import Project

    with Project.in_memory() as opened:
        yield opened


@pytest.fixture
def samples() -> Path:
    return SAMPLES
