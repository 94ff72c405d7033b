"""The underwriting workbench (核保): one case on one screen, and its decision.

Left, the proposal form's page as scanned (the entry screen's `FieldImage`, whole page; Ctrl+wheel
zooms, dragging pans). In the middle, the keyed values that matter to an underwriter: the applicant,
its industry and occupation class, where the business comes from, the products with their levels,
sums and premiums, how many are insured, the dates. On the right, the case's underwriting issues
with their facts, each saying whether the user's authority covers it and up to what limit, the
rule results of its latest check (`RuleResultsPanel`), and the decision panel (`uw_decision`).

The same screen serves the provincial office (a HEAD_OFFICE user) on a REFERRED case: its
decisions are the province's, and the referral packet opens from it.

Reads, each on the worker: `services.underwriting.show` (issues, the actor's authority over each,
the rule run, the decisions so far), `services.cases.case_detail` (the keyed values and products),
`services.underwriting.profiles` (the limit of the user's level) and the form's pages
(`services.entry.form_pages`). Actions: `underwriting.decide` and `underwriting.refer` through `ops.run`
(a validated case is taken into underwriting by its first decision); a refusal is shown as the
service's one sentence, and a decision refused for authority offers the referral with its reason
prefilled from that sentence.
Keys: F8 records, Esc closes (as does the main window's Ctrl+W), F5 reads again (the main window's).
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.proposals import BUSINESS_SOURCES, BUSINESS_TYPES, CaseDetail
from desk_app.core.roles import Actor, Role
from desk_app.core.underwriting.views import (
    DECISION_LABELS,
    ISSUE_STATUS_LABELS,
    AuthorityCheck,
    AuthorityProfile,
    CaseUnderwriting,
    IssueView,
)
from desk_app.core.workflow import State
from desk_app.services import cases, entry, underwriting
from desk_app.services.changes import Changes
from desk_app.store.db import Store
from desk_app.ui import ops
from desk_app.ui.case_view import format_money
from desk_app.ui.entry_image import FieldImage, LoadedPage, load_pages
from desk_app.ui.fit import ElidedLabel
from desk_app.ui.rule_results import RuleResultsPanel
from desk_app.ui.uw_decision import DecisionPanel
from desk_app.ui.uw_dialogs import PacketDialog, ReferDialog, packet_pages
from desk_app.ui.worker import DbWorker

ERROR_STYLE = "color: #b00020;"
OK_STYLE = "color: #1b5e20;"
ABOVE_COLOR = QColor("#b00020")
WITHIN_COLOR = QColor("#1b5e20")
(COL_TYPE, COL_SUBJECT, COL_FACTS, COL_AMOUNT, COL_LIMIT, COL_COVERED, COL_STATUS) = range(7)
# The province's 核保通过 is the service's standard acceptance by a HEAD_OFFICE actor (ho_issue).
SERVICE_DECISION = {"approve": "standard"}


def facts_text(facts: Any) -> str:
    """An issue's facts as one line: 键 值；键 值 (a dict, or the JSON the store keeps)."""
    if isinstance(facts, str):
        try:
            facts = json.loads(facts or "{}")
        except ValueError:
            return facts
    if isinstance(facts, dict):
        return "；".join(f"{k} {v}" for k, v in facts.items())
    return str(facts or "")


def _tree(headers: list[str], name: str) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setObjectName(name)
    tree.setRootIsDecorated(False)
    tree.setAlternatingRowColors(True)
    tree.setUniformRowHeights(True)
    tree.setHeaderLabels(headers)
    tree.header().setStretchLastSection(True)
    return tree


def _tip_item(texts: list[str]) -> QTreeWidgetItem:
    """A row whose every cell carries its whole text as a tooltip (narrow columns elide)."""
    item = QTreeWidgetItem(texts)
    for col, text in enumerate(texts):
        item.setToolTip(col, text)
    return item


