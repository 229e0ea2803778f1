"""Actors: entities link to them, aliases are learnt, and a lead can rename, merge, split
and relabel them without losing a link or an entry in the journal."""

from __future__ import annotations

import pytest

from annotator.core.errors import InvariantError
from annotator.core.gold import GoldRef, GoldStatement, GoldTarget
from annotator.core.model import ArticleDraft, SpanDraft
from annotator.store.project import Project

RU = "МИД Японии призвал Азербайджан прекратить огонь. Япония готова помочь."
EN = "Japan urged Azerbaijan to stop. Tokyo is ready to help."


def article(project: Project, text: str, language: str, title: str) -> int:
    document_id = project.add_article(
        ArticleDraft(text=text, title=title, source="t"), language=language, annotator="Олена"
    )
    assert document_id is not None
    return document_id


def entity(project: Project, document_id: int, text: str, word: str, label: str) -> int:
    start = text.index(word)
    return project.add_span(
        document_id, SpanDraft(start, start + len(word), label), annotator="Олена"
    )


def aliases(project: Project, actor_id: int) -> dict[str, tuple[str, str | None]]:
    return {
        alias: (key, language)
        for alias, key, language in project.db.execute(
            "SELECT alias, lemma, language FROM actor_aliases WHERE actor_id = ?", (actor_id,)
        )
    }


def actor_of(project: Project, span_id: int) -> int | None:
    return project.db.execute("SELECT actor_id FROM spans WHERE id = ?", (span_id,)).fetchone()[0]


def journal(project: Project) -> list[tuple[str, str | None]]:
    return project.db.execute(
        "SELECT j.action, a.name FROM journal j LEFT JOIN annotators a ON a.id = j.annotator_id"
        " ORDER BY j.id"
    ).fetchall()


@pytest.fixture
def world(project: Project) -> dict[str, int]:
    """A Russian and an English article, each naming Japan and Azerbaijan."""
    ru = article(project, RU, "ru", "МИД Японии")
    en = article(project, EN, "en", "Japan urges")
    return {
        "ru": ru,
        "en": en,
        "японии": entity(project, ru, RU, "Японии", "GPE"),
        "япония": entity(project, ru, RU, "Япония", "LOC"),
        "азербайджан": entity(project, ru, RU, "Азербайджан", "GPE"),
        "japan": entity(project, en, EN, "Japan", "ORG"),
        "azerbaijan": entity(project, en, EN, "Azerbaijan", "GPE"),
    }


def test_linking_an_entity_learns_its_text_as_an_alias_and_returns_the_old_link(
    project: Project, world: dict[str, int]
) -> None:
    japan = project.actor_id("Japan", label="GPE")
    previous = project.link_span(
        world["японии"], japan, annotator="Олена", alias_key="territory:JP"
    )
    assert previous is None
    assert actor_of(project, world["японии"]) == japan
    assert aliases(project, japan) == {"Японии": ("territory:JP", "ru")}
    # found again under the key it was learnt with, by any mention that has that key
    assert project.actor_by_key(["япония", "territory:JP"]) == japan
    # unlinking gives back the actor for undo, and keeps what was learnt
    assert project.link_span(world["японии"], None, annotator="Олена") == japan
    assert actor_of(project, world["японии"]) is None
    assert "Японии" in aliases(project, japan)


def test_an_alias_without_a_key_is_found_by_its_lower_case_and_an_actor_by_its_name(
    project: Project, world: dict[str, int]
) -> None:
    japan = project.actor_id("Japan")
    project.link_span(world["japan"], japan, annotator="Ivan")
    assert aliases(project, japan) == {"Japan": ("japan", "en")}
    azerbaijan = project.actor_id("Азербайджан")
    assert project.actor_by_key(["азербайджан"]) == azerbaijan  # its name, lower-cased
    assert project.actor_by_key(["nothing", "japan"]) == japan  # the first key that finds
    assert project.actor_by_key(["nothing"]) is None


