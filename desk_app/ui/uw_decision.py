"""The decision panel of the underwriting workbench: which decision, its terms, why, and the
buttons that record it or refer the case up.

At a branch: 标准承保 / 加费承保 (per cent) / 除外承保 (wording) / 延期 / 拒保, and 上报省公司. At the
provincial office, on a referred case: 省公司核保通过 / 拒保 / 延期, and the referral packet.
The panel only collects; the workbench calls the service and shows its refusal.

Keys: Alt+letter picks a decision and puts the cursor where that decision needs words (the
percentage, the exclusion's wording, else the reason); Enter there moves on to the reason, Enter in
the reason records (as does F8 anywhere on the workbench). The letters avoid the main window's
(F C V Y menus; R O N C D L P tool bar; U the workbench's own action).
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

# The decisions' codes as the services take them.
BRANCH_DECISIONS = ("standard", "loading", "exclusion", "postpone", "decline")
PROVINCE_DECISIONS = ("approve", "decline", "postpone")
LOADING_DEFAULT = 25  # per cent; a common first step of 加费


class DecisionPanel(QGroupBox):
    """Collects one decision; `submitted(decision, percent or None, exclusion text, reason)`."""

    submitted = Signal(str, object, str, str)
    refer_requested = Signal()
    packet_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Decision"))
        self.setObjectName("uwDecision")
        self.province = False
        self.radios: dict[str, QRadioButton] = {}
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        radios = QHBoxLayout()
        radios.setSpacing(14)
        for key, text in (
            ("standard", self.tr("&Standard terms")),
            ("approve", self.tr("&Sign off (approve)")),
            ("loading", self.tr("Extra premium (&G)")),
            ("exclusion", self.tr("E&xclusion")),
            ("postpone", self.tr("Pos&tpone")),
            ("decline", self.tr("D&ecline")),
        ):
            radio = QRadioButton(text)
            radio.setObjectName(f"uw_{key}")
            radio.toggled.connect(lambda on, k=key: self._on_picked(k) if on else None)
            self.group.addButton(radio)
            self.radios[key] = radio
            radios.addWidget(radio)
        radios.addStretch(1)

        self.percent_spin = QSpinBox()
        self.percent_spin.setObjectName("uwLoadingPercent")
        self.percent_spin.setRange(5, 500)
        self.percent_spin.setSingleStep(5)
        self.percent_spin.setValue(LOADING_DEFAULT)
        self.percent_spin.setSuffix(" %")
        self.percent_spin.setAccelerated(True)
        self.percent_label = QLabel(self.tr("Extra premium:"))
        self.exclusion_edit = QLineEdit()
        self.exclusion_edit.setObjectName("uwExclusionText")
        self.exclusion_edit.setPlaceholderText(self.tr("What is excluded, as the policy will say it"))
        self.exclusion_label = QLabel(self.tr("Exclusion:"))
        terms = QHBoxLayout()
        terms.addWidget(self.percent_label)
        terms.addWidget(self.percent_spin)
        terms.addSpacing(12)
        terms.addWidget(self.exclusion_label)
        terms.addWidget(self.exclusion_edit, 1)

        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("uwReason")
        self.reason_edit.setPlaceholderText(self.tr("Why: every decision names its reason"))
        self.reason_label = QLabel(self.tr("Re&ason:"))
        self.reason_label.setBuddy(self.reason_edit)
        self.confirm_button = QPushButton(self.tr("Confir&m decision (F8)"))
        self.confirm_button.setObjectName("uwConfirm")
        self.confirm_button.setAutoDefault(False)
        self.confirm_button.clicked.connect(self.submit)
        self.refer_button = QPushButton(self.tr("Refer to &head office…"))
        self.refer_button.setObjectName("uwRefer")
        self.refer_button.setAutoDefault(False)
        self.refer_button.clicked.connect(self.refer_requested.emit)
        self.packet_button = QPushButton(self.tr("Referral packet (&W)…"))
        self.packet_button.setObjectName("uwPacket")
        self.packet_button.setAutoDefault(False)
        self.packet_button.clicked.connect(self.packet_requested.emit)
        reason = QHBoxLayout()
        reason.addWidget(self.reason_label)
        reason.addWidget(self.reason_edit, 1)
        reason.addWidget(self.confirm_button)
        reason.addWidget(self.refer_button)
        reason.addWidget(self.packet_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 6)
        layout.setSpacing(4)
        layout.addLayout(radios)
        layout.addLayout(terms)
        layout.addLayout(reason)

        # Enter in a term goes on to the reason; Enter in the reason records.
        self.exclusion_edit.returnPressed.connect(self.reason_edit.setFocus)
        self.percent_spin.editingFinished.connect(self._percent_done)
        self.reason_edit.returnPressed.connect(self.submit)
        self.set_province(False)

    # -- mode and state ---------------------------------------------------------------------

    def set_province(self, province: bool) -> None:
        """The provincial office's decisions on a referred case, or the branch underwriter's."""
        self.province = province
        shown = PROVINCE_DECISIONS if province else BRANCH_DECISIONS
        for key, radio in self.radios.items():
            radio.setVisible(key in shown)
        # The province accepts or not; loading and exclusion terms are the branch's.
        for w in (self.percent_label, self.percent_spin, self.exclusion_label, self.exclusion_edit):
            w.setVisible(not province)
        self.refer_button.setVisible(not province)
        self.packet_button.setVisible(province)
        self.clear()

    def clear(self) -> None:
        self.group.setExclusive(False)
        for radio in self.radios.values():
            radio.setChecked(False)
        self.group.setExclusive(True)
        self.percent_spin.setValue(LOADING_DEFAULT)
        self.exclusion_edit.clear()
        self.reason_edit.clear()
        self._show_terms(None)

    def set_enabled(self, enabled: bool) -> None:
        """Off while a decision is on its way, or when the case is not this user's to decide."""
        for w in (*self.radios.values(), self.percent_spin, self.exclusion_edit, self.reason_edit,
                  self.confirm_button, self.refer_button):
            w.setEnabled(enabled)

    def decision(self) -> str | None:
        return next((k for k, r in self.radios.items() if r.isChecked() and not r.isHidden()), None)

    def pick(self, key: str) -> None:
        self.radios[key].setChecked(True)
        self._on_picked(key)

    def _on_picked(self, key: str) -> None:
        self._show_terms(key)
        target = {"loading": self.percent_spin, "exclusion": self.exclusion_edit}.get(key, self.reason_edit)
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if target is self.percent_spin:
            self.percent_spin.selectAll()

    def _show_terms(self, key: str | None) -> None:
        """The terms' fields only where the decision has them (they stay in place, greyed)."""
        self.percent_spin.setEnabled(key == "loading")
        self.percent_label.setEnabled(key == "loading")
        self.exclusion_edit.setEnabled(key == "exclusion")
        self.exclusion_label.setEnabled(key == "exclusion")

    def _percent_done(self) -> None:
        if self.percent_spin.hasFocus():
            self.reason_edit.setFocus()

    # -- recording --------------------------------------------------------------------------

    def percent(self) -> Decimal | None:
        return Decimal(self.percent_spin.value()) if self.decision() == "loading" else None

    def exclusion(self) -> str:
        return self.exclusion_edit.text().strip() if self.decision() == "exclusion" else ""

    def submit(self) -> None:
        """Hand the decision to the workbench; what is missing is said by the service (one sentence),
        except that no decision is picked, which only this panel knows."""
        if not self.confirm_button.isEnabled():
            return
        key = self.decision()
        if key is None:
            first = next(r for r in self.radios.values() if not r.isHidden())
            first.setFocus()
            self.submitted.emit("", None, "", self.reason_edit.text().strip())
            return
        self.submitted.emit(key, self.percent(), self.exclusion(), self.reason_edit.text().strip())
