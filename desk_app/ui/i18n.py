"""Loading the UI translation: Simplified Chinese by default, English with BRANCHDESK_LANG=en.

Every UI string is written in English in the code (`self.tr(...)` or
`QCoreApplication.translate(context, ...)`) and translated in `resources/i18n/*.ts`.
Texts that come from the core (state and role labels, refusal messages) are already Chinese
and are shown as they are.

To regenerate after changing UI strings (from the repository root):

    .venv/bin/pyside6-lupdate desk_app/ui/*.py \
        -ts resources/i18n/branchdesk_zh_CN.ts resources/i18n/branchdesk_en.ts
    # translate the new (unfinished) entries of branchdesk_zh_CN.ts, e.g. with pyside6-linguist
    .venv/bin/pyside6-lrelease resources/i18n/branchdesk_zh_CN.ts resources/i18n/branchdesk_en.ts

and commit the .ts and .qm files together (tests/ui/test_i18n.py checks none is left unfinished).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desk_app.paths import resources_dir

log = logging.getLogger(__name__)

DEFAULT_LANG = "zh_CN"
SUPPORTED = ("zh_CN", "en")

# Kept alive here: a QTranslator that Python collects is silently removed from the app.
_installed: list[QTranslator] = []


def i18n_dir() -> Path:
    return resources_dir() / "i18n"


def ui_language() -> str:
    """The language asked for by BRANCHDESK_LANG (zh_CN when unset or unknown)."""
    lang = os.environ.get("BRANCHDESK_LANG", DEFAULT_LANG).strip()
    if lang in ("en", "en_US", "en_GB"):
        return "en"
    if lang not in SUPPORTED:
        log.warning("unsupported BRANCHDESK_LANG=%r, using %s", lang, DEFAULT_LANG)
    return DEFAULT_LANG


def install_translators(app: QCoreApplication, lang: str | None = None) -> str:
    """Install BranchDesk's translation (and Qt's own for standard buttons); returns the language.

    Raises RuntimeError if the BranchDesk .qm file is missing: an untranslated window in front of
    a Chinese clerk is a broken install, not a fallback.
    """
    lang = lang or ui_language()
    remove_translators(app)
    ours = QTranslator(app)
    qm = i18n_dir() / f"branchdesk_{lang}.qm"
    if not ours.load(str(qm)):
        raise RuntimeError(f"cannot load the translation {qm}")
    app.installTranslator(ours)
    _installed.append(ours)
    if lang != "en":
        # Qt's own strings (OK/Cancel of message boxes, context menus of line edits).
        qt = QTranslator(app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load(QLocale(lang), "qtbase", "_", qt_dir) or qt.load(f"qt_{lang}", qt_dir):
            app.installTranslator(qt)
            _installed.append(qt)
        QLocale.setDefault(QLocale(lang))
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    return lang


def remove_translators(app: QCoreApplication) -> None:
    while _installed:
        app.removeTranslator(_installed.pop())
