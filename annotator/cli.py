"""The ``annotator`` command: the window, and the sub-commands that work without it.

Every error reaches the user as one line on stderr and a non-zero exit status; an
unexpected one also leaves its traceback in a log file, whose path the line names.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import tempfile
import threading
import traceback
from collections.abc import Sequence
from pathlib import Path

from annotator import __version__, user_settings
from annotator.core.errors import AnnotatorError
from annotator.core.model import PREANNOTATE_ON_IMPORT
from annotator.i18n import _, ngettext

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

# argparse's own words (usage, help, its errors) come from our catalogs too: it looks its
# gettext functions up as module globals at each call.
argparse._ = _  # type: ignore[attr-defined]
argparse.ngettext = ngettext  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(
            EXIT_USAGE, _("{prog}: error: {message}").format(prog=self.prog, message=message) + "\n"
        )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="annotator",
        description=_("Annotate entities, statements and stance in news articles."),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"annotator {__version__}",
        help=_("show program's version number and exit"),
    )
    parser.add_argument(
        "--self-check",
        action="store_true",
        help=_("check offline that this installation works (import, pre-annotate, export,"
               " window) and say ok or what failed"),
    )  # fmt: skip
    project = argparse.ArgumentParser(add_help=False)
    project.add_argument(
        "--db",
        metavar="FILE",
        type=Path,
        help=_("project file (default: the project opened last)"),
    )
    project.add_argument("--annotator", metavar="NAME", help=_("your name on the edits"))
    parser.add_argument("--db", metavar="FILE", type=Path, help=_("project file to open"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    imp = commands.add_parser(
        "import",
        parents=[project],
        help=_("import article files and folders"),
        description=_("Import articles: .txt .md .jsonl .csv .tsv .html, folders recursively."),
    )
    imp.add_argument("paths", nargs="+", metavar="PATH")
    imp.add_argument("--lang", metavar="CODE", help=_("language of every article (no guessing)"))
    imp.add_argument(
        "--as-suggestions",
        action="store_true",
        help=_("store spans found in the files as suggestions, not annotations"),
    )
    imp.add_argument("--text-column", metavar="NAME", help=_("CSV/TSV column with the text"))
    imp.add_argument(
        "--add-labels",
        action="store_true",
        help=_("add labels the files use to the schema instead of refusing the file"),
    )
    imp.add_argument("--no-progress", action="store_true", help=_("no progress bar"))
    imp.add_argument(
        "--no-preannotate",
        action="store_true",
        help=_("do not pre-annotate the new articles (project setting: preannotate_on_import)"),
    )

    pre = commands.add_parser(
        "preannotate",
        parents=[project],
        help=_("suggest entities with the recognizers"),
        description=_("Run the recognizers over the project's articles and store what they find"
                      " as suggestions."),
    )  # fmt: skip
    pre.add_argument("--lang", metavar="CODE", help=_("only articles in this language"))
    pre.add_argument(
        "--only-new", action="store_true", help=_("only articles no recognizer has seen yet")
    )
    pre.add_argument(
        "--recognizer", metavar="NAME", action="append",
        help=_("only this recognizer (repeat for several)"),
    )  # fmt: skip
    pre.add_argument(
        "--document", metavar="ID", type=int, action="append",
        help=_("only this article (repeat for several)"),
    )  # fmt: skip
    pre.add_argument("--no-progress", action="store_true", help=_("no progress bar"))
    pre.add_argument("--progress-json", action="store_true", help=argparse.SUPPRESS)

    train = commands.add_parser(
        "train",
        parents=[project],
        help=_("train a model from the articles marked done"),
        description=_("Train a spaCy NER per language from the articles marked done (one shared"
                      " model for languages with few), score it on held-out articles against"
                      " the recognizers, and put it first in pre-annotation when it helps."
                      " With --stance, train the stance classifier from the statements."),
    )  # fmt: skip
    train.add_argument("--lang", metavar="CODE", help=_("only this language"))
    train.add_argument(
        "--stance", action="store_true", help=_("train the stance classifier instead")
    )
    train.add_argument("--seed", type=int, default=0, help=_("seed of the held-out split"))
    train.add_argument("--no-progress", action="store_true", help=_("no progress bar"))
    train.add_argument("--progress-json", action="store_true", help=argparse.SUPPRESS)

    setting = commands.add_parser(
        "setting",
        parents=[project],
        help=_("show or change a project setting"),
        description=_("Show a project setting, or set it to a JSON value, e.g."
                      ' annotator setting languages \'["ru", "uk"]\'.'),
    )  # fmt: skip
    setting.add_argument("name", nargs="?", metavar="NAME")
    setting.add_argument("value", nargs="?", metavar="JSON")

    stats = commands.add_parser("stats", parents=[project], help=_("what the project holds"))
    stats.add_argument("--json", action="store_true", help=_("print JSON"))
    stats.add_argument(
        "--quality",
        action="store_true",
        help=_("how good the suggestions were against what annotators kept"),
    )
    stats.add_argument("--lang", metavar="CODE", help=_("only this language (with --quality)"))

    from annotator.io.formats import FORMATS

    imp.add_argument(
        "--format",
        choices=sorted(name for name, f in FORMATS.items() if f.importable),
        help=_("read annotated files of this format (with their statements and actors)"),
    )

    export = commands.add_parser(
        "export",
        parents=[project],
        help=_("export annotations"),
        description=_("Export gold data: {formats}.").format(formats=", ".join(sorted(FORMATS))),
    )
    export.add_argument("--format", required=True, choices=sorted(FORMATS))
    export.add_argument(
        "--status",
        default="done",
        choices=["done", "in_progress", "todo", "skipped", "any"],
        help=_("articles with this status (default: done)"),
    )
    export.add_argument(
        "--source",
        default="human",
        choices=["human", "suggestions"],
        help=_("annotations, or the recognizers' suggestions"),
    )
    export.add_argument("--lang", metavar="CODE", help=_("only articles in this language"))
    export.add_argument(
        "--by", metavar="NAME", help=_("status and edits of this annotator (default: anyone)")
    )
    export.add_argument("--since", metavar="DATE", help=_("annotated on or after this date"))
    export.add_argument("--until", metavar="DATE", help=_("annotated before this date"))
    export.add_argument(
        "--strict", action="store_true", help=_("refuse spans that are off token boundaries")
    )
    export.add_argument(
        "--iob", choices=["IOB2", "IOB1"], default="IOB2", help=_("CoNLL tagging scheme")
    )
    export.add_argument("--seed", type=int, default=0, help=_("seed of the spaCy train/dev split"))
    export.add_argument(
        "--out",
        metavar="PATH",
        type=Path,
        help=_("output file or folder (default: stdout for one-file formats)"),
    )

    schema = commands.add_parser(
        "schema",
        help=_("import or export the project's labels, stances and statement types"),
        description=_("Bring a schema file (the format of resources/schema/default.json) into"
                      " the project, or write the project's schema to one."),
    )  # fmt: skip
    actions = schema.add_subparsers(
        dest="schema_command", metavar="ACTION", parser_class=_Parser, required=True
    )
    schema_import = actions.add_parser(
        "import",
        parents=[project],
        help=_("add and update labels, stances and statement types from a file"),
        description=_("Add the file's values that are new to the project and update the key,"
                      " description and colour of those it has. A value that annotations use"
                      " is never removed."),
    )  # fmt: skip
    schema_import.add_argument("file", metavar="FILE", type=Path)
    schema_import.add_argument(
        "--replace",
        action="store_true",
        help=_("make each list exactly the file's (values not in the file are removed)"),
    )
    schema_export = actions.add_parser(
        "export",
        parents=[project],
        help=_("write the project's schema to a file (- for stdout)"),
    )
    schema_export.add_argument("file", metavar="FILE", type=Path)

    commands.add_parser("demo", help=_("open the demo project (created on first use)"))
    return parser


STOPPABLE = frozenset({"import", "preannotate", "train", "export"})


def _stop(signum: int, frame: object) -> None:
    # The window stops a pre-annotation or training it started with SIGTERM: ending as an
    # interruption rolls back the article in progress and removes a half-written model.
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    # Only for the batch commands: the window's event loop runs in C++, where a Python
    # handler would never run and SIGTERM (a logout) would be ignored.
    if args.command in STOPPABLE and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _stop)
    try:
        return _dispatch(args)
    except AnnotatorError as error:
        print(_("annotator: error: {message}").format(message=error), file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print(_("annotator: interrupted"), file=sys.stderr)
        return 130
    except Exception:
        log = Path(tempfile.gettempdir()) / "stance-annotator-error.log"
        log.write_text(traceback.format_exc(), encoding="utf-8")
        kind = sys.exc_info()[0].__name__  # type: ignore[union-attr]
        print(
            _("annotator: internal error ({kind}): {error} — details in {log}").format(
                kind=kind, error=sys.exc_info()[1], log=log
            ),
            file=sys.stderr,
        )
        return EXIT_FAILED


def _dispatch(args: argparse.Namespace) -> int:
    command = args.command
    if args.self_check:
        from annotator import selfcheck

        return selfcheck.run()
    if command == "import":
        return cmd_import_formatted(args) if args.format else cmd_import(args)
    if command == "setting":
        return cmd_setting(args)
    if command == "preannotate":
        return cmd_preannotate(args)
    if command == "stats":
        return cmd_quality(args) if args.quality else cmd_stats(args)
    if command == "train":
        return cmd_train(args)
    if command == "export":
        return cmd_export(args)
    if command == "schema":
        return (
            cmd_schema_import(args) if args.schema_command == "import" else cmd_schema_export(args)
        )
    if command == "demo":
        return open_window(ensure_demo_project())
    return open_window(args.db or user_settings.last_project())


def _open_project(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from annotator.store.project import Project

    path = args.db or user_settings.last_project()
    project = Project.open(path)
    user_settings.remember_project(Path(path))
    return project


def _annotator(args: argparse.Namespace) -> str:
    return args.annotator or user_settings.annotator_name()


def cmd_import(args: argparse.Namespace) -> int:
    from annotator.io.importer import ImportOptions, import_paths

    options = ImportOptions(
        annotator=_annotator(args),
        language=args.lang,
        spans_as="suggestions" if args.as_suggestions else "human",
        add_labels=args.add_labels,
        text_column=args.text_column,
    )
    with _open_project(args) as project:
        if args.lang and args.lang not in project.languages:
            print(
                _("note: {lang} is not among the project's languages ({languages})").format(
                    lang=args.lang, languages=", ".join(project.languages)
                ),
                file=sys.stderr,
            )
        with _progress_bar(disable=args.no_progress) as progress:
            report = import_paths(project, args.paths, options, progress)
        for failure in report.failures:
            print(failure.where_and_why(), file=sys.stderr)
        print(
            _("{imported} imported, {duplicates} duplicates, {failed} failed ({path})").format(
                imported=report.imported,
                duplicates=report.duplicates,
                failed=report.failed,
                path=project.path,
            )
        )
        if (
            report.document_ids
            and not args.no_preannotate
            and project.setting(PREANNOTATE_ON_IMPORT, True)
        ):
            _run_preannotate(project, report.document_ids, args.no_progress)
    return EXIT_FAILED if report.failures else EXIT_OK


class _progress_bar:
    """A terminal progress bar (tqdm) fed by the importer's callback; silent when stderr
    is not a terminal."""

    def __init__(self, *, disable: bool, unit: str | None = None) -> None:
        self.disable = disable
        self.unit = unit or _("files")
        self.bar = None

    def __enter__(self):  # type: ignore[no-untyped-def]
        return self.update

    def update(self, done: int, total: int) -> None:
        if self.disable:
            return
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit=self.unit, file=sys.stderr, disable=None, leave=False)
        self.bar.update(done - self.bar.n)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()


def cmd_train(args: argparse.Namespace) -> int:
    with _open_project(args) as project:
        if args.stance:
            return _train_stance(project, args)
        from annotator.nlp.training import train_ner

        progress = _staged_progress(json_lines=args.progress_json, disable=args.no_progress)
        report = train_ner(project, language=args.lang, seed=args.seed, progress=progress)
        progress.close()
    for language, count in sorted(report.skipped.items()):
        print(
            _("{language}: {count} finished articles, too few for a model").format(
                language=language, count=count
            ),
            file=sys.stderr,
        )
    for model in report.models:
        print(_describe_model(model))
    return EXIT_OK


def _train_stance(project, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from annotator.nlp.stance import train_stance

    progress = _staged_progress(json_lines=args.progress_json, disable=args.no_progress)
    model = train_stance(project, seed=args.seed, progress=progress)
    progress.close()
    print(_describe_model(model))
    return EXIT_OK


class _staged_progress:
    """Training's progress (stage, done, total) as a terminal bar or JSON lines."""

    def __init__(self, *, json_lines: bool = False, disable: bool = False) -> None:
        # JSON lines are for the window, which runs the command in a process of its own.
        self.json = json_lines
        self.disable = disable
        self.bar = None
        self.stage = ""

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.json:
            print(json.dumps({"stage": stage, "done": done, "total": total}), flush=True)
            return
        if self.disable:
            return
        if self.bar is None or stage != self.stage:
            self.close()
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc=stage, file=sys.stderr, disable=None, leave=False)
            self.stage = stage
        self.bar.total = total
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def _describe_model(model) -> str:  # type: ignore[no-untyped-def]
    from annotator.core.quality import ALL

    lines = [
        _("Model {name} ({languages}): {train} articles learnt, {held} held out,"
          " {seconds} s").format(
            name=model.name, languages=", ".join(model.languages), train=model.train_articles,
            held=model.heldout_articles, seconds=model.seconds,
        )
    ]  # fmt: skip
    if model.base:
        lines.append("  " + _("fine-tuned from {base}").format(base=model.base))
    for language, figures in sorted(model.scores.get("model", {}).items()):
        parts = ", ".join(
            f"{label} {row['f1']:.2f}" for label, row in sorted(figures.items()) if label != ALL
        )
        lines.append(
            "  " + _("{language} held out: F1 {f1:.2f} (by label: {parts})").format(
                language=language, f1=figures[ALL]["f1"], parts=parts
            )
        )  # fmt: skip
    for language in sorted(model.scores.get("chain_before", {})):
        before = model.scores["chain_before"][language][ALL]["f1"]
        after = model.scores.get("chain_after", {}).get(language, {}).get(ALL, {}).get("f1")
        if after is None:
            continue
        lines.append(
            "  " + _("{language}: pre-annotation F1 {before:.2f} without the model,"
                     " {after:.2f} with it ({change:+.2f})").format(
                language=language, before=before, after=after, change=after - before
            )
        )  # fmt: skip
    if model.kind == "ner":
        lines.append(
            "  " + (_("first in pre-annotation from now on") if model.active
                    else _("kept aside: it made pre-annotation worse on held-out articles"))
        )  # fmt: skip
    return "\n".join(lines)


