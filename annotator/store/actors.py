"""Actors: canonical entities with aliases across scripts and inflections, and the edits
that keep them tidy (rename, merge, split, relabel every mention).

An alias row is a surface form ("Японии", "Japan") and the *key* it is found under (the
``lemma`` column). The store does not compute keys: morphology lives in the nlp layer
(:mod:`annotator.nlp.actors`), which passes them in. Without one, an alias's key is its
lower-cased text, which is what gold imports have always stored.

Every edit is one transaction and journaled. Links between statements and actors come in
two kinds: a statement names an actor directly (``speaker_actor_id`` and the like), or it
names an entity that is linked to an actor (``spans.actor_id``). Merging moves both;
splitting moves entities by their text, and the direct references stay where they were.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from annotator.core.errors import InvariantError
from annotator.core.invariants import check_label
from annotator.i18n import _
from annotator.store.timestamps import now

if TYPE_CHECKING:
    from annotator.store.project import Project

# Columns that name an actor directly (not through an entity).
_ACTOR_REFS = (
    ("statements", "speaker_actor_id"),
    ("statements", "addressee_actor_id"),
    ("statement_targets", "actor_id"),
)

# Every (statement, actor) pair: directly, or through an entity linked to the actor.
_STATEMENT_ACTORS = """
SELECT id AS statement_id, speaker_actor_id AS actor_id FROM statements
 WHERE speaker_actor_id IS NOT NULL
UNION SELECT id, addressee_actor_id FROM statements WHERE addressee_actor_id IS NOT NULL
UNION SELECT st.id, s.actor_id FROM statements st JOIN spans s ON s.id = st.speaker_span_id
 WHERE s.actor_id IS NOT NULL
UNION SELECT st.id, s.actor_id FROM statements st JOIN spans s ON s.id = st.addressee_span_id
 WHERE s.actor_id IS NOT NULL
UNION SELECT statement_id, actor_id FROM statement_targets WHERE actor_id IS NOT NULL
UNION SELECT t.statement_id, s.actor_id FROM statement_targets t JOIN spans s ON s.id = t.span_id
 WHERE s.actor_id IS NOT NULL
"""

# An entity's text, cut from its article in SQL: substr() counts code points, as we do.
_SURFACE = 'substr(d.text, s.start + 1, s."end" - s.start)'


@dataclass(frozen=True, slots=True)
class ActorRow:
    """One actor as the actors dialog lists it."""

    id: int
    name: str
    label: str | None
    aliases: tuple[str, ...]
    mentions: int
    """Entities linked to the actor."""
    statements: int
    """Statements the actor is speaker, addressee or target of, directly or by an entity."""


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity linked to an actor, with what a preview needs to show it."""

    span_id: int
    document_id: int
    title: str
    start: int
    end: int
    surface: str
    label: str


