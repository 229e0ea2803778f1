"""The quality report, as plain data and as text: what ``annotator stats --quality``
prints and the window's Quality Report shows.

Two parts. How good the suggestions in finished articles were, per language: all
recognizers together (what annotators saw) and each recognizer, overall and per label
(:mod:`annotator.store.quality`). And the project's latest models with their held-out
figures: the model alone, and pre-annotation without and with it, which says how much
training changed what annotators get.
"""

from __future__ import annotations

from typing import Any

from annotator.core.quality import ALL
from annotator.i18n import _, ngettext
from annotator.nlp.models import ModelInfo, list_models, models_folder
from annotator.store.project import Project
from annotator.store.quality import quality_figures


def quality_report(project: Project, *, language: str | None = None) -> dict[str, Any]:
    figures = quality_figures(project, language=language)
    languages: dict[str, Any] = {}
    for lang, scores in sorted(figures.chain.items()):
        recognizers = [
            {"name": name, "version": version, **counts.total.as_dict(),
             "by_label": {k: v for k, v in counts.as_dict().items() if k != ALL}}
            for (name, version, of), counts in sorted(figures.recognizers.items())
            if of == lang
        ]  # fmt: skip
        languages[lang] = {
            "articles": figures.articles[lang],
            "overall": scores.total.as_dict(),
            "by_label": {k: v for k, v in scores.as_dict().items() if k != ALL},
            "recognizers": recognizers,
        }
    models = list_models(models_folder(project.path)) if project.path else []
    latest: dict[tuple[str, str], ModelInfo] = {}
    for model in models:
        latest[(model.kind, model.lang)] = model
    return {
        "languages": languages,
        "models": [
            _model(m, language)
            for m in latest.values()
            if language is None or language in m.languages
        ],
    }


def _model(model: ModelInfo, language: str | None) -> dict[str, Any]:
    def only(figures: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in figures.items() if language is None or k == language}

    return {
        "name": model.name,
        "kind": model.kind,
        "languages": list(model.languages),
        "trained_at": model.trained_at,
        "base": model.base,
        "active": model.active,
        "train_articles": model.train_articles,
        "heldout_articles": model.heldout_articles,
        "held_out": only(model.scores.get("model", {})),
        "chain_before": only(model.scores.get("chain_before", {})),
        "chain_after": only(model.scores.get("chain_after", {})),
        "stance": model.scores.get("stance", {}),
        "macro_f1": model.scores.get("macro_f1"),
    }


def _row(name: str, figures: dict[str, Any]) -> str:
    return _("{name}: precision {p:.2f}, recall {r:.2f}, F1 {f:.2f} ({n} suggested)").format(
        name=name, p=figures["precision"], r=figures["recall"], f=figures["f1"],
        n=figures["suggested"],
    )  # fmt: skip


def report_lines(report: dict[str, Any], *, languages: bool = True) -> list[str]:
    """The report as text; without ``languages``, only its models part."""
    lines: list[str] = []
    if languages and not report["languages"]:
        lines.append(_("No finished articles with suggestions yet: mark articles done to see"
                       " how good the suggestions were."))  # fmt: skip
    for language, data in report["languages"].items() if languages else ():
        lines.append(
            ngettext("{language}: {n} finished article", "{language}: {n} finished articles",
                     data["articles"]).format(language=language, n=data["articles"])
        )  # fmt: skip
        if not data["overall"]["suggested"]:
            lines.append("  " + _("no suggestions were made for them"))
            continue
        lines.append("  " + _row(_("all recognizers"), data["overall"]))
        for label, figures in data["by_label"].items():
            lines.append("    " + _row(label, figures))
        for recognizer in data["recognizers"]:
            name = f"{recognizer['name']} {recognizer['version']}".strip()
            lines.append("  " + _row(name, recognizer))
    for model in report["models"]:
        lines.append(
            _("Latest {kind} model {name} ({languages}), trained {when}").format(
                kind=model["kind"], name=model["name"], languages=", ".join(model["languages"]),
                when=model["trained_at"],
            )
        )  # fmt: skip
        if model["kind"] == "stance":
            lines.append("  " + _("held out: macro F1 {f1:.2f}").format(f1=model["macro_f1"] or 0))
            for stance, figures in sorted(model["stance"].items()):
                lines.append(
                    "    " + _("{stance}: precision {p:.2f}, recall {r:.2f}, F1 {f:.2f}").format(
                        stance=stance, p=figures["precision"], r=figures["recall"],
                        f=figures["f1"],
                    )
                )  # fmt: skip
        for language, figures in model["held_out"].items():
            lines.append("  " + _row(_("{language} held out").format(language=language),
                                     figures[ALL]))  # fmt: skip
        for language, before in model["chain_before"].items():
            after = model["chain_after"].get(language)
            if after is None:
                continue
            lines.append(
                "  " + _("{language}: pre-annotation F1 {before:.2f} without the model,"
                         " {after:.2f} with it ({change:+.2f})").format(
                    language=language, before=before[ALL]["f1"], after=after[ALL]["f1"],
                    change=after[ALL]["f1"] - before[ALL]["f1"],
                )
            )  # fmt: skip
    return lines
