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

from desk_app.sync.engine import SyncReport
from desk_app.ui.sync_status import SyncRunner

STAGES = {"push": "上传变更", "pull": "下载变更", "files": "传输影像文件"}


class SyncDialog(QDialog):
    def __init__(self, runner: SyncRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("与总公司同步")
        self.runner = runner
        self.stage_label = QLabel("准备同步")
        self.bar = QProgressBar()
        self.bar.setRange(0, 0 if runner.running else 1)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.start_button = QPushButton("开始同步")
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

    def _on_start_clicked(self) -> None:
        if self.runner.sync_now():
            self.start_button.setEnabled(False)
            self.bar.setRange(0, 0)
            self.result_label.clear()

    def _on_progress(self, stage: str, done: int, total: int) -> None:
        self.stage_label.setText(f"{STAGES.get(stage, stage)}：{done:,} / {total:,}")
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(min(done, max(total, 1)))

    def _on_finished(self, report: SyncReport) -> None:
        self.start_button.setEnabled(True)
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        self.stage_label.setText("同步完成")
        text = (f"上传 {report.pushed:,} 条，下载 {report.pulled:,} 条，影像文件上传 {report.blobs_uploaded} 个、"
                f"下载 {report.blobs_fetched} 个")
        if report.conflicts:
            text += f"；{report.conflicts} 条修改与其他机构冲突，已保存在冲突收件箱"
        self.result_label.setText(text + "。")

    def _on_failed(self, reason: str) -> None:
        self.start_button.setEnabled(True)
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.stage_label.setText("同步未完成")
        self.result_label.setText(reason)
