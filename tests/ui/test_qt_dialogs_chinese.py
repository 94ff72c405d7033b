"""Qt's standard dialogs speak Chinese: Qt's own qtbase_zh_CN translation (from the PySide6 wheel) is loaded."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDate, QLocale
from PySide6.QtWidgets import QFileDialog, QLabel

from desk_app.ui.i18n import qt_translation_dirs


def test_qtbase_translation_is_found_and_loaded():
    assert any((d / "qtbase_zh_CN.qm").is_file() for d in qt_translation_dirs())
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "查找范围："
    assert QCoreApplication.translate("QFileDialog", "Files of type:") == "文件类型："


def test_the_file_dialog_is_in_chinese_with_chinese_dates(qtbot):
    dialog = QFileDialog(None, "导入扫描文件")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    labels = {w.text() for w in dialog.findChildren(QLabel)}
    assert "查找范围(&L)：" in labels and "文件类型(&T)：" in labels
    assert "Look in:" not in labels
    assert QLocale().language() == QLocale.Language.Chinese
    assert "2026" in QLocale().toString(QDate(2026, 12, 2), QLocale.FormatType.ShortFormat)
