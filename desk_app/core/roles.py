"""Roles of the branch processing centre (DOMAIN.md) and who the current user is."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    COUNTER_CLERK = "counter_clerk"
    SCANNING_OPERATOR = "scanning_operator"
    ENTRY_OPERATOR = "entry_operator"
    PROBLEM_HANDLER = "problem_handler"
    UNDERWRITER = "underwriter"
    CONTRACT_PREPARER = "contract_preparer"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"
    # Province / head-office underwriting: decides cases referred above branch authority.
    HEAD_OFFICE = "head_office"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS: dict[Role, str] = {
    Role.COUNTER_CLERK: "柜面受理员",
    Role.SCANNING_OPERATOR: "扫描员",
    Role.ENTRY_OPERATOR: "录入员",
    Role.PROBLEM_HANDLER: "问题件处理员",
    Role.UNDERWRITER: "核保员",
    Role.CONTRACT_PREPARER: "缮制员",
    Role.SUPERVISOR: "业务主管",
    Role.ADMIN: "系统管理员",
    Role.HEAD_OFFICE: "省公司核保",
}


def parse_role(text: str) -> Role:
    """A role from its code or its Chinese label."""
    for role in Role:
        if text in (role.value, role.label):
            return role
    from desk_app.core.errors import InvalidInput

    known = "、".join(f"{r.value}（{r.label}）" for r in Role)
    raise InvalidInput(f"未知角色“{text}”。可用角色：{known}")


@dataclass(frozen=True)
class Actor:
    """The logged-in person every action is recorded against."""

    user_id: str
    username: str
    display_name: str
    roles: frozenset[Role]
    authority_level: int = 0
    branch_code: str = ""
    # The demo and first admin accounts must choose their own password before working.
    must_change_password: bool = False

    def has(self, role: Role) -> bool:
        return role in self.roles
