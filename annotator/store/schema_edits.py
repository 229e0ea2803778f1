"""The project's schema as data: entity labels, stance values and statement types, edited
in a dialog or replaced from a file."""

from __future__ import annotations


class SchemaEdits:
    """Schema edits of :class:`~annotator.store.project.Project`."""
