"""Reconciliation (差异处理): a third person settles the fields where the two entries differ.

The list on the left holds the differing fields of the case's compared round; for the current one
the two keyed values stand side by side, each with the business checks that touch it if it were
kept (`FieldComparison.first_checks` / `second_checks`), and the image shows that field's region
of the scanned page. Keys: Up/Down move through the fields, 1 or 2 picks that entry's value, 3
keys a third value (Enter takes it), F2 writes a note, F8 or Ctrl+Enter records the decisions
(`services.entry.reconcile`). Who may see both values is the service's decision: a refusal (the
person keyed one of the passes) is shown as its one Chinese sentence, and nothing is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desk_app.core import forms
from desk_app.core.roles import Actor
from desk_app.services import entry, entry_refs
from desk_app.store.db import Store
from desk_app.ui.entry_image import FieldImage, LoadedPage, load_pages
from desk_app.ui.entry_jobs import Jobs
from desk_app.ui.fit import ElidedLabel
from desk_app.ui.worker import DbWorker

PICK_NAMES = {"1": "初录", "2": "二录", "3": "第三值"}


def case_pages(store: Store, proposal_id: str, pages: tuple[entry.PageRef, ...]) -> tuple[forms.FormDef, dict[str, LoadedPage]]:
    """For the database worker: the case's form and its pages, decoded and registered."""
    form = forms.form(entry_refs.case_form(store, proposal_id))
    return form, load_pages(store, pages, form)


def _checks_html(checks: tuple[entry.CandidateCheck, ...], ok_text: str) -> str:
    if not checks:
        return f'<span style="color:#2e7d32">✓ {ok_text}</span>'
    colour = {"error": "#c62828", "warning": "#b26a00"}
    return "<br>".join(f'<span style="color:{colour.get(c.severity, "#c62828")}">✗ {c.message}</span>'
                       for c in checks)


