"""The demo project: the sample articles, pre-annotated by the recognizers as a user's
import would be, ready to correct.

``resources/samples/demo_entities.json`` holds entities written by hand for these articles:
the reference pre-annotation is checked against (tests, ``bench``), not part of the demo.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from annotator.io.importer import ImportOptions, ImportReport, import_paths
from annotator.resources import SAMPLES_DIR
from annotator.store.project import Project

EXAMPLES = SAMPLES_DIR / "demo_entities.json"


def create_demo_project(
    path: Path, annotator: str, progress: Callable[[int, int], None] | None = None
) -> ImportReport:
    from annotator.nlp.preannotate import preannotate

    with Project.open(path) as project:
        samples = sorted(SAMPLES_DIR.glob("*.txt"))
        report = import_paths(project, samples, ImportOptions(annotator=annotator))
        preannotate(project, report.document_ids, progress=progress)
    return report
