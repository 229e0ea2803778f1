"""Stance Annotator: annotate entities, statements and stance in news articles, offline."""

__version__ = "0.1.0"