class Candidate(QFrame):
    """One keyed value of a field, large, with the checks it passes or fails."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(title)
        self.title.setStyleSheet("font-weight: bold;")
        self.value = QLabel()
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.value.setWordWrap(True)
        self.value.setStyleSheet("font-size: 15pt;")
        self.checks = QLabel()
        self.checks.setWordWrap(True)
        self.checks.setTextFormat(Qt.TextFormat.RichText)
        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addWidget(self.value)
        lay.addWidget(self.checks)
        lay.addStretch(1)

    def show_value(self, value: str, checks_html: str, chosen: bool) -> None:
        self.value.setText(value or "—")
        self.checks.setText(checks_html)
        self.setStyleSheet("Candidate { border: 3px solid #2e7d32; }" if chosen else "")


class ReconcileWindow(QWidget):
    """Reconciliation of one case; see the module's docstring."""

    comparison_shown = Signal(object)
    # (services.entry.Comparison) the decisions were recorded.
    reconciled = Signal(object)
    close_requested = Signal()

    def __init__(self, store: Store, worker: DbWorker, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reconcileWindow")
        self._store, self._worker, self.actor = store, worker, actor
        self._jobs = Jobs(worker)
        self.comparison: entry.Comparison | None = None
        self.choices: dict[str, entry.Choice] = {}
        self._skip: set[str] = set()  # cases refused to this person while looking for the next
        self._settled = ""  # said before what the next case shows: the last one was settled
        self._busy = False
        self._build()

    def _build(self) -> None:
        self.case_label = QLabel(self.tr("No case open"))
        self.case_label.setStyleSheet("font-weight: bold;")
        self.status = ElidedLabel()
        self.status.setObjectName("reconcileStatus")
        head = QHBoxLayout()
        head.addWidget(self.case_label)
        head.addWidget(self.status, 1)

        self.fields = QListWidget()
        self.fields.setObjectName("reconcileFields")
        self.fields.setMinimumWidth(190)
        self.fields.currentRowChanged.connect(self._on_field_changed)
        self.fields.installEventFilter(self)

        self.image = FieldImage()
        self.image.setMinimumHeight(150)
        self.field_label = QLabel()
        self.field_label.setStyleSheet("font-weight: bold; font-size: 12pt;")
        self.first = Candidate(self.tr("[1] First entry"))
        self.second = Candidate(self.tr("[2] Second entry"))
        pair = QHBoxLayout()
        pair.addWidget(self.first, 1)
        pair.addWidget(self.second, 1)
        self.third_edit = QLineEdit()
        self.third_edit.setObjectName("thirdValue")
        self.third_edit.setPlaceholderText(self.tr("Key the value from the image, Enter takes it"))
        self.third_edit.installEventFilter(self)
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("reconcileNote")
        self.note_edit.setPlaceholderText(self.tr("Why (optional)"))
        self.note_edit.installEventFilter(self)
        third_label = QLabel(self.tr("[&3] Third value:"))
        third_label.setBuddy(self.third_edit)
        note_label = QLabel(self.tr("&Note (F2):"))
        note_label.setBuddy(self.note_edit)
        grid = QGridLayout()
        grid.addWidget(third_label, 0, 0)
        grid.addWidget(self.third_edit, 0, 1)
        grid.addWidget(note_label, 1, 0)
        grid.addWidget(self.note_edit, 1, 1)
        self.help_label = QLabel(self.tr("1 / 2 pick that entry, 3 keys a third value, Up/Down move, "
                                         "F8 records the decisions."))
        self.help_label.setWordWrap(True)
        self.help_label.setStyleSheet("color: #455a64;")
        self.submit_button = QPushButton(self.tr("&Record decisions (F8)"))
        self.submit_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.submit_button.clicked.connect(self.submit)
        bottom = QHBoxLayout()
        bottom.addWidget(self.help_label, 1)
        bottom.addWidget(self.submit_button)

        detail = QWidget()
        dl = QVBoxLayout(detail)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addWidget(self.field_label)
        dl.addLayout(pair)
        dl.addLayout(grid)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.image)
        right.addWidget(detail)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        right.setSizes([340, 230])  # the image first: the reconciler reads the paper
        right.setChildrenCollapsible(False)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.fields)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([240, 900])
        split.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(head)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)
        for seq in ("F8", "Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(seq), self, self.submit).setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("F2"), self, self._focus_note).setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("F7"), self, self.image.toggle_whole_page).setContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut)

    # -- opening a case ---------------------------------------------------------------------

    def open_case(self, proposal_id: str) -> None:
        """Show a case's differences (refused, with the service's sentence, to who may not see them)."""
        self._jobs.read(entry.comparison, self._store, actor=self.actor, proposal_id=proposal_id,
                 owner=self, urgent=True, on_done=self._show, on_error=self._on_refused)

    def open_next(self) -> None:
        """The oldest case waiting for reconciliation that this person may settle."""
        self._jobs.read(entry_refs.next_to_reconcile, self._store, actor=self.actor,
                 skip=tuple(self._skip), owner=self, on_done=self._on_next, on_error=self._on_refused)

    def _on_next(self, proposal_id: str | None) -> None:
        if proposal_id is None:
            self._clear()
            self._say(self._then(self.tr("No case is waiting for reconciliation.")))
            return
        self._jobs.read(entry.comparison, self._store, actor=self.actor, proposal_id=proposal_id,
                 owner=self, urgent=True, on_done=self._show,
                 on_error=lambda m, p=proposal_id: self._on_next_refused(p, m))

    def _on_next_refused(self, proposal_id: str, message: str) -> None:
        # A case this person keyed: not theirs to settle; the next one.
        self._skip.add(proposal_id)
        self.open_next()

    def _on_refused(self, message: str) -> None:
        self._busy = False
        self._say(message, error=True)

    def _clear(self) -> None:
        self.comparison = None
        self.choices = {}
        self.fields.clear()
        self.case_label.setText(self.tr("No case open"))
        self.field_label.setText("")
        self.first.show_value("", "", False)
        self.second.show_value("", "", False)
        self.image.clear()

    def _show(self, comparison: entry.Comparison) -> None:
        self.comparison = comparison
        self.choices = {}
        self.case_label.setText(self.tr("Case %1, round %2").replace("%1", comparison.case_no)
                                .replace("%2", str(comparison.round)))
        self.first.title.setText(self.tr("[1] First entry: %1").replace("%1", comparison.first_operator))
        self.second.title.setText(self.tr("[2] Second entry: %1").replace("%1", comparison.second_operator))
        self.fields.blockSignals(True)
        self.fields.clear()
        for f in comparison.differing:
            item = QListWidgetItem(f.label)
            item.setData(Qt.ItemDataRole.UserRole, f.field_key)
            self.fields.addItem(item)
        self.fields.blockSignals(False)
        n = len(comparison.differing)
        self._say(self._then(self.tr("%1 fields differ.").replace("%1", str(n)) if n
                             else self.tr("No field waits for a decision.")))
        self._jobs.read(case_pages, self._store, comparison.proposal_id, comparison.pages, owner=self,
                 urgent=True, on_done=lambda loaded, c=comparison: self._on_pages(c, *loaded))
        if n:
            self.fields.setCurrentRow(0)
        self.fields.setFocus()
        self.comparison_shown.emit(comparison)

    def _then(self, text: str) -> str:
        """`text`, after the word that the previous case was settled (said once)."""
        before, self._settled = self._settled, ""
        return f"{before} {text}" if before else text

    def _on_pages(self, comparison: entry.Comparison, form: forms.FormDef, pages: dict[str, LoadedPage]) -> None:
        if self.comparison is not comparison:
            return
        by_page: dict[int, LoadedPage] = {}
        for p in comparison.pages:
            if p.sha256 in pages:
                by_page.setdefault(p.form_page, pages[p.sha256])
        self.image.show_pages(form, by_page)
        key = self.current_key()
        if key:
            self.image.show_field(key)

    # -- deciding ---------------------------------------------------------------------------

    def current_key(self) -> str | None:
        item = self.fields.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def current_field(self) -> entry.FieldComparison | None:
        key = self.current_key()
        if self.comparison is None or key is None:
            return None
        return next((f for f in self.comparison.fields if f.field_key == key), None)

    def _on_field_changed(self, _row: int) -> None:
        f = self.current_field()
        if f is None:
            return
        choice = self.choices.get(f.field_key)
        pick = choice.pick if choice else ""
        self.field_label.setText(f.label)
        ok = self.tr("passes the checks")
        self.first.show_value(f.first_value, _checks_html(f.first_checks, ok), pick == "1")
        self.second.show_value(f.second_value, _checks_html(f.second_checks, ok), pick == "2")
        self.third_edit.setText(choice.value if choice and pick == "3" else "")
        self.note_edit.setText(choice.note if choice else "")
        if self.image.form is not None:
            self.image.show_field(f.field_key)

    def pick(self, which: str, value: str = "") -> None:
        """Decide the current field: "1" / "2" that entry's value, "3" the value keyed anew."""
        f = self.current_field()
        if f is None:
            return
        self.choices[f.field_key] = entry.Choice(f.field_key, which, value if which == "3" else "",
                                                 self.note_edit.text().strip())
        item = self.fields.currentItem()
        shown = {"1": f.first_value, "2": f.second_value, "3": value}[which]
        item.setText(f"{f.label}  ✓ {PICK_NAMES[which]}：{shown}")
        item.setForeground(Qt.GlobalColor.darkGreen)
        row = self.fields.currentRow()
        undecided = [i for i in range(self.fields.count())
                     if self.fields.item(i).data(Qt.ItemDataRole.UserRole) not in self.choices]
        later = [i for i in undecided if i > row] or undecided
        if later:
            self.fields.setCurrentRow(later[0])
        else:
            self._on_field_changed(row)
            self._say(self.tr("Every field is decided: F8 records the decisions."))
        self.fields.setFocus()

    def _focus_note(self) -> None:
        if self.current_field() is not None:
            self.note_edit.setFocus()
            self.note_edit.selectAll()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # Qt override: the deciding keys
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(obj, event)
        key = event.key()
        if obj is self.fields and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            if key in (Qt.Key.Key_1, Qt.Key.Key_2):
                self.pick("1" if key == Qt.Key.Key_1 else "2")
                return True
            if key == Qt.Key.Key_3 and self.current_field() is not None:
                self.third_edit.setFocus()
                self.third_edit.selectAll()
                return True
            if key == Qt.Key.Key_Escape:
                self.close_requested.emit()
                return True
        if obj is self.third_edit and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            if self.third_edit.text().strip():
                self.pick("3", self.third_edit.text().strip())
            return True
        if obj is self.note_edit and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            f = self.current_field()
            if f is not None and f.field_key in self.choices:
                c = self.choices[f.field_key]
                self.choices[f.field_key] = entry.Choice(c.field_key, c.pick, c.value, self.note_edit.text().strip())
            self.fields.setFocus()
            return True
        if obj in (self.third_edit, self.note_edit) and key == Qt.Key.Key_Escape:
            self.fields.setFocus()
            return True
        return super().eventFilter(obj, event)

    def submit(self) -> None:
        """Record the decisions taken (all of them, or some: the rest wait for later)."""
        if self.comparison is None or self._busy:
            return
        if not self.choices:
            self._say(self.tr("Pick 1, 2 or key a third value for at least one field first."), error=True)
            return
        self._busy = True
        self._jobs.run(entry.reconcile, self._store, actor=self.actor,
                proposal_id=self.comparison.proposal_id, choices=list(self.choices.values()),
                owner=self, initiator=self, on_done=self._on_reconciled, on_error=self._on_refused)

    def _on_reconciled(self, comparison: entry.Comparison) -> None:
        self._busy = False
        self.reconciled.emit(comparison)
        if comparison.differing:
            self._show(comparison)
            return
        self._clear()
        self._settled = self.tr("Case %1 settled: every field decided.").replace("%1", comparison.case_no)
        self._say(self._settled)
        self.open_next()

    def has_unsaved_work(self) -> bool:
        return self.comparison is not None and bool(self.choices)

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet("color: #b00020;" if error else "color: #2e7d32;")
        self.status.setText(text)

    def status_is_error(self) -> bool:
        return "b00020" in self.status.styleSheet()
