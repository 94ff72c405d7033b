"""Insured-list files made by the tests (openpyxl, csv in GBK or UTF-8) and the demo cases they fit."""

from __future__ import annotations

import csv
import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from stdnum.iso7064 import mod_11_2

from desk_app import clock
from desk_app.store.models import BenefitLevel, Proposal, ProposalProduct

HEADER = ["序号", "姓名", "证件号码", "性别", "出生日期", "与员工关系", "职业代码", "保障等级", "保费", "电话"]


def resident_id(rng: random.Random, *, male: bool | None = None, born: dt.date | None = None,
                region: str = "110105") -> str:
    """A valid resident ID (Beijing Chaoyang: a county code valid for every birth year) born between 1965
    and 2003 unless told."""
    born = born or dt.date(rng.randrange(1965, 2004), rng.randrange(1, 13), rng.randrange(1, 29))
    seq = rng.randrange(0, 100) * 10 + (rng.randrange(0, 5) * 2 + (1 if (male if male is not None
                                                                        else rng.random() < .5) else 0))
    body = f"{region}{born:%Y%m%d}{seq:03d}"
    return body + mod_11_2.calc_check_digit(body)


@dataclass(frozen=True)
class Case:
    proposal_id: str
    case_no: str
    product: str
    level: str
    count: int
    premium_each: Decimal
    premium_total: Decimal


def case_in(store, state: str, index: int = 0) -> Case:
    """A demo group case in `state` with one product line (its list must match its figures)."""
    with store.reading() as s:
        rows = s.execute(
            select(Proposal, ProposalProduct.product_code, ProposalProduct.benefit_level,
                   BenefitLevel.premium_per_person)
            .join(ProposalProduct, ProposalProduct.proposal_id == Proposal.id)
            .join(BenefitLevel, (BenefitLevel.product_code == ProposalProduct.product_code)
                  & (BenefitLevel.level == ProposalProduct.benefit_level))
            .where(Proposal.state == state, Proposal.business_type == "GROUP")
            .order_by(Proposal.case_no)).all()
        p, product, level, each = rows[index]
        return Case(p.id, p.case_no, product, level, p.insured_count, each, p.premium_total)


def set_figures(store, case: Case, *, count: int, premium_total: Decimal, keyed: bool = True) -> Case:
    """The case registered, and keyed where its form was already compared, with these figures (a
    test's own case, fixed up as the counter and the entry operators would have it; `keyed=False`:
    the counter's figures only)."""
    from sqlalchemy import update

    from desk_app.store.models import EntryField

    figures = {"insured_count": str(count), "premium_total": f"{premium_total:.2f}"}
    with store.transaction() as s:
        s.execute(update(Proposal).where(Proposal.id == case.proposal_id)
                  .values(insured_count=count, premium_total=premium_total))
        for key, value in (figures.items() if keyed else ()):
            s.execute(update(EntryField).where(EntryField.proposal_id == case.proposal_id, EntryField.field_key == key,
                                               EntryField.value.is_not(None))
                      .values(value=value, first_value=value, second_value=value))
    return Case(case.proposal_id, case.case_no, case.product, case.level, count, case.premium_each, premium_total)


def people(case: Case, n: int | None = None, seed: int = 1) -> list[list[Any]]:
    """n good rows for the case (its product level and premium each)."""
    rng = random.Random(seed)
    n = case.count if n is None else n
    out, seen = [], set()
    relations = ["员工"] * 6 + ["配偶", "子女", "父母"]
    while len(out) < n:
        male = rng.random() < .5
        pid = resident_id(rng, male=male)
        if pid in seen:
            continue
        seen.add(pid)
        born = dt.date(int(pid[6:10]), int(pid[10:12]), int(pid[12:14]))
        out.append([len(out) + 1, f"测试{len(out) + 1:05d}", pid, "男" if male else "女", born,
                    rng.choice(relations), "I65", case.level, str(case.premium_each),
                    f"139{rng.randrange(10**7, 10**8)}"])
    return out


def write_xlsx(path: Path, rows: list[list[Any]], *, header: list[str] | None = None, title: bool = True,
               sheet: str = "被保险人清单", text_ids: bool = True) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    header = header or HEADER
    if title:
        ws.append(["广州市天河科技有限公司 被保险人清单"])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
        ws.append([f"制表日期：{clock.today().isoformat()}"])
    ws.append(header)
    for r in rows:
        ws.append(r)
    if text_ids:
        col = header.index("证件号码") + 1 if "证件号码" in header else None
        if col:
            for row in ws.iter_rows(min_col=col, max_col=col):
                row[0].number_format = "@"
    wb.save(path)
    return path


def write_csv(path: Path, rows: list[list[Any]], *, header: list[str] | None = None, encoding: str = "gbk") -> Path:
    with open(path, "w", encoding=encoding, newline="") as f:
        w = csv.writer(f)
        w.writerow(header or HEADER)
        for r in rows:
            w.writerow([v.isoformat() if isinstance(v, dt.date) else v for v in r])
    return path


def counts(store) -> dict[str, int]:
    """Rows of every table an import writes (the list, its people, the outbox, the audit log, mappings)."""
    from sqlalchemy import func

    from desk_app.store.models import AuditEntry, InsuredColumnMapping, InsuredList, InsuredPerson, SyncOutbox

    with store.reading() as s:
        return {m.__tablename__: s.scalar(select(func.count()).select_from(m)) or 0
                for m in (InsuredList, InsuredPerson, SyncOutbox, AuditEntry, InsuredColumnMapping)}
