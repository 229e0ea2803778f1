"""The user's own settings, kept apart from any project: the last project, their name, the
interface language. A small JSON file in the platform's config folder (platformdirs);
written atomically so a crash never leaves it half-written."""

from __future__ import annotations

import getpass
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from platformdirs import user_config_path, user_data_path

APP = "stance-annotator"


def data_dir() -> Path:
    return user_data_path(APP, appauthor=False)


def settings_file() -> Path:
    return user_config_path(APP, appauthor=False) / "settings.json"


def default_project() -> Path:
    return data_dir() / "default.sqlite"


def demo_project() -> Path:
    return data_dir() / "demo.sqlite"


def load() -> dict[str, Any]:
    try:
        value = json.loads(settings_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def save(**changes: Any) -> None:
    """Merge ``changes`` into the settings file. Settings are a convenience: a folder that
    cannot be written is not an error worth stopping the user's work for."""
    path = settings_file()
    values = {**load(), **changes}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp"
        ) as tmp:
            json.dump(values, tmp, ensure_ascii=False, indent=2)
        os.replace(tmp.name, path)
    except OSError:
        pass


def last_project() -> Path:
    """The project opened last, or the default project in the user's data folder."""
    last = load().get("last_project")
    return Path(last) if last else default_project()


def annotator_name() -> str:
    """The name recorded on this user's edits: as they gave it, or their login name."""
    name = load().get("annotator")
    if isinstance(name, str) and name.strip():
        return name.strip()
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "annotator"


DEFAULT_PREFERENCES: dict[str, Any] = {
    "font_family": "",
    "font_size": 13,
    "token_snapping": True,
    "ui_language": "",
}


def preferences() -> dict[str, Any]:
    """The reading and editing preferences, with defaults for what was never set."""
    stored = load().get("preferences")
    return {**DEFAULT_PREFERENCES, **(stored if isinstance(stored, dict) else {})}


def save_preferences(values: dict[str, Any]) -> None:
    save(preferences={**preferences(), **values})


def recent_projects() -> list[str]:
    recent = load().get("recent_projects")
    return [p for p in recent if isinstance(p, str)] if isinstance(recent, list) else []


def remember_project(path: Path) -> None:
    """Make ``path`` the last project and the first of the recent ones."""
    resolved = str(Path(path).resolve())
    recent = [resolved, *(p for p in recent_projects() if p != resolved)][:8]
    save(last_project=resolved, recent_projects=recent)


def named_projects() -> list[str]:
    """Projects in which this user has said their name (it is asked once per project)."""
    named = load().get("named_projects")
    return [p for p in named if isinstance(p, str)] if isinstance(named, list) else []


def name_project(path: str) -> None:
    if path and path not in named_projects():
        save(named_projects=[*named_projects(), path])
