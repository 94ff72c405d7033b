"""The underwriting rows of a referred case, through a real `sync-server` process over HTTP.

The provincial office writes its decision on a branch's referred case: the decision, the issues it
approved, the policy number, a print job. Head office accepts them from the province (the case is
shared with the organisations above its branch) and sends them down to the branch. The same rows
are refused from the province on a case that was never referred, and from another branch on the
referred case, whichever branch_code it puts in them.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path

import requests
from sqlalchemy import select

from desk_app import clock
from desk_app.store.models import PolicyNumber, PrintJob, User, UwDecision, UwIssue
from tests.e2e.world import make_site
from tests.server.harness import new_server_db, running_server
from tests.server.test_api import hdrs
from tests.server.test_attacks import _token, enrol_http, push, row

PREFIX = f"GD0101GD{clock.today().year}"  # a province's numbers for GD0101's cases (see core.underwriting)


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")


def decision_rows(org: str, case: str, actor: str, decider: str, *, tag: str) -> list[dict]:
    """What a desk deciding `case` writes (as its store would capture them), with branch_code `org`."""
    at = _now()
    return [
        row("uw_issues", org, proposal_id=case, round=1, issue_type="TOTAL_SUM", subject=tag,
            message="总保额超出分公司权限", status="approved", decided_by=actor, decided_at=at, facts="{}"),
        row("uw_decisions", org, proposal_id=case, seq=1, decision="standard", reason=f"{tag} 同意承保",
            exclusion="", actor_id=actor, authority_level=4, org_code=decider, at=at),
        row("policy_numbers", org, proposal_id=case, policy_no=f"{PREFIX}{uuid.uuid4().int % 10**7:07d}",
            prefix=PREFIX, serial=1, issued_by=actor, issued_at=at),
        row("print_jobs", org, proposal_id=case, kind="referral_packet", pdf_digest="0" * 64, size=1, copy_no=9,
            printed_by=actor, printed_at=at),
    ]


def test_the_province_writes_a_referred_case_s_decision_rows_and_nobody_else_does(tmp_path: Path) -> None:
    db_url = new_server_db("sqlite", tmp_path, None)
    with running_server(db_url, tmp_path) as srv:
        a = make_site(tmp_path, srv.url, db_url, "GD0101", "广州分公司")
        prov = make_site(tmp_path, srv.url, db_url, "GD", "广东省分公司", province=True)
        referred = a.new_case(1, refer=True)
        kept_home = a.new_case(2)
        a.sync()
        prov.sync()  # the province's users reach head office; the referred case comes down
        assert prov.cases() == {referred: "REFERRED"}
        decider = prov.actor("prov").user_id
        prov_token = _token(prov)

        # The province, on the referred case, with the case's branch_code: every row applied.
        rows = decision_rows("GD0101", referred, decider, "GD", tag="省公司")
        res = push(srv.url, prov_token, rows)
        assert [r["status"] for r in res] == ["applied"] * 4, res

        # The province, on a case of its branch that was never referred: refused, row by row.
        res = push(srv.url, prov_token, decision_rows("GD0101", kept_home, decider, "GD", tag="越权"))
        assert [r["status"] for r in res] == ["conflict"] * 4, res
        assert all("上级机构只能处理已上报的案件" in r["reason"] for r in res)

        # Another branch, on GD0101's referred case: with its own branch_code each row is refused
        # (the case belongs to another organisation); with GD0101's the whole request is forged.
        hostile = enrol_http(srv.url, db_url, "GD0102")
        mole = row("users", "GD0102", username="mole", display_name="内鬼", password_hash="x")
        assert push(srv.url, hostile, [mole])[0]["status"] == "applied"
        mole_id = json.loads(mole["payload"])["id"]
        res = push(srv.url, hostile, decision_rows("GD0102", referred, mole_id, "GD0102", tag="冒名"))
        assert [r["status"] for r in res] == ["conflict"] * 4, res
        assert all("所属案件属于其他机构" in r["reason"] for r in res)
        for forged in decision_rows("GD0101", referred, mole_id, "GD0102", tag="冒名"):
            r = requests.post(srv.url + "/v1/push", headers=hdrs(hostile), json={"changes": [forged]}, timeout=30)
            assert r.status_code == 403 and r.json()["error"] == "forbidden"
        # ...nor may it name the province's decider in the decision rows of a case of its own.
        case = row("proposals", "GD0102", state="UNDERWRITING", applicant_name="自家单位")
        assert push(srv.url, hostile, [case])[0]["status"] == "applied"
        own = json.loads(case["payload"])["id"]
        res = push(srv.url, hostile, decision_rows("GD0102", own, decider, "GD", tag="借名")[:3])
        assert [r["status"] for r in res] == ["conflict"] * 3, res
        assert all("引用了其他机构的用户" in r["reason"] for r in res)

        # The branch receives the province's rows, and only those.
        a.sync()
        with a.store.reading() as s:
            (d,) = s.scalars(select(UwDecision).where(UwDecision.proposal_id == referred))
            assert (d.org_code, d.reason, d.actor_id) == ("GD", "省公司 同意承保", decider)
            assert s.get(User, decider).display_name == "省公司核保 GD"
            assert [i.subject for i in s.scalars(select(UwIssue))] == ["省公司"]
            assert s.scalar(select(PolicyNumber.prefix).where(PolicyNumber.proposal_id == referred)) == PREFIX
            assert s.scalar(select(PrintJob.copy_no).where(PrintJob.proposal_id == referred,
                                                           PrintJob.kind == "referral_packet")) == 9
            assert not s.scalars(select(UwDecision).where(UwDecision.proposal_id == kept_home)).all()
        assert "Traceback" not in (tmp_path / "server.log").read_text(errors="replace")
