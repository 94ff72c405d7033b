"""A ready demo store: reference data, a user for every role, cases in every workflow state.

Cases are written with Core bulk inserts (proposals, products, events and audit entries built
as plain dicts) so the same generator fills the 100,000-case benchmark store in seconds; the
histories it writes follow the workflow's own paths and segregation of duties, so
`workflow.derive_state` accepts every one of them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session
from stdnum import luhn
from stdnum.cn import ric, uscc

from desk_app.core import audit, refdata, stationery, users
from desk_app.core.roles import Role
from desk_app.core.workflow import ACTIONS, State
from desk_app.paths import resources_dir
from desk_app.store.models import (
    ArchiveEntry,
    AuditEntry,
    BenefitLevel,
    CaseEvent,
    ContractPrint,
    EntryField,
    EntryPass,
    EntryValue,
    OccupationClass,
    PolicyNumber,
    ProblemCase,
    ProblemEvent,
    ProblemItem,
    Product,
    Proposal,
    ProposalProduct,
    UwDecision,
)
from desk_app.store.types import utcnow

if TYPE_CHECKING:  # the scanning station's OpenCV stack loads only when pages are stored
    from desk_app.core.contracts.printing import FileSink
    from desk_app.core.scanning.service import PageFiles

DEMO_BRANCH = ("GD0101", "广州分公司业务处理中心")
DEMO_PASSWORD = "Demo2026"
# Proposal-form numbers received from head office, and the ranges issued (holder, first, last).
DEMO_STATIONERY_BATCH = ("HO-2026-0001", "T440100001", "T440101000")
DEMO_STATIONERY_ISSUED = (("AG1001", "T440100001", "T440100100"), ("AG1002", "T440100101", "T440100200"),
                          (stationery.BRANCH_HOLDER, "T440100201", "T440100300"))


@dataclass(frozen=True)
class DemoUser:
    username: str
    name: str
    roles: tuple[Role, ...]
    authority_level: int = 0


DEMO_USERS = (
    DemoUser("admin", "系统管理员", (Role.ADMIN, Role.SUPERVISOR)),
    DemoUser("clerk", "柜员 周晓梅", (Role.COUNTER_CLERK,)),
    DemoUser("scanner", "扫描员 吴强", (Role.SCANNING_OPERATOR,)),
    DemoUser("entry1", "录入员 孙丽", (Role.ENTRY_OPERATOR,)),
    DemoUser("entry2", "录入员 郑浩", (Role.ENTRY_OPERATOR,)),
    DemoUser("problem", "问题件 冯静", (Role.PROBLEM_HANDLER,)),
    DemoUser("uw", "核保员 何志远", (Role.UNDERWRITER,), 2),
    DemoUser("printer", "缮制员 罗敏", (Role.CONTRACT_PREPARER,)),
    DemoUser("super", "业务主管 林涛", (Role.SUPERVISOR,), 3),
    DemoUser("province", "省公司核保 高峰", (Role.HEAD_OFFICE,), 4),
)

_BASE = ["finish_scan", "first_entry", "second_entry"]
_COMPARED = [*_BASE, "compare_match"]
_UW = [*_COMPARED, "validate", "start_underwriting"]
PATHS: dict[State, list[str]] = {
    State.RECEIVED: [],
    State.RETURNED: ["return_papers"],
    State.WITHDRAWN: ["withdraw"],
    State.SCANNED: ["finish_scan"],
    State.FIRST_ENTERED: ["finish_scan", "first_entry"],
    State.SECOND_ENTERED: _BASE,
    State.RECONCILE: [*_BASE, "compare_differ"],
    State.COMPARED: _COMPARED,
    State.PROBLEM: [*_COMPARED, "raise_problem"],
    State.VALIDATED: [*_COMPARED, "validate"],
    State.UNDERWRITING: _UW,
    State.REFERRED: [*_UW, "refer"],
    State.ISSUED: [*_UW, "issue"],
    State.DECLINED: [*_UW, "decline"],
    State.POSTPONED: [*_UW, "postpone"],
    State.PRINTED: [*_UW, "issue", "print_contract"],
    State.RECEIPTED: [*_UW, "issue", "print_contract", "receipt"],
    State.ARCHIVED: [*_UW, "issue", "print_contract", "receipt", "archive"],
}
# Who does each step in generated histories (second entry never by the first-entry operator).
DOER = {
    "receive": "clerk", "return_papers": "clerk", "withdraw": "clerk", "finish_scan": "scanner",
    "first_entry": "entry1", "second_entry": "entry2", "compare_match": "entry2", "compare_differ": "entry2",
    "validate": "entry1", "raise_problem": "entry1", "start_underwriting": "uw", "refer": "uw", "issue": "uw",
    "decline": "uw", "postpone": "uw", "print_contract": "printer", "receipt": "clerk", "archive": "clerk",
    "reconcile": "problem", "resolve_problem": "problem", "send_back": "problem", "reenter": "problem",
    "ho_issue": "province", "ho_decline": "province", "ho_postpone": "province", "auto_issue": "entry1",
}
UW_LIMIT = Decimal("2000000")  # authority of the demo underwriter (level 2)
REASONS = {
    "return_papers": "投保单缺单位公章", "withdraw": "客户撤回投保", "raise_problem": "被保险人清单未盖公章",
    "refer": "保额超出分公司权限", "decline": "高风险职业占比过高", "postpone": "待体检结果",
}
UNIT_NAMES = ["广州市天河科技有限公司", "佛山顺德家电制造有限公司", "深圳南山软件园管理有限公司", "东莞长安五金制品厂",
              "珠海港湾物流有限公司", "中山市火炬建设工程有限公司", "广东岭南教育集团", "汕头潮汕食品有限公司",
              "惠州大亚湾石化服务有限公司", "江门市新会纺织有限公司", "肇庆星湖医药有限公司", "湛江海滨渔业合作社"]


CONTACTS = ["陈晓红", "李国强", "黄丽萍", "张建华", "刘海燕", "吴志明", "郑雪梅", "林立新"]


def demo_bank_account(rng: random.Random) -> str:
    body = "622202" + "".join(rng.choice("0123456789") for _ in range(12))
    return body + luhn.calc_check_digit(body)


def demo_resident_id(rng: random.Random) -> str:
    """A valid resident ID (Beijing Chaoyang: a county code valid for every birth year)."""
    body = "110105" + f"{rng.randrange(1960, 2004)}{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}" + \
        f"{rng.randrange(0, 1000):03d}"
    return body + ric.calc_check_digit(body + "0")  # stdnum expects the full 18 characters


def demo_credit_code(rng: random.Random) -> str:
    body = "91" + "440" + f"{rng.randrange(100, 999)}" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY")
                                                              for _ in range(9))
    return body + uscc.calc_check_digit(body)


def _user_ids(session: Session) -> dict[str, str]:
    return {u.username: u.user_id for u in users.list_users(session)}


def bulk_cases(session: Session, *, n: int, states: list[State] | None = None, seed: int = 7,
               now: dt.datetime | None = None, spread_days: float = 20.0) -> int:
    """Insert `n` generated cases with full histories using Core executemany; returns n."""
    rng = random.Random(seed)
    now = now or utcnow()
    ids = _user_ids(session)
    code = users.branch(session).branch_code
    states = states or list(PATHS)
    group_products = session.execute(
        select(Product.code, BenefitLevel.level, BenefitLevel.sum_insured, BenefitLevel.premium_per_person)
        .join(BenefitLevel, BenefitLevel.product_code == Product.code)
        .where(Product.business_type == "GROUP", Product.deleted.is_(False), BenefitLevel.deleted.is_(False))
    ).all()
    industries = list(session.scalars(select(OccupationClass.industry_code).where(OccupationClass.deleted.is_(False))))
    if not group_products or not industries:
        raise RuntimeError("load reference data before generating cases")
    # Generated numbers start at 500001 so they stay clear of the day's counter numbers
    # (`proposals.next_case_no` continues after the highest number of the day either way).
    serial = (session.scalar(select(func.count()).select_from(Proposal)) or 0) + 500_000
    proposals, lines, events, audits = [], [], [], []
    for i in range(n):
        target = states[i % len(states)]
        path = ["receive", *PATHS[target]]
        start = now - dt.timedelta(days=rng.uniform(0.2, spread_days))
        # Spread the steps over the time since intake; the final stage keeps the rest as its age.
        gaps = sorted(rng.uniform(0, (now - start).total_seconds() * 0.8) for _ in path[1:])
        times = [start] + [start + dt.timedelta(seconds=g) for g in gaps]
        pid = str(uuid.uuid4())
        product, level, sum_each, prem_each = rng.choice(group_products)
        # Cases the demo underwriter decided stay within level-2 authority; referred ones exceed it.
        most = max(1, int(UW_LIMIT // sum_each))
        if target == State.REFERRED:
            insured = most + rng.randrange(1, 50)
        elif {"issue", "decline", "postpone"} & set(path) or target in (State.VALIDATED, State.UNDERWRITING):
            insured = rng.randrange(1, most + 1)
        else:
            insured = rng.randrange(3, 300)
        premium = prem_each * insured
        rng.randrange(1, 30)  # (was the effective date's offset; drawn still, so the seeded data stays the same)
        # Signed on the intake day or the day before, effective the day after signing (the core's rule):
        # no proposal is dated after the counter took it in.
        signed = start.date() - dt.timedelta(days=i % 2)
        eff = signed + dt.timedelta(days=1)
        serial += 1
        proposals.append({
            "id": pid, "branch_code": code, "created_at": start, "updated_at": times[-1], "deleted": False,
            "case_no": f"{code}{start:%Y%m%d}{serial:06d}", "proposal_no": f"T{44000000 + serial + seed * 1000000:09d}",
            "business_type": "GROUP", "applicant_name": rng.choice(UNIT_NAMES),
            "applicant_credit_code": demo_credit_code(rng), "industry_code": rng.choice(industries),
            "business_source": "direct", "intermediary_code": None, "commission_ratio": None,
            "agent_code": f"AG100{rng.randrange(1, 9)}", "insured_count": insured,
            "sum_insured_total": sum_each * insured,
            "premium_total": premium, "term_months": 12, "proposal_date": signed,
            "effective_date": eff, "special_agreements": "无", "state": target.value, "state_since": times[-1],
            "applicant_id_no": None, "contact_name": rng.choice(CONTACTS),
            "contact_phone": f"1{rng.choice('3589')}{rng.randrange(10**8, 10**9)}",
            "payer_bank_account": demo_bank_account(rng),
        })
        lines.append({"id": str(uuid.uuid4()), "branch_code": code, "created_at": start, "updated_at": start,
                      "deleted": False, "proposal_id": pid, "line_no": 1, "product_code": product,
                      "benefit_level": level, "sum_insured": sum_each * insured, "premium": premium})
        prev = None
        for k, (action, at) in enumerate(zip(path, times, strict=True), start=1):
            to = ACTIONS[action].target
            actor = ids[DOER[action]]
            reason = REASONS.get(action, "")
            events.append({"id": str(uuid.uuid4()), "branch_code": code, "created_at": at, "updated_at": at,
                           "deleted": False, "proposal_id": pid, "seq": k, "action": action,
                           "from_state": prev, "to_state": to.value, "actor_id": actor, "at": at, "reason": reason})
            audits.append({"id": str(uuid.uuid4()), "branch_code": code, "created_at": at, "updated_at": at,
                           "deleted": False, "at": at, "user_id": actor, "username": DOER[action],
                           "action": f"case.{action}", "target_type": "proposal", "target_id": pid,
                           "detail": json.dumps({"from": prev, "to": to.value, "reason": reason},
                                                ensure_ascii=False, sort_keys=True)})
            prev = to.value
    audits = audit.chain(session, audits)
    for table, rows in ((Proposal, proposals), (ProposalProduct, lines), (CaseEvent, events), (AuditEntry, audits)):
        # Core executemany on the table, not the ORM bulk path: the ORM splits batches wherever
        # a row has None in another column than its neighbour (10x slower here).
        conn = session.connection()
        for start_i in range(0, len(rows), 20_000):
            conn.execute(insert(table.__table__), rows[start_i:start_i + 20_000])
    return n


def create_demo(session: Session, *, cases_per_state: int = 4, password: str = DEMO_PASSWORD,
                force_password_change: bool = True, page_files: PageFiles | None = None,
                contract_files: FileSink | None = None) -> list[DemoUser]:
    """Fill an empty store with the demo branch; returns the users created (all share `password`).

    Demo accounts share a published password, so each must choose its own at first log-in. With
    `page_files` (where page images go), the cases waiting for first entry get their scanned
    proposal form (~0.5 s a case), so the entry screens have a real page to show. With
    `contract_files`, the printed cases' contract PDFs are kept there (encrypted) as a print would.
    """
    users.init_branch(session, branch_code=DEMO_BRANCH[0], branch_name=DEMO_BRANCH[1],
                      admin_username="admin", admin_password=password,
                      must_change_password=force_password_change)
    refdata.load_dir(session, resources_dir() / "refdata")
    # One hash for all demo users: argon2 is deliberately slow, and they share the password anyway.
    shared_hash = users.hash_password(password)
    for u in DEMO_USERS[1:]:
        users.add_user(session, actor=None, username=u.username, display_name=u.name, password=password,
                       roles=u.roles, authority_level=u.authority_level, password_hash=shared_hash,
                       must_change_password=force_password_change)
    bulk_cases(session, n=cases_per_state * len(PATHS))
    demo_receipt_waits(session)
    demo_entry_rows(session)
    demo_underwriting(session)
    demo_contracts(session, contract_files)
    demo_problems(session)
    demo_stationery(session)
    if page_files is not None:
        demo_form_pages(session, page_files, states=PAPER_STATES)
    return list(DEMO_USERS)


# The cases whose paper an entry screen shows: waiting for first or second entry or reconciliation.
PAPER_STATES = (State.SCANNED, State.FIRST_ENTERED, State.SECOND_ENTERED, State.RECONCILE)
# Two slips of the second operator on the demo's cases waiting for reconciliation.
SLIPS = ("contact_phone", "legal_rep_name")


def demo_entry_rows(session: Session) -> int:
    """The keyed passes of every generated case that went through entry (Core inserts), as the
    operators of its history keyed them: the values its paper says (core.entry.demo_pages), so
    the entry and reconciliation screens, the rules and underwriting read real keyed forms. Cases
    waiting for reconciliation have two fields keyed differently, pending. Returns the cases keyed."""
    from desk_app.core import forms
    from desk_app.core.entry import demo_pages, normalise

    keyed = {"first_entry": 1, "second_entry": 2}
    histories: dict[str, dict[str, CaseEvent]] = {}
    for ev in session.scalars(select(CaseEvent).where(CaseEvent.action.in_(list(keyed)))):
        histories.setdefault(ev.proposal_id, {})[ev.action] = ev
    passes, values, fields = [], [], []
    for pid, done in sorted(histories.items()):
        proposal = session.get(Proposal, pid)
        form = forms.form_for(proposal.business_type)
        paper = normalise.normalise_all(form, demo_pages.case_form_values(session, pid))
        second = dict(paper)
        if proposal.state == State.RECONCILE.value:
            phone = second.get("contact_phone") or "13800138000"
            second["contact_phone"] = phone[:-1] + ("8" if phone.endswith("9") else "9")
            second["legal_rep_name"] = (second.get("legal_rep_name") or "王明") + "明"
        for action, pass_no in keyed.items():
            ev = done.get(action)
            if ev is None:
                continue
            pass_id = str(uuid.uuid4())
            common = {"branch_code": proposal.branch_code, "created_at": ev.at, "updated_at": ev.at, "deleted": False}
            passes.append({"id": pass_id, **common, "proposal_id": pid, "round": 1, "pass_no": pass_no,
                           "form_code": form.code, "form_version": form.version, "fields": json.dumps(list(form.keys)),
                           "operator_id": ev.actor_id, "assigned_by": None, "status": "submitted",
                           "started_at": ev.at, "submitted_at": ev.at, "keystrokes": 0, "active_ms": 0})
            typed = paper if pass_no == 1 else second
            values.extend({"id": str(uuid.uuid4()), **common, "pass_id": pass_id, "proposal_id": pid, "field_key": k,
                           "value": typed.get(k, ""), "keystrokes": len(typed.get(k, ""))} for k in form.keys)
        compared = next((e for e in session.scalars(select(CaseEvent).where(
            CaseEvent.proposal_id == pid, CaseEvent.action.in_(["compare_match", "compare_differ"])))), None)
        if compared is None:
            continue
        for k in form.keys:
            same = paper.get(k, "") == second.get(k, "")
            settled = same or proposal.state != State.RECONCILE.value
            fields.append({"id": str(uuid.uuid4()), "branch_code": proposal.branch_code, "created_at": compared.at,
                           "updated_at": compared.at, "deleted": False, "proposal_id": pid, "round": 1,
                           "field_key": k, "first_value": paper.get(k, ""), "second_value": second.get(k, ""),
                           "value": paper.get(k, "") if settled else None,
                           "outcome": "match" if same else ("first" if settled else "pending"),
                           "decided_by": None, "decided_at": compared.at if settled else None, "note": ""})
    conn = session.connection()
    for table, rows in ((EntryPass, passes), (EntryValue, values), (EntryField, fields)):
        if rows:
            conn.execute(insert(table.__table__), rows)
    return len(histories)


# Decisions the generated histories took, as the underwriting decisions they record.
_DECIDED = {"issue": "standard", "decline": "decline", "postpone": "postpone", "refer": "refer"}


def demo_underwriting(session: Session) -> int:
    """Underwriting on the generated cases: those waiting for an underwriter (校验, 核保) and those
    referred up carry the issues the underwriting rules raise on their keyed form (a case the rules
    find clean says 健康告知“有” on its paper instead, so every one has work in it); every case the
    demo underwriter decided or referred has its decision, and every issued one its policy number
    (Core inserts). Returns the policy numbers given."""
    from desk_app.core.underwriting import assess, numbering

    now = utcnow()
    code = users.branch(session).branch_code
    ids = _user_ids(session)
    levels = {u.username: u.authority_level for u in DEMO_USERS}
    waiting = list(session.scalars(select(Proposal).where(Proposal.state.in_(
        [State.VALIDATED.value, State.UNDERWRITING.value, State.REFERRED.value])).order_by(Proposal.case_no)))
    for p in waiting:
        validated = session.scalar(select(CaseEvent.at).where(CaseEvent.proposal_id == p.id,
                                                              CaseEvent.action == "validate")) or now
        if not assess.assess(session, proposal=p, now=validated):
            session.execute(update(EntryField).where(EntryField.proposal_id == p.id,
                                                     EntryField.field_key == "health_declaration")
                            .values(value="Y", first_value="Y", second_value="Y"))
            assess.assess(session, proposal=p, now=validated)
    decided = session.execute(select(CaseEvent.proposal_id, CaseEvent.action, CaseEvent.actor_id, CaseEvent.at,
                                     CaseEvent.reason, Proposal.branch_code)
                              .join(Proposal, Proposal.id == CaseEvent.proposal_id)
                              .where(CaseEvent.action.in_(list(_DECIDED))).order_by(CaseEvent.at)).all()
    by_id = {v: k for k, v in ids.items()}
    rows, issued = [], []
    seqs: dict[str, int] = {}
    for pid, action, actor_id, at, reason, branch in decided:
        seqs[pid] = seqs.get(pid, 0) + 1
        rows.append({"id": str(uuid.uuid4()), "branch_code": branch, "created_at": at, "updated_at": at,
                     "deleted": False, "proposal_id": pid, "seq": seqs[pid], "decision": _DECIDED[action],
                     "loading_percent": None, "exclusion": "", "reason": reason or "",
                     "actor_id": actor_id, "authority_level": levels.get(by_id.get(actor_id, ""), 0),
                     "org_code": code, "at": at})
        if action == "issue":
            issued.append((pid, actor_id, at))
    numbers = numbering.bulk_rows(session, issued, org_code=code, branch_code=code)
    conn = session.connection()
    for table, batch in ((UwDecision, rows), (PolicyNumber, numbers)):
        if batch:
            conn.execute(insert(table.__table__), batch)
    return len(numbers)


def demo_receipt_waits(session: Session, *, now: dt.datetime | None = None) -> None:
    """Two printed cases whose receipt is long awaited: printed 16 days ago (a warning) and 21 days
    ago (overdue), their whole history that far back."""
    now = now or utcnow()
    for days, seed in ((16, 21), (21, 22)):
        bulk_cases(session, n=1, states=[State.PRINTED], seed=seed, now=now - dt.timedelta(days=days), spread_days=3)


DEMO_BOX = "DEMO-01"


def demo_contracts(session: Session, files: FileSink | None = None) -> int:
    """The contract prints of the printed, receipted and archived cases (the real PDF, content hash
    and pages; the PDF kept in `files` when given), at the time and by the preparer of their
    print step; the archived ones filed in box DEMO-01. Returns the prints made."""
    from desk_app.core.contracts import content, render

    rows = session.execute(
        select(CaseEvent.proposal_id, CaseEvent.actor_id, CaseEvent.at, Proposal.branch_code, Proposal.state)
        .join(Proposal, Proposal.id == CaseEvent.proposal_id)
        .where(CaseEvent.action == "print_contract").order_by(CaseEvent.at)).all()
    prints, boxed = [], []
    for pid, actor_id, at, branch, state in rows:
        data = content.contract_data(session, pid)
        digest = content.content_hash(data)
        out = render.render(data, content_hash=digest, print_seq=1)
        pdf_digest = files.put(out.pdf) if files is not None else hashlib.sha256(out.pdf).hexdigest()
        base = {"branch_code": branch, "created_at": at, "updated_at": at, "deleted": False, "proposal_id": pid}
        prints.append({**base, "id": str(uuid.uuid4()), "policy_no": data.policy_no, "print_seq": 1,
                       "content_hash": digest, "pdf_digest": pdf_digest, "pages": out.pages, "printer": "",
                       "copies": 1, "reprint_id": None, "printed_by": actor_id, "printed_at": at})
        if state == State.ARCHIVED.value:
            filed = session.execute(select(CaseEvent.actor_id, CaseEvent.at).where(
                CaseEvent.proposal_id == pid, CaseEvent.action == "archive")).one()
            boxed.append({**base, "id": str(uuid.uuid4()), "box_no": DEMO_BOX, "position": len(boxed) + 1,
                          "archived_by": filed.actor_id, "archived_at": filed.at, "created_at": filed.at,
                          "updated_at": filed.at})
    conn = session.connection()
    for table, batch in ((ContractPrint, prints), (ArchiveEntry, boxed)):
        if batch:
            conn.execute(insert(table.__table__), batch)
    return len(prints)


def demo_form_pages(session: Session, page_files: PageFiles, *, states: tuple[State, ...]) -> int:
    """Scan the proposal form of every group case in these states (rendered from the form
    definition and the case's values, see core.entry.demo_pages); returns the pages stored."""
    from desk_app.core.entry import demo_pages

    ids = list(session.scalars(select(Proposal.id).where(Proposal.state.in_([s.value for s in states]),
                                                         Proposal.business_type == "GROUP",
                                                         Proposal.deleted.is_(False)).order_by(Proposal.case_no)))
    return demo_pages.store_demo_forms(session, page_files, actor=users.actor_for(session, "scanner"),
                                       proposal_ids=ids)


# The demo's problem cases, per case at 问题件 in turn: what their handler sees first.
PROBLEM_KINDS = ("open", "noticed", "overdue", "replied")
PROBLEM_ITEMS = (("R008", "保费合计与按费率表重算的保费不符，请核对各险种人数与保障等级。", "premium_total", "rule"),
                 ("R004", "投保日期应为生效日期的前一天。", "proposal_date", "rule"),
                 ("scan.seal.insured_list", "被保险人清单未加盖单位公章（缺章页：第1页）", None, "scan_qc"),
                 ("MANUAL", "投保单位名称与公章不一致，请业务员核实。", "applicant_name", "manual"))


def demo_problems(session: Session, *, now: dt.datetime | None = None) -> int:
    """Problem cases on the demo's cases at 问题件 (open, noticed, overdue, replied in turn) and a
    resolved one on a case at 校验, dated back from now (Core inserts); returns how many."""
    from desk_app.core.problems import clock as due_clock
    from desk_app.core.problems.numbering import PREFIX

    now = now or utcnow()
    ids = _user_ids(session)
    code = users.branch(session).branch_code
    problem = list(session.execute(select(Proposal.id, Proposal.agent_code).where(
        Proposal.state == State.PROBLEM.value).order_by(Proposal.case_no)))
    validated = session.execute(select(Proposal.id, Proposal.agent_code).where(
        Proposal.state == State.VALIDATED.value).order_by(Proposal.case_no).limit(1)).all()
    plan = [(pid, agent, PROBLEM_KINDS[i % len(PROBLEM_KINDS)]) for i, (pid, agent) in enumerate(problem)]
    plan += [(pid, agent, "resolved") for pid, agent in validated]
    cases, items, events, audits = [], [], [], []
    day = now.astimezone(due_clock.BRANCH_TZ)
    for n, (pid, agent, kind) in enumerate(plan, start=1):
        # Raised a few days back; the overdue one was noticed nine calendar days ago (past five working days).
        raised = now - dt.timedelta(days={"open": 1, "noticed": 3, "overdue": 10, "replied": 6, "resolved": 8}[kind])
        noticed = raised + dt.timedelta(hours=2) if kind != "open" else None
        due = due_clock.due_at(noticed, due_clock.DEFAULT_DUE_DAYS) if noticed else None
        replied = noticed + dt.timedelta(days=2) if kind in ("replied", "resolved") and noticed else None
        closed = replied + dt.timedelta(hours=3) if kind == "resolved" and replied else None
        status = {"overdue": "noticed"}.get(kind, kind)
        problem_id = str(uuid.uuid4())
        base = {"branch_code": code, "created_at": raised, "updated_at": closed or replied or noticed or raised,
                "deleted": False}
        cases.append(base | {"id": problem_id, "proposal_id": pid, "problem_no": f"{PREFIX}{code}{day:%Y%m%d}{9000 + n}",
                             "status": status, "source": "rules", "raised_by": ids["entry1"], "raised_at": raised,
                             "due_at": due, "noticed_at": noticed, "replied_at": replied, "closed_at": closed,
                             "agent_code": agent, "reopened": 0})
        for icode, text, field, source in PROBLEM_ITEMS[:1 + n % 3]:
            items.append(base | {"id": str(uuid.uuid4()), "problem_id": problem_id, "proposal_id": pid, "code": icode,
                                 "description": text, "field_key": field, "source": source,
                                 "status": "resolved" if kind == "resolved" else "open"})
        steps = [("raise", "entry1", raised, "校验未通过")]
        steps += [("notice", "problem", noticed, "")] if noticed else []
        steps += [("reply", "scanner", replied, "")] if replied else []
        steps += [("resolve", "problem", closed, "业务员补交材料，已核对")] if closed else []
        for seq, (action, who, at, reason) in enumerate(steps, start=1):
            events.append({"id": str(uuid.uuid4()), "branch_code": code, "created_at": at, "updated_at": at,
                           "deleted": False, "problem_id": problem_id, "proposal_id": pid, "seq": seq,
                           "action": action, "actor_id": ids[who], "at": at, "reason": reason, "detail": "{}"})
            audits.append({"id": str(uuid.uuid4()), "branch_code": code, "created_at": at, "updated_at": at,
                           "deleted": False, "at": at, "user_id": ids[who], "username": who,
                           "action": f"problem.{action}", "target_type": "problem_case", "target_id": problem_id,
                           "detail": json.dumps({"problem_no": cases[-1]["problem_no"], "reason": reason},
                                                ensure_ascii=False, sort_keys=True)})
    if not cases:
        return 0
    audits.sort(key=lambda a: a["at"])
    audits = audit.chain(session, audits)
    conn = session.connection()
    for table, rows in ((ProblemCase, cases), (ProblemItem, items), (ProblemEvent, events), (AuditEntry, audits)):
        conn.execute(insert(table.__table__), rows)
    return len(cases)


def demo_stationery(session: Session) -> None:
    """Receive the demo batch and issue ranges, so the demo clerk can do an intake at once."""
    boss = users.actor_for(session, "super")
    batch_no, first, last = DEMO_STATIONERY_BATCH
    stationery.receive_batch(session, actor=boss, batch_no=batch_no, first=first, last=last)
    for holder, lo, hi in DEMO_STATIONERY_ISSUED:
        stationery.issue_range(session, actor=boss, first=lo, last=hi, holder=holder)
