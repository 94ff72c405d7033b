"""One problem case (问题件) on screen: the case in short, its items, its steps, why the rules stopped
it, and its actions as buttons (Alt keys).

Reads: `services.problems.problem` (items and steps), `services.cases.case_detail` (the case and its
business line, for the form's field labels) and `services.problems.latest_run`, each on the worker.
Actions: one service each through `ops.run`; those that need words open a dialog of
`problem_actions`, which shows a refusal as the service's one sentence. The notice is issued
first and then shown for printing (`problem_notice`). The screen follows the change bus, so a step
taken elsewhere (a reply scanned at the scanning station, a sync) shows at once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.core import forms
from desk_app.core.forms import FormDef
from desk_app.core.problems.views import (
    MARK_LABELS,
    SOURCE_LABELS,
    NoticePaper,
    ProblemView,
    Resolution,
)
from desk_app.core.proposals import BUSINESS_TYPES, CaseDetail
from desk_app.core.roles import Actor
from desk_app.core.rules.runs import RunView
from desk_app.core.workflow import State
from desk_app.services import cases, problems
from desk_app.services.changes import Changes
from desk_app.store.db import Store
from desk_app.ui import ops
from desk_app.ui.case_view import format_local_time
from desk_app.ui.problem_actions import ActionDialog, RaiseDialog, ReasonDialog, ReplyDialog, ResolveDialog
from desk_app.ui.problem_notice import NoticeDialog
from desk_app.ui.problem_queue import OVERDUE_COLOR, WARNING_COLOR, countdown_text
from desk_app.ui.rule_results import RuleResultsPanel, field_label
from desk_app.ui.worker import DbWorker

ITEM_STATUS_LABELS = {"open": "待解决", "resolved": "已解决"}
ERROR_STYLE = "color: #b00020;"


def _tree(headers: list[str], name: str) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setObjectName(name)
    tree.setRootIsDecorated(False)
    tree.setAlternatingRowColors(True)
    tree.setUniformRowHeights(True)
    tree.setHeaderLabels(headers)
    head = tree.header()
    head.setStretchLastSection(True)
    return tree


def _when(at: object) -> str:
    return format_local_time(at) if at is not None else "—"  # type: ignore[arg-type]


class ProblemCaseWidget(QWidget):
    """The problem case named by `open_problem(problem_no)`; `close_requested` on Esc."""

    close_requested = Signal()
    # The problem case was read and is shown (ProblemView).
    shown = Signal(object)
    # An action finished: (action, value) after the service committed.
    acted = Signal(str, object)

    def __init__(self, store: Store, worker: DbWorker, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._worker, self.actor = store, worker, actor
        self.problem: ProblemView | None = None
        self.detail: CaseDetail | None = None
        self.run: RunView | None = None
        self.dialog: QWidget | None = None
        self._request = 0

        self.title_label = QLabel()
        self.title_label.setObjectName("problemTitle")
        font = self.title_label.font()
        font.setPointSize(font.pointSize() + 3)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_badge = QLabel()
        self.status_badge.setObjectName("problemStatusBadge")
        self.status_badge.setStyleSheet(
            "QLabel { background: #6a1b9a; color: white; border-radius: 4px; padding: 2px 10px; }")
        self.clock_label = QLabel()
        self.clock_label.setObjectName("problemClock")
        header = QHBoxLayout()
        header.addWidget(self.title_label)
        header.addWidget(self.status_badge)
        header.addSpacing(12)
        header.addWidget(self.clock_label)
        header.addStretch(1)

        # The actions, Alt keys unique in the main window (its menus use F, C, V, Y; its tool bar R, O, P).
        self.buttons: dict[str, QPushButton] = {}
        actions = QHBoxLayout()
        for key, text, slot in (
            ("notice", self.tr("Issue &notice"), self.issue_notice),
            ("reply", self.tr("Record reply by &hand…"), self.record_reply),
            ("resolve", self.tr("Resolve (&J)…"), self.resolve),
            ("withdraw", self.tr("&Withdraw…"), self.withdraw),
            ("reopen", self.tr("Reopen (&B)…"), self.reopen),
            ("raise", self.tr("R&aise by hand…"), self.raise_by_hand),
        ):
            button = QPushButton(text)
            button.setObjectName(f"problem_{key}")
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            button.setEnabled(False)
            self.buttons[key] = button
            actions.addWidget(button)
        actions.addStretch(1)

        # The case in short.
        self.fields: dict[str, QLabel] = {}
        summary = QGroupBox(self.tr("Case"))
        columns = QHBoxLayout(summary)
        for rows in (
            (("case_no", self.tr("Case no.:")), ("proposal_no", self.tr("Proposal no.:")),
             ("applicant", self.tr("Applicant:"))),
            (("business_type", self.tr("Business type:")), ("case_state", self.tr("Case stage:")),
             ("agent", self.tr("Agent:"))),
            (("source", self.tr("Source:")), ("raised", self.tr("Raised:")), ("reopened", self.tr("Reopened:"))),
            (("noticed", self.tr("Notice:")), ("due", self.tr("Reply due:")), ("replied", self.tr("Replied:"))),
        ):
            form = QFormLayout()
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
            for key, label in rows:
                value = QLabel()
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                value.setWordWrap(key == "applicant")
                self.fields[key] = value
                form.addRow(label, value)
            columns.addLayout(form, 1)

        self.items_tree = _tree([self.tr("Code"), self.tr("Description"), self.tr("Field"), self.tr("Source"),
                                 self.tr("Status")], "problemItems")
        self.items_tree.header().resizeSection(0, 70)
        self.items_tree.header().resizeSection(1, 260)
        self.items_tree.header().resizeSection(2, 120)
        self.items_tree.header().resizeSection(3, 72)
        items_box = QGroupBox(self.tr("Problem items"))
        QVBoxLayout(items_box).addWidget(self.items_tree)
        self.steps_tree = _tree([self.tr("Time"), self.tr("Step"), self.tr("By"), self.tr("Reason/note")],
                                "problemSteps")
        steps_head = self.steps_tree.header()
        for col in range(3):
            steps_head.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        steps_box = QGroupBox(self.tr("Steps taken"))
        QVBoxLayout(steps_box).addWidget(self.steps_tree)
        self.rules_panel = RuleResultsPanel()
        rules_box = QGroupBox(self.tr("Latest rule check (why the case stopped)"))
        QVBoxLayout(rules_box).addWidget(self.rules_panel)

        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(items_box)
        left.addWidget(steps_box)
        left.setChildrenCollapsible(False)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(rules_box)
        # Half each: the rules' messages name the values and are the longest texts here.
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)

        self.status_label = QLabel()
        self.status_label.setObjectName("problemCaseStatus")
        self.status_label.setWordWrap(True)

        page = QWidget()
        body = QVBoxLayout(page)
        body.setContentsMargins(8, 6, 8, 6)
        body.addLayout(header)
        body.addLayout(actions)
        body.addWidget(summary)
        body.addWidget(split, 1)
        body.addWidget(self.status_label)
        self.message_label = QLabel(self.tr("Select a problem case in the queue and press Enter to open it."))
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
        ops.bus().changed.connect(self._on_changes)

    # -- reading ----------------------------------------------------------------------------

    def open_problem(self, problem_no: str) -> None:
        """Read the problem case, then its case and latest rule run; a later request supersedes this one."""
        self._request += 1
        request = self._request
        if self.problem is None or self.problem.problem_no != problem_no:
            self.message_label.setText(self.tr("Opening the problem case…"))
            self._stack.setCurrentIndex(0)
        ops.read(self._worker, problems.problem, self._store, problem_no=problem_no, owner=self, urgent=True,
                 on_done=lambda view: self._on_problem(request, view),
                 on_error=lambda m: self._on_failed(request, m))

    def reload(self) -> None:
        if self.problem is not None:
            self.open_problem(self.problem.problem_no)

    def _on_changes(self, changes: Changes, _initiator: object) -> None:
        if self.problem is not None and (changes.problems or changes.cases):
            self.reload()

    def _on_failed(self, request: int, message: str) -> None:
        if request == self._request:
            if self.problem is None:
                self.message_label.setText(message)
            else:
                self.say(message, error=True)

    def _on_problem(self, request: int, view: ProblemView) -> None:
        if request != self._request:
            return
        same_case = self.detail is not None and self.detail.proposal_id == view.proposal_id
        self.problem = view
        self._show_problem(view)
        self._stack.setCurrentIndex(1)
        ops.read(self._worker, cases.case_detail, self._store, view.proposal_id, owner=self,
                 on_done=lambda d: self._on_detail(request, d), on_error=lambda m: self._on_failed(request, m))
        ops.read(self._worker, problems.latest_run, self._store, proposal_id=view.proposal_id, owner=self,
                 on_done=lambda r: self._on_run(request, r), on_error=lambda m: self._on_failed(request, m))
        if not same_case:
            self.detail = None
        self.shown.emit(view)

    def _on_detail(self, request: int, detail: CaseDetail) -> None:
        if request != self._request:
            return
        self.detail = detail
        f = self.fields
        f["proposal_no"].setText(detail.proposal_no)
        f["business_type"].setText(BUSINESS_TYPES.get(detail.business_type, detail.business_type))
        if self.problem is not None:
            self._fill_items(self.problem)  # field labels from the case's own form now
        self.rules_panel.show_run(self.run, detail.business_type)

    def _on_run(self, request: int, run: RunView | None) -> None:
        if request != self._request:
            return
        self.run = run
        self.rules_panel.show_run(run, self.detail.business_type if self.detail else None)

    def form(self) -> FormDef | None:
        """The proposal form of the case's business line (its fields are what can be keyed again)."""
        if self.detail is None:
            return None
        try:
            return forms.form_for(self.detail.business_type)
        except KeyError:
            return None

    # -- showing ----------------------------------------------------------------------------

    def _show_problem(self, view: ProblemView) -> None:
        self.title_label.setText(self.tr("Problem case %1").replace("%1", view.problem_no))
        self.status_badge.setText(view.status_label)
        cd = view.countdown
        mark = MARK_LABELS.get(cd.mark, "")
        self.clock_label.setText("  ".join(x for x in (countdown_text(cd) if cd.remaining_hours is not None else "",
                                                        mark) if x))
        colour = OVERDUE_COLOR if cd.mark == "overdue" else WARNING_COLOR if cd.mark == "warning" else None
        self.clock_label.setStyleSheet(f"color: {colour.name()}; font-weight: bold;" if colour else "")
        f = self.fields
        f["case_no"].setText(view.case_no)
        f["applicant"].setText(view.applicant_name)
        try:
            f["case_state"].setText(State(view.case_state).label)
        except ValueError:
            f["case_state"].setText(view.case_state)
        f["agent"].setText(" ".join(x for x in (view.agent_code, view.agent_name) if x) or "—")
        f["source"].setText(SOURCE_LABELS.get(view.source, view.source))
        f["raised"].setText(f"{view.raised_by} {_when(view.raised_at)}")
        f["reopened"].setText(self.tr("%1 time(s)").replace("%1", str(view.reopened)))
        f["noticed"].setText(_when(view.noticed_at))
        f["due"].setText(_when(cd.due_at))
        f["replied"].setText(_when(view.replied_at))
        self._fill_items(view)
        self._fill_steps(view)
        self._enable_actions(view)

    def _fill_items(self, view: ProblemView) -> None:
        business_type = self.detail.business_type if self.detail else None
        self.items_tree.clear()
        for item in view.items:
            label = item.field_label or (field_label(item.field_key, business_type) if item.field_key else "—")
            row = QTreeWidgetItem([item.code, item.description, label,
                                   SOURCE_LABELS.get(item.source, item.source),
                                   ITEM_STATUS_LABELS.get(item.status, item.status)])
            row.setToolTip(1, item.description)
            self.items_tree.addTopLevelItem(row)

    def _fill_steps(self, view: ProblemView) -> None:
        self.steps_tree.clear()
        rows = []
        for ev in view.events:
            row = QTreeWidgetItem([format_local_time(ev.at), ev.action_label, ev.actor_name, ev.reason or "—"])
            row.setToolTip(3, ev.reason)
            rows.append(row)
        self.steps_tree.addTopLevelItems(rows)
        if rows:
            self.steps_tree.scrollToItem(rows[-1])

    def _enable_actions(self, view: ProblemView) -> None:
        """Only the steps that can follow from where the problem case stands (the service decides all the same)."""
        status = view.status
        allowed = {
            "open": {"notice", "reply", "resolve", "withdraw", "raise"},
            "noticed": {"notice", "reply", "resolve", "withdraw", "raise"},
            "replied": {"notice", "resolve", "withdraw", "raise"},
            "resolved": {"reopen", "raise"},
            "withdrawn": set(),
        }.get(status, set())
        for key, button in self.buttons.items():
            button.setEnabled(key in allowed)

    def say(self, text: str, error: bool = False) -> None:
        self.status_label.setStyleSheet(ERROR_STYLE if error else "color: #1b5e20;")
        self.status_label.setText(text)

    def status_is_error(self) -> bool:
        return self.status_label.styleSheet() == ERROR_STYLE

    # -- actions ----------------------------------------------------------------------------

    def issue_notice(self) -> None:
        """Issue (or reprint) the notice, then show it for printing."""
        if self.problem is None or not self.buttons["notice"].isEnabled():
            return
        self.buttons["notice"].setEnabled(False)
        self.say(self.tr("Producing the problem notice…"))
        ops.run(self._worker, problems.issue_notice, self._store, actor=self.actor,
                problem_no=self.problem.problem_no, owner=self, initiator=self,
                on_done=self._on_notice, on_error=self._on_refused)

    def _on_notice(self, paper: NoticePaper) -> None:
        self.say(self.tr("Problem notice copy %1 produced; reply due %2.")
                 .replace("%1", str(paper.copy_no)).replace("%2", format_local_time(paper.due_at)))
        dialog = NoticeDialog(paper, self)
        dialog.finished.connect(self._back_from_dialog)
        self._keep_dialog(dialog)
        self.acted.emit("notice", paper)
        dialog.open()

    def _on_refused(self, message: str) -> None:
        if self.problem is not None:
            self._enable_actions(self.problem)
        self.say(message, error=True)

    def _keep_dialog(self, dialog: QWidget) -> None:
        """One dialog at a time: the one closed before goes now. (Not WA_DeleteOnClose: a dialog
        deleted from its own close while its screen was being torn down crashed PySide.)"""
        if self.dialog is not None and self.dialog is not dialog:
            self.dialog.deleteLater()
        self.dialog = dialog

    def _open_dialog(self, dialog: ActionDialog, action: str) -> ActionDialog:
        dialog.completed.connect(lambda value: self._on_action_done(action, value))
        dialog.finished.connect(self._back_from_dialog)
        self._keep_dialog(dialog)
        dialog.open()
        return dialog

    def _back_from_dialog(self, _result: int = 0) -> None:
        """The keyboard comes back to this screen (its window active again, the items focused)."""
        self.window().activateWindow()
        self.items_tree.setFocus()

    def _on_action_done(self, action: str, value: object) -> None:
        if action == "resolve" and isinstance(value, Resolution):
            if value.reentry_round is not None:
                text = self.tr("Resolved: the chosen fields go back to first and second entry to be keyed again "
                               "(round %1).").replace("%1", str(value.reentry_round))
            else:
                text = self.tr("Resolved: the case passed the rules again and moved on to %1.").replace(
                    "%1", _state_label(value.state))
        else:
            text = {"reply": self.tr("Reply recorded."), "withdraw": self.tr("Case withdrawn."),
                    "reopen": self.tr("Problem case reopened."), "raise": self.tr("Problem case raised.")}.get(action, "")
        self.say(text)
        self.acted.emit(action, value)

    def record_reply(self) -> ReplyDialog | None:
        if self.problem is None or not self.buttons["reply"].isEnabled():
            return None
        return self._open_dialog(ReplyDialog(self._store, self._worker, self.actor, self.problem.problem_no, self),
                                 "reply")  # type: ignore[return-value]

    def resolve(self) -> ResolveDialog | None:
        if self.problem is None or not self.buttons["resolve"].isEnabled():
            return None
        return self._open_dialog(ResolveDialog(self._store, self._worker, self.actor, self.problem, self.form(), self),
                                 "resolve")  # type: ignore[return-value]

    def withdraw(self) -> ReasonDialog | None:
        if self.problem is None or not self.buttons["withdraw"].isEnabled():
            return None
        return self._open_dialog(ReasonDialog(self._store, self._worker, self.actor, self.problem.problem_no,
                                              action="withdraw", parent=self), "withdraw")  # type: ignore[return-value]

    def reopen(self) -> ReasonDialog | None:
        if self.problem is None or not self.buttons["reopen"].isEnabled():
            return None
        return self._open_dialog(ReasonDialog(self._store, self._worker, self.actor, self.problem.problem_no,
                                              action="reopen", parent=self), "reopen")  # type: ignore[return-value]

    def raise_by_hand(self) -> RaiseDialog | None:
        if self.problem is None or not self.buttons["raise"].isEnabled():
            return None
        return self._open_dialog(RaiseDialog(self._store, self._worker, self.actor, self.problem.proposal_id,
                                             self.problem.case_no, self.form(), self), "raise")  # type: ignore[return-value]

    # -- for tests --------------------------------------------------------------------------

    def item_rows(self) -> list[tuple[str, ...]]:
        return [tuple(self.items_tree.topLevelItem(i).text(c) for c in range(5))
                for i in range(self.items_tree.topLevelItemCount())]

    def step_rows(self) -> list[tuple[str, ...]]:
        return [tuple(self.steps_tree.topLevelItem(i).text(c) for c in range(4))
                for i in range(self.steps_tree.topLevelItemCount())]


def _state_label(state: str) -> str:
    try:
        return State(state).label
    except ValueError:
        return state
