"""Actors: the dialog that lists and tidies them, and the picker that links an entity.

:class:`ActorsDialog` is where a lead cleans up after annotators: rename an actor, merge
two that are one ("Japan" and "Япония"), split one that is two, and give every mention of
an actor one label after a preview of what changes. Each change is one edit of the project
(see :mod:`annotator.store.actors`); the dialog emits :attr:`ActorsDialog.changed` after it
so that the window can repaint entities whose label changed.

:class:`ActorPicker` is the small dialog behind the "link to actor" key: it opens with the
proposed actor's name selected, so one Enter accepts the proposal, typing replaces it, and
a completer offers every actor's name and aliases (in any script, matching anywhere).
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.i18n import N_, _, ngettext
from annotator.nlp.actors import ActorLinker
from annotator.store.actors import ActorRow, Mention
from annotator.store.project import Project

ID_ROLE = Qt.ItemDataRole.UserRole + 1
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
ALIAS_SEPARATOR = " — "
"""Between an alias and its actor's name in the picker's completions."""


class ActorsDialog(QDialog):
    """Every actor with its label, aliases and use; rename, merge, split, relabel."""

    COLUMNS = (N_("Name"), N_("Label"), N_("Aliases"), N_("Mentions"), N_("Statements"))
    NAME, LABEL, ALIASES, MENTIONS, STATEMENTS = range(5)

    changed = Signal()
    """Emitted after each change to the project."""

    def __init__(self, project: Project, annotator: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.annotator = annotator
        self.setWindowTitle(_("Actors"))
        self._order: list[int] = []  # selected actors, in the order they were selected
        self._refreshing = False

        self.model = QStandardItemModel(0, len(self.COLUMNS), self)
        self.model.setHorizontalHeaderLabels([_(c) for c in self.COLUMNS])
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)  # any column: a name, an alias or a label
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(_("Filter by name, alias or label"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(self.NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.ALIASES, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.itemChanged.connect(self._name_edited)

        self.rename_button = QPushButton(_("Rename…"))
        self.merge_button = QPushButton(_("Merge"))
        self.split_button = QPushButton(_("Split…"))
        self.relabel_button = QPushButton(_("Relabel Mentions…"))
        self.rename_button.clicked.connect(lambda: self.rename_selected())
        self.merge_button.clicked.connect(lambda: self.merge_selected())
        self.split_button.clicked.connect(lambda: self.split_selected())
        self.relabel_button.clicked.connect(lambda: self.relabel_selected())
        actions = QHBoxLayout()
        for button in (self.rename_button, self.merge_button, self.split_button,
                       self.relabel_button):  # fmt: skip
            button.setAutoDefault(False)
            actions.addWidget(button)
        actions.addStretch(1)
        self.status = QLabel()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        # Enter in the filter or the name editor must not close the dialog.
        close.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table)
        layout.addLayout(actions)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self.resize(820, 560)
        self.refresh()

    # -- the table -----------------------------------------------------------------------

    def refresh(self, select: list[int] | None = None) -> None:
        """Reload the actors from the project, keeping (or setting) the selection."""
        keep = list(self._order) if select is None else select
        self._refreshing = True
        try:
            self.model.removeRows(0, self.model.rowCount())
            for row in self.project.actor_rows():
                self.model.appendRow(self._items(row))
        finally:
            self._refreshing = False
        self.table.resizeColumnToContents(self.NAME)
        self.table.resizeColumnToContents(self.LABEL)
        self._select(keep)

    def _items(self, row: ActorRow) -> list[QStandardItem]:
        name = QStandardItem(row.name)
        name.setData(row.id, ID_ROLE)
        name.setToolTip(_("Double-click to rename"))
        label = QStandardItem(row.label or "")
        aliases = QStandardItem(", ".join(row.aliases))
        aliases.setToolTip("\n".join(row.aliases))
        items = [name, label, aliases]
        for count in (row.mentions, row.statements):
            item = QStandardItem()
            item.setData(count, Qt.ItemDataRole.DisplayRole)  # a number: sorts as one
            item.setTextAlignment(RIGHT)
            items.append(item)
        for item in items[1:]:
            item.setEditable(False)
        return items

    def actor_ids(self) -> list[int]:
        """The actors the table shows (after the filter), top to bottom."""
        return [
            int(self.proxy.index(row, self.NAME).data(ID_ROLE))
            for row in range(self.proxy.rowCount())
        ]

    def selected_ids(self) -> list[int]:
        """The selected actors, the one selected first first."""
        return list(self._order)

    def select(self, actor_ids: list[int]) -> None:
        """Select these actors, in this order (the first is what a merge keeps)."""
        self._select(actor_ids)

    def _select(self, actor_ids: list[int]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        self._order = []
        shown = self.actor_ids()
        for actor_id in actor_ids:
            if actor_id in shown:
                index = self.proxy.index(shown.index(actor_id), self.NAME)
                selection.select(
                    index,
                    selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
                )
        self._order = [actor_id for actor_id in actor_ids if actor_id in shown]
        self._update_buttons()

    def _selection_changed(self, *_args: object) -> None:
        chosen = {int(index.data(ID_ROLE)) for index in self.table.selectionModel().selectedRows()}
        self._order = [a for a in self._order if a in chosen]
        self._order += sorted(chosen - set(self._order), key=self.actor_ids().index)
        self._update_buttons()

    def _update_buttons(self) -> None:
        count = len(self._order)
        self.rename_button.setEnabled(count == 1)
        self.split_button.setEnabled(count == 1)
        self.relabel_button.setEnabled(count == 1)
        self.merge_button.setEnabled(count >= 2)

    def _rows(self) -> dict[int, ActorRow]:
        return {row.id: row for row in self.project.actor_rows()}

    def _single(self) -> ActorRow | None:
        if len(self._order) != 1:
            self._complain(_("Select one actor."))
            return None
        return self._rows().get(self._order[0])

    def _complain(self, message: str) -> None:
        QMessageBox.warning(self, _("Actors"), message)

    def _done(self, message: str, select: list[int]) -> None:
        self.status.setText(message)
        self.refresh(select)
        self.changed.emit()

    # -- changes -------------------------------------------------------------------------

    def _name_edited(self, item: QStandardItem) -> None:
        if self._refreshing or item.column() != self.NAME:
            return
        actor_id, name = int(item.data(ID_ROLE)), item.text()
        # After the edit has returned: renaming reloads the table, deleting this item.
        QTimer.singleShot(0, lambda: self.rename(actor_id, name))

    def rename(self, actor_id: int, name: str) -> bool:
        """Rename an actor; a refusal (empty, or another actor's name) is shown."""
        try:
            old = self.project.rename_actor(actor_id, name, annotator=self.annotator)
        except AnnotatorError as error:
            self._complain(str(error))
            self.refresh([actor_id])
            return False
        self._done(_("{old} renamed {new}").format(old=old, new=name.strip()), [actor_id])
        return True

    def rename_selected(self, name: str | None = None) -> bool:
        row = self._single()
        if row is None:
            return False
        if name is None:
            name, ok = QInputDialog.getText(
                self, _("Rename actor"), _("New name of {name}:").format(name=row.name),
                QLineEdit.EchoMode.Normal, row.name,
            )  # fmt: skip
            if not ok:
                return False
        return self.rename(row.id, name)

    def merge_selected(self) -> bool:
        """Merge the selected actors into the one selected first, after a confirmation."""
        if len(self._order) < 2:
            self._complain(_("Select two or more actors to merge."))
            return False
        rows = self._rows()
        into, *others = (rows[actor_id] for actor_id in self._order)
        answer = QMessageBox.question(
            self,
            _("Merge actors"),
            _(
                "Merge {others} into {into}? Their aliases, entities and statements become"
                " {into}'s, and they are deleted."
            ).format(others=", ".join(row.name for row in others), into=into.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            self.project.merge_actors(into.id, [row.id for row in others], annotator=self.annotator)
        except AnnotatorError as error:
            self._complain(str(error))
            return False
        message = ngettext(
            "{n} actor merged into {into}", "{n} actors merged into {into}", len(others)
        ).format(n=len(others), into=into.name)
        self._done(message, [into.id])
        return True

    def split_selected(self) -> int | None:
        """Make a new actor of some aliases of the selected one; returns its id."""
        row = self._single()
        if row is None:
            return None
        if not row.aliases:
            self._complain(_("{name} has no aliases to split off.").format(name=row.name))
            return None
        dialog = SplitDialog(row, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        try:
            new_id = self.project.split_actor(
                row.id, dialog.aliases(), dialog.name(), annotator=self.annotator
            )
        except AnnotatorError as error:
            self._complain(str(error))
            return None
        self._done(
            _("{new} split off {old}").format(new=dialog.name().strip(), old=row.name),
            [new_id],
        )
        return new_id

    def relabel_selected(self, label: str | None = None) -> int | None:
        """Give every mention of the selected actor one label, after a preview of what
        changes; returns how many changed (None when cancelled)."""
        row = self._single()
        if row is None:
            return None
        if label is None:
            names = [known.name for known in self.project.labels()]
            current = names.index(row.label) if row.label in names else 0
            label, ok = QInputDialog.getItem(
                self, _("Relabel mentions"),
                _("Label for every mention of {name}:").format(name=row.name),
                names, current, False,
            )  # fmt: skip
            if not ok:
                return None
        try:
            mentions = self.project.relabel_preview(row.id, label)
        except AnnotatorError as error:
            self._complain(str(error))
            return None
        preview = RelabelPreview(row.name, mentions, label, self)
        if preview.exec() != QDialog.DialogCode.Accepted:
            return None
        try:
            changed = self.project.relabel_mentions(row.id, label, annotator=self.annotator)
        except AnnotatorError as error:
            self._complain(str(error))
            return None
        message = ngettext(
            "{n} mention of {name} relabelled {label}",
            "{n} mentions of {name} relabelled {label}",
            changed,
        ).format(n=changed, name=row.name, label=label)
        self._done(message, [row.id])
        return changed


class SplitDialog(QDialog):
    """Which aliases of an actor go to a new actor, and its name."""

    def __init__(self, row: ActorRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Split {name}").format(name=row.name))
        self.list = QListWidget()
        for alias in row.aliases:
            item = QListWidgetItem(alias)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText(_("Name of the new actor"))
        form = QFormLayout()
        form.addRow(_("Aliases the new actor takes:"), self.list)
        form.addRow(_("New actor:"), self.new_name)
        note = QLabel(
            _(
                "Entities whose text is one of these aliases go to the new actor."
                " Statements that name {name} itself stay with it."
            ).format(name=row.name)
        )
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.list.itemChanged.connect(lambda _item: self._update())
        self.new_name.textChanged.connect(lambda _text: self._update())
        self._update()

    def check(self, aliases: list[str]) -> None:
        """Tick exactly these aliases."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            state = Qt.CheckState.Checked if item.text() in aliases else Qt.CheckState.Unchecked
            item.setCheckState(state)

    def aliases(self) -> list[str]:
        return [
            self.list.item(row).text()
            for row in range(self.list.count())
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        ]

    def name(self) -> str:
        return self.new_name.text()

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.aliases()) and bool(self.name().strip()))


class RelabelPreview(QDialog):
    """Every mention a relabelling changes: article, text, old label → new label."""

    def __init__(
        self, name: str, mentions: list[Mention], label: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Relabel mentions of {name}").format(name=name))
        self.mentions = mentions
        if mentions:
            text = ngettext(
                "{n} mention of {name} will be labelled {label}:",
                "{n} mentions of {name} will be labelled {label}:",
                len(mentions),
            ).format(n=len(mentions), name=name, label=label)
        else:
            text = _("Every mention of {name} is {label} already; the actor will be too.").format(
                name=name, label=label
            )
        self.summary = QLabel(text)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(len(mentions), 3)
        self.table.setHorizontalHeaderLabels([_("Article"), _("Text"), _("Label")])
        for row, mention in enumerate(mentions):
            values = (mention.title, mention.surface, f"{mention.label} → {label}")
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Relabel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def rows(self) -> list[tuple[str, str, str]]:
        """What the table shows, row by row (article, text, change)."""
        cells = [
            [self.table.item(row, column).text() for column in range(3)]
            for row in range(self.table.rowCount())
        ]
        return [(article, text, change) for article, text, change in cells]


class ActorPicker(QDialog):
    """Link an entity to an actor: the proposed actor's name, selected, so Enter takes it;
    or type another (a completer offers names and aliases) or a new actor's name."""

    def __init__(
        self, project: Project, text: str, language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.setWindowTitle(_("Link to actor"))
        self.proposed = ActorLinker(project).propose(text, language)
        self._names: dict[int, str] = {}
        self._entries: dict[str, int] = {}  # completion text → actor
        owners: dict[str, set[int]] = {}  # alias, lower-cased → actors that have it
        for row in project.actor_rows():
            self._names[row.id] = row.name
            self._entries.setdefault(row.name, row.id)
            for alias in row.aliases:
                owners.setdefault(alias.lower(), set()).add(row.id)
                if alias != row.name:
                    self._entries.setdefault(f"{alias}{ALIAS_SEPARATOR}{row.name}", row.id)
        # An alias typed out in full means its actor, unless two actors share it.
        self._aliases = {alias: next(iter(ids)) for alias, ids in owners.items() if len(ids) == 1}
        self.edit = QLineEdit(self._names[self.proposed] if self.proposed else text.strip())
        completer = QCompleter(QStringListModel(sorted(self._entries, key=str.lower), self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.edit.setCompleter(completer)
        self.completer = completer
        self.hint = QLabel()
        self.edit.textChanged.connect(lambda _text: self._update())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Link “{text}” to the actor:").format(text=text.strip())))
        layout.addWidget(self.edit)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.edit.selectAll()
        self.edit.setFocus()
        self._update()

    def chosen(self) -> tuple[int | None, str]:
        """(an existing actor and its name) or (None, the name of a new actor)."""
        text = self.edit.text().strip()
        actor_id = self._entries.get(text)
        folded = text.lower()
        if actor_id is None:
            actor_id = next((i for i, n in self._names.items() if n.lower() == folded), None)
        if actor_id is None:
            actor_id = self._aliases.get(folded)
        if actor_id is not None:
            return actor_id, self._names[actor_id]
        return None, text

    def _update(self) -> None:
        actor_id, name = self.chosen()
        if not name:
            self.hint.setText(_("Type an actor's name."))
        elif actor_id is None:
            self.hint.setText(_("A new actor: {name}").format(name=name))
        else:
            self.hint.setText(_("Actor: {name}").format(name=name))
        self.ok.setEnabled(bool(name))
