"""Errors that carry a message meant for the user: the command line prints them as one line."""

from __future__ import annotations


class AnnotatorError(Exception):
    """Base of every error the user should read instead of a traceback."""


class InvariantError(AnnotatorError, ValueError):
    """A write would break a data rule (offsets, labels, immutability); nothing was written."""


class InputError(AnnotatorError):
    """A file to import cannot be read as articles. ``where`` names the file and line."""

    def __init__(self, reason: str, *, path: str | None = None, line: int | None = None) -> None:
        self.reason = reason
        self.path = path
        self.line = line
        super().__init__(self.where_and_why())

    def where_and_why(self) -> str:
        if self.path is None:
            return self.reason
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.reason}"


class Where:
    """Where a record of an input file is (its line, or its number in a list), so that an
    error about it can say so."""

    def __init__(self, path: object, line: int | None) -> None:
        self.path = str(path)
        self.line = line

    def fail(self, reason: str) -> InputError:
        return InputError(reason, path=self.path, line=self.line)


class ProjectError(AnnotatorError):
    """The project file cannot be opened or written (locked, read-only, not a project)."""