def cmd_quality(args: argparse.Namespace) -> int:
    from annotator.io.quality_report import quality_report, report_lines

    with _open_project(args) as project:
        report = quality_report(project, language=args.lang)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print("\n".join(report_lines(report)))
    return EXIT_OK


def cmd_setting(args: argparse.Namespace) -> int:
    with _open_project(args) as project:
        if args.name is None:
            for name, value in project.db.execute("SELECT key, value FROM settings ORDER BY key"):
                print(f"{name} = {value}")
            return EXIT_OK
        if args.value is None:
            print(json.dumps(project.setting(args.name), ensure_ascii=False))
            return EXIT_OK
        try:
            value = json.loads(args.value)
        except json.JSONDecodeError as error:
            raise AnnotatorError(
                _("{value} is not JSON ({reason})").format(value=args.value, reason=error.msg)
            ) from error
        project.set_setting(args.name, value, annotator=_annotator(args))
    return EXIT_OK


def cmd_preannotate(args: argparse.Namespace) -> int:
    from annotator.nlp.preannotate import chain_for

    with _open_project(args) as project:
        chain = chain_for(project, args.recognizer)
        known = {r.name for r in chain.pool}
        unknown = sorted(set(args.recognizer or ()) - known)
        if unknown:
            raise AnnotatorError(
                _("no recognizer named {names} (known: {known})").format(
                    names=", ".join(unknown), known=", ".join(sorted(known))
                )
            )
        _run_preannotate(project, args.document, args.no_progress, language=args.lang,
                         only_new=args.only_new, chain=chain,
                         json_progress=args.progress_json)  # fmt: skip
    return EXIT_OK


