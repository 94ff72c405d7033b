"""Regression guard for the PySide6 None-refcount bug.

PySide6 6.12.0 on CPython 3.11 dropped one reference to None on every call of a void Qt method
and the interpreter died with `none_dealloc` after about 5,000 calls (pyproject pins <6.12).
On Python 3.11 None is not immortal, so its reference count shows the leak directly.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtWidgets import QLineEdit

CALLS = 100_000


def test_void_qt_calls_do_not_drop_references_to_none(qtbot):
    edit = QLineEdit()
    qtbot.addWidget(edit)
    texts = ("a", "b")
    gc.collect()
    gc.disable()
    try:
        before = sys.getrefcount(None)
        for i in range(CALLS // 4):
            # Four different void methods, so one binding path being fixed is not enough.
            edit.setText(texts[i & 1])
            edit.setEnabled(True)
            edit.setCursorPosition(0)
            edit.update()
        after = sys.getrefcount(None)
    finally:
        gc.enable()
    # Growing is harmless (objects may keep None); falling by one per call is the bug.
    assert after >= before, f"None lost {before - after} references over {CALLS} void Qt calls"
    assert edit.text() == "b"
