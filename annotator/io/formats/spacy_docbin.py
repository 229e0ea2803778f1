"""spaCy's own training data: ``DocBin`` files (``.spacy``) and a ``config.cfg`` per language.

The export is a folder with one subfolder per language, because a spaCy pipeline has one
language and one tokenizer. Each holds ``train.spacy``, ``dev.spacy`` and a ``config.cfg``
that ``python -m spacy train config.cfg --output model`` accepts as is when run inside it.

A spaCy ``Doc`` cannot hold everything an article has: ``doc.ents`` allows no overlaps and
every span must fall on token boundaries. So the data is written three times, each for its
reader:

- ``doc.ents``: the outermost non-overlapping entities, what the ``ner`` component learns
  from; the tokens of entities off token boundaries are marked *missing* rather than
  *outside*, so training is not told that they are no entity;
- ``doc.spans["entities"]`` and ``doc.spans["statements"]``: every token-aligned entity
  (nested ones too, actor as ``kb_id``) and statement content, for spaCy users' own tools;
- ``doc.user_data["stance_annotator"]``: the whole article as plain JSON-able data (every
  entity by its exact offsets, every statement field, title, source, metadata). This is
  what :func:`read` restores articles from, so a round trip loses nothing.

A ``DocBin`` made by another tool has no such user data: :func:`read` then builds articles
from ``doc.ents`` and the ``entities`` span group.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span
from spacy.util import get_lang_class
from spacy.vocab import Vocab
from thinc.api import Config

from annotator.core.errors import InputError
from annotator.core.gold import (
    GoldDocument,
    GoldSpan,
    statement_from_json,
    statement_to_json,
)
from annotator.core.text import title_of
from annotator.i18n import N_, _
from annotator.io.alignment import doc_of
from annotator.io.formats import (
    ACTORS,
    ENTITIES,
    EXACT_TEXT,
    META,
    NESTED,
    STATEMENTS,
    Format,
    WriteOptions,
    WriteReport,
    register,
)
from annotator.nlp.tokenize import blank
from annotator.nlp.training import outermost as outermost_spans
from annotator.nlp.training import training_config

USER_DATA_KEY = "stance_annotator"
SCHEMA = 1
"""Version of the user data layout; a reader refuses layouts newer than it knows."""
ENTITIES_GROUP = "entities"
STATEMENTS_GROUP = "statements"
TRAIN_FILE = "train.spacy"
DEV_FILE = "dev.spacy"
CONFIG_FILE = "config.cfg"
README_FILE = "README.txt"


def write(documents: Iterable[GoldDocument], folder: Path, options: WriteOptions) -> WriteReport:
    """Write ``documents`` as ``<folder>/<language>/{train,dev}.spacy`` plus a config each."""
    report = WriteReport()
    by_folder: dict[str, list[GoldDocument]] = {}
    for document in documents:
        by_folder.setdefault(_folder_name(document.language), []).append(document)
    folder.mkdir(parents=True, exist_ok=True)
    for name in sorted(by_folder):
        _write_language(by_folder[name], folder / name, name, options, report)
    if by_folder:
        report.notes.append(
            _("To train, run in a language folder: {command}").format(
                command="python -m spacy train config.cfg --output model"
            )
        )
        readme = folder / README_FILE
        readme.write_text(_readme(sorted(by_folder)), encoding="utf-8", newline="\n")
        report.files.append(readme)
    return report


def read(path: Path) -> Iterator[GoldDocument]:
    """Articles from one ``.spacy`` file, or from every ``.spacy`` file under a folder.

    Reading a folder skips the dev copy of a language's only article (it is written to
    both files so that training has dev data), so each article comes back once.
    """
    if path.is_dir():
        files = sorted(path.rglob("*.spacy"))
        if not files:
            raise InputError(_("no .spacy files in this folder"), path=str(path))
        skip_copies = True
    elif path.is_file():
        files, skip_copies = [path], False
    else:
        raise InputError(_("no such file or folder"), path=str(path))
    for file in files:
        language = _folder_language(file.parent)
        for index, doc in enumerate(_load(file)):
            payload = doc.user_data.get(USER_DATA_KEY)
            if payload is None:
                yield _from_plain_doc(doc, language, f"{file.name}:{index + 1}")
            elif not (skip_copies and payload.get("copy")):
                yield _from_payload(doc, payload, file)


# Writing


def _folder_name(language: str) -> str:
    """A language code made safe as a folder name; "xx" (spaCy's multi-language) if empty."""
    return re.sub(r"[^\w-]", "_", language.strip(), flags=re.ASCII) or "xx"


def _write_language(
    documents: list[GoldDocument],
    folder: Path,
    name: str,
    options: WriteOptions,
    report: WriteReport,
) -> None:
    nlp = blank(documents[0].language)
    train_ids, dev_ids = _split(len(documents), options.dev_fraction, options.seed, name)
    only_one = len(documents) == 1
    train_bin = DocBin(store_user_data=True)
    dev_bin = DocBin(store_user_data=True)
    train_words = 0
    for index, document in enumerate(documents):
        doc = _to_doc(document, nlp, report)
        if index in train_ids:
            train_bin.add(doc)
            train_words += len(doc)
        if index in dev_ids:
            if only_one:
                # The same article in both files: mark the dev copy so a read gives it once.
                doc.user_data[USER_DATA_KEY] = {**doc.user_data[USER_DATA_KEY], "copy": True}
            dev_bin.add(doc)
        report.documents += 1
        report.spans += len(document.spans)
        report.statements += len(document.statements)
    folder.mkdir(parents=True, exist_ok=True)
    for file, doc_bin in ((TRAIN_FILE, train_bin), (DEV_FILE, dev_bin)):
        doc_bin.to_disk(folder / file)
        report.files.append(folder / file)
    config = training_config(nlp.lang, train_words, options.seed)
    config.to_disk(folder / CONFIG_FILE)
    report.files.append(folder / CONFIG_FILE)
    report.notes.append(
        _("{language}: {train} train, {dev} dev, seed {seed}").format(
            language=name, train=len(train_ids), dev=len(dev_ids), seed=options.seed
        )
    )
    if only_one:
        report.notes.append(
            _(
                "{language}: only one article, so it is both the training and the dev data;"
                " its scores say nothing about new articles"
            ).format(language=name)
        )


def _split(count: int, fraction: float, seed: int, language: str) -> tuple[set[int], set[int]]:
    """Indices of the training and dev articles: seeded, so the same export splits alike.

    spaCy needs dev data to score checkpoints, so at least one article is held out; and
    at least one is kept for training. A lone article goes to both.
    """
    if count == 1:
        return {0}, {0}
    dev_count = min(count - 1, max(1, round(count * fraction)))
    order = list(range(count))
    # Seeded by language too, so adding a language to the project leaves the others' splits.
    random.Random(f"{seed}/{language}").shuffle(order)
    return set(order[dev_count:]), set(order[:dev_count])


def _to_doc(document: GoldDocument, nlp: Language, report: WriteReport) -> Doc:
    # The project's cached tokens (or the tokenizer, not make_doc: make_doc refuses texts
    # over nlp.max_length, a guard for the parser's memory that an export does not need).
    doc: Doc = doc_of(document) if document.tokens is not None else nlp.tokenizer(document.text)
    aligned: list[Span] = []
    off_tokens: list[GoldSpan] = []
    for gold in document.spans:
        span = _aligned(doc, gold.start, gold.end, gold.label, gold.actor or "")
        if span is None:
            off_tokens.append(gold)
        else:
            aligned.append(span)
    outermost = outermost_spans(aligned)
    doc.set_ents(outermost, missing=_missing(doc, outermost, off_tokens), default="outside")
    doc.spans[ENTITIES_GROUP] = aligned
    report.leave_out(_("entities off token boundaries (kept in user_data only)"), len(off_tokens))

    statements: list[Span] = []
    off_statements = 0
    for statement in document.statements:
        label = statement.statement_type or "statement"
        span = _aligned(doc, *statement.content, label)
        if span is None:
            off_statements += 1
        else:
            statements.append(span)
    doc.spans[STATEMENTS_GROUP] = statements
    report.leave_out(_("statements off token boundaries (kept in user_data only)"), off_statements)

    doc.user_data[USER_DATA_KEY] = _payload(document, doc)
    return doc


def _aligned(doc: Doc, start: int, end: int, label: str, kb_id: str = "") -> Span | None:
    """The span at exactly these offsets, or None when they are not on token boundaries."""
    if not 0 <= start < end <= len(doc.text):
        return None
    span = doc.char_span(start, end, label=label, kb_id=kb_id)
    return span if span is not None and len(span) else None


def _missing(doc: Doc, entities: list[Span], off_tokens: list[GoldSpan]) -> list[Span]:
    """Tokens under entities off token boundaries, not under a chosen entity: marked missing
    so that NER training neither learns them as entity nor as "outside"."""
    taken = [False] * len(doc)
    for span in entities:
        taken[span.start : span.end] = [True] * len(span)
    missing = []
    for gold in off_tokens:
        if not 0 <= gold.start < gold.end <= len(doc.text):
            continue
        span = doc.char_span(gold.start, gold.end, alignment_mode="expand")
        if span is None or not len(span) or any(taken[span.start : span.end]):
            continue
        taken[span.start : span.end] = [True] * len(span)
        missing.append(span)
    return missing


def _payload(document: GoldDocument, doc: Doc) -> dict[str, Any]:
    """The whole article as plain data; DocBin stores it with msgpack."""
    payload: dict[str, Any] = {
        "schema": SCHEMA,
        "language": document.language,
        "title": document.title,
        "source": document.source,
        "meta": document.meta,
        "spans": [
            {"start": s.start, "end": s.end, "label": s.label, "actor": s.actor}
            for s in document.spans
        ],
        "statements": [statement_to_json(s) for s in document.statements],
        "actor_labels": document.actor_labels,
        "id": document.id,
    }
    if doc.text != document.text:
        # spaCy's tokenizer keeps every character, so this should not happen; if it ever
        # does, the exact text still travels.
        payload["text"] = document.text
    return payload


def _readme(languages: list[str]) -> str:
    return _(
        "spaCy training data exported by Stance Annotator.\n"
        "\n"
        "Each language has its own folder ({languages}) with:\n"
        "  train.spacy, dev.spacy  articles as spaCy DocBin files (doc.ents: entities;\n"
        "                          doc.spans: all entities and statements; doc.user_data:\n"
        "                          everything else, for importing back);\n"
        "  config.cfg              a CPU NER pipeline trained from scratch (no vectors,\n"
        "                          nothing is downloaded), bounded to a few minutes.\n"
        "\n"
        "To train, go into a language folder and run:\n"
        "\n"
        "  python -m spacy train config.cfg --output model\n"
        "\n"
        "The trained pipeline is model/model-best (load it with spacy.load). Settings can be\n"
        "changed on the command line, e.g. --training.max_steps 5000.\n"
    ).format(languages=", ".join(languages))


# Reading


def _load(file: Path) -> list[Doc]:
    """Every Doc of one DocBin file; anything unreadable becomes an InputError."""
    try:
        data = file.read_bytes()
    except OSError as error:
        raise InputError(
            _("cannot be read ({reason})").format(reason=error.strerror), path=str(file)
        ) from error
    try:
        doc_bin = DocBin(store_user_data=True).from_bytes(data)
        # A fresh vocabulary: the shared tokenizers' string stores should not grow with
        # every import.
        return list(doc_bin.get_docs(Vocab()))
    except Exception as error:
        # zlib, msgpack and numpy each fail their own way on a foreign or truncated file.
        raise InputError(
            _("not a spaCy DocBin file, or a damaged one ({reason})").format(
                reason=str(error) or type(error).__name__
            ),
            path=str(file),
        ) from error


def _folder_language(folder: Path) -> str:
    """Language of a DocBin without our user data: the config beside it, or the folder's
    name when spaCy knows it as a language, else spaCy's multi-language "xx"."""
    config = folder / CONFIG_FILE
    if config.is_file():
        try:
            lang = Config().from_disk(config, interpolate=False)["nlp"]["lang"]
            if isinstance(lang, str) and lang:
                return lang
        except Exception:
            pass  # another tool's config we cannot parse: the folder name may still say
    try:
        get_lang_class(folder.name)
        return folder.name
    except Exception:
        return "xx"


def _from_plain_doc(doc: Doc, language: str, source: str) -> GoldDocument:
    found: dict[tuple[int, int, str], str | None] = {}
    groups = [doc.ents]
    if ENTITIES_GROUP in doc.spans:
        groups.append(tuple(doc.spans[ENTITIES_GROUP]))
    for group in groups:
        for span in group:
            key = (span.start_char, span.end_char, span.label_)
            found.setdefault(key, span.kb_id_ or None)
    spans = tuple(GoldSpan(s, e, label, actor) for (s, e, label), actor in sorted(found.items()))
    return GoldDocument(
        text=doc.text, language=language, title=title_of(doc.text), source=source, spans=spans
    )


def _from_payload(doc: Doc, payload: Any, file: Path) -> GoldDocument:
    def fail(reason: str) -> InputError:
        return InputError(reason, path=str(file))

    if not isinstance(payload, dict):
        raise fail(_("the stance_annotator user data is not a mapping"))
    # DocBin reads user data back with tuples for lists: turn them back into what was written.
    data = _lists(payload)
    if int(data.get("schema", 1)) > SCHEMA:
        raise fail(_("made by a newer Stance Annotator; update it to read this file"))
    text = data.get("text", doc.text)
    try:
        spans = tuple(
            GoldSpan(int(s["start"]), int(s["end"]), str(s["label"]), s.get("actor"))
            for s in data.get("spans") or []
        )
        statements = tuple(statement_from_json(s) for s in data.get("statements") or [])
        document = GoldDocument(
            text=text,
            language=str(data["language"]),
            title=str(data.get("title") or ""),
            source=str(data.get("source") or ""),
            meta=dict(data.get("meta") or {}),
            spans=spans,
            statements=statements,
            actor_labels=dict(data.get("actor_labels") or {}),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise fail(
            _("damaged stance_annotator user data ({reason})").format(reason=error)
        ) from error
    for span in spans:
        if not 0 <= span.start < span.end <= len(text):
            raise fail(
                _("span {start}–{end} does not fit the text").format(start=span.start, end=span.end)
            )
    return document


def _lists(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_lists(v) for v in value]
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    return value


register(
    Format(
        name="spacy",
        description=N_("spaCy training data (DocBin files and config.cfg per language)"),
        carries=frozenset({ENTITIES, NESTED, STATEMENTS, ACTORS, EXACT_TEXT, META}),
        write=write,
        read=read,
        folder=True,
    )
)
