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


# Strings of Qt's own dialogs that Qt 6 reworded and its shipped qtbase_zh_CN.qm does not have yet.
QT_ZH_CN_GAPS = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
}


class _QtGapsTranslator(QTranslator):
    """Fills the few gaps of Qt's own Chinese translation (installed first, so asked last)."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:  # Qt override; None (a null string) lets the next translator answer
        return QT_ZH_CN_GAPS.get((context, source))

    def isEmpty(self) -> bool:  # Qt override
        return False


def qt_translation_dirs() -> list[Path]:
    """Where Qt's own .qm files may be: Qt's configured folder, else the PySide6 wheel's own
    (PySide6/Qt/translations; a frozen or relocated install may report a folder that is not there)."""
    import PySide6

    package = Path(PySide6.__file__).resolve().parent
    dirs = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
            package / "Qt" / "translations", package / "translations"]
    return [d for d in dict.fromkeys(dirs) if d.is_dir()]


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
        # Qt's own strings (file and print dialogs: "查找范围", "文件类型"; OK/Cancel; context menus).
        gaps = _QtGapsTranslator(app)
        app.installTranslator(gaps)
        _installed.append(gaps)
        qt = QTranslator(app)
        if any(qt.load(f"qtbase_{lang}", str(d)) or qt.load(f"qt_{lang}", str(d)) for d in qt_translation_dirs()):
            app.installTranslator(qt)
            _installed.append(qt)
        else:
            log.warning("Qt's own %s translation (qtbase_%s.qm) not found in %s", lang, lang,
                        [str(d) for d in qt_translation_dirs()])
        QLocale.setDefault(QLocale(lang))
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    return lang


def remove_translators(app: QCoreApplication) -> None:
    while _installed:
        app.removeTranslator(_installed.pop())
