"""The demo project: the sample articles, with example entities to correct.

The examples (``resources/samples/demo_entities.json``) were written by hand for these
articles. They are stored as suggestions of a recognizer named "demo examples", so the
demo shows what pre-annotated articles look like, and the status bar says where they
came from.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from annotator import __version__
from annotator.core.model import SpanDraft
from annotator.i18n import N_
from annotator.io.importer import ImportOptions, ImportReport, import_paths
from annotator.resources import SAMPLES_DIR
from annotator.store.project import Project

EXAMPLES = SAMPLES_DIR / "demo_entities.json"
RECOGNIZER = N_("demo examples")  # shown translated in the status bar


def create_demo_project(path: Path, annotator: str) -> ImportReport:
    with Project.open(path) as project:
        samples = sorted(SAMPLES_DIR.glob("*.txt"))
        report = import_paths(project, samples, ImportOptions(annotator=annotator))
        examples = json.loads(EXAMPLES.read_text(encoding="utf-8"))
        for document in project.documents():
            entries = examples.get(Path(document.source).name, [])
            spans = sorted(
                {
                    SpanDraft(match.start(), match.end(), label)
                    for surface, label in entries
                    for match in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", document.text)
                },
                key=lambda span: (span.start, span.end),
            )
            if spans:
                project.add_suggestions(
                    document.id, spans, recognizer=RECOGNIZER, version=__version__
                )
    return report
