"""The insured list (被保险人清单) of a group case: choose the unit's file, check which column holds
which field, import, and see the refused rows by row, column and reason.

Everything goes through desk_app.services.insured on the database worker (ops.read / ops.run);
the dialog holds only the frozen results. Keyboard: type or paste a path and press Enter (or Ctrl+O
for the file chooser), Tab through the column choices, Ctrl+Return imports, Esc closes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.roles import Actor
from desk_app.services import insured
from desk_app.services.insured import ImportOutcome, ListPreview, ListVersion
from desk_app.store.db import Store
from desk_app.ui import ops
from desk_app.ui.case_view import format_local_time
from desk_app.ui.worker import DbWorker


def _item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


class InsuredListDialog(QDialog):
    def __init__(self, store: Store, worker: DbWorker, actor: Actor, proposal_id: str, case_no: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._worker, self._actor, self._proposal_id = store, worker, actor, proposal_id
        self._preview: ListPreview | None = None
        self.setWindowTitle(self.tr("Insured list %1").replace("%1", case_no).strip())
        self.resize(980, 680)

        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("Path of the .xlsx or .csv file; Enter to read it"))
        self.path_edit.returnPressed.connect(self._on_path_entered)
        self.choose_button = QPushButton(self.tr("&Choose file..."))
        self.choose_button.clicked.connect(self.choose_file)
        self.sheet_combo = QComboBox()
        self.sheet_combo.setMinimumContentsLength(12)
        self.sheet_combo.activated.connect(self._on_sheet_chosen)
        file_row = QHBoxLayout()
        file_label = QLabel(self.tr("&File:"))
        file_label.setBuddy(self.path_edit)
        sheet_label = QLabel(self.tr("&Sheet:"))
        sheet_label.setBuddy(self.sheet_combo)
        for w, stretch in ((file_label, 0), (self.path_edit, 1), (self.choose_button, 0), (sheet_label, 0),
                           (self.sheet_combo, 0)):
            file_row.addWidget(w, stretch)

        # One combo per column of the file: which of our fields it holds.
        self.mapping_grid = QGridLayout()
        mapping_inner = QWidget()
        mapping_inner.setLayout(self.mapping_grid)
        mapping_scroll = QScrollArea()
        mapping_scroll.setWidgetResizable(True)
        mapping_scroll.setWidget(mapping_inner)
        mapping_box = QGroupBox(self.tr("Columns of the file"))
        QVBoxLayout(mapping_box).addWidget(mapping_scroll)
        self.column_combos: list[QComboBox] = []

        self.preview_table = QTableWidget(0, 0)
        self.preview_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview_table.setTabKeyNavigation(False)
        preview_box = QGroupBox(self.tr("First rows"))
        QVBoxLayout(preview_box).addWidget(self.preview_table)

        self.issues_table = QTableWidget(0, 4)
        self.issues_table.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Column"), self.tr("Kind"),
                                                     self.tr("Reason")])
        self.issues_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.issues_table.setTabKeyNavigation(False)
        self.issues_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.issues_table.verticalHeader().setVisible(False)
        self.issues_table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        issues_box = QGroupBox(self.tr("Errors and warnings"))
        QVBoxLayout(issues_box).addWidget(self.issues_table)

        self.history_table = QTableWidget(0, 6)
        self.history_table.setHorizontalHeaderLabels([self.tr("Version"), self.tr("File"), self.tr("Persons"),
                                                      self.tr("Premium"), self.tr("Imported"),
                                                      self.tr("Replaced")])
        self.history_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_table.setTabKeyNavigation(False)
        self.history_table.verticalHeader().setVisible(False)
        history_box = QGroupBox(self.tr("Imported versions"))
        QVBoxLayout(history_box).addWidget(self.history_table)

        self.status_label = QLabel()
        self.status_label.setObjectName("insuredStatus")
        self.status_label.setWordWrap(True)
        self.import_button = QPushButton(self.tr("&Import (Ctrl+Enter)"))
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.start_import)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)
        for b in (self.choose_button, self.import_button, self.close_button):
            b.setAutoDefault(False)  # Enter in the path field reads the file, it does not import
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)

        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(mapping_box)
        top.addWidget(preview_box)
        top.setStretchFactor(1, 2)
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(issues_box)
        bottom.addWidget(history_box)
        bottom.setStretchFactor(0, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addWidget(top, 3)
        layout.addWidget(bottom, 2)
        layout.addLayout(buttons)

        QShortcut(QKeySequence("Ctrl+O"), self, self.choose_file)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.start_import)
        self.path_edit.setFocus()
        self.refresh_history()

    # -- the file ------------------------------------------------------------------------------

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the insured list"), self.path_edit.text(),
                                              self.tr("Spreadsheets (*.xlsx *.csv);;All files (*)"))
        if name:
            self.path_edit.setText(name)
            self.load(None)

    def _on_path_entered(self) -> None:
        self.load(None)

    def _on_sheet_chosen(self) -> None:
        self.load(self.sheet_combo.currentText() or None)

    def load(self, sheet: str | None) -> None:
        """Read the file's columns and first rows (the mapping the import would use)."""
        path = self.path_edit.text().strip()
        if not path:
            return
        self.import_button.setEnabled(False)
        self._say(self.tr("Reading the file..."), "")
        ops.read(self._worker, insured.preview, self._store, path=Path(path), proposal_id=self._proposal_id,
                 sheet=sheet, on_done=self._on_preview, on_error=self._on_file_refused, owner=self)

    def _on_preview(self, preview: ListPreview) -> None:
        self._preview = preview
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        self.sheet_combo.addItems(list(preview.sheets))
        self.sheet_combo.setCurrentText(preview.sheet)
        self.sheet_combo.setEnabled(len(preview.sheets) > 1)
        self.sheet_combo.blockSignals(False)
        self._fill_mapping(preview)
        self._fill_preview(preview)
        self.issues_table.setRowCount(0)
        self.import_button.setEnabled(True)
        self._say(self.tr("Header found on row %1. Check the field of each column, then import.")
                  .replace("%1", str(preview.header_row)), "")

    def _clear_mapping(self) -> None:
        while self.mapping_grid.count():
            w = self.mapping_grid.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        self.column_combos = []

    def _fill_mapping(self, preview: ListPreview) -> None:
        self._clear_mapping()
        by_column = {col: key for key, col in preview.mapping.items()}
        previous: QWidget = self.sheet_combo
        for i, (letter, heading) in enumerate(zip(preview.letters, preview.columns, strict=True)):
            label = QLabel(f"{letter}  {heading}" if heading != letter else letter)
            combo = QComboBox()
            combo.setObjectName(f"column_{letter}")
            combo.addItem(self.tr("(not imported)"), "")
            for f in preview.fields:
                combo.addItem(f.label, f.key)
            key = by_column.get(heading) or by_column.get(letter)
            combo.setCurrentIndex(max(combo.findData(key), 0) if key else 0)
            label.setBuddy(combo)
            self.mapping_grid.addWidget(label, i, 0)
            self.mapping_grid.addWidget(combo, i, 1)
            # A layout shows a visible parent's new children only from the event loop (queued); shown
            # now, a Tab pressed at once already stops at them.
            label.show()
            combo.show()
            QWidget.setTabOrder(previous, combo)
            previous = combo
            self.column_combos.append(combo)
        QWidget.setTabOrder(previous, self.import_button)

    def _fill_preview(self, preview: ListPreview) -> None:
        t = self.preview_table
        t.clear()
        t.setColumnCount(len(preview.columns))
        t.setHorizontalHeaderLabels([f"{letter} {heading}" if heading != letter else letter
                                     for letter, heading in zip(preview.letters, preview.columns, strict=True)])
        t.setRowCount(len(preview.rows))
        t.setVerticalHeaderLabels([str(row_no) for row_no, _ in preview.rows])
        for r, (_, cells) in enumerate(preview.rows):
            for c, text in enumerate(cells[:len(preview.columns)]):
                t.setItem(r, c, _item(text))

    def mapping(self) -> dict[str, str]:
        """{field: column letter} as chosen in the combos; every other field taken off ("")."""
        if self._preview is None:
            return {}
        chosen = {f.key: "" for f in self._preview.fields}
        for letter, combo in zip(self._preview.letters, self.column_combos, strict=True):
            key = combo.currentData()
            if key and not chosen.get(key):
                chosen[key] = letter
        return chosen

    # -- import --------------------------------------------------------------------------------

    def start_import(self) -> None:
        if self._preview is None or not self.import_button.isEnabled():
            return
        self.import_button.setEnabled(False)
        self._say(self.tr("Checking and importing..."), "")
        sheet = self._preview.sheet or None
        ops.run(self._worker, insured.import_list, self._store, actor=self._actor, proposal_id=self._proposal_id,
                path=Path(self.path_edit.text().strip()), mapping=self.mapping(), sheet=sheet,
                on_done=self._on_imported, on_error=self._on_refused, owner=self)

    def _on_imported(self, outcome: ImportOutcome) -> None:
        self.import_button.setEnabled(True)
        self._show_issues(outcome)
        if outcome.stored:
            text = (self.tr("Imported version %1: %2 persons, premium %3 yuan.")
                    .replace("%1", str(outcome.version)).replace("%2", f"{outcome.rows:,}")
                    .replace("%3", f"{outcome.premium_total:,.2f}"))
            self._say(text, "#1b5e20")
            self.refresh_history()
        else:
            self._say(self.tr("%1 errors: nothing was imported. Correct the file and import again.")
                      .replace("%1", str(len(outcome.errors))), "#b00020")
            self.issues_table.setFocus()
            if self.issues_table.rowCount():
                self.issues_table.selectRow(0)

    def _show_issues(self, outcome: ImportOutcome) -> None:
        issues = [*outcome.errors, *outcome.warnings]
        t = self.issues_table
        t.setRowCount(len(issues))
        for r, issue in enumerate(issues):
            column = f"{issue.column}（{issue.letter}）" if issue.letter else issue.column
            kind = self.tr("Error") if issue.severity == "error" else self.tr("Warning")
            for c, text in enumerate((str(issue.row) if issue.row else "", column, kind, issue.message)):
                t.setItem(r, c, _item(text))

    def _on_refused(self, message: str) -> None:
        self.import_button.setEnabled(self._preview is not None)
        self.issues_table.setRowCount(0)
        self._say(message, "#b00020")

    def _on_file_refused(self, message: str) -> None:
        self._preview = None
        self._fill_mapping_empty()
        self._say(message, "#b00020")

    def _fill_mapping_empty(self) -> None:
        self._clear_mapping()
        self.preview_table.clear()
        self.preview_table.setRowCount(0)
        self.preview_table.setColumnCount(0)
        self.import_button.setEnabled(False)

    # -- history -------------------------------------------------------------------------------

    def refresh_history(self) -> None:
        ops.read(self._worker, insured.lists, self._store, proposal_id=self._proposal_id,
                 on_done=self._on_history, on_error=lambda message: None, owner=self)

    def _on_history(self, versions: list[ListVersion]) -> None:
        t = self.history_table
        t.setRowCount(len(versions))
        for r, v in enumerate(versions):
            replaced = format_local_time(v.replaced_at) if v.replaced_at else self.tr("current")
            for c, text in enumerate((str(v.version), v.file_name, f"{v.rows:,}", f"{v.premium_total:,.2f}",
                                      f"{format_local_time(v.imported_at)} {v.imported_by}", replaced)):
                t.setItem(r, c, _item(text))

    def _say(self, text: str, color: str) -> None:
        self.status_label.setStyleSheet(f"color: {color};" if color else "")
        self.status_label.setText(text)
