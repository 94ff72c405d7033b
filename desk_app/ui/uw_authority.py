"""The supervisor assigns underwriting authority levels (核保权限级别) to the branch's underwriters.

The levels themselves are head office's reference data (`services.underwriting.profiles`: each
level's total sum insured limit and the issue types it may approve); here they are only given to
people (`services.users.set_authority_level`, audited; the service refuses a level head office does
not publish, or a level for someone who does not underwrite). Keys: arrows pick a user, Alt+L the
level, Enter assigns, Esc closes.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.roles import Actor, Role
from desk_app.core.underwriting.views import AuthorityProfile
from desk_app.core.users import UserView
from desk_app.services import underwriting, users
from desk_app.store.db import Store
from desk_app.ui import ops
from desk_app.ui.case_view import format_money
from desk_app.ui.worker import DbWorker

UNDERWRITING_ROLES = frozenset({Role.UNDERWRITER, Role.HEAD_OFFICE})
COL_USER, COL_NAME, COL_ROLES, COL_LEVEL = range(4)


class AuthorityDialog(QDialog):
    """Users with their level; pick one, pick a level, assign."""

    def __init__(self, store: Store, worker: DbWorker, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._worker, self._actor = store, worker, actor
        self.profiles: list[AuthorityProfile] = []
        self.users: list[UserView] = []
        self.setWindowTitle(self.tr("Underwriting authority"))
        self.hint_label = QLabel(self.tr("Levels and their limits come from head office; "
                                         "here they are given to the branch's underwriters."))
        self.hint_label.setWordWrap(True)
        self.table = QTreeWidget()
        self.table.setObjectName("authorityUsers")
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.setUniformRowHeights(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setHeaderLabels([self.tr("User"), self.tr("Name"), self.tr("Roles"), self.tr("Level")])
        head = self.table.header()
        head.setStretchLastSection(True)
        head.setSectionResizeMode(COL_ROLES, QHeaderView.ResizeMode.Interactive)
        for col, width in ((COL_USER, 90), (COL_NAME, 140), (COL_ROLES, 150)):
            head.resizeSection(col, width)
        self.table.currentItemChanged.connect(lambda *_a: self._on_user_changed())
        self.table.itemActivated.connect(lambda *_a: self.level_combo.setFocus())

        self.level_combo = QComboBox()
        self.level_combo.setObjectName("authorityLevel")
        level_label = QLabel(self.tr("&Level:"))
        level_label.setBuddy(self.level_combo)
        self.assign_button = QPushButton(self.tr("&Assign"))
        self.assign_button.setObjectName("authorityAssign")
        self.assign_button.setDefault(True)
        self.assign_button.clicked.connect(self.assign)
        close = QPushButton(self.tr("Close"))
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(level_label)
        row.addWidget(self.level_combo, 1)
        row.addWidget(self.assign_button)
        row.addWidget(close)
        self.grants_label = QLabel()
        self.grants_label.setObjectName("authorityGrants")
        self.grants_label.setWordWrap(True)
        self.level_combo.currentIndexChanged.connect(lambda _i: self._show_grants())
        self.status_label = QLabel()
        self.status_label.setObjectName("authorityStatus")
        self.status_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.grants_label)
        layout.addWidget(self.status_label)
        self.resize(640, 460)
        ops.read(worker, underwriting.profiles, store, owner=self, urgent=True, on_done=self._on_profiles,
                 on_error=self._say_error)
        self.refresh()
        self.table.setFocus()

    def refresh(self) -> None:
        ops.read(self._worker, users.list_users, self._store, owner=self, urgent=True, on_done=self._on_users,
                 on_error=self._say_error)

    def _on_profiles(self, profiles: list[AuthorityProfile]) -> None:
        self.profiles = sorted(profiles, key=lambda p: p.level)
        self.level_combo.clear()
        self.level_combo.addItem(self.tr("0 — no authority"), 0)
        for p in self.profiles:
            self.level_combo.addItem(self.tr("%1 — %2, up to %3").replace("%1", str(p.level)).replace("%2", p.name)
                                     .replace("%3", format_money(p.max_sum_insured)), p.level)
        self._on_user_changed()

    def _on_users(self, views: list[UserView]) -> None:
        current = self.current_username()
        # Underwriters first (those a level means something for), then everyone else.
        self.users = sorted((u for u in views if u.active),
                            key=lambda u: (not set(u.roles) & UNDERWRITING_ROLES, u.username))
        self.table.clear()
        for u in self.users:
            item = QTreeWidgetItem([u.username, u.display_name, "、".join(r.label for r in u.roles),
                                    self._level_text(u.authority_level)])
            for col in range(4):
                item.setToolTip(col, item.text(col))
            if not set(u.roles) & UNDERWRITING_ROLES:
                item.setForeground(COL_LEVEL, self.palette().placeholderText())
            self.table.addTopLevelItem(item)
        names = [u.username for u in self.users]
        index = names.index(current) if current in names else 0
        if self.users:
            self.table.setCurrentItem(self.table.topLevelItem(index))

    def _level_text(self, level: int) -> str:
        profile = next((p for p in self.profiles if p.level == level), None)
        return f"{level} {profile.name}" if profile else str(level)

    def current_username(self) -> str | None:
        item = self.table.currentItem()
        return item.text(COL_USER) if item is not None else None

    def _on_user_changed(self) -> None:
        username = self.current_username()
        user = next((u for u in self.users if u.username == username), None)
        if user is not None:
            i = self.level_combo.findData(user.authority_level)
            if i >= 0:
                self.level_combo.setCurrentIndex(i)
        self._show_grants()

    def _show_grants(self) -> None:
        level = self.level_combo.currentData()
        profile = next((p for p in self.profiles if p.level == level), None)
        if profile is None:
            self.grants_label.setText(self.tr("No underwriting decision at this level; every case is referred."))
            return
        grants = "；".join(f"{g.type_label}" + (f" ≤ {format_money(g.max_amount)}" if g.max_amount is not None else "")
                          for g in profile.grants)
        self.grants_label.setText(self.tr("May approve: %1").replace("%1", grants or "—"))

    def assign(self) -> None:
        username = self.current_username()
        level = self.level_combo.currentData()
        if username is None or level is None or not self.assign_button.isEnabled():
            return
        self.assign_button.setEnabled(False)
        ops.run(self._worker, users.set_authority_level, self._store, actor=self._actor, username=username,
                level=int(level), owner=self, initiator=self,
                on_done=lambda _v, u=username, lv=int(level): self._on_assigned(u, lv), on_error=self._say_error)

    def _on_assigned(self, username: str, level: int) -> None:
        self.assign_button.setEnabled(True)
        self.status_label.setStyleSheet("color: #1b5e20;")
        self.status_label.setText(self.tr("%1 now has authority level %2.").replace("%1", username)
                                  .replace("%2", self._level_text(level)))
        self.refresh()

    def _say_error(self, message: str) -> None:
        self.assign_button.setEnabled(True)
        self.status_label.setStyleSheet("color: #b00020;")
        self.status_label.setText(message)

    def level_of(self, username: str) -> str:
        """The level column as shown for a user (for tests)."""
        for i in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(i)
            if item.text(COL_USER) == username:
                return item.text(COL_LEVEL)
        return ""
