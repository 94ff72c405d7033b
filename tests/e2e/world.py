"""A small world for end-to-end sync: head office, province GD, branches GD0101 and GD0102."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from sqlalchemy import select

from desk_app.core import proposals, users, workflow
from desk_app.store.db import Store
from desk_app.store.models import CaseEvent, Proposal
from desk_app.sync import engine, enrolment, report
from tests.factories import good_draft
from tests.server.harness import branch_store, enrolment_code

UW_PATH = ["finish_scan", "first_entry", "second_entry", "compare_match", "validate", "start_underwriting"]
DOER = {"finish_scan": "scanner", "first_entry": "entry1", "second_entry": "entry2", "compare_match": "entry2",
        "validate": "entry1", "start_underwriting": "uw", "refer": "uw", "issue": "uw", "withdraw": "clerk"}


@dataclasses.dataclass
class Site:
    code: str
    store: Store

    def actor(self, name: str) -> users.Actor:
        with self.store.reading() as s:
            return users.actor_for(s, f"{name}{self.code.lower()}")

    def sync(self) -> report.SyncReport:
        return engine.sync_once(self.store)

    def new_case(self, n: int, *, refer: bool = False) -> str:
        clerk = self.actor("clerk")
        with self.store.transaction() as s:
            detail = proposals.register_case(s, actor=clerk, draft=good_draft(proposal_no=f"T{self.code}{n:05d}"))
        if refer:
            for step in [*UW_PATH, "refer"]:
                self.step(detail.proposal_id, step, "保额超出分公司权限" if step == "refer" else "")
        return detail.proposal_id

    def step(self, pid: str, action: str, reason: str = "", who: str | None = None) -> None:
        with self.store.transaction() as s:
            workflow.perform(s, actor=self.actor(who or DOER[action]), proposal_id=pid, action=action,
                             reason=reason or ("原因" if workflow.ACTIONS[action].needs_reason else ""))

    def cases(self) -> dict[str, str]:
        with self.store.reading() as s:
            return {p.id: p.state for p in s.scalars(select(Proposal))}

    def events(self, pid: str) -> list[tuple[int, str]]:
        with self.store.reading() as s:
            return [(e.seq, e.action) for e in s.scalars(select(CaseEvent).where(CaseEvent.proposal_id == pid)
                                                         .order_by(CaseEvent.seq))]


def make_site(tmp: Path, server_url: str, db_url: str, code: str, name: str, *, province: bool = False) -> Site:
    store = branch_store(tmp / code / "branch.db", code, name, head_office_user=province)
    enrolment.enrol(store, server_url=server_url, code=enrolment_code(db_url, code), device_name=f"pc-{code}")
    return Site(code, store)
