"""Problem numbers: WT + branch code + branch date + a four-digit serial of the day.

The number is printed on the notice and is its QR code's whole text, so the scanning station tells
a reply from a cover sheet (a case number) or a proposal form (a proposal number) by the prefix:
no case or proposal number starts with WT.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.core.replies import PREFIX, looks_like_problem_no
from desk_app.store.models import ProblemCase

__all__ = ["PREFIX", "looks_like_problem_no", "next_problem_no"]


def next_problem_no(session: Session, branch_code: str, today: dt.date) -> str:
    prefix = f"{PREFIX}{branch_code}{today:%Y%m%d}"
    # A range on the (branch_code, problem_no) unique index: the digits after the prefix sort below ":".
    last = session.scalar(select(func.max(ProblemCase.problem_no)).where(
        ProblemCase.branch_code == branch_code, ProblemCase.problem_no >= prefix,
        ProblemCase.problem_no < prefix + ":"))
    n = int(last[len(prefix):]) + 1 if last else 1
    return f"{prefix}{n:04d}"

