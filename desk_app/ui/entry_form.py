"""The entry form (录入表单): one row per field of a form definition, nothing hard-coded.

Built from a `core.forms.FormDef`: a label (with `*` where the paper marks the field required) and
a line edit whose mask or validator follows the field's type; code fields complete over their
reference list (code and name). Fields are laid out as on the paper: two per row, a wide field
(the paper's full-width boxes) on a row of its own.

The operator never reaches for the mouse: Enter and Tab move to the next field of this round,
Shift+Tab back, and the focus wraps inside the form. Per keystroke the form does nothing but
count it (the store is written when a field is left, by the window, on the database worker);
inline marks from the checks colour the field and say why beneath it, and never block typing.
Fields this round does not key (a partial re-entry) are shown read-only, as context.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from PySide6.QtCore import QEvent, QRegularExpression, QStringListModel, Qt, Signal
from PySide6.QtGui import QFocusEvent, QInputMethodEvent, QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCompleter,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QWidget,
)

from desk_app.core.forms import FieldDef, FieldType, FormDef

# What each type lets through while typing (a mask where the value has a fixed shape). The
# checks proper (check digits, dates rule, totals) are the service's marks, shown inline.
MASKS: dict[FieldType, str] = {
    FieldType.DATE: "0000-00-00",
    FieldType.ID_NUMBER: ">00000000000000000N",
    FieldType.CREDIT_CODE: ">NNNNNNNNNNNNNNNNNN",
}
PATTERNS: dict[FieldType, str] = {
    FieldType.MONEY: r"\d{0,13}(\.\d{0,2})?",
    FieldType.RATIO: r"\d{0,3}(\.\d{0,4})?",
    FieldType.INTEGER: r"\d{0,9}",
    FieldType.PHONE: r"[0-9+\- ]{0,20}",
    FieldType.BANK_ACCOUNT: r"[0-9 ]{0,34}",
}
# A paper box wider than this (mm) is a full-width field: a row of its own.
WIDE_MM = 120.0
MARK_COLOURS = {"error": "#c62828", "warning": "#b26a00"}

STYLE = """
QLineEdit[mark="error"] { border: 2px solid #c62828; }
QLineEdit[mark="warning"] { border: 2px solid #e0a000; }
QLineEdit:read-only { background: #eceff1; color: #455a64; }
"""


def _plain(text: str, masked: bool) -> str:
    """The value of an edit: a masked edit with nothing typed shows only its separators."""
    text = text.strip()
    if masked and not text.strip("-").strip():
        return ""
    return text


class FieldEdit(QLineEdit):
    """One field's input: counts keystrokes and hands Enter/Tab/Shift+Tab to the form."""

    move = Signal(int)  # +1 next field, -1 previous
    left = Signal()  # the focus went elsewhere: the form commits the value if it changed
    entered = Signal()

    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.keystrokes = 0
        self.codes: dict[str, str] = {}  # a code field's reference list, code -> label
        self.setObjectName(f"field_{field.key}")
        mask = field.mask or MASKS.get(field.type)
        self.masked = bool(mask)
        if mask:
            self.setInputMask(mask)
        elif field.type in PATTERNS:
            self.setValidator(QRegularExpressionValidator(QRegularExpression(PATTERNS[field.type]), self))
        if field.max_length and not mask:
            self.setMaxLength(field.max_length)

    def value(self) -> str:
        return _plain(self.text(), self.masked)

    def set_value(self, value: str) -> None:
        self.setText(value)

    def _popup_open(self) -> bool:
        c = self.completer()
        return c is not None and c.popup().isVisible()

    def event(self, e: QEvent) -> bool:  # Qt override: Tab never leaves the form
        if e.type() == QEvent.Type.KeyPress and isinstance(e, QKeyEvent):
            key, mods = e.key(), e.modifiers()
            plain = not mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
            if key == Qt.Key.Key_Backtab or (key == Qt.Key.Key_Tab and mods & Qt.KeyboardModifier.ShiftModifier):
                self._close_popup()
                self.move.emit(-1)
                return True
            if key == Qt.Key.Key_Tab and plain:
                self._close_popup(take=True)
                self.move.emit(1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain and not self._popup_open():
                self.move.emit(1)
                return True
        return super().event(e)

    def _close_popup(self, take: bool = False) -> None:
        c = self.completer()
        if c is None or not c.popup().isVisible():
            return
        if take:  # Tab on an open list takes the highlighted entry, like Enter
            index = c.popup().currentIndex()
            if index.isValid():
                self.take_completion(index.data())
        c.popup().hide()

    def take_completion(self, shown: str) -> None:
        """A completer entry "code  label" becomes the code."""
        self.setText(shown.split("  ", 1)[0])

    def keyPressEvent(self, e: QKeyEvent) -> None:  # Qt override: the one per-keystroke work, a count
        if e.text() or e.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.keystrokes += 1
        super().keyPressEvent(e)

    def inputMethodEvent(self, e: QInputMethodEvent) -> None:  # Qt override: Chinese from the IME
        self.keystrokes += len(e.commitString())
        super().inputMethodEvent(e)

    def focusOutEvent(self, e: QFocusEvent) -> None:  # Qt override
        super().focusOutEvent(e)
        if e.reason() != Qt.FocusReason.PopupFocusReason:  # the completer's list is not leaving
            self.left.emit()

    def focusInEvent(self, e: QFocusEvent) -> None:  # Qt override
        super().focusInEvent(e)
        if e.reason() != Qt.FocusReason.PopupFocusReason:
            self.entered.emit()


class EntryForm(QScrollArea):
    """The fields of one form definition, keyed in order; see the module's docstring."""

    # (field key) the focus entered a field: the image panel shows its region.
    field_focused = Signal(str)
    # (field key, value, keystrokes since the last commit) a field was left with a changed value.
    field_committed = Signal(str, str, int)

    def __init__(self, form: FormDef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = form
        self.setObjectName("entryForm")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.edits: dict[str, FieldEdit] = {}
        self.labels: dict[str, QLabel] = {}
        self.mark_labels: dict[str, QLabel] = {}
        self._saved: dict[str, str] = {}  # the value last committed per field
        self._order: list[str] = []  # the keys keyed this round, in form order
        self._marks: dict[str, tuple[str, str]] = {}  # key -> (severity, message)
        self._current: str | None = None
        self._build()

    def _build(self) -> None:
        body = QWidget()
        body.setObjectName("entryFormBody")
        body.setStyleSheet(STYLE)
        grid = QGridLayout(body)
        grid.setContentsMargins(6, 6, 6, 6)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        row, col = 0, 0
        for f in self.form.fields:
            wide = f.region[2] > WIDE_MM
            if wide and col:
                row, col = row + 2, 0
            label = QLabel(f"{f.label} *" if f.required else f.label)
            label.setObjectName(f"label_{f.key}")
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            edit = FieldEdit(f)
            edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            edit.setMinimumWidth(120)
            label.setBuddy(edit)
            mark = QLabel()
            mark.setObjectName(f"mark_{f.key}")
            mark.setWordWrap(True)
            mark.hide()
            span = 3 if wide else 1
            grid.addWidget(label, row, col * 2)
            grid.addWidget(edit, row, col * 2 + 1, 1, span)
            grid.addWidget(mark, row + 1, col * 2 + 1, 1, span)
            edit.move.connect(lambda step, k=f.key: self.move_from(k, step))
            edit.left.connect(lambda k=f.key: self._on_left(k))
            edit.entered.connect(lambda k=f.key: self._on_entered(k))
            self.edits[f.key], self.labels[f.key], self.mark_labels[f.key] = edit, label, mark
            if wide or col:
                row, col = row + 2, 0
            else:
                col = 1
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setRowStretch(row + 2, 1)
        self.setWidget(body)
        self._order = list(self.edits)

    # -- reference lists --------------------------------------------------------------------

    def set_choices(self, choices: Mapping[str, Sequence[tuple[str, str]]]) -> None:
        """Type-ahead for the code fields: each completes over "code  label" of its list."""
        for edit in self.edits.values():
            ref = edit.field.ref
            if edit.field.type != FieldType.CODE or ref is None or ref not in choices:
                continue
            pairs = list(choices[ref])
            edit.codes = dict(pairs)
            completer = QCompleter(QStringListModel([f"{c}  {label}" for c, label in pairs]), edit)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            completer.setMaxVisibleItems(8)
            completer.activated.connect(edit.take_completion)
            edit.setCompleter(completer)
            edit.setToolTip("\n".join(f"{c}  {label}" for c, label in pairs[:30]))

    # -- a task's values --------------------------------------------------------------------

    def load(self, fields: Iterable[str], values: Mapping[str, str], context: Mapping[str, str]) -> None:
        """Show a pass: `fields` are keyed (with this operator's own drafts `values`); every
        other field shows its settled value from `context`, read-only."""
        keyed = set(fields)
        self._order = [k for k in self.edits if k in keyed]
        self._saved = {}
        self._marks = {}
        self._current = None
        for key, edit in self.edits.items():
            editable = key in keyed
            edit.blockSignals(True)
            edit.set_value(values.get(key, "") if editable else context.get(key, ""))
            edit.blockSignals(False)
            edit.setReadOnly(not editable)
            edit.setFocusPolicy(Qt.FocusPolicy.StrongFocus if editable else Qt.FocusPolicy.NoFocus)
            edit.keystrokes = 0
            self._saved[key] = edit.value()
            self._show_mark(key, None)
        self.verticalScrollBar().setValue(0)

    def values(self) -> dict[str, str]:
        """The keyed fields' values as they stand now."""
        return {k: self.edits[k].value() for k in self._order}

    def keystrokes(self) -> int:
        return sum(e.keystrokes for e in self.edits.values())

    def unsaved(self) -> dict[str, str]:
        """Keyed fields whose value changed since it was last committed."""
        return {k: v for k, v in self.values().items() if v != self._saved.get(k, "")}

    def has_typed(self) -> bool:
        return any(self.edits[k].value() for k in self._order)

    @property
    def keyed_fields(self) -> tuple[str, ...]:
        return tuple(self._order)

    def current_key(self) -> str | None:
        return self._current

    def focus_field(self, key: str | None = None) -> None:
        """Focus a field (the first of the round by default), its text selected for overtyping."""
        if not self._order:
            return
        key = key if key in self._order else self._order[0]
        edit = self.edits[key]
        edit.setFocus(Qt.FocusReason.TabFocusReason)
        edit.selectAll()

    def move_from(self, key: str, step: int) -> None:
        """The next (or previous) field of the round, wrapping: Tab never leaves the form."""
        if not self._order:
            return
        i = self._order.index(key) if key in self._order else -1
        self.focus_field(self._order[(i + step) % len(self._order)])

    # -- what the operator does -------------------------------------------------------------

    def _on_entered(self, key: str) -> None:
        self._current = key
        self.ensureWidgetVisible(self.edits[key], 10, 40)
        self.field_focused.emit(key)

    def _on_left(self, key: str) -> None:
        self.commit(key)

    def commit(self, key: str) -> None:
        """Hand a changed value on (the window saves it on the worker)."""
        edit = self.edits[key]
        if key not in self._order:
            return
        code = edit.value()
        if edit.codes and code not in edit.codes and "  " in code:
            code = code.split("  ", 1)[0]
            edit.set_value(code)
        if code == self._saved.get(key, ""):
            return
        self._saved[key] = code
        strokes, edit.keystrokes = edit.keystrokes, 0
        self.field_committed.emit(key, code, strokes)

    def commit_current(self) -> None:
        if self._current is not None:
            self.commit(self._current)

    # -- inline marks -----------------------------------------------------------------------

    def set_marks(self, marks: Iterable[object], *, only: Iterable[str] | None = None) -> None:
        """Show the checks' marks (services.entry.FieldMark: field_key, severity, message). With
        `only`, those fields' marks are replaced and the others kept; else all are replaced."""
        wanted: dict[str, tuple[str, str]] = {}
        for m in marks:
            key, severity, message = m.field_key, m.severity, m.message  # type: ignore[attr-defined]
            if key not in self.edits:
                continue
            old = wanted.get(key)
            if old is None or (old[0] != "error" and severity == "error"):
                wanted[key] = (severity, message) if old is None else (severity, f"{message}；{old[1]}")
            else:
                wanted[key] = (old[0], f"{old[1]}；{message}")
        keys = set(self.edits) if only is None else set(only) | set(wanted)
        for key in keys:
            self._show_mark(key, wanted.get(key))

    def marks(self) -> dict[str, tuple[str, str]]:
        return dict(self._marks)

    def _show_mark(self, key: str, mark: tuple[str, str] | None) -> None:
        if self._marks.get(key) == mark:
            return
        edit, label = self.edits[key], self.mark_labels[key]
        if mark is None:
            self._marks.pop(key, None)
            edit.setProperty("mark", "")
            label.hide()
        else:
            self._marks[key] = mark
            edit.setProperty("mark", mark[0])
            label.setText(mark[1])
            label.setStyleSheet(f"color: {MARK_COLOURS.get(mark[0], '#c62828')};")
            label.show()
        edit.style().unpolish(edit)
        edit.style().polish(edit)

