"""Label Studio JSON: round trips, the exact tasks and labeling config Label Studio imports,
code point offsets with emoji, old exports, bad input."""

from __future__ import annotations

import dataclasses
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.errors import InputError
from annotator.core.gold import GoldDocument, GoldRef, GoldSpan, GoldStatement, GoldTarget
from annotator.io.formats import ACTORS, FORMATS, STATEMENTS, WriteOptions
from annotator.io.formats.label_studio import config_path
from tests.io.formats.gold_samples import (
    documents_with_statements,
    gold_documents,
    sample_documents,
    without_actors,
)

LABEL_STUDIO = FORMATS["label-studio"]


def carried(document: GoldDocument) -> GoldDocument:
    """What Label Studio carries of an article: everything but actors."""
    return without_actors(document, statement_details=True)


def round_trip(documents: list[GoldDocument], path: Path) -> list[GoldDocument]:
    LABEL_STUDIO.write(documents, path, WriteOptions())
    return list(LABEL_STUDIO.read(path))


def write_tasks(path: Path, tasks: Any) -> Path:
    path.write_text(json.dumps(tasks, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def test_registered_as_one_json_file() -> None:
    assert LABEL_STUDIO.suffix == ".json" and not LABEL_STUDIO.folder
    assert STATEMENTS in LABEL_STUDIO.carries and ACTORS not in LABEL_STUDIO.carries


def test_samples_round_trip_and_the_report_counts_actor_links(tmp_path: Path) -> None:
    documents = sample_documents()
    path = tmp_path / "tasks.json"
    report = LABEL_STUDIO.write(documents, path, WriteOptions())
    assert list(LABEL_STUDIO.read(path)) == [carried(d) for d in documents]
    assert (report.documents, report.spans, report.statements) == (4, 13, 1)
    assert report.left_out == {ACTORS: 4}
    assert report.files == [path, tmp_path / "tasks.labeling-config.xml"]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(documents=st.lists(gold_documents(), min_size=1, max_size=4))
def test_random_articles_round_trip_exactly(tmp_path: Path, documents: list[GoldDocument]) -> None:
    assert round_trip(documents, tmp_path / "random.json") == documents


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(documents=st.lists(documents_with_statements(all_fields=True), min_size=1, max_size=4))
def test_random_statements_round_trip_exactly(
    tmp_path: Path, documents: list[GoldDocument]
) -> None:
    assert round_trip(documents, tmp_path / "statements.json") == documents


def test_an_emoji_before_an_entity_gives_label_studios_code_point_offsets(tmp_path: Path) -> None:
    """Label Studio counts ``[...text]``, code points: the emoji is one, not two."""
    text = "👍 Japan urged Azerbaijan."
    document = GoldDocument(
        text=text, language="en", title="Japan", source="a.txt", spans=(GoldSpan(2, 7, "GPE"),)
    )
    LABEL_STUDIO.write([document], tmp_path / "tasks.json", WriteOptions())
    [task] = json.loads((tmp_path / "tasks.json").read_text(encoding="utf-8"))
    assert task == {
        "id": 1,
        "data": {"text": text, "title": "Japan", "language": "en", "source": "a.txt"},
        "annotations": [
            {
                "result": [
                    {
                        "id": "e1",
                        "from_name": "label",
                        "to_name": "text",
                        "type": "labels",
                        "value": {"start": 2, "end": 7, "text": "Japan", "labels": ["GPE"]},
                    }
                ],
                "was_cancelled": False,
                "ground_truth": False,
            }
        ],
    }
    # what JavaScript's [...text].slice(2, 7).join("") gives
    assert "".join(list(text)[2:7]) == "Japan"


def test_a_statement_is_regions_relations_and_per_region_attributes(tmp_path: Path) -> None:
    text = "😀 Sato said Japan opposes Baku."
    statement = GoldStatement(
        content=(12, 30),
        speaker=GoldRef(2, 6),
        targets=(GoldTarget(GoldRef(26, 30), "against"),),
        cue=(7, 11),
        addressee=GoldRef(18, 25),  # "opposes": not an entity, so a Mention region
        quote_type="indirect",
        statement_type="claim",
        note="пример",
    )
    document = GoldDocument(
        text=text,
        language="en",
        meta={"url": "https://example.org/1"},
        spans=(GoldSpan(2, 6, "PER"), GoldSpan(26, 30, "GPE")),
        statements=(statement,),
        id=42,
    )
    LABEL_STUDIO.write([document], tmp_path / "tasks.json", WriteOptions())
    [task] = json.loads((tmp_path / "tasks.json").read_text(encoding="utf-8"))
    assert task["id"] == 42
    assert task["data"]["meta"] == {"url": "https://example.org/1"}

    def region(id_: str, control: str, start: int, end: int, label: str) -> dict[str, Any]:
        value = {"start": start, "end": end, "text": text[start:end], "labels": [label]}
        return {
            "id": id_,
            "from_name": control,
            "to_name": "text",
            "type": "labels",
            "value": value,
        }

    def relation(to_id: str, label: str) -> dict[str, Any]:
        return {"from_id": "s3", "to_id": to_id, "type": "relation", "direction": "right",
                "labels": [label]}  # fmt: skip

    span = {"start": 12, "end": 30}
    assert task["annotations"][0]["result"] == [
        region("e1", "label", 2, 6, "PER"),
        region("e2", "label", 26, 30, "GPE"),
        region("s3", "statement", 12, 30, "Statement"),
        {"id": "s3", "from_name": "quote_type", "to_name": "text", "type": "choices",
         "value": {**span, "choices": ["indirect"]}},
        {"id": "s3", "from_name": "statement_type", "to_name": "text", "type": "choices",
         "value": {**span, "choices": ["claim"]}},
        {"id": "s3", "from_name": "note", "to_name": "text", "type": "textarea",
         "value": {**span, "text": ["пример"]}},
        relation("e1", "speaker"),
        relation("e2", "against"),
        region("m4", "statement", 18, 25, "Mention"),
        relation("m4", "addressee"),
        region("c5", "statement", 7, 11, "Cue"),
        relation("c5", "cue"),
    ]  # fmt: skip
    [back] = LABEL_STUDIO.read(tmp_path / "tasks.json")
    assert back == dataclasses.replace(document, id=None)


def test_the_labeling_config_declares_every_control_and_value_the_tasks_use(
    tmp_path: Path,
) -> None:
    odd = GoldDocument(text='A & B <"x">', language="en", spans=(GoldSpan(0, 1, 'R&D "<1>"'),))
    documents = [*sample_documents(), odd]
    path = tmp_path / "tasks.json"
    LABEL_STUDIO.write(documents, path, WriteOptions())
    assert config_path(path) == tmp_path / "tasks.labeling-config.xml"
    view = ET.fromstring(config_path(path).read_text(encoding="utf-8"))
    assert view.tag == "View"
    [text] = view.findall("Text")
    assert text.attrib == {"name": "text", "value": "$text"}
    controls = {element.get("name"): element for element in view if element.get("toName")}
    assert all(c.get("toName") == "text" for c in controls.values())
    declared_relations = {r.get("value") for r in view.iter("Relation")}
    for task in json.loads(path.read_text(encoding="utf-8")):
        assert set(task["data"]) >= {"text", "title"}  # $text and $title of the config
        for item in task["annotations"][0]["result"]:
            if item["type"] == "relation":
                assert set(item["labels"]) <= declared_relations
                continue
            control = controls[item["from_name"]]
            assert control.tag.lower() == item["type"]
            values = {child.get("value") for child in control}
            for key in ("labels", "choices"):
                assert set(item["value"].get(key, [])) <= values
    assert {label.get("value") for label in controls["label"]} == {"ORG", "GPE", "PER", 'R&D "<1>"'}
    assert declared_relations == {"speaker", "against", "cue"}
    assert controls["note"].get("perRegion") == "true"


def test_reads_an_export_from_before_label_studio_counted_code_points(tmp_path: Path) -> None:
    # issue #1347: "💩This is an annotation." exported "annotation" at 13–23, UTF-16 units
    text = "💩This is an annotation."
    task = {
        "id": 1,
        "data": {"text": text},
        "completions": [
            {
                "result": [
                    {
                        "id": "x",
                        "from_name": "label",
                        "to_name": "text",
                        "type": "labels",
                        "value": {"start": 13, "end": 23, "text": "annotation", "labels": ["A"]},
                    }
                ]
            }
        ],
    }
    [document] = LABEL_STUDIO.read(write_tasks(tmp_path / "old.json", [task]))
    assert document.spans == (GoldSpan(12, 22, "A"),)
    assert text[12:22] == "annotation"


def test_reads_the_first_annotation_not_cancelled_and_ignores_predictions(tmp_path: Path) -> None:
    def result(label: str) -> list[dict[str, Any]]:
        value = {"start": 0, "end": 4, "text": "Kyiv", "labels": [label]}
        return [
            {"id": "a", "from_name": "ner", "to_name": "text", "type": "labels", "value": value}
        ]

    task = {
        "data": {"text": "Kyiv is a city.", "url": "https://example.org"},
        "annotations": [
            {"result": result("ORG"), "was_cancelled": True},
            {"result": result("GPE"), "was_cancelled": False},
            {"result": result("LOC")},
        ],
        "predictions": [{"result": result("PER")}],
    }
    [document] = LABEL_STUDIO.read(write_tasks(tmp_path / "t.json", [task]))
    assert document.spans == (GoldSpan(0, 4, "GPE"),)
    assert document.meta == {"url": "https://example.org"}
    assert (document.title, document.language, document.source) == ("", "", "")


def test_a_relation_drawn_leftwards_is_read_the_right_way_round(tmp_path: Path) -> None:
    def labels(id_: str, control: str, start: int, end: int, label: str) -> dict[str, Any]:
        value = {"start": start, "end": end, "labels": [label]}
        return {
            "id": id_,
            "from_name": control,
            "to_name": "text",
            "type": "labels",
            "value": value,
        }

    task = {
        "data": {"text": "Kyiv warned Minsk."},
        "annotations": [
            {
                "result": [
                    labels("k", "label", 0, 4, "GPE"),
                    labels("s", "statement", 5, 17, "Statement"),
                    {"from_id": "k", "to_id": "s", "type": "relation", "direction": "left",
                     "labels": ["speaker"]},
                ]
            }
        ],
    }  # fmt: skip
    [document] = LABEL_STUDIO.read(write_tasks(tmp_path / "t.json", [task]))
    assert document.statements == (GoldStatement(content=(5, 17), speaker=GoldRef(0, 4)),)


def _task(value: dict[str, Any], text: str = "Kyiv") -> dict[str, Any]:
    return {
        "data": {"text": text},
        "annotations": [
            {"result": [{"id": "a", "from_name": "label", "to_name": "text", "type": "labels",
                         "value": {"labels": ["GPE"], **value}}]}
        ],
    }  # fmt: skip


GOOD = _task({"start": 0, "end": 4})


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ("not a task", '"data"'),
        ({"data": {"text": ""}}, '"text"'),
        ({"data": {"image": "a.jpg"}}, '"text"'),
        (_task({"start": 3, "end": 1}), "reversed"),
        (_task({"start": 0, "end": 9}), "outside the text"),
        (_task({"start": -2, "end": 2}), "outside the text"),
        (_task({"start": "0", "end": 4}), "whole numbers"),
        (
            {"data": {"text": "Kyiv"}, "annotations": [{"result": [
                {"from_id": "a", "to_id": "b", "type": "relation", "labels": ["speaker"]}]}]},
            "no entity with id a",
        ),
        ({"data": {"text": "Kyiv"}, "annotations": [{"result": ["a"]}]}, '"result"'),
    ],
)  # fmt: skip
def test_malformed_tasks_give_input_error_with_the_task_number(
    tmp_path: Path, bad: Any, reason: str
) -> None:
    path = write_tasks(tmp_path / "bad.json", [GOOD, bad])
    with pytest.raises(InputError) as caught:
        list(LABEL_STUDIO.read(path))
    assert (caught.value.path, caught.value.line) == (str(path), 2)
    assert reason in caught.value.reason


def test_broken_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('[\n  {"data": {"text": "Kyiv"}},\n  {"data": \n]\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        list(LABEL_STUDIO.read(path))
    assert caught.value.line == 4 and "not JSON" in caught.value.reason


def test_a_file_that_is_not_a_list_of_tasks_is_refused(tmp_path: Path) -> None:
    path = write_tasks(tmp_path / "x.json", "Kyiv")
    with pytest.raises(InputError) as caught:
        list(LABEL_STUDIO.read(path))
    assert caught.value.path == str(path) and "list of tasks" in caught.value.reason
