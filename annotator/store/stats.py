"""Counts of what a project holds, for ``annotator stats`` and the window's status bar."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from annotator.store.project import STATUS_OF_DOCUMENT, Project


def project_stats(project: Project) -> dict[str, Any]:
    """Articles by language and status, spans by label and source, statements by stance."""
    db = project.db
    by_language: dict[str, dict[str, int]] = defaultdict(dict)
    for language, status, count in db.execute(
        f"SELECT language, ({STATUS_OF_DOCUMENT.format(who='')}) AS status, count(*)"
        " FROM documents d GROUP BY language, status ORDER BY language, status"
    ):
        by_language[language][status] = count
    by_status: dict[str, int] = defaultdict(int)
    for statuses in by_language.values():
        for status, count in statuses.items():
            by_status[status] += count
    spans: dict[str, dict[str, int]] = defaultdict(dict)
    for label, count in db.execute(
        "SELECT label, count(*) FROM spans GROUP BY label ORDER BY label"
    ):
        spans["human"][label] = count
    for recognizer, label, count in db.execute(
        "SELECT recognizer, label, count(*) FROM suggestions WHERE decision = 'open'"
        " GROUP BY recognizer, label ORDER BY recognizer, label"
    ):
        spans[f"suggestions:{recognizer}"][label] = count
    stances = dict(
        db.execute(
            "SELECT stance, count(*) FROM statement_targets GROUP BY stance ORDER BY stance"
        ).fetchall()
    )
    statements = db.execute("SELECT count(*) FROM statements").fetchone()[0]
    return {
        "project": str(project.path) if project.path else None,
        "articles": project.count_documents(),
        "articles_by_language": {k: dict(v) for k, v in by_language.items()},
        "articles_by_status": dict(by_status),
        "spans_by_source": {k: dict(v) for k, v in spans.items()},
        "statements": statements,
        "statement_targets_by_stance": stances,
        "annotators": project.annotators(),
        "languages": project.languages,
    }
