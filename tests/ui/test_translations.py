"""The zh_CN translation is loaded, complete, and its .qm matches the .ts."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from desk_app.ui.i18n import i18n_dir, install_translators, ui_language
from desk_app.ui.login_dialog import LoginDialog

REPO = Path(__file__).resolve().parents[2]
BIN = REPO / ".venv" / "bin"


def test_login_dialog_is_in_chinese(qtbot, demo_store, worker):
    dialog = LoginDialog(demo_store, worker)
    qtbot.addWidget(dialog)
    assert dialog.login_button.text() == "登录"
    assert dialog.windowTitle() == "BranchDesk - 登录"
    assert QCoreApplication.translate("CaseQueueTableModel", "Overdue") == "超时"


def test_english_is_available_and_chinese_comes_back(qapp, monkeypatch):
    monkeypatch.setenv("BRANCHDESK_LANG", "en")
    assert ui_language() == "en"
    try:
        install_translators(qapp)
        assert QCoreApplication.translate("LoginDialog", "Log in") == "Log in"
    finally:
        monkeypatch.delenv("BRANCHDESK_LANG")
        assert install_translators(qapp) == "zh_CN"
    assert QCoreApplication.translate("LoginDialog", "Log in") == "登录"


def test_every_ui_string_has_a_finished_chinese_translation(tmp_path):
    """lupdate over the sources finds nothing new, and nothing is left unfinished."""
    lupdate = BIN / "pyside6-lupdate"
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate not installed")
    ts = tmp_path / "check.ts"
    shutil.copyfile(i18n_dir() / "branchdesk_zh_CN.ts", ts)
    sources = sorted(str(p) for p in (REPO / "desk_app" / "ui").glob("*.py"))
    subprocess.run([str(lupdate), *sources, "-no-obsolete", "-ts", str(ts)], check=True, capture_output=True)
    messages = list(ET.parse(ts).getroot().iter("message"))
    assert len(messages) > 50
    unfinished = [m.findtext("source") for m in messages
                  if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
                  or not (m.findtext("translation") or "").strip()]
    assert unfinished == []


def test_committed_qm_is_compiled_from_the_committed_ts(tmp_path):
    lrelease = BIN / "pyside6-lrelease"
    if not lrelease.exists():
        pytest.skip("pyside6-lrelease not installed")
    for lang in ("zh_CN", "en"):
        out = tmp_path / f"{lang}.qm"
        subprocess.run([str(lrelease), str(i18n_dir() / f"branchdesk_{lang}.ts"), "-qm", str(out)],
                       check=True, capture_output=True)
        assert out.read_bytes() == (i18n_dir() / f"branchdesk_{lang}.qm").read_bytes(), lang
