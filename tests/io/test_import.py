"""Importing the files users really have: formats, duplicates, languages, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.io.importer import ImportOptions, import_paths
from annotator.store.project import Project
from tests.conftest import SAMPLES

OPTIONS = ImportOptions(annotator="Олена")


def snapshot(project: Project) -> dict[str, list]:
    """Everything a failed import must leave untouched."""
    tables = ["documents", "spans", "suggestions", "labels", "journal", "annotators"]
    return {t: project.db.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in tables}


def test_samples_import_with_their_languages(project: Project) -> None:
    report = import_paths(project, [SAMPLES], OPTIONS)
    assert report.failures == []
    documents = list(project.documents())
    assert len(documents) == report.imported == len(list(SAMPLES.glob("*.txt"))) + 1  # + README
    for document in documents:
        name = Path(document.source).name
        if name.endswith(".txt"):
            assert document.language == name[:2], name
            assert document.text == (SAMPLES / name).read_text(encoding="utf-8")
            assert document.title == document.text.split("\n")[0].strip()


def test_reimporting_adds_nothing_and_counts_duplicates(project: Project) -> None:
    first = import_paths(project, [SAMPLES], OPTIONS)
    again = import_paths(project, [SAMPLES], OPTIONS)
    assert (again.imported, again.duplicates) == (0, first.imported)
    assert project.count_documents() == first.imported


def test_the_same_article_in_another_encoding_is_a_duplicate(
    project: Project, tmp_path: Path
) -> None:
    text = "Москва и Киев обменялись заявлениями.\r\nМИД России заявил о переговорах.\r\n" * 3
    (tmp_path / "a.txt").write_bytes(text.encode("cp1251"))
    (tmp_path / "b.txt").write_bytes(text.replace("\r\n", "\n").encode("utf-8-sig"))
    report = import_paths(project, [tmp_path], OPTIONS)
    assert (report.imported, report.duplicates) == (1, 1)
    assert next(project.documents()).text == text.replace("\r\n", "\n")


def test_lang_forces_the_language(project: Project) -> None:
    import_paths(
        project, [SAMPLES / "ru_geneva_water_talks.txt"], ImportOptions("a", language="uk")
    )
    assert next(project.documents()).language == "uk"


def test_markdown_front_matter_gives_the_title(project: Project, tmp_path: Path) -> None:
    (tmp_path / "n.md").write_text(
        "---\ntitle: Заголовок\ndate: 2026-01-02\n---\n# Hello\n\nBody text.\n"
    )
    import_paths(project, [tmp_path], OPTIONS)
    document = next(project.documents())
    assert (document.title, document.text) == ("Заголовок", "# Hello\n\nBody text.\n")
    assert document.meta["date"] == "2026-01-02"


def test_prodigy_and_doccano_records_keep_their_spans(project: Project, tmp_path: Path) -> None:
    text = "👍 Япония призвала Азербайджан\r\nпрекратить огонь."
    records = [
        {
            "text": text,
            "spans": [{"start": 2, "end": 8, "label": "GPE", "text": "Япония"}],
            "meta": {"title": "Prodigy"},
        },
        {"text": "Kyiv and Warsaw signed a deal.", "label": [[0, 4, "GPE"], [9, 15, "GPE"]]},
    ]
    path = tmp_path / "data.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    report = import_paths(project, [path], OPTIONS)
    assert report.failures == [] and report.imported == 2 and report.spans == 3
    for document in project.documents():
        for span in project.spans(document.id):
            assert document.text[span.start : span.end] in {"Япония", "Kyiv", "Warsaw"}
            assert span.annotator == "Олена"


def test_spans_as_suggestions(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "data.jsonl"
    path.write_text(json.dumps({"text": "Kyiv and Warsaw", "label": [[0, 4, "GPE"]]}) + "\n")
    import_paths(project, [path], ImportOptions("a", spans_as="suggestions"))
    document = next(project.documents())
    assert project.spans(document.id) == []
    assert [s.label for s in project.suggestions(document.id)] == ["GPE"]


def test_unknown_labels_are_refused_unless_added(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "data.jsonl"
    path.write_text(json.dumps({"text": "Kyiv and Warsaw", "label": [[0, 4, "CITY"]]}) + "\n")
    report = import_paths(project, [path], OPTIONS)
    assert "CITY" in str(report.failures[0]) and project.count_documents() == 0
    assert "CITY" not in project.label_names()
    report = import_paths(project, [path], ImportOptions("a", add_labels=True))
    assert report.imported == 1 and "CITY" in project.label_names()


def test_csv_and_tsv_rows_become_articles(project: Project, tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text(
        'id;title;text\n1;Перша;"Київ заявив, що переговори тривають.\nДругий рядок."\n'
        "2;Друга;Варшава підтримала ініціативу.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.tsv").write_text("body\tsource\nSofia and Athens agreed.\twire\n")
    assert import_paths(project, [tmp_path / "a.csv"], OPTIONS).imported == 2
    report = import_paths(project, [tmp_path / "b.tsv"], ImportOptions("a", text_column="body"))
    assert report.imported == 1
    first = next(project.documents())
    assert first.title == "Перша" and first.meta["id"] == "1"
    assert first.text == "Київ заявив, що переговори тривають.\nДругий рядок."


def test_html_main_text_and_metadata(project: Project, tmp_path: Path) -> None:
    paragraph = (
        "Министр иностранных дел Болгарии заявил, что София поддерживает диалог "
        "и призывает стороны к сдержанности. "
    ) * 4
    html = f"""<html><head><title>София призвала к диалогу</title>
    <meta property="article:published_time" content="2026-03-14"></head>
    <body><nav><a href="/">Главная</a> | <a>Политика</a> | <a>Спорт</a></nav>
    <article><h1>София призвала к диалогу</h1><p>{paragraph}</p><p>{paragraph}</p></article>
    <footer>Поделиться: Telegram | VK</footer></body></html>"""
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    report = import_paths(project, [tmp_path], OPTIONS)
    assert report.failures == []
    document = next(project.documents())
    assert document.title == "София призвала к диалогу"
    assert document.meta["date"] == "2026-03-14"
    assert "Министр иностранных дел" in document.text and "Главная" not in document.text


BAD = {
    "binary.txt": (bytes(range(256)) * 8, "binary"),
    "truncated.txt": ("Новина\nКиїв".encode()[:-1], "truncated.txt:2: truncated UTF-8"),
    "empty.txt": (b"", "empty"),
    "broken.jsonl": (b'{"text": "fine line"}\n{"text": "broken\n', "broken.jsonl:2: not JSON"),
    "reversed.jsonl": (
        json.dumps({"text": "Kyiv", "label": [[3, 1, "GPE"]]}).encode(),
        "reversed.jsonl:1: span 3–1",
    ),
    "outside.jsonl": (
        json.dumps({"text": "Kyiv", "spans": [{"start": 0, "end": 9, "label": "GPE"}]}).encode(),
        "outside.jsonl:1: span 0–9 (GPE) is outside the text",
    ),
    "utf16.jsonl": (
        json.dumps(
            {
                "text": "👍 Kyiv and Lviv",
                "spans": [{"start": 3, "end": 7, "label": "GPE", "text": "Kyiv"}],
            }
        ).encode(),
        "utf16.jsonl:1: span 3–7 says 'Kyiv'",
    ),
    "no_text.csv": (b"title,body\nA,B\n", "no_text.csv:1: no column 'text'"),
}


@pytest.mark.parametrize("name", BAD)
def test_bad_input_is_one_line_naming_the_file_and_nothing_is_kept(
    project: Project, tmp_path: Path, name: str
) -> None:
    import_paths(project, [SAMPLES / "en_oslo_mackerel_talks.txt"], OPTIONS)
    before = snapshot(project)
    data, message = BAD[name]
    (tmp_path / name).write_bytes(data)
    report = import_paths(project, [tmp_path / name], OPTIONS)
    (failure,) = report.failures
    line = failure.where_and_why()
    assert "\n" not in line and str(tmp_path / name) in line
    assert message.split(":")[-1].strip() in line
    if ":" in message.split(" ")[0]:
        assert f"{tmp_path / name}:{message.split(':')[1]}" in line
    assert snapshot(project) == before


def test_a_failing_file_does_not_stop_the_others(project: Project, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Kyiv and Warsaw signed a deal on electricity.")
    (tmp_path / "bad.jsonl").write_text('{"text": "ok"}\nnot json\n')
    (tmp_path / "skip.bin").write_bytes(b"\x00\x01")  # not an article type: passed over
    report = import_paths(project, [tmp_path, tmp_path / "missing.txt"], OPTIONS)
    assert (report.imported, report.failed) == (1, 2)
    assert project.count_documents() == 1  # the good line of bad.jsonl was not kept


def test_a_file_named_directly_with_an_unknown_type_is_a_failure(
    project: Project, tmp_path: Path
) -> None:
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    report = import_paths(project, [tmp_path / "x.pdf"], OPTIONS)
    assert "unsupported file type" in str(report.failures[0])


def test_progress_is_reported(project: Project) -> None:
    seen: list[tuple[int, int]] = []
    import_paths(
        project, [SAMPLES], OPTIONS, progress=lambda done, total: seen.append((done, total))
    )
    assert seen[-1][0] == seen[-1][1] > 0


def test_doccano_offsets_count_utf16_units(project: Project, tmp_path: Path) -> None:
    """doccano's editor counts an emoji as two: "Kyiv" after "👍 " is at 3–7 there."""
    path = tmp_path / "doccano.jsonl"
    path.write_text(json.dumps({"text": "👍 Kyiv spoke", "label": [[3, 7, "GPE"]]}) + "\n")
    assert import_paths(project, [path], OPTIONS).failures == []
    document = next(project.documents())
    (span,) = project.spans(document.id)
    assert document.text[span.start : span.end] == "Kyiv"
