"""The app bundle (``make dist``): its size, and its start-up time to a shown window next
to the same app started from source, in the same run.

Each start opens the same small project (the demo's articles, already imported) with
``STANCE_ANNOTATOR_EXIT_WHEN_SHOWN`` set, so the app quits as soon as its window is up;
the time is from launching the process to that moment, median of several starts, first
start (cold caches) reported apart.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = Path(os.environ.get("STANCE_ANNOTATOR_BUNDLE") or ROOT / "dist" / "stance-annotator")
ROUNDS = 5


def _size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def _start(command: list[str], env: dict[str, str]) -> float:
    began = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    if "shown" not in done.stdout:
        raise RuntimeError(f"{command[0]} did not show its window: {done.stderr[-2000:]}")
    return time.perf_counter() - began


def run(*, quick: bool = False) -> dict[str, Any]:
    binary = BUNDLE / "stance-annotator"
    if not binary.exists():
        return {"skipped": f"no bundle at {BUNDLE}: run `make dist` first"}
    from annotator.io.importer import ImportOptions, import_paths
    from annotator.resources import SAMPLES_DIR
    from annotator.store.project import Project

    rounds = 2 if quick else ROUNDS
    size, files = _size(BUNDLE)
    with tempfile.TemporaryDirectory() as home:
        project = Path(home, "bench.sqlite")
        with Project.open(project) as opened:
            import_paths(opened, sorted(SAMPLES_DIR.glob("*.txt")), ImportOptions("bench"))
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": home,
               "XDG_CONFIG_HOME": home, "XDG_CACHE_HOME": home,
               "STANCE_ANNOTATOR_EXIT_WHEN_SHOWN": "1"}  # fmt: skip
        commands = {
            "bundle": [str(binary), "--db", str(project)],
            "source": [sys.executable, "-m", "annotator", "--db", str(project)],
        }
        first = {name: _start(command, env) for name, command in commands.items()}
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(rounds):  # alternated, so both see the same machine state
            for name, command in commands.items():
                times[name].append(_start(command, env))
    median = {name: statistics.median(values) for name, values in times.items()}
    archive_mb = None
    if not quick:  # what users download: the folder as a .tar.gz
        with tempfile.TemporaryDirectory() as folder:
            archive = shutil.make_archive(str(Path(folder, "bundle")), "gztar",
                                          BUNDLE.parent, BUNDLE.name)  # fmt: skip
            archive_mb = round(Path(archive).stat().st_size / 1e6, 1)
    return {
        "bundle_mb": round(size / 1e6, 1),
        "bundle_files": files,
        "tar_gz_mb": archive_mb,
        "first_start_s": {name: round(value, 2) for name, value in first.items()},
        "start_to_shown_window_s": {name: round(value, 2) for name, value in median.items()},
        "bundle_vs_source": round(median["bundle"] / median["source"], 2),
    }