def test_linking_refuses_an_unknown_entity_or_actor(project: Project, world: dict[str, int]):
    with pytest.raises(InvariantError, match="no actor"):
        project.link_span(world["japan"], 999, annotator="Ivan")
    with pytest.raises(InvariantError, match="no entity"):
        project.link_span(999, None, annotator="Ivan")
    assert actor_of(project, world["japan"]) is None


def test_add_alias_keeps_working_for_imports_and_takes_a_key(project: Project) -> None:
    japan = project.actor_id("Japan")
    assert project.add_alias(japan, "Японии", "ru") is True
    assert project.add_alias(japan, "Японии", "ru") is False  # no duplicate
    assert aliases(project, japan) == {"Японии": ("японии", "ru")}
    project.add_alias(japan, "Японии", "ru", "territory:JP")  # a better key replaces
    assert aliases(project, japan) == {"Японии": ("territory:JP", "ru")}
    assert project.actors_with_aliases() == [("Japan", None, ["Японии"])]


def test_rename_refuses_an_empty_name_or_another_actors_name(project: Project) -> None:
    japan = project.actor_id("Japan")
    project.actor_id("Япония")
    with pytest.raises(InvariantError, match="needs a name"):
        project.rename_actor(japan, "  ", annotator="Ivan")
    with pytest.raises(InvariantError, match="merge them instead"):
        project.rename_actor(japan, "япония", annotator="Ivan")
    assert project.rename_actor(japan, "Japan (state)", annotator="Ivan") == "Japan"
    assert [name for _, name, _ in project.actors()] == ["Japan (state)", "Япония"]


def test_merge_moves_aliases_entities_and_statements_and_deletes_the_others(
    project: Project, world: dict[str, int]
) -> None:
    japan = project.actor_id("Japan", label="GPE")
    nippon = project.actor_id("Япония")
    project.link_span(world["japan"], japan, annotator="Ivan")
    project.link_span(world["японии"], nippon, annotator="Олена", alias_key="territory:JP")
    project.add_alias(nippon, "Japan", "en")  # both have it: no duplicate after the merge
    ru_start = RU.index("МИД")
    project.add_statement(
        world["ru"],
        GoldStatement(
            content=(ru_start, RU.index(".")),
            speaker=GoldRef(actor="Япония"),
            addressee=GoldRef(actor="Япония"),
            targets=(GoldTarget(GoldRef(actor="Япония"), "against"),),
        ),
        annotator="Олена",
    )
    project.merge_actors(japan, [nippon], annotator="Ivan")

    assert [name for _, name, _ in project.actors()] == ["Japan"]
    assert aliases(project, japan) == {
        "Japan": ("japan", "en"),
        "Япония": ("япония", None),  # the merged actor's name stays findable
        "Японии": ("territory:JP", "ru"),
    }
    assert actor_of(project, world["японии"]) == japan
    refs = project.db.execute(
        "SELECT s.speaker_actor_id, s.addressee_actor_id, t.actor_id FROM statements s"
        " JOIN statement_targets t ON t.statement_id = s.id"
    ).fetchall()
    assert refs == [(japan, japan, japan)]
    (row,) = project.actor_rows()
    assert (row.name, row.label, row.mentions, row.statements) == ("Japan", "GPE", 2, 1)


def test_merge_refuses_an_actor_into_itself_and_unknown_actors(project: Project) -> None:
    japan = project.actor_id("Japan")
    with pytest.raises(InvariantError):
        project.merge_actors(japan, [japan], annotator="Ivan")
    with pytest.raises(InvariantError, match="no actor"):
        project.merge_actors(japan, [999], annotator="Ivan")
    assert [name for _, name, _ in project.actors()] == ["Japan"]


