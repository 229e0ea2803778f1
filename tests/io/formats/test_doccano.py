"""doccano JSONL: round trips, the exact records doccano reads, UTF-16 offsets, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.errors import InputError
from annotator.core.gold import GoldDocument, GoldRef, GoldSpan, GoldStatement, GoldTarget
from annotator.io.formats import (
    ACTORS,
    ENTITIES,
    FORMATS,
    META,
    STATEMENTS,
    WriteOptions,
)
from annotator.io.formats.doccano import (
    NOTES,
    QUOTE_TYPES,
    STATEMENT_TYPES,
)
from tests.io.formats.gold_samples import (
    documents_with_statements,
    gold_documents,
    sample_documents,
    without_actors,
)

DOCCANO = FORMATS["doccano"]


def carried(document: GoldDocument) -> GoldDocument:
    """What doccano can carry of an article: no actors, no statement attributes."""
    return without_actors(document, statement_details=False)


def round_trip(documents: list[GoldDocument], path: Path) -> list[GoldDocument]:
    DOCCANO.write(documents, path, WriteOptions())
    return list(DOCCANO.read(path))


def test_registered_as_one_jsonl_file() -> None:
    assert DOCCANO.suffix == ".jsonl" and not DOCCANO.folder
    assert {ENTITIES, META, STATEMENTS} <= DOCCANO.carries
    assert ACTORS not in DOCCANO.carries


def test_samples_round_trip_and_the_report_counts_what_doccano_cannot_carry(
    tmp_path: Path,
) -> None:
    documents = sample_documents()
    report = DOCCANO.write(documents, tmp_path / "out.jsonl", WriteOptions())
    assert list(DOCCANO.read(tmp_path / "out.jsonl")) == [carried(d) for d in documents]
    assert (report.documents, report.spans, report.statements) == (4, 13, 1)
    # two linked entities, and the statement's speaker and target name actors too
    assert report.left_out == {QUOTE_TYPES: 1, STATEMENT_TYPES: 1, NOTES: 1, ACTORS: 4}
    assert report.files == [tmp_path / "out.jsonl"]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(documents=st.lists(gold_documents(), min_size=1, max_size=4))
def test_random_articles_round_trip_exactly(tmp_path: Path, documents: list[GoldDocument]) -> None:
    assert round_trip(documents, tmp_path / "random.jsonl") == documents


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(documents=st.lists(documents_with_statements(all_fields=False), min_size=1, max_size=4))
def test_random_statements_round_trip_in_the_relation_variant(
    tmp_path: Path, documents: list[GoldDocument]
) -> None:
    assert round_trip(documents, tmp_path / "statements.jsonl") == documents


def test_plain_record_is_doccanos_sequence_labelling_export_with_utf16_offsets(
    tmp_path: Path,
) -> None:
    text = "👍 Japan urged Azerbaijan."
    document = GoldDocument(
        text=text,
        language="en",
        title="Japan",
        source="a.txt",
        meta={"url": "https://example.org/1"},
        spans=(GoldSpan(2, 7, "GPE"), GoldSpan(14, 24, "GPE")),
    )
    DOCCANO.write([document], tmp_path / "out.jsonl", WriteOptions())
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").split("\n")
    assert lines[1:] == [""]
    assert json.loads(lines[0]) == {
        "text": text,
        # the emoji is two UTF-16 units: doccano has Japan at 3–8, Python at 2–7
        "label": [[3, 8, "GPE"], [15, 25, "GPE"]],
        "meta": {
            "url": "https://example.org/1",
            "title": "Japan",
            "language": "en",
            "source": "a.txt",
        },
    }
    assert text.encode("utf-16-le")[3 * 2 : 8 * 2].decode("utf-16-le") == "Japan"
    assert list(json.loads(lines[0])) == ["text", "label", "meta"]


def test_relation_record_encodes_a_statement_as_entities_and_relations(tmp_path: Path) -> None:
    text = "😀 Sato said Japan opposes Baku."
    sato, japan, baku = GoldSpan(2, 6, "PER"), GoldSpan(12, 17, "GPE"), GoldSpan(26, 30, "GPE")
    statement = GoldStatement(
        content=(12, 30),
        speaker=GoldRef(2, 6, "Kenji Sato"),
        targets=(GoldTarget(GoldRef(26, 30), "against"),),
        cue=(7, 11),
        addressee=GoldRef(18, 25),  # "opposes": not an entity, so a MENTION
        quote_type="indirect",
    )
    document = GoldDocument(
        text=text, language="en", spans=(sato, japan, baku), statements=(statement,)
    )
    DOCCANO.write([document], tmp_path / "out.jsonl", WriteOptions())
    record = json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8"))
    assert list(record) == ["text", "entities", "relations", "meta"]
    assert record["entities"] == [
        {"id": 1, "label": "PER", "start_offset": 3, "end_offset": 7},
        {"id": 2, "label": "GPE", "start_offset": 13, "end_offset": 18},
        {"id": 3, "label": "GPE", "start_offset": 27, "end_offset": 31},
        {"id": 4, "label": "STATEMENT", "start_offset": 13, "end_offset": 31},
        {"id": 5, "label": "MENTION", "start_offset": 19, "end_offset": 26},
        {"id": 6, "label": "CUE", "start_offset": 8, "end_offset": 12},
    ]
    assert record["relations"] == [
        {"id": 1, "from_id": 4, "to_id": 1, "type": "speaker"},
        {"id": 2, "from_id": 4, "to_id": 3, "type": "against"},
        {"id": 3, "from_id": 4, "to_id": 5, "type": "addressee"},
        {"id": 4, "from_id": 4, "to_id": 6, "type": "cue"},
    ]
    assert [text[2:6], text[12:17], text[26:30]] == ["Sato", "Japan", "Baku"]
    [back] = DOCCANO.read(tmp_path / "out.jsonl")
    assert back == carried(document)


def test_ids_are_unique_in_the_whole_file(tmp_path: Path) -> None:
    DOCCANO.write(sample_documents(), tmp_path / "out.jsonl", WriteOptions())
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    entity_ids = [e["id"] for r in records for e in r["entities"]]
    assert len(entity_ids) == len(set(entity_ids)) == 15  # 13 entities, statement, cue


def test_reads_doccanos_own_export_with_utf16_offsets_and_flat_metadata(tmp_path: Path) -> None:
    # doccano issue #2290: "firetrucks" is 22–32 in doccano, 19–29 in Python
    text = "\U0001f468\U0001f3fb\u200d\U0001f692 firemen drive firetrucks"
    line = {"id": 7, "text": text, "label": [[22, 32, "VEHICLE"]], "Comments": [], "lang": "en"}
    (tmp_path / "doccano.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    [document] = DOCCANO.read(tmp_path / "doccano.jsonl")
    assert document.spans == (GoldSpan(19, 29, "VEHICLE"),)
    assert text[19:29] == "firetrucks"
    assert document.meta == {"lang": "en"}


def test_reads_doccanos_relation_export(tmp_path: Path) -> None:
    """An export of doccano's relation project: database ids, relations between plain
    entities (not statements, so not restored), no statements."""
    line = {
        "id": 1,
        "text": "Google was founded by Larry Page.",
        "entities": [
            {"id": 10, "label": "ORG", "start_offset": 0, "end_offset": 6},
            {"id": 11, "label": "PERSON", "start_offset": 22, "end_offset": 32},
        ],
        "relations": [{"id": 3, "from_id": 10, "to_id": 11, "type": "foundedBy"}],
        "Comments": [],
    }
    (tmp_path / "re.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    [document] = DOCCANO.read(tmp_path / "re.jsonl")
    assert document.spans == (GoldSpan(0, 6, "ORG"), GoldSpan(22, 32, "PERSON"))
    assert document.statements == ()


def test_line_separators_in_the_text_stay_in_one_line(tmp_path: Path) -> None:
    text = "Киев\u2028Львов\x85Одесса\u2029Харьков"
    document = GoldDocument(text=text, language="ru", spans=(GoldSpan(5, 10, "GPE"),))
    DOCCANO.write([document], tmp_path / "out.jsonl", WriteOptions())
    assert len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()) == 1
    assert round_trip([document], tmp_path / "out.jsonl") == [document]


def test_an_empty_export_reads_as_no_articles(tmp_path: Path) -> None:
    assert round_trip([], tmp_path / "empty.jsonl") == []


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"text": "Kyiv", "label": [[0, 4, "GPE"]', "not JSON"),
        ('["Kyiv"]', "JSON object"),
        ('{"text": ""}', '"text"'),
        ('{"text": "Kyiv", "label": [[3, 1, "GPE"]]}', "reversed"),
        ('{"text": "Kyiv", "label": [[0, 9, "GPE"]]}', "outside the text"),
        ('{"text": "Kyiv", "label": [[-1, 2, "GPE"]]}', "outside the text"),
        ('{"text": "Kyiv", "label": [[0, 2]]}', "[start, end, label]"),
        ('{"text": "Kyiv", "label": [[0.5, 2, "GPE"]]}', "whole numbers"),
        ('{"text": "Kyiv", "label": [[0, 2, ""]]}', "no label"),
        ('{"text": "😀 Kyiv", "label": [[1, 6, "GPE"]]}', "emoji"),
        (
            '{"text": "Kyiv", "entities": [{"id": 1, "label": "STATEMENT", "start_offset": 0,'
            ' "end_offset": 4}], "relations": [{"id": 1, "from_id": 1, "to_id": 2,'
            ' "type": "speaker"}]}',
            "no entity with id 2",
        ),
    ],
)
def test_malformed_lines_give_input_error_with_the_line(
    tmp_path: Path, line: str, reason: str
) -> None:
    path = tmp_path / "bad.jsonl"
    good = '{"text": "Львів", "label": [[0, 5, "GPE"]]}'
    path.write_text(f"{good}\n\n{line}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        list(DOCCANO.read(path))
    assert caught.value.path == str(path)
    assert caught.value.line == 3
    assert reason in caught.value.reason
    assert str(caught.value).startswith(f"{path}:3: ")
