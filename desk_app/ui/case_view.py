"""One case on screen: its proposal details and the timeline of everything done to it.

Shows a `proposals.CaseDetail` (a frozen value read on the worker); money with thousands
separators and 元, times of the timeline in local time.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.privacy import PersonalField
from desk_app.core.proposals import BUSINESS_SOURCES, BUSINESS_TYPES, CaseDetail
from desk_app.core.workflow import EventView


def format_money(amount: Decimal | None) -> str:
    """12345678.5 -> "12,345,678.50 元" (fen-exact, never through float)."""
    if amount is None:
        return "—"
    return f"{amount:,.2f} 元"


def format_local_time(at: dt.datetime) -> str:
    """A stored UTC instant in the PC's local time, to the minute."""
    if at.tzinfo is None:
        # Stored times are UTC; a naive one would be a bug upstream, but must not show 8 h off.
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone().strftime("%Y-%m-%d %H:%M")


def _text(value: object) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


TIMELINE_TIME, TIMELINE_ACTION, TIMELINE_STEP, TIMELINE_ACTOR, TIMELINE_REASON = range(5)
PERSONAL_KEYS = {"id_no": PersonalField.ID_NO, "phone": PersonalField.PHONE, "bank": PersonalField.BANK}


class CaseViewWidget(QWidget):
    """Details and timeline of one case; empty (with a hint) until a case is shown."""

    # A personal field the user asked to see in full (PersonalField).
    unmask_requested = Signal(object)
    # The user asked why the case stopped: its latest rule run (the button or F7).
    rules_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail: CaseDetail | None = None
        self.unmask_buttons: dict[str, QToolButton] = {}
        self._unmask_allowed = False

        self._stack = QStackedWidget()
        self.message_label = QLabel(self.tr("Double-click a case, or select it and press Enter, to open it."))
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: #777; padding: 24px;")
        self._stack.addWidget(self.message_label)

        page = QWidget()
        self._stack.addWidget(page)
        self.title_label = QLabel()
        self.title_label.setObjectName("caseTitle")
        font = self.title_label.font()
        font.setPointSize(font.pointSize() + 4)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state_label = QLabel()
        self.state_label.setObjectName("caseState")
        self.state_label.setStyleSheet(
            "QLabel { background: #1565c0; color: white; border-radius: 4px; padding: 2px 10px; }")
        header = QHBoxLayout()
        header.addWidget(self.title_label)
        header.addWidget(self.state_label)
        header.addStretch(1)
        self.rules_button = QPushButton(self.tr("Rule chec&k results"))
        self.rules_button.setObjectName("caseRules")
        self.rules_button.setToolTip(self.tr("Results of the latest rule check: why the case stopped (F7)"))
        self.rules_button.setAutoDefault(False)
        self.rules_button.clicked.connect(self.rules_requested.emit)
        header.addWidget(self.rules_button)
        # Anywhere in the window while a case is shown (the queue beside it keeps the focus).
        QShortcut(QKeySequence("F7"), page, self.rules_requested.emit, context=Qt.ShortcutContext.WindowShortcut)

        # field key -> value label; filled by show_case()
        self.fields: dict[str, QLabel] = {}
        proposal_box = QGroupBox(self.tr("Proposal"))
        left, right = QFormLayout(), QFormLayout()
        for form in (left, right):
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
            form.setHorizontalSpacing(10)
        for key, label, form in (
            ("proposal_no", self.tr("Proposal no.:"), left),
            ("business_type", self.tr("Business type:"), left),
            ("applicant", self.tr("Applicant:"), left),
            ("credit_code", self.tr("Unified credit code:"), left),
            ("industry", self.tr("Industry:"), left),
            ("source", self.tr("Business source:"), left),
            ("intermediary", self.tr("Intermediary:"), left),
            ("agent", self.tr("Agent:"), left),
            ("contact", self.tr("Contact:"), left),
            ("id_no", self.tr("ID number:"), left),
            ("phone", self.tr("Phone:"), left),
            ("bank", self.tr("Bank account:"), left),
            ("insured_count", self.tr("Insured persons:"), right),
            ("sum_insured", self.tr("Total sum insured:"), right),
            ("premium", self.tr("Total premium:"), right),
            ("term", self.tr("Term:"), right),
            ("proposal_date", self.tr("Proposal date:"), right),
            ("effective_date", self.tr("Effective date:"), right),
            ("state_since", self.tr("In this stage since:"), right),
            ("special", self.tr("Special agreements:"), right),
        ):
            value = QLabel()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            # Names and agreements may be long; numbers and dates must never break across lines.
            value.setWordWrap(key in ("applicant", "industry", "intermediary", "special"))
            self.fields[key] = value
            if key in PERSONAL_KEYS:
                # Masked numbers: a button to see one in full (reason asked, audited) for roles allowed to.
                button = QToolButton()
                button.setText(self.tr("Show"))
                button.setObjectName(f"unmask_{key}")
                button.setAutoRaise(True)
                button.hide()
                button.clicked.connect(lambda _c=False, k=key: self.unmask_requested.emit(PERSONAL_KEYS[k]))
                self.unmask_buttons[key] = button
                row = QHBoxLayout()
                row.setContentsMargins(0, 0, 0, 0)
                row.addWidget(value)
                row.addWidget(button)
                row.addStretch(1)
                form.addRow(label, row)
            else:
                form.addRow(label, value)
        columns = QHBoxLayout(proposal_box)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)

        self.products_label = QLabel()
        self.products_label.setWordWrap(True)
        products_box = QGroupBox(self.tr("Products"))
        QVBoxLayout(products_box).addWidget(self.products_label)

        timeline_box = QGroupBox(self.tr("Timeline"))
        self.timeline = QTreeWidget()
        self.timeline.setObjectName("caseTimeline")
        self.timeline.setRootIsDecorated(False)
        self.timeline.setUniformRowHeights(True)
        self.timeline.setAlternatingRowColors(True)
        self.timeline.setHeaderLabels([
            self.tr("Time"), self.tr("Action"), self.tr("Stage"), self.tr("By"), self.tr("Reason"),
        ])
        head = self.timeline.header()
        head.setStretchLastSection(True)
        for col in (TIMELINE_TIME, TIMELINE_ACTION, TIMELINE_STEP, TIMELINE_ACTOR):
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        QVBoxLayout(timeline_box).addWidget(self.timeline)

        body = QVBoxLayout(page)
        body.setContentsMargins(12, 10, 12, 10)
        body.addLayout(header)
        body.addWidget(proposal_box)
        body.addWidget(products_box)
        body.addWidget(timeline_box, 1)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._stack)

    # -- what is shown ----------------------------------------------------------------------

    def set_unmask_allowed(self, allowed: bool) -> None:
        self._unmask_allowed = allowed

    def show_message(self, text: str) -> None:
        """Replace the case by a one-line message (loading…, or why it could not be opened)."""
        self.detail = None
        self.message_label.setText(text)
        self._stack.setCurrentIndex(0)

    def show_loading(self) -> None:
        self.show_message(self.tr("Opening the case…"))

    def show_case(self, detail: CaseDetail) -> None:
        self.detail = detail
        self.title_label.setText(self.tr("Case %1").replace("%1", detail.case_no))
        self.state_label.setText(detail.state.label)
        f = self.fields
        f["proposal_no"].setText(detail.proposal_no)
        f["business_type"].setText(BUSINESS_TYPES.get(detail.business_type, detail.business_type))
        f["applicant"].setText(detail.applicant_name)
        f["credit_code"].setText(_text(detail.applicant_credit_code))
        f["industry"].setText(" ".join(x for x in (detail.industry_code, detail.industry_name) if x) or "—")
        f["source"].setText(BUSINESS_SOURCES.get(detail.business_source, detail.business_source))
        inter = " ".join(x for x in (detail.intermediary_code, detail.intermediary_name) if x)
        if inter and detail.commission_ratio is not None:
            inter += self.tr(" (commission %1)").replace("%1", f"{detail.commission_ratio:.2%}")
        f["intermediary"].setText(inter or "—")
        f["agent"].setText(" ".join(x for x in (detail.agent_code, detail.agent_name) if x) or "—")
        f["insured_count"].setText(f"{detail.insured_count:,}")
        f["sum_insured"].setText(format_money(detail.sum_insured_total))
        f["premium"].setText(format_money(detail.premium_total))
        f["term"].setText(self.tr("%1 months").replace("%1", str(detail.term_months)))
        f["proposal_date"].setText(_text(detail.proposal_date))
        f["effective_date"].setText(_text(detail.effective_date))
        f["state_since"].setText(format_local_time(detail.state_since))
        f["special"].setText(_text(detail.special_agreements))
        f["contact"].setText(_text(detail.contact_name))
        for key, value in (("id_no", detail.applicant_id_no), ("phone", detail.contact_phone),
                           ("bank", detail.payer_bank_account)):
            f[key].setText(_text(value))  # already masked by the core
            self.unmask_buttons[key].setVisible(self._unmask_allowed and value is not None)
        self.products_label.setText("\n".join(
            self.tr("%1, level %2: sum insured %3, premium %4")
            .replace("%1", " ".join(x for x in (line.product_code, line.product_name) if x))
            .replace("%2", line.benefit_level)
            .replace("%3", format_money(line.sum_insured)).replace("%4", format_money(line.premium))
            for line in detail.products
        ) or "—")
        self._fill_timeline(detail.history)
        self._stack.setCurrentIndex(1)

    def _fill_timeline(self, events: tuple[EventView, ...]) -> None:
        self.timeline.clear()
        items = []
        for ev in events:
            step = ev.to_state.label if ev.from_state is None else f"{ev.from_state.label} → {ev.to_state.label}"
            item = QTreeWidgetItem([format_local_time(ev.at), ev.action_label, step, ev.actor_name, ev.reason])
            item.setToolTip(TIMELINE_REASON, ev.reason)
            items.append(item)
        self.timeline.addTopLevelItems(items)
        # The timeline is read newest at the bottom, like a paper routing slip.
        if items:
            self.timeline.scrollToItem(items[-1])

    def timeline_rows(self) -> list[tuple[str, ...]]:
        """The texts of the timeline as shown, row by row (for tests and copy)."""
        out = []
        for i in range(self.timeline.topLevelItemCount()):
            item = self.timeline.topLevelItem(i)
            out.append(tuple(item.text(c) for c in range(self.timeline.columnCount())))
        return out
