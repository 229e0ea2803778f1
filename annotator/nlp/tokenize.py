"""spaCy's tokenizer for each language, built once: exports and token snapping share it."""

from __future__ import annotations

from array import array
from functools import cache, lru_cache

import spacy
from spacy.attrs import IDX, LENGTH
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import get_lang_class


@cache
def blank(language: str) -> Language:
    """A blank pipeline (tokenizer only) for ``language``; the multi-language one when
    spaCy has no rules for it."""
    try:
        get_lang_class(language)
    except ImportError:
        language = "xx"
    return spacy.blank(language)


@lru_cache(maxsize=16)
def tokenized(language: str, text: str) -> Doc:
    """The article's tokens; cached, as an export checks alignment and then writes tokens."""
    return blank(language).make_doc(text)


def tokenizer_id(language: str) -> str:
    """What made a cached tokenization: a new spaCy may split differently."""
    return f"spacy-{spacy.__version__}-{blank(language).lang}"


def token_bounds(language: str, text: str) -> array:
    """Where each token starts and ends, as one flat array: start0, end0, start1, ..."""
    doc = tokenized(language, text)
    bounds = array("I")
    for start, length in doc.to_array([IDX, LENGTH]).tolist():
        bounds.append(start)
        bounds.append(start + length)
    return bounds
