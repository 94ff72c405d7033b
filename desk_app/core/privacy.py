"""Personal information (PIPL): masking by role, and recorded unmasking.

Screens, reports and exports show resident ID, phone and bank numbers masked unless the
viewer needs them; a person with the unmask right sees one value in full by giving a reason,
and that is written to the audit log (who, when, which case, which field, why).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from desk_app.core.errors import InvalidInput, NotFound
from desk_app.core.roles import Actor, Role

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# The masking and log redaction below are plain text work: desk_app.logsetup imports this module
# at every start of the app and the command line, before anything needs SQLAlchemy or the
# models, so those are imported inside `unmask` only.


class PersonalField(StrEnum):
    ID_NO = "applicant_id_no"
    PHONE = "contact_phone"
    BANK = "payer_bank_account"

    @property
    def label(self) -> str:
        return {"applicant_id_no": "证件号码", "contact_phone": "联系电话", "payer_bank_account": "银行账号"}[self.value]


# Roles that may ask to see a full value (with a reason, recorded). Entry operators see what
# they key on the entry screen itself; everywhere else they see masks like everyone.
UNMASK_ROLES = frozenset({Role.COUNTER_CLERK, Role.PROBLEM_HANDLER, Role.UNDERWRITER, Role.SUPERVISOR,
                          Role.HEAD_OFFICE})


def mask_id(value: str) -> str:
    """`11010519491231002X` -> `1101**********002X` (region and check part kept for matching)."""
    return value if len(value) < 9 else value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_phone(value: str) -> str:
    """`13812345678` -> `138****5678`."""
    return value if len(value) < 8 else value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_bank(value: str) -> str:
    """`6222021234567890128` -> `6222***********0128`."""
    return value if len(value) < 9 else value[:4] + "*" * (len(value) - 8) + value[-4:]


MASKERS = {PersonalField.ID_NO: mask_id, PersonalField.PHONE: mask_phone, PersonalField.BANK: mask_bank}


def masked(field: PersonalField, value: str | None) -> str | None:
    return None if value is None else MASKERS[field](value)


def can_unmask(actor: Actor) -> bool:
    return bool(actor.roles & UNMASK_ROLES)


@dataclass(frozen=True)
class Unmasked:
    field: PersonalField
    value: str


def unmask(session: Session, *, actor: Actor, proposal_id: str, field: PersonalField, reason: str) -> Unmasked:
    """The full value of one field of one case, recorded in the audit log with the reason."""
    from desk_app.core import audit
    from desk_app.store.models import Proposal

    if not can_unmask(actor):
        raise InvalidInput("您没有查看完整个人信息的权限。")
    if not reason.strip():
        raise InvalidInput("查看完整个人信息必须填写原因。")
    p = session.get(Proposal, proposal_id)
    if p is None or p.deleted:
        raise NotFound("找不到该案件。")
    value = getattr(p, field.value)
    if value is None:
        raise NotFound(f"本案没有{field.label}。")
    audit.record(session, actor=actor, action="privacy.unmask", target_type="proposal", target_id=p.id,
                 detail={"case_no": p.case_no, "field": field.value, "reason": reason.strip()})
    return Unmasked(field, value)


# Log redaction: anything shaped like an ID, bank or mobile number, wherever it appears.
_ID_RE = re.compile(r"(?<!\d)(\d{6})(\d{8})(\d{3}[\dXx])(?!\d)")
_BANK_RE = re.compile(r"(?<!\d)(\d{4})(\d{4,11})(\d{4})(?!\d)")
_PHONE_RE = re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)")


def redact(text: str) -> str:
    """Mask every ID, mobile and bank-card-like number in free text (log lines)."""
    text = _ID_RE.sub(lambda m: mask_id(m.group(0)), text)
    text = _PHONE_RE.sub(lambda m: mask_phone(m.group(0)), text)
    return _BANK_RE.sub(lambda m: mask_bank(m.group(0)), text)