class Actors:
    """Actor edits of :class:`~annotator.store.project.Project`."""

    # -- reading -------------------------------------------------------------------------

    def actors(self: Project) -> list[tuple[int, str, str | None]]:
        """(id, name, label) of every actor, by name."""
        return self.db.execute("SELECT id, name, label FROM actors ORDER BY name").fetchall()

    def actors_with_aliases(self: Project) -> list[tuple[str, str | None, list[str]]]:
        """(name, label, aliases) of every actor, for the gazetteer."""
        aliases = self._aliases()
        return [(name, label, aliases.get(id_, [])) for id_, name, label in self.actors()]

    def _aliases(self: Project) -> dict[int, list[str]]:
        aliases: dict[int, list[str]] = {}
        for actor_id, alias in self.db.execute(
            "SELECT actor_id, alias FROM actor_aliases ORDER BY id"
        ):
            aliases.setdefault(actor_id, []).append(alias)
        return aliases

    def actor_rows(self: Project) -> list[ActorRow]:
        """Every actor with its aliases and how much of the project it is in, by name."""
        aliases = self._aliases()
        mentions = dict(
            self.db.execute(
                "SELECT actor_id, count(*) FROM spans WHERE actor_id IS NOT NULL GROUP BY actor_id"
            ).fetchall()
        )
        statements = dict(
            self.db.execute(
                f"SELECT actor_id, count(*) FROM ({_STATEMENT_ACTORS}) GROUP BY actor_id"
            ).fetchall()
        )
        return [
            ActorRow(
                id_,
                name,
                label,
                tuple(aliases.get(id_, ())),
                mentions.get(id_, 0),
                statements.get(id_, 0),
            )
            for id_, name, label in self.actors()
        ]

    def actor_by_key(self: Project, keys: Sequence[str]) -> int | None:
        """The actor one of ``keys`` belongs to: an alias stored under that key, or an actor
        whose name, lower-cased, is the key. The first key that finds one wins; among actors
        sharing a key, the one with most aliases under it (then the oldest)."""
        names: dict[str, int] | None = None
        for key in keys:
            row = self.db.execute(
                "SELECT actor_id FROM actor_aliases WHERE lemma = ? GROUP BY actor_id"
                " ORDER BY count(*) DESC, actor_id LIMIT 1",
                (key,),
            ).fetchone()
            if row is not None:
                return int(row[0])
            if names is None:
                # SQLite's lower() folds ASCII only: Cyrillic names are compared here.
                names = {}
                for id_, name in self.db.execute("SELECT id, name FROM actors ORDER BY id"):
                    names.setdefault(name.lower(), id_)
            if key in names:
                return names[key]
        return None

    def _actor_row(self: Project, actor_id: int) -> dict[str, Any]:
        rows = list(self.db["actors"].rows_where("id = ?", [actor_id]))
        if not rows:
            raise InvariantError(_("no actor with id {id}").format(id=actor_id))
        return rows[0]

    def _name_taken(self: Project, name: str, *, other_than: int | None = None) -> str | None:
        """The name of another actor called ``name`` (ignoring case), if there is one."""
        folded = name.lower()
        for id_, existing in self.db.execute("SELECT id, name FROM actors"):
            if id_ != other_than and existing.lower() == folded:
                return str(existing)
        return None

    # -- creating and linking ------------------------------------------------------------

    def actor_id(
        self: Project, name: str, *, label: str | None = None, annotator: str | None = None
    ) -> int:
        """The actor called ``name``, created (with ``label``) on first use."""
        name = name.strip()
        if not name:
            raise InvariantError(_("an actor needs a name"))
        row = self.db.execute("SELECT id FROM actors WHERE name = ?", (name,)).fetchone()
        if row is not None:
            return int(row[0])
        if label is not None and label not in self.label_names():
            label = None
        with self.edit():
            actor_id = (
                self.db["actors"]
                .insert({"name": name, "label": label, "note": "", "created_at": now(),
                         "created_by": self.annotator_id(annotator) if annotator else None})
                .last_pk
            )  # fmt: skip
            self.journal("add actor", annotator=annotator, subject="actors", subject_id=actor_id,
                         data={"name": name, "label": label})  # fmt: skip
        return int(actor_id)

    def add_alias(
        self: Project,
        actor_id: int,
        alias: str,
        language: str | None = None,
        key: str | None = None,
        *,
        annotator: str | None = None,
    ) -> bool:
        """Give an actor another name it is found under; True if the alias is new.

        ``key`` is what the alias is looked up by (:meth:`actor_by_key`), lower case when
        not given. A key given for an alias the actor already has replaces its old key, so
        linking an entity upgrades what an import stored.
        """
        alias = alias.strip()
        if not alias:
            return False
        with self.edit():
            self._actor_row(actor_id)
            added = self._learn_alias(actor_id, alias, language, key)
            if added:
                self.journal("add alias", annotator=annotator, subject="actors",
                             subject_id=actor_id, data={"alias": alias, "key": key,
                                                        "language": language})  # fmt: skip
        return added

    def _learn_alias(
        self: Project,
        actor_id: int,
        alias: str,
        language: str | None,
        key: str | None,
        *,
        rekey: bool = True,
    ) -> bool:
        """Store an alias (True) or, when the actor has it and ``rekey``, its new key."""
        known = self.db.execute(
            "SELECT 1 FROM actor_aliases WHERE actor_id = ? AND alias = ?", (actor_id, alias)
        ).fetchone()
        if known is not None:
            if key and rekey:
                self.db.execute(
                    "UPDATE actor_aliases SET lemma = ? WHERE actor_id = ? AND alias = ?",
                    (key, actor_id, alias),
                )
            return False
        self.db.execute(
            "INSERT INTO actor_aliases (actor_id, alias, lemma, language) VALUES (?, ?, ?, ?)",
            (actor_id, alias, key or alias.lower(), language),
        )
        return True

    def link_span(
        self: Project,
        span_id: int,
        actor_id: int | None,
        *,
        annotator: str,
        alias_key: str | None = None,
    ) -> int | None:
        """Link an entity to an actor (None: unlink); returns the actor it was linked to,
        for undo. Linking learns the entity's text as an alias of the actor under
        ``alias_key`` (lower case when not given); unlinking keeps what was learnt, since
        the name is still the actor's."""
        row = self.db.execute(
            f"SELECT s.document_id, s.actor_id, d.language, {_SURFACE} FROM spans s"
            " JOIN documents d ON d.id = s.document_id WHERE s.id = ?",
            (span_id,),
        ).fetchone()
        if row is None:
            raise InvariantError(_("no entity with id {id}").format(id=span_id))
        document_id, previous, language, surface = row
        with self.edit():
            if actor_id is not None:
                self._actor_row(actor_id)
            self.db.execute(
                "UPDATE spans SET actor_id = ?, updated_at = ? WHERE id = ?",
                (actor_id, now(), span_id),
            )
            learnt = False
            if actor_id is not None and surface.strip():
                learnt = self._learn_alias(actor_id, surface.strip(), language, alias_key)
            self.journal(
                "link actor" if actor_id is not None else "unlink actor",
                annotator=annotator,
                document_id=document_id,
                subject="spans",
                subject_id=span_id,
                data={"from": previous, "to": actor_id, "alias": surface if learnt else None,
                      "key": alias_key},
            )  # fmt: skip
        return None if previous is None else int(previous)

    # -- tidying -------------------------------------------------------------------------

    def rename_actor(self: Project, actor_id: int, name: str, *, annotator: str) -> str:
        """Give an actor another name; returns the old one (for undo)."""
        name = name.strip()
        if not name:
            raise InvariantError(_("an actor needs a name"))
        with self.edit():
            old = self._actor_row(actor_id)["name"]
            taken = self._name_taken(name, other_than=actor_id)
            if taken is not None:
                raise InvariantError(
                    _("another actor is called {name}: merge them instead").format(name=taken)
                )
            self.db.execute("UPDATE actors SET name = ? WHERE id = ?", (name, actor_id))
            self.journal("rename actor", annotator=annotator, subject="actors",
                         subject_id=actor_id, data={"from": old, "to": name})  # fmt: skip
        return str(old)

    def merge_actors(self: Project, into_id: int, others: Sequence[int], *, annotator: str) -> None:
        """Make ``others`` one actor with ``into_id``: their names and aliases become its
        aliases (so recognizers still find them), their entities and statement references
        point at it, and they are deleted."""
        others = list(dict.fromkeys(others))
        if into_id in others:
            raise InvariantError(_("an actor cannot be merged into itself"))
        if not others:
            raise InvariantError(_("choose the actors to merge"))
        with self.edit():
            into = self._actor_row(into_id)
            merged = [self._actor_row(other) for other in others]
            marks = ", ".join("?" * len(others))
            aliases = self.db.execute(
                f"SELECT alias, lemma, language FROM actor_aliases WHERE actor_id IN ({marks})"
                " ORDER BY id",
                others,
            ).fetchall()
            names = [(row["name"], None, None) for row in merged]
            for alias, key, language in [*names, *aliases]:
                # what ``into`` already knows keeps its key; a new alias keeps the key it
                # was found under
                self._learn_alias(into_id, alias, language, key, rekey=False)
            moved: dict[str, int] = {}
            for table, column in (("spans", "actor_id"), *_ACTOR_REFS):
                moved[f"{table}.{column}"] = self.db.execute(
                    f"UPDATE {table} SET {column} = ? WHERE {column} IN ({marks})",
                    [into_id, *others],
                ).rowcount
            if into["label"] is None:
                label = next((row["label"] for row in merged if row["label"]), None)
                self.db.execute("UPDATE actors SET label = ? WHERE id = ?", (label, into_id))
            notes = [into["note"], *(row["note"] for row in merged)]
            self.db.execute(
                "UPDATE actors SET note = ? WHERE id = ?",
                ("\n".join(note for note in notes if note), into_id),
            )
            self.db.execute(f"DELETE FROM actors WHERE id IN ({marks})", others)
            self.journal("merge actors", annotator=annotator, subject="actors",
                         subject_id=into_id,
                         data={"into": into["name"],
                               "merged": [{"id": row["id"], "name": row["name"]}
                                          for row in merged],
                               "moved": moved})  # fmt: skip

    def split_actor(
        self: Project, actor_id: int, aliases: Sequence[str], new_name: str, *, annotator: str
    ) -> int:
        """Make a new actor (same label) of some of an actor's aliases; returns its id.

        The new actor takes those aliases and the entities linked to the old one whose
        text is one of them. Statements that name the old actor directly, not through an
        entity, stay with it: nothing says which of the two they meant.
        """
        new_name = new_name.strip()
        wanted = list(dict.fromkeys(alias.strip() for alias in aliases if alias.strip()))
        if not new_name:
            raise InvariantError(_("an actor needs a name"))
        if not wanted:
            raise InvariantError(_("choose the aliases the new actor takes"))
        with self.edit():
            old = self._actor_row(actor_id)
            taken = self._name_taken(new_name)
            if taken is not None:
                raise InvariantError(
                    _("another actor is called {name}: merge them instead").format(name=taken)
                )
            have = {row[0] for row in self.db.execute(
                "SELECT alias FROM actor_aliases WHERE actor_id = ?", (actor_id,))}  # fmt: skip
            missing = [alias for alias in wanted if alias not in have]
            if missing:
                raise InvariantError(
                    _("{actor} has no alias {aliases}").format(
                        actor=old["name"], aliases=", ".join(missing)
                    )
                )
            new_id = int(
                self.db["actors"]
                .insert({"name": new_name, "label": old["label"], "note": "",
                         "created_at": now(), "created_by": self.annotator_id(annotator)})
                .last_pk
            )  # fmt: skip
            marks = ", ".join("?" * len(wanted))
            self.db.execute(
                f"UPDATE actor_aliases SET actor_id = ? WHERE actor_id = ? AND alias IN ({marks})",
                [new_id, actor_id, *wanted],
            )
            spans = self.db.execute(
                f"UPDATE spans SET actor_id = ?, updated_at = ? WHERE actor_id = ? AND id IN"
                f" (SELECT s.id FROM spans s JOIN documents d ON d.id = s.document_id"
                f"  WHERE s.actor_id = ? AND trim({_SURFACE}) IN ({marks}))",
                [new_id, now(), actor_id, actor_id, *wanted],
            ).rowcount
            self.journal("split actor", annotator=annotator, subject="actors",
                         subject_id=actor_id,
                         data={"from": old["name"], "new": new_name, "new_id": new_id,
                               "aliases": wanted, "spans": spans})  # fmt: skip
        return new_id

    def relabel_preview(self: Project, actor_id: int, label: str) -> list[Mention]:
        """The entities linked to an actor that :meth:`relabel_mentions` would change."""
        check_label(label, self.label_names())
        self._actor_row(actor_id)
        return [
            Mention(*row)
            for row in self.db.execute(
                f'SELECT s.id, s.document_id, d.title, s.start, s."end", {_SURFACE}, s.label'
                " FROM spans s JOIN documents d ON d.id = s.document_id"
                " WHERE s.actor_id = ? AND s.label != ? ORDER BY s.document_id, s.start, s.id",
                (actor_id, label),
            )
        ]

    def relabel_mentions(self: Project, actor_id: int, label: str, *, annotator: str) -> int:
        """Give every entity linked to an actor, and the actor, ``label``; returns how many
        entities changed. Offsets stay, so no entity comes to overlap another."""
        changing = self.relabel_preview(actor_id, label)
        with self.edit():
            old = self._actor_row(actor_id)
            who, stamp = self.annotator_id(annotator), now()
            for mention in changing:
                self.db.execute(
                    "UPDATE spans SET label = ?, annotator_id = ?, updated_at = ? WHERE id = ?",
                    (label, who, stamp, mention.span_id),
                )
                # as relabel_span journals it: the article's history shows the change
                self.journal("relabel span", annotator=annotator,
                             document_id=mention.document_id, subject="spans",
                             subject_id=mention.span_id,
                             data={"from": mention.label, "to": label,
                                   "actor": actor_id})  # fmt: skip
            self.db.execute("UPDATE actors SET label = ? WHERE id = ?", (label, actor_id))
            self.journal("relabel actor", annotator=annotator, subject="actors",
                         subject_id=actor_id,
                         data={"from": old["label"], "to": label,
                               "spans": len(changing)})  # fmt: skip
        return len(changing)