def _run_preannotate(
    project,  # type: ignore[no-untyped-def]
    document_ids: list[int] | None,
    no_progress: bool,
    json_progress: bool = False,
    **options,  # type: ignore[no-untyped-def]
) -> None:
    from annotator.nlp.preannotate import preannotate

    if json_progress:
        staged = _staged_progress(json_lines=True)
        stage = _("Pre-annotating")
        report = preannotate(project, document_ids,
                             progress=lambda done, total: staged(stage, done, total),
                             **options)  # fmt: skip
    else:
        with _progress_bar(disable=no_progress, unit=_("articles")) as progress:
            report = preannotate(project, document_ids, progress=progress, **options)
    parts = ", ".join(f"{name} {count}" for name, count in sorted(report.by_recognizer.items()))
    print(
        _(
            "{suggestions} suggestions and {statements} suggested statements in {documents}"
            " articles ({parts})"
        ).format(
            suggestions=report.suggestions,
            statements=report.statements,
            documents=report.documents,
            parts=parts or "-",
        ),
        file=sys.stderr,
    )


def cmd_stats(args: argparse.Namespace) -> int:
    from annotator.core.commands import status_name
    from annotator.core.model import Status
    from annotator.store.stats import project_stats

    with _open_project(args) as project:
        stats = project_stats(project)
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(_("Project: {path}").format(path=stats["project"]))
    print(ngettext("{n} article", "{n} articles", stats["articles"]).format(n=stats["articles"]))
    print(_("By language and status:"))
    for language, statuses in sorted(stats["articles_by_language"].items()):
        parts = ", ".join(
            f"{status_name(Status(status))} {count}" for status, count in sorted(statuses.items())
        )
        print(f"  {language}: {parts}")
    print(_("Spans by source and label:"))
    for source, labels in sorted(stats["spans_by_source"].items()):
        parts = ", ".join(f"{label} {count}" for label, count in sorted(labels.items()))
        if source == "human":
            source_name = _("annotations")
        else:
            source_name = _("suggestions of {recognizer}").format(
                recognizer=source.split(":", 1)[1]
            )
        print(f"  {source_name}: {parts}")
    print(
        ngettext("{n} statement", "{n} statements", stats["statements"]).format(
            n=stats["statements"]
        )
    )
    for stance, count in sorted(stats["statement_targets_by_stance"].items()):
        print(f"  {stance}: {count}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from annotator.io.exchange import export, format_named
    from annotator.io.formats import WriteOptions
    from annotator.store.gold import Selection

    chosen = format_named(args.format)
    selection = Selection(status=args.status, language=args.lang, annotator=args.by,
                          source=args.source, since=args.since, until=args.until)  # fmt: skip
    options = WriteOptions(iob=args.iob, seed=args.seed)
    with _open_project(args) as project:
        if args.out is None:
            if chosen.folder:
                raise AnnotatorError(
                    _("the {format} format writes a folder: name it with --out").format(
                        format=chosen.name
                    )
                )
            with tempfile.TemporaryDirectory() as folder:
                target = Path(folder, "export" + chosen.suffix)
                result = export(project, chosen.name, target, selection, options,
                                strict=args.strict)  # fmt: skip
                sys.stdout.write(target.read_text(encoding="utf-8"))
        else:
            result = export(project, chosen.name, args.out, selection, options, strict=args.strict)
    for line in result.misaligned:
        print(_("warning: {problem}").format(problem=line), file=sys.stderr)
    for what, count in sorted(result.report.left_out.items()):
        print(_("not carried by {format}: {what} ({count})").format(
            format=chosen.name, what=what, count=count), file=sys.stderr)  # fmt: skip
    for note in result.report.notes:
        print(note, file=sys.stderr)
    print(
        _("{documents} articles, {spans} spans, {statements} statements exported").format(
            documents=result.report.documents, spans=result.report.spans,
            statements=result.report.statements,
        ),
        file=sys.stderr,
    )  # fmt: skip
    return EXIT_OK


def cmd_import_formatted(args: argparse.Namespace) -> int:
    from annotator.io.exchange import import_formatted

    with _open_project(args) as project:
        result = import_formatted(
            project, args.format, [Path(p) for p in args.paths], annotator=_annotator(args),
            spans_as="suggestions" if args.as_suggestions else "human",
            add_labels=args.add_labels,
        )  # fmt: skip
        for failure in result.failures:
            print(failure.where_and_why(), file=sys.stderr)
        print(
            _("{imported} imported, {duplicates} duplicates, {failed} failed ({path})").format(
                imported=result.imported, duplicates=result.duplicates,
                failed=len(result.failures), path=project.path,
            )
        )  # fmt: skip
    return EXIT_FAILED if result.failures else EXIT_OK


def cmd_schema_import(args: argparse.Namespace) -> int:
    from annotator.core.schema import KIND_TITLES, KINDS, LabelSchema

    schema = LabelSchema.from_file(args.file)  # a broken file stops here: nothing opened
    with _open_project(args) as project:
        changes = project.import_schema(schema, replace=args.replace, annotator=_annotator(args))
    for kind in KINDS:
        title = _(KIND_TITLES[kind])
        if not schema.has(kind):
            print(_("{kind}: not in the file, left as they were").format(kind=title))
            continue
        done = changes.of(kind)
        parts = [
            text.format(names=", ".join(names))
            for text, names in (
                (_("added {names}"), done.added),
                (_("updated {names}"), done.updated),
                (_("removed {names}"), done.removed),
            )
            if names
        ]
        if done.reordered:
            parts.append(_("new order"))
        print(f"{title}: {'; '.join(parts) or _('no change')}")
    return EXIT_OK


def cmd_schema_export(args: argparse.Namespace) -> int:
    with _open_project(args) as project:
        text = project.schema().to_json()
    if str(args.file) == "-":
        sys.stdout.write(text)
        return EXIT_OK
    try:
        args.file.write_text(text, encoding="utf-8")
    except OSError as error:
        raise AnnotatorError(f"{args.file}: {error.strerror or error}") from error
    print(_("Schema written to {path}").format(path=args.file), file=sys.stderr)
    return EXIT_OK


def ensure_demo_project() -> Path:
    """The demo project, made from the bundled sample articles the first time."""
    from annotator.io.demo import create_demo_project

    path = user_settings.demo_project()
    if not path.exists():
        print(_("Creating the demo project: importing and pre-annotating the samples…"))
        with _progress_bar(disable=False, unit=_("articles")) as progress:
            report = create_demo_project(path, user_settings.annotator_name(), progress)
        print(
            ngettext(
                "Demo project created with {n} article: {path}",
                "Demo project created with {n} articles: {path}",
                report.imported,
            ).format(n=report.imported, path=path)
        )
    user_settings.remember_project(path)
    return path


def open_window(path: Path) -> int:
    try:
        from annotator.app import run
    except ModuleNotFoundError as error:
        if error.name != "annotator.app":
            raise
        print(
            _(
                "The project is ready at {path}. The annotation window is not part of this"
                " version yet; use the commands (annotator --help)."
            ).format(path=path)
        )
        return EXIT_OK
    return run(path)


if __name__ == "__main__":
    raise SystemExit(main())
