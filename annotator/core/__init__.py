"""Pure model of the annotation data: no Qt, no SQL, no spaCy (import-linter checks)."""
