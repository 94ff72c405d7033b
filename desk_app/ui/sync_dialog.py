"""The sync window: start a sync, watch its progress, read its outcome."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.services.sync import SyncReport
from desk_app.ui.sync_status import SyncRunner


class SyncDialog(QDialog):
    def __init__(self, runner: SyncRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sync with head office"))
        self.runner = runner
        self.stage_label = QLabel(self.tr("Ready to sync"))
        self.bar = QProgressBar()
        self.bar.setRange(0, 0 if runner.running else 1)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.start_button = QPushButton(self.tr("Start sync"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        for w in (self.stage_label, self.bar, self.result_label, self.start_button, buttons):
            lay.addWidget(w)
        self.start_button.clicked.connect(self._on_start_clicked)
        runner.progress.connect(self._on_progress)
        runner.finished.connect(self._on_finished)
        runner.failed.connect(self._on_failed)
        self.resize(420, 180)

    def stage_text(self, stage: str) -> str:
        """The engine's stage names ("push", "pull", "files") as the window shows them."""
        if stage == "push":
            return self.tr("Uploading changes")
        if stage == "pull":
            return self.tr("Downloading changes")
        if stage == "files":
            return self.tr("Transferring page images")
        return stage

    def _on_start_clicked(self) -> None:
        if self.runner.sync_now():
            self.start_button.setEnabled(False)
            self.bar.setRange(0, 0)
            self.result_label.clear()

    def _on_progress(self, stage: str, done: int, total: int) -> None:
        self.stage_label.setText(self.tr("%1: %2 / %3").replace("%1", self.stage_text(stage))
                                 .replace("%2", f"{done:,}").replace("%3", f"{total:,}"))
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(min(done, max(total, 1)))

    def _on_finished(self, report: SyncReport) -> None:
        self.start_button.setEnabled(True)
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        self.stage_label.setText(self.tr("Sync complete"))
        text = (self.tr("Uploaded %1 changes, downloaded %2; page images uploaded %3, downloaded %4")
                .replace("%1", f"{report.pushed:,}").replace("%2", f"{report.pulled:,}")
                .replace("%3", str(report.blobs_uploaded)).replace("%4", str(report.blobs_fetched)))
        if report.conflicts:
            text += self.tr("; %1 changes conflicted with another organisation and are kept in the "
                            "conflict inbox").replace("%1", str(report.conflicts))
        self.result_label.setText(text + self.tr("."))

    def _on_failed(self, reason: str) -> None:
        self.start_button.setEnabled(True)
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.stage_label.setText(self.tr("Sync not completed"))
        self.result_label.setText(reason)