def test_split_gives_the_new_actor_its_aliases_and_their_entities(
    project: Project, world: dict[str, int]
) -> None:
    both = project.actor_id("Japan or Azerbaijan", label="GPE")
    for key in ("japan", "azerbaijan", "японии", "азербайджан"):
        project.link_span(world[key], both, annotator="Олена")
    project.add_statement(
        world["en"],
        GoldStatement(content=(0, EN.index(".")), speaker=GoldRef(actor="Japan or Azerbaijan")),
        annotator="Олена",
    )
    new = project.split_actor(both, ["Azerbaijan", "Азербайджан"], "Azerbaijan", annotator="Ivan")

    rows = {row.name: row for row in project.actor_rows()}
    assert rows["Azerbaijan"].id == new
    assert rows["Azerbaijan"].label == "GPE"
    assert sorted(rows["Azerbaijan"].aliases) == ["Azerbaijan", "Азербайджан"]
    assert sorted(rows["Japan or Azerbaijan"].aliases) == ["Japan", "Японии"]
    assert actor_of(project, world["azerbaijan"]) == new
    assert actor_of(project, world["азербайджан"]) == new
    assert actor_of(project, world["japan"]) == both
    # a statement that names the actor itself stays with it
    assert (rows["Japan or Azerbaijan"].statements, rows["Azerbaijan"].statements) == (1, 0)


def test_split_refuses_aliases_the_actor_lacks_and_a_taken_name(
    project: Project, world: dict[str, int]
) -> None:
    japan = project.actor_id("Japan")
    project.link_span(world["japan"], japan, annotator="Ivan")
    with pytest.raises(InvariantError, match="has no alias"):
        project.split_actor(japan, ["Tokyo"], "Tokyo", annotator="Ivan")
    with pytest.raises(InvariantError, match="merge them instead"):
        project.split_actor(japan, ["Japan"], "japan", annotator="Ivan")
    with pytest.raises(InvariantError):
        project.split_actor(japan, [], "Nippon", annotator="Ivan")
    assert [name for _, name, _ in project.actors()] == ["Japan"]


def test_relabel_previews_the_mentions_that_change_then_changes_them_all(
    project: Project, world: dict[str, int]
) -> None:
    japan = project.actor_id("Japan", label="ORG")
    for key in ("японии", "япония", "japan"):
        project.link_span(world[key], japan, annotator="Олена")
    preview = project.relabel_preview(japan, "GPE")
    assert [(m.title, m.surface, m.label) for m in preview] == [
        ("МИД Японии", "Япония", "LOC"),
        ("Japan urges", "Japan", "ORG"),
    ]
    assert preview[0].start == RU.index("Япония")
    with pytest.raises(InvariantError, match="not in the project's schema"):
        project.relabel_preview(japan, "COUNTRY")

    assert project.relabel_mentions(japan, "GPE", annotator="Ivan") == 2
    labels = {span.label for document in ("ru", "en") for span in project.spans(world[document])
              if span.id in (world["японии"], world["япония"], world["japan"])}  # fmt: skip
    assert labels == {"GPE"}
    assert project.actor_rows()[0].label == "GPE"
    assert project.relabel_preview(japan, "GPE") == []
    # offsets never move: the other entities are as they were
    assert [s.label for s in project.spans(world["en"]) if s.id == world["azerbaijan"]] == ["GPE"]


def test_every_actor_edit_is_journaled_with_who_did_it(
    project: Project, world: dict[str, int]
) -> None:
    japan = project.actor_id("Japan", annotator="Ivan")
    other = project.actor_id("Nippon", annotator="Ivan")
    before = len(journal(project))
    project.link_span(world["japan"], japan, annotator="Ivan")
    project.rename_actor(japan, "Japan!", annotator="Ivan")
    project.merge_actors(japan, [other], annotator="Ivan")
    project.split_actor(japan, ["Nippon"], "Nippon again", annotator="Ivan")
    project.relabel_mentions(japan, "GPE", annotator="Ivan")
    assert journal(project)[before:] == [
        ("link actor", "Ivan"),
        ("rename actor", "Ivan"),
        ("merge actors", "Ivan"),
        ("split actor", "Ivan"),
        ("relabel span", "Ivan"),
        ("relabel actor", "Ivan"),
    ]


def test_a_refused_merge_changes_nothing(project: Project, world: dict[str, int]) -> None:
    japan = project.actor_id("Japan")
    project.link_span(world["japan"], japan, annotator="Ivan")
    before = len(journal(project))
    with pytest.raises(InvariantError):
        project.merge_actors(japan, [japan + 1000], annotator="Ivan")
    assert len(journal(project)) == before
    assert actor_of(project, world["japan"]) == japan
