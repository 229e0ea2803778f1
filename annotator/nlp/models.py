"""The project's trained models, kept in a folder beside the project file.

``project.annotator`` keeps its models in ``project.models/``, one folder per model:
a spaCy pipeline (``nlp.to_disk``) plus ``model.json``, which says what the model is —
kind (``ner`` or ``stance``), spaCy language (``xx`` for one model of several languages),
the languages it serves, version, data sizes and scores. A folder without ``model.json``
is not a model (a training that was stopped, or something a user put there).

A model is written under a temporary name and renamed when complete, so a cancelled or
crashed training leaves nothing that looks like a model.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

INFO_FILE = "model.json"
FOLDER_SUFFIX = ".models"
MULTILINGUAL = "xx"


@dataclass(frozen=True, slots=True)
class ModelInfo:
    kind: str
    """``ner`` or ``stance``."""
    lang: str
    """spaCy's language code of the pipeline; ``xx`` for one model of several languages."""
    languages: tuple[str, ...]
    """The articles' languages the model serves."""
    version: str
    """When it was trained, as a sortable stamp (20261122T021500)."""
    trained_at: str
    spacy_version: str
    train_articles: int
    heldout_articles: int
    train_examples: int
    """Entities (ner) or statement targets (stance) it learnt from."""
    seconds: float
    active: bool
    """Whether pre-annotation uses it: a model that made the held-out figures worse is kept
    for reference but not used."""
    base: str = ""
    """The installed spaCy pipeline it was fine-tuned from; empty when trained from scratch."""
    labels: dict[str, str] = field(default_factory=dict)
    """Its labels mapped to the project's, where they differ (a fine-tuned model keeps its
    base pipeline's: PERSON for PER)."""
    scores: dict[str, Any] = field(default_factory=dict)
    """Held-out figures: ``model`` (this model alone), for ner also ``chain_before`` and
    ``chain_after`` (the pre-annotation chain without and with it), per language."""
    path: Path | None = None

    @property
    def name(self) -> str:
        return f"{self.kind}-{self.lang}-{self.version}"

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("path")
        data["languages"] = list(self.languages)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any], path: Path) -> ModelInfo:
        known = {f for f in cls.__dataclass_fields__ if f != "path"}
        values = {k: v for k, v in data.items() if k in known}
        values["languages"] = tuple(values.get("languages", ()))
        return cls(**values, path=path)


def models_folder(project_path: Path) -> Path:
    """Where a project's models live: beside its file, named after it."""
    return project_path.with_name(project_path.stem + FOLDER_SUFFIX)


def list_models(folder: Path | None, kind: str | None = None) -> list[ModelInfo]:
    """The complete models in ``folder``, oldest first."""
    if folder is None or not folder.is_dir():
        return []
    found = []
    for child in folder.iterdir():
        info_file = child / INFO_FILE
        if child.name.startswith(".") or not info_file.is_file():
            continue
        try:
            info = ModelInfo.from_json(json.loads(info_file.read_text("utf-8")), child)
        except (OSError, ValueError, TypeError):
            continue  # a damaged model is no model; training again replaces it
        if kind is None or info.kind == kind:
            found.append(info)
    return sorted(found, key=lambda m: (m.version, m.name))


def latest(folder: Path | None, kind: str, language: str) -> ModelInfo | None:
    """The newest active model of ``kind`` for articles in ``language``: the language's
    own model if there is one, else a multilingual one that serves it."""
    models = [m for m in list_models(folder, kind) if m.active and language in m.languages]
    own = [m for m in models if m.lang == language]
    chosen = own or models
    return chosen[-1] if chosen else None


@contextmanager
def new_model_folder(folder: Path, name: str) -> Iterator[Path]:
    """A folder to write a model into; renamed to ``folder/name`` when the block ends
    without error, removed otherwise."""
    folder.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=folder))
    try:
        yield work
        os.replace(work, folder / name)
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)


def write_info(target: Path, info: ModelInfo) -> None:
    (target / INFO_FILE).write_text(
        json.dumps(info.to_json(), ensure_ascii=False, indent=2), encoding="utf-8"
    )