class CaseFacts(QGroupBox):
    """The keyed values an underwriter decides on, and the products with their levels."""

    ROWS = ("applicant", "industry", "occupation", "source", "agent", "insured", "totals", "dates", "special",
            "decisions")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Case"))
        self.values: dict[str, ElidedLabel] = {}
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setHorizontalSpacing(8)
        form.setVerticalSpacing(3)
        labels = {
            "applicant": self.tr("Applicant:"), "industry": self.tr("Industry:"),
            "occupation": self.tr("Occupation class:"), "source": self.tr("Source:"), "agent": self.tr("Agent:"),
            "insured": self.tr("Insured:"), "totals": self.tr("Sum / premium:"), "dates": self.tr("Proposed → effective:"),
            "special": self.tr("Special terms:"), "decisions": self.tr("Decided so far:"),
        }
        for key in self.ROWS:
            value = ElidedLabel()
            value.setObjectName(f"uwFact_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key] = value
            form.addRow(labels[key], value)
        self.products = _tree([self.tr("Product"), self.tr("Level"), self.tr("Sum insured"), self.tr("Premium")],
                              "uwProducts")
        head = self.products.header()
        head.setStretchLastSection(False)
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col, width in ((1, 56), (2, 118), (3, 96)):
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            head.resizeSection(col, width)
        self.products.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addLayout(form)
        layout.addWidget(self.products, 1)

    def show_detail(self, d: CaseDetail, occupation: str = "", decisions: str = "") -> None:
        v = self.values
        v["applicant"].setText(d.applicant_name)
        v["industry"].setText(" ".join(x for x in (d.industry_code, d.industry_name) if x) or "—")
        v["occupation"].setText(occupation or "—")
        source = BUSINESS_SOURCES.get(d.business_source, d.business_source)
        inter = " ".join(x for x in (d.intermediary_code, d.intermediary_name) if x)
        v["source"].setText(f"{BUSINESS_TYPES.get(d.business_type, d.business_type)} · {source}"
                            + (f" · {inter}" if inter else ""))
        v["agent"].setText(" ".join(x for x in (d.agent_code, d.agent_name) if x) or "—")
        v["insured"].setText(self.tr("%1 persons").replace("%1", f"{d.insured_count:,}"))
        v["totals"].setText(f"{format_money(d.sum_insured_total)} / {format_money(d.premium_total)}")
        dates = self.tr("%1 → %2, %3 months").replace(
            "%1", d.proposal_date.isoformat() if d.proposal_date else "—").replace(
            "%2", d.effective_date.isoformat() if d.effective_date else "—").replace("%3", str(d.term_months))
        v["dates"].setText(dates)
        v["special"].setText(d.special_agreements or "—")
        v["decisions"].setText(decisions or "—")
        self.products.clear()
        self.products.addTopLevelItems([
            _tip_item([" ".join(x for x in (p.product_code, p.product_name) if x), p.benefit_level,
                       format_money(p.sum_insured), format_money(p.premium)]) for p in d.products])

    def texts(self) -> dict[str, str]:
        return {k: w.text() for k, w in self.values.items()}


class UnderwritingWidget(QWidget):
    """The case named by `open_case(proposal_id)`; `close_requested` on Esc, `decided(decision)` after
    a decision or a referral was recorded."""

    close_requested = Signal()
    # The case was read and is shown (its proposal id).
    shown = Signal(str)
    decided = Signal(str, object)

    def __init__(self, store: Store, worker: DbWorker, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._worker, self.actor = store, worker, actor
        self.proposal_id: str | None = None
        self.summary: CaseUnderwriting | None = None
        self.profile: AuthorityProfile | None = None
        self.detail: CaseDetail | None = None
        self.dialog: QWidget | None = None
        self.refusal = ""
        self._request = 0
        self._busy = False

        self.title_label = QLabel()
        self.title_label.setObjectName("uwTitle")
        font = self.title_label.font()
        font.setPointSize(font.pointSize() + 3)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state_badge = QLabel()
        self.state_badge.setObjectName("uwState")
        self.state_badge.setStyleSheet(
            "QLabel { background: #00695c; color: white; border-radius: 4px; padding: 2px 10px; }")
        self.authority_label = ElidedLabel()
        self.authority_label.setObjectName("uwAuthority")
        header = QHBoxLayout()
        header.addWidget(self.title_label)
        header.addWidget(self.state_badge)
        header.addSpacing(12)
        header.addWidget(self.authority_label, 1)

        self.image = FieldImage()
        self.image.setObjectName("uwImage")
        self.image.setMinimumWidth(240)
        self.facts = CaseFacts()

        self.issues = _tree([self.tr("Issue"), self.tr("About"), self.tr("Facts"), self.tr("Amount"),
                             self.tr("Your limit"), self.tr("Authority"), self.tr("Status")], "uwIssues")
        # The facts take what is left; the other columns are as wide as their usual texts.
        head = self.issues.header()
        head.setStretchLastSection(False)
        head.setSectionResizeMode(COL_FACTS, QHeaderView.ResizeMode.Stretch)
        for col, width in ((COL_TYPE, 100), (COL_SUBJECT, 84), (COL_AMOUNT, 100), (COL_LIMIT, 100),
                           (COL_COVERED, 56), (COL_STATUS, 56)):
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            head.resizeSection(col, width)
        self.issues_box = QGroupBox(self.tr("&Issues"))
        QVBoxLayout(self.issues_box).addWidget(self.issues)
        self.rules_panel = RuleResultsPanel()
        self.rules_box = QGroupBox(self.tr("Rule chec&ks"))
        QVBoxLayout(self.rules_box).addWidget(self.rules_panel)
        self.decision = DecisionPanel()
        self.decision.submitted.connect(self.decide)
        self.decision.refer_requested.connect(lambda: self.refer())
        self.decision.packet_requested.connect(self.show_packet)

        right_split = QSplitter(Qt.Orientation.Vertical)
        right_split.addWidget(self.issues_box)
        right_split.addWidget(self.rules_box)
        right_split.setChildrenCollapsible(False)
        right_split.setSizes([200, 140])
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(right_split, 1)
        rl.addWidget(self.decision)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.image)
        split.addWidget(self.facts)
        split.addWidget(right)
        split.setChildrenCollapsible(False)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setStretchFactor(2, 5)
        split.setSizes([280, 360, 640])
        self.split = split

        self.status_label = QLabel()
        self.status_label.setObjectName("uwStatus")
        self.status_label.setWordWrap(True)

        page = QWidget()
        body = QVBoxLayout(page)
        body.setContentsMargins(6, 4, 6, 4)
        body.setSpacing(4)
        body.addLayout(header)
        body.addWidget(split, 1)
        body.addWidget(self.status_label)
        self.message_label = QLabel(self.tr("Select a case in the underwriting queue and press Enter."))
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.setWordWrap(True)
        self._stack = QStackedWidget()
        self._stack.addWidget(self.message_label)
        self._stack.addWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._stack)

        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close_requested.emit,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence(Qt.Key.Key_F8), self, self.decision.submit,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        ops.bus().changed.connect(self._on_changes)

    # -- who decides here -------------------------------------------------------------------

    def province_mode(self) -> bool:
        """The provincial office deciding a referred case (the branch's decisions otherwise)."""
        return (self.summary is not None and self.actor.has(Role.HEAD_OFFICE)
                and self.summary.state == State.REFERRED)

    def may_decide(self) -> bool:
        """Whether the decision panel is offered: the case waits for this user's kind of decision.
        Above authority it is offered all the same: the attempt is refused with the service's
        sentence and the referral offered (segregation is also the service's to say)."""
        if self.summary is None:
            return False
        if self.province_mode():
            return True
        return self.actor.has(Role.UNDERWRITER) and self.summary.state in (State.VALIDATED, State.UNDERWRITING)

    # -- reading ----------------------------------------------------------------------------

    def open_case(self, proposal_id: str) -> None:
        """Read the case and show it; a later request supersedes this one."""
        self._request += 1
        request = self._request
        if self.proposal_id != proposal_id:
            self.summary = self.detail = None
            self.image.clear()
            self.message_label.setText(self.tr("Opening the case…"))
            self._stack.setCurrentIndex(0)
            ops.read(self._worker, _form_pages, self._store, proposal_id, owner=self,
                     on_done=lambda loaded: self._on_pages(request, *loaded), on_error=lambda _m: None)
        self.proposal_id = proposal_id
        ops.read(self._worker, underwriting.show, self._store, actor=self.actor, proposal_id=proposal_id,
                 owner=self, urgent=True, on_done=lambda s: self._on_summary(request, s),
                 on_error=lambda m: self._on_failed(request, m))
        ops.read(self._worker, cases.case_detail, self._store, proposal_id, owner=self,
                 on_done=lambda d: self._on_detail(request, d), on_error=lambda m: self._on_failed(request, m))
        if self.profile is None:
            ops.read(self._worker, underwriting.profiles, self._store, owner=self, on_done=self._on_profiles)

    def reload(self) -> None:
        if self.proposal_id is not None:
            self.open_case(self.proposal_id)

    def _on_changes(self, changes: Changes, initiator: object) -> None:
        # A sync that brought the province's decision, or a decision taken elsewhere.
        if self.proposal_id is not None and changes.cases and initiator is not self and not self._busy:
            self.reload()

    def _on_failed(self, request: int, message: str) -> None:
        if request != self._request:
            return
        if self.summary is None:
            self.message_label.setText(message)
        else:
            self.say(message, error=True)

    def _on_summary(self, request: int, summary: CaseUnderwriting) -> None:
        if request != self._request:
            return
        self.summary = summary
        self._show_summary(summary)
        self._stack.setCurrentIndex(1)
        self.shown.emit(summary.proposal_id)

    def _on_detail(self, request: int, detail: CaseDetail) -> None:
        if request != self._request:
            return
        self.detail = detail
        self._show_facts()

    def _on_profiles(self, profiles: list[AuthorityProfile]) -> None:
        self.profile = next((p for p in profiles if p.level == self.actor.authority_level), None)
        if self.summary is not None:
            self.authority_label.setText(self._authority_text())

    def _on_pages(self, request: int, form: Any, pages: dict[int, LoadedPage]) -> None:
        if request == self._request and form is not None:
            self.image.show_pages(form, pages)

    # -- showing ----------------------------------------------------------------------------

    def _show_facts(self) -> None:
        if self.detail is None:
            return
        s = self.summary
        decisions = "；".join(f"{d.decision_label} {d.actor_name}：{d.reason}".strip("：")
                             for d in (s.decisions[-2:] if s is not None else ()))
        self.facts.show_detail(self.detail, self._occupation_text(), decisions)

    def _occupation_text(self) -> str:
        """The occupation class as keyed (individual) or as the underwriting rules found it (group)."""
        s = self.summary
        if s is None:
            return ""
        for issue in s.issues:
            for key in ("occupation_class", "class", "职业类别"):
                if key in (issue.facts or {}):
                    return str(issue.facts[key])
        return next((value for label, value in s.summary if "职业" in label and value), "")

    def _check_for(self, issue: IssueView) -> AuthorityCheck | None:
        checks = self.summary.authority if self.summary is not None else ()
        return (next((c for c in checks if c.issue_type == issue.issue_type and c.amount == issue.amount), None)
                or next((c for c in checks if c.issue_type == issue.issue_type), None))

    def _show_summary(self, s: CaseUnderwriting) -> None:
        self.title_label.setText(self.tr("Case %1").replace("%1", s.case_no))
        self.state_badge.setText(s.state_label)
        self.authority_label.setText(self._authority_text())
        self.rules_panel.show_run(s.run, s.business_type)
        self._show_facts()
        self.issues.clear()
        rows = []
        for issue in s.issues:
            check = self._check_for(issue) if issue.status == "open" else None
            if check is None:
                limit, covered = "—", "—"
            else:
                limit = (format_money(check.limit) if check.limit is not None else self.tr("any amount")) \
                    if check.granted else self.tr("not granted")
                covered = self.tr("within") if check.within else self.tr("above")
            row = _tip_item([issue.type_label, issue.subject or "—", facts_text(issue.facts) or issue.message,
                             format_money(issue.amount) if issue.amount is not None else "—", limit, covered,
                             ISSUE_STATUS_LABELS.get(issue.status, issue.status)])
            row.setToolTip(COL_FACTS, "\n".join(x for x in (issue.message, facts_text(issue.facts),
                                                             check.message if check else "") if x))
            if check is not None:
                row.setForeground(COL_COVERED, QBrush(WITHIN_COLOR if check.within else ABOVE_COLOR))
                bold = row.font(COL_COVERED)
                bold.setBold(not check.within)
                row.setFont(COL_COVERED, bold)
            rows.append(row)
        # The case's own size against the level's limit is a check without an issue row: shown too.
        matched = {id(self._check_for(i)) for i in s.issues if i.status == "open"}
        for check in s.authority:
            if id(check) in matched:
                continue
            row = _tip_item([check.type_label, self.tr("the case"), check.message or "—",
                             format_money(check.amount) if check.amount is not None else "—",
                             format_money(check.limit) if check.limit is not None else "—",
                             self.tr("within") if check.within else self.tr("above"),
                             ISSUE_STATUS_LABELS["open"]])
            row.setForeground(COL_COVERED, QBrush(WITHIN_COLOR if check.within else ABOVE_COLOR))
            rows.append(row)
        self.issues.addTopLevelItems(rows)
        if rows:
            self.issues.setCurrentItem(rows[0])
        province = self.province_mode()
        if province != self.decision.province:
            self.decision.set_province(province)
        self.decision.set_enabled(self.may_decide())
        self.decision.packet_button.setEnabled(province)
        if s.policy_no:
            self.say(self.tr("Issued under policy %1.").replace("%1", s.policy_no))
        elif not self.may_decide():
            self.say(self.tr("This case is not waiting for your decision (%1).").replace("%1", s.state_label))
        elif s.refusal and not province:
            self.say(s.refusal, error=True)
        else:
            above = sum(1 for c in s.authority if not c.within)
            self.say(self.tr("%1 open issues, %2 above your authority.")
                     .replace("%1", str(sum(1 for i in s.issues if i.status == "open"))).replace("%2", str(above)),
                     error=above > 0 and not province)

    def _authority_text(self) -> str:
        text = self.tr("%1, authority level %2").replace("%1", self.actor.display_name).replace(
            "%2", str(self.actor.authority_level))
        if self.profile is not None:
            text += self.tr(" %1: total sum insured up to %2").replace("%1", self.profile.name).replace(
                "%2", format_money(self.profile.max_sum_insured))
        return text

    def say(self, text: str, error: bool = False) -> None:
        self.status_label.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
        self.status_label.setText(text)

    def status_is_error(self) -> bool:
        return self.status_label.styleSheet() == ERROR_STYLE

    # -- deciding ---------------------------------------------------------------------------

    def decide(self, decision: str, percent: Decimal | None, text: str, reason: str) -> None:
        if self.summary is None or self._busy or not self.may_decide():
            return
        if not decision:
            self.say(self.tr("Pick a decision first (Alt and its underlined letter)."), error=True)
            return
        self._busy = True
        self.decision.set_enabled(False)
        self.say(self.tr("Recording the decision…"))
        ops.run(self._worker, underwriting.decide, self._store, actor=self.actor,
                proposal_id=self.summary.proposal_id, decision=SERVICE_DECISION.get(decision, decision),
                reason=reason, loading_percent=percent, exclusion=text, owner=self, initiator=self,
                on_done=self._on_decided, on_error=self._on_refused)

    def _on_decided(self, done: underwriting.Decided) -> None:
        self._busy = False
        self.decision.clear()
        text = self.tr("Decided: %1; the case is now %2.").replace(
            "%1", DECISION_LABELS.get(done.decision, done.decision)).replace("%2", _state_label(done.state))
        if done.policy_no:
            text += " " + self.tr("Policy number %1.").replace("%1", done.policy_no)
        self.decided.emit(done.decision, done)
        self.reload()
        self.say(text)

    def _on_refused(self, message: str) -> None:
        self._busy = False
        self.decision.set_enabled(self.may_decide())
        self.refusal = message
        self.say(message, error=True)
        if not self.province_mode() and self._about_authority(message):
            self.refer(refusal=message)
        else:
            # The panel was off while the service ran, and the focus went with it: back to the
            # reason, where what the sentence asks for is most often typed.
            self.decision.reason_edit.setFocus()

    def _about_authority(self, message: str) -> bool:
        """A refusal a referral answers: it says authority (权限), or an open issue lies above it."""
        above = self.summary is not None and any(not c.within for c in self.summary.authority)
        return "权限" in message or above

    def refer(self, refusal: str = "") -> ReferDialog | None:
        """上报省公司: the dialog with the reason (prefilled from a refusal); the case is REFERRED after."""
        if self.summary is None or self.province_mode() or not self.may_decide():
            return None
        dialog = ReferDialog(self._store, self._worker, self.actor, self.summary.proposal_id, self.summary.case_no,
                             refusal=refusal, parent=self)
        dialog.completed.connect(self._on_referred)
        dialog.finished.connect(self._back_from_dialog)
        self._keep_dialog(dialog)
        dialog.open()
        return dialog

    def _on_referred(self, done: underwriting.Decided) -> None:
        self.decision.clear()
        self.decided.emit("refer", done)
        self.reload()
        self.say(self.tr("Referred to the provincial office; the case is now %1.").replace(
            "%1", _state_label(done.state)))

    def show_packet(self) -> None:
        """The referral packet, read and rendered on the worker, then shown."""
        if self.summary is None or not self.province_mode():
            return
        self.say(self.tr("Reading the referral packet…"))
        case_no = self.summary.case_no
        ops.read(self._worker, _packet_images, self._store, self.summary.proposal_id, owner=self, urgent=True,
                 on_done=lambda pages: self._on_packet(case_no, pages), on_error=lambda m: self.say(m, error=True))

    def _on_packet(self, case_no: str, pages: list) -> None:
        self.say(self.tr("Referral packet of %1 pages.").replace("%1", str(len(pages))))
        dialog = PacketDialog(case_no, pages, self)
        dialog.finished.connect(self._back_from_dialog)
        self._keep_dialog(dialog)
        dialog.open()

    def _keep_dialog(self, dialog: QWidget) -> None:
        """One dialog at a time (not WA_DeleteOnClose: see problem_case._keep_dialog)."""
        if self.dialog is not None and self.dialog is not dialog:
            self.dialog.deleteLater()
        self.dialog = dialog

    def _back_from_dialog(self, _result: int = 0) -> None:
        self.window().activateWindow()
        self.decision.reason_edit.setFocus()

    # -- for tests --------------------------------------------------------------------------

    def issue_rows(self) -> list[tuple[str, ...]]:
        return [tuple(self.issues.topLevelItem(i).text(c) for c in range(self.issues.columnCount()))
                for i in range(self.issues.topLevelItemCount())]


def _state_label(state: str) -> str:
    try:
        return State(state).label
    except ValueError:
        return state


def _form_pages(store: Store, proposal_id: str) -> tuple[Any, dict[int, LoadedPage]]:
    """For the worker: the case's form and its scanned form pages, decoded and registered, by form page."""
    form, pages = entry.form_pages(store, proposal_id)
    if form is None:
        return None, {}
    loaded = load_pages(store, pages, form)
    by_page: dict[int, LoadedPage] = {}
    for p in pages:
        if p.sha256 in loaded:
            by_page.setdefault(p.form_page, loaded[p.sha256])
    return form, by_page


def _packet_images(store: Store, proposal_id: str) -> list:
    """For the worker: the referral packet's PDF (services.referral) and its pages as images."""
    from desk_app.services import referral

    return packet_pages(referral.referral_packet(store, proposal_id))
