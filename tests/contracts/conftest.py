"""Issued cases with their policy numbers (and, for group business, an insured list) on the demo store."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from sqlalchemy import select, update

from desk_app import clock
from desk_app.core.demo import demo_resident_id
from desk_app.core.insured.store import save_list
from desk_app.core.underwriting import numbering
from desk_app.core.users import branch
from desk_app.core.workflow import State
from desk_app.store.db import Store
from desk_app.store.models import ContractPrint, PolicyNumber, Proposal, ProposalProduct, User

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红玉梅晓东海波宁辉鹏飞雪琳婷颖晨旭"


def persons(n: int, seed: int = 5) -> list[dict]:
    """`n` insured people with distinct names and valid resident IDs (GTL01 level A)."""
    rng = random.Random(seed)
    out, names = [], set()
    while len(out) < n:
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
        if name in names:
            continue
        names.add(name)
        id_no = demo_resident_id(rng)
        out.append({"row_no": len(out) + 2, "name": name, "id_type": "resident_id", "id_no": id_no,
                    "gender": "M" if int(id_no[16]) % 2 else "F", "birth_date": None, "relation": "employee",
                    "occupation_code": None, "occupation_class": 1, "product_code": "GTL01", "benefit_level": "A",
                    "sum_insured": Decimal("100000"), "premium": Decimal("120") + Decimal(len(out) % 7),
                    "phone": None})
    return out


def issued_case(store: Store, *, people: int = 0, seed: int = 5, skip: int = 0) -> str:
    """An issued demo case not printed yet, with its policy number; with `people`, its insured list
    of that many persons (the case's totals and product line made to agree with it)."""
    now = clock.now()
    with store.transaction() as session:
        printed = select(ContractPrint.proposal_id)
        pid = session.scalars(select(Proposal.id).where(Proposal.state == State.ISSUED.value,
                                                        Proposal.id.not_in(printed))
                              .order_by(Proposal.case_no).offset(skip).limit(1)).first()
        assert pid is not None, "the demo store has too few issued cases"
        p = session.get(Proposal, pid)
        uw = session.scalar(select(User.id).where(User.username == "uw"))
        if session.scalar(select(PolicyNumber.id).where(PolicyNumber.proposal_id == pid)) is None:
            numbering.assign(session, proposal_id=pid, org_code=branch(session).branch_code, actor_id=uw, now=now,
                             branch_code=p.branch_code)
        if people:
            rows = persons(people, seed)
            si = sum((r["sum_insured"] for r in rows), Decimal("0"))
            pr = sum((r["premium"] for r in rows), Decimal("0"))
            save_list(session, proposal_id=pid, branch_code=p.branch_code, actor_id=uw, file_name="list.xlsx",
                      file_digest="0" * 64, sheet="Sheet1", mapping={}, persons=rows, sum_insured_total=si,
                      premium_total=pr, warnings=[], now=now)
            p.insured_count, p.sum_insured_total, p.premium_total = people, si, pr
            session.execute(update(ProposalProduct).where(ProposalProduct.proposal_id == pid).values(
                product_code="GTL01", benefit_level="A", sum_insured=si, premium=pr))
    return pid


@pytest.fixture
def group_1000(demo_store: Store) -> str:
    return issued_case(demo_store, people=1000)
