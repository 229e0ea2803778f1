"""Actors: canonical entities with aliases across scripts and inflections, and the edits
that keep them tidy (rename, merge, split, relabel every mention)."""

from __future__ import annotations


class Actors:
    """Actor edits of :class:`~annotator.store.project.Project`."""
