"""CoNLL-2003: one token a line, ``token -X- _ TAG``, a blank line after each sentence and a
``-DOCSTART- -X- -X- O`` line before each article.

What it carries is tokens and the entities over them, nothing else: no statements, no
actors, no titles, no nesting, and not the text's exact spacing. The writer counts what it
leaves out in its report; the reader rebuilds each article as its tokens joined by single
spaces, one sentence a line.

Tags are IOB2 by default (``B-`` at every entity start), as spaCy, seqeval and most tools
expect; IOB1 (``B-`` only where an entity directly follows one of the same type) is what
the original CoNLL-2003 files use. The reader takes both, and BIOES/BILOU as well.

The format has no place for the language, and an extra line would break other readers:
the reader takes it from the file name instead, ``gold.ru.conll`` being Russian, and
uses the multi-language ``xx`` otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from spacy.pipeline import Sentencizer
from spacy.tokens import Doc
from spacy.training import biluo_to_iob, offsets_to_biluo_tags
from spacy.util import get_lang_class

from annotator.core.errors import InputError
from annotator.core.gold import GoldDocument, GoldSpan
from annotator.core.text import title_of
from annotator.i18n import N_, _
from annotator.io.alignment import doc_of
from annotator.io.decode import decode
from annotator.io.formats import (
    ENTITIES,
    Format,
    WriteOptions,
    WriteReport,
    register,
)

DOCSTART = "-DOCSTART-"
DOCSTART_LINE = "-DOCSTART- -X- -X- O"
SCHEMES = ("IOB2", "IOB1")

# Every character str.splitlines() breaks at: a whitespace token holding one ends a line
# of the article, and so a sentence.
_LINE_BREAK = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_TAG = re.compile(r"O|[BIELSU]-\S+")
# A language code in the file name (``gold.ru.conll``); 2–3 letters, so that names like
# ``gold.train.conll`` are not mistaken for one.
_LANGUAGE = re.compile(r"[a-z]{2,3}")

Sentence = list[tuple[str, str]]
"""A sentence as (token, tag) pairs."""


# -- write --------------------------------------------------------------------------------


def write_conll(
    documents: Iterable[GoldDocument], path: Path, options: WriteOptions
) -> WriteReport:
    """Write ``documents`` to the file ``path`` and report what CoNLL could not carry."""
    if options.iob not in SCHEMES:
        raise ValueError(f"unknown CoNLL tagging scheme {options.iob!r} (known: IOB2, IOB1)")
    report = WriteReport(files=[path])
    languages: set[str] = set()
    relabelled: set[str] = set()
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for document in documents:
            _count_uncarried(document, report)
            sentences, entities = _sentences(document, report, relabelled)
            if not sentences:
                # A -DOCSTART- with nothing after it reads back as no article at all.
                report.leave_out(_("empty articles"))
                continue
            if options.iob == "IOB1":
                sentences = [_to_iob1(sentence) for sentence in sentences]
            out.write(DOCSTART_LINE + "\n\n")
            for sentence in sentences:
                out.writelines(f"{token} -X- _ {tag}\n" for token, tag in sentence)
                out.write("\n")
            report.documents += 1
            report.spans += entities
            languages.add(document.language)
    if report.documents:
        report.notes.append(
            _(
                "CoNLL keeps tokens, not the exact text: articles read back have single "
                "spaces between tokens and one sentence a line."
            )
        )
        report.notes.append(_language_note(languages))
    if relabelled:
        report.notes.append(
            _("Labels with spaces were written with underscores: {labels}.").format(
                labels=", ".join(sorted(relabelled))
            )
        )
    return report


def _language_note(languages: set[str]) -> str:
    if len(languages) == 1:
        (language,) = languages
        return _(
            "CoNLL does not store the language: name the file like NAME.{language}.conll "
            "to read it back as {language}."
        ).format(language=language)
    return _(
        "CoNLL does not store the language, and this file mixes {languages}: it reads back "
        "as one language, taken from a file name like NAME.ru.conll."
    ).format(languages=", ".join(sorted(languages)))


def _count_uncarried(document: GoldDocument, report: WriteReport) -> None:
    report.leave_out(_("statements"), len(document.statements))
    report.leave_out(_("actor links"), sum(span.actor is not None for span in document.spans))
    if document.title or document.source or document.meta:
        report.leave_out(_("titles and metadata"))


def _sentences(
    document: GoldDocument, report: WriteReport, relabelled: set[str]
) -> tuple[list[Sentence], int]:
    """The article's tokens with IOB2 tags, split into sentences, and how many entities
    they carry.

    spaCy's rule-based sentencizer and line breaks split sentences, but never inside an
    entity: a sentence break there would cut the entity in two when it is read back.
    """
    doc = doc_of(document)
    entities = _carried_entities(document, doc, report)
    tags = biluo_to_iob(offsets_to_biluo_tags(doc, entities))
    # predict() leaves the shared, cached Doc untouched, where calling the sentencizer
    # would set sentence starts on it.
    starts = _sentencizer().predict([doc])[0]
    sentences: list[Sentence] = []
    current: Sentence = []
    boundary = False
    for token, tag, starts_sentence in zip(doc, tags, starts, strict=True):
        boundary = boundary or bool(starts_sentence)
        if not token.text.strip():  # spaces and line breaks have no place in CoNLL
            boundary = boundary or _LINE_BREAK.search(token.text) is not None
            continue
        if boundary and current and not tag.startswith("I-"):
            sentences.append(current)
            current = []
        boundary = False
        if tag != "O":
            label = "_".join(tag[2:].split()) or "_"
            if label != tag[2:]:
                relabelled.add(tag[2:])
            tag = f"{tag[:2]}{label}"
        # A token holding whitespace (a no-break space inside a number, say) would add a
        # column: its parts become tokens of their own, inside the same entity.
        parts = token.text.split()
        inside = tag if tag == "O" else f"I-{tag[2:]}"
        current.append((parts[0], tag))
        current.extend((part, inside) for part in parts[1:])
    if current:
        sentences.append(current)
    return sentences, len(entities)


def _carried_entities(
    document: GoldDocument, doc: Doc, report: WriteReport
) -> list[tuple[int, int, str]]:
    """The entities CoNLL can carry, as character offsets trimmed to non-space tokens.

    Off-boundary entities cannot be tagged at all; of overlapping ones the longest is kept,
    as the one that says most about the text. Both are counted in the report.
    """
    aligned: list[tuple[int, int, int, int, str]] = []
    off_boundaries = 0
    for span in document.spans:
        chars = None
        if 0 <= span.start < span.end <= len(document.text):
            chars = doc.char_span(span.start, span.end, alignment_mode="strict")
        words = [token for token in chars if token.text.strip()] if chars is not None else []
        if not words:
            off_boundaries += 1
            continue
        first, last = words[0], words[-1]
        aligned.append((first.idx, last.idx + len(last.text), first.i, last.i + 1, span.label))
    report.leave_out(_("entities off token boundaries"), off_boundaries)
    taken = bytearray(len(doc))
    kept = []
    for start, end, first, last, label in sorted(aligned, key=lambda e: (e[0] - e[1], e[0])):
        if any(taken[first:last]):
            continue
        taken[first:last] = b"\x01" * (last - first)
        kept.append((start, end, label))
    report.leave_out(_("nested entities"), len(aligned) - len(kept))
    return sorted(kept)


def _to_iob1(sentence: Sentence) -> Sentence:
    """IOB2 tags to IOB1: ``B-`` stays only where the token before is in an entity of the
    same type, the one case where IOB1 needs it to tell two entities apart."""
    result: Sentence = []
    previous = "O"
    for token, tag in sentence:
        if tag.startswith("B-") and previous[2:] != tag[2:]:
            result.append((token, "I-" + tag[2:]))
        else:
            result.append((token, tag))
        previous = tag
    return result


@cache
def _sentencizer() -> Sentencizer:
    return Sentencizer()


# -- read ---------------------------------------------------------------------------------


def read_conll(path: Path) -> Iterator[GoldDocument]:
    """The articles of a CoNLL file, one per ``-DOCSTART-`` (or the whole file without one).

    Takes this module's own ``token -X- _ TAG``, CoNLL-2003 with real POS and chunk columns,
    and two- or three-column files: the token is the first column and the tag the last.
    Malformed lines raise :class:`InputError` with their line number.
    """
    content, _encoding = decode(path.read_bytes(), str(path))
    language = language_of(path)
    columns: int | None = None
    sentences: list[Sentence] = []
    sentence: Sentence = []
    first_line = 1
    found = False
    for number, line in enumerate(content.splitlines(), start=1):
        fields = line.split()
        if not fields or fields[0] == DOCSTART:
            if sentence:
                sentences.append(sentence)
                sentence = []
            if fields and sentences:
                found = True
                yield _document(sentences, language, f"{path}:{first_line}")
                sentences = []
            if fields:
                first_line = number
            continue
        if not 2 <= len(fields) <= 4:
            raise InputError(
                _("expected 2 to 4 columns (token … tag), found {count}").format(count=len(fields)),
                path=str(path),
                line=number,
            )
        if columns is None:
            columns = len(fields)
        elif len(fields) != columns:
            raise InputError(
                _("{count} columns where the lines before have {expected}").format(
                    count=len(fields), expected=columns
                ),
                path=str(path),
                line=number,
            )
        tag = fields[-1]
        if _TAG.fullmatch(tag) is None:
            raise InputError(
                _(
                    "unknown tag {tag!r}: expected O, or B-, I-, E-, L-, S- or U- and a label"
                ).format(tag=tag),
                path=str(path),
                line=number,
            )
        sentence.append((fields[0], tag))
    if sentence:
        sentences.append(sentence)
    if sentences:
        found = True
        yield _document(sentences, language, f"{path}:{first_line}")
    if not found:
        raise InputError(_("no tokens in the file"), path=str(path))


def language_of(path: Path) -> str:
    """The language named in a file name like ``gold.ru.conll``; ``xx`` (multi-language)
    when there is none, or the code is not one spaCy knows."""
    suffixes = path.suffixes
    if len(suffixes) >= 2:
        code = suffixes[-2][1:].lower()
        if _LANGUAGE.fullmatch(code):
            try:
                get_lang_class(code)
            except ImportError:
                return "xx"
            return code
    return "xx"


def _document(sentences: list[Sentence], language: str, source: str) -> GoldDocument:
    """Tokens joined by single spaces, sentences by line breaks, and the entities their
    tags mark."""
    pieces: list[str] = []
    spans: list[GoldSpan] = []
    offset = 0
    for index, sentence in enumerate(sentences):
        if index:
            pieces.append("\n")
            offset += 1
        starts = []
        for position, (token, _tag) in enumerate(sentence):
            if position:
                pieces.append(" ")
                offset += 1
            starts.append(offset)
            pieces.append(token)
            offset += len(token)
        for first, last, label in _entities([tag for _token, tag in sentence]):
            end = starts[last] + len(sentence[last][0])
            spans.append(GoldSpan(starts[first], end, label))
    text = "".join(pieces)
    return GoldDocument(
        text=text, language=language, title=title_of(text), source=source, spans=tuple(spans)
    )


def _entities(tags: list[str]) -> list[tuple[int, int, str]]:
    """The entities of one sentence's tags as (first token, last token, label), whichever
    of IOB1, IOB2 or BIOES/BILOU the tags use."""
    entities: list[tuple[int, int, str]] = []
    current: tuple[int, str] | None = None  # first token and label of the open entity
    for index, tag in enumerate(tags):
        if tag == "O":
            if current is not None:
                entities.append((current[0], index - 1, current[1]))
            current = None
            continue
        prefix, label = tag[0], tag[2:]
        # I-, E- and L- continue an open entity of their type; after O or another type
        # they start one, which is how IOB1 starts entities, and how lenient readers
        # take a stray I- in IOB2.
        if prefix in "BSU" or current is None or current[1] != label:
            if current is not None:
                entities.append((current[0], index - 1, current[1]))
            current = (index, label)
        if prefix in "ESLU":
            entities.append((current[0], index, label))
            current = None
    if current is not None:
        entities.append((current[0], len(tags) - 1, current[1]))
    return entities


register(
    Format(
        name="conll",
        description=N_(
            "CoNLL-2003: one token a line with its IOB tag, entities only (no statements)"
        ),
        carries=frozenset({ENTITIES}),
        write=write_conll,
        read=read_conll,
        folder=False,
        suffix=".conll",
    )
)
