"""Real scanned proposal-form pages for demo cases: the paper the entry operators key from.

A demo case's paper carries what its proposal row holds (applicant, products, premium, dates...)
plus the fields the row does not keep (unit nature, address, legal representative...), made up
from the proposal number so the same case always shows the same paper. The pages are rendered
from the form definition, stamped with the unit's seal, lightly skewed and noised like a scan,
and stored through the scanning station's own processing and indexing (the form's barcode, or
the case number given), so they are pages like any scanned ones.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session
from stdnum.cn import ric

from desk_app.core.entry import formimage
from desk_app.core.forms import FormDef, form_for
from desk_app.core.roles import Actor
from desk_app.core.scanning import service
from desk_app.store.models import Proposal, ProposalProduct

_AREAS = ["广东省广州市", "广东省佛山市", "广东省深圳市", "广东省东莞市", "广东省珠海市", "广东省中山市"]
_STREETS = ["天河路385号", "建设大马路12号", "南海大道2163号", "长安镇振安中路88号", "港湾大道9号", "火炬开发区逸仙路6号"]
_PEOPLE = ["王建国", "赵永明", "钱立华", "孙海涛", "周文斌", "冯志强", "郭美玲", "何俊杰"]


def _money(v: Decimal | None) -> str:
    return "" if v is None else f"{Decimal(v):.2f}"


def _ratio(v: Decimal | None) -> str:
    return "" if v is None else f"{Decimal(v).normalize():f}"


def case_form_values(session: Session, proposal_id: str, *, seed: int = 0) -> dict[str, str]:
    """What the case's paper proposal form says, by field key (the values a correct entry keys).

    Fields the proposal row keeps come from it; the others are made up from the proposal number
    and `seed`, the same on every call."""
    p = session.get(Proposal, proposal_id)
    if p is None:
        raise KeyError(proposal_id)
    lines = session.scalars(select(ProposalProduct).where(ProposalProduct.proposal_id == proposal_id,
                                                          ProposalProduct.deleted.is_(False))
                            .order_by(ProposalProduct.line_no)).all()
    rng = random.Random(f"{p.proposal_no}:{seed}")
    area = rng.choice(_AREAS)
    body = "110105" + f"{rng.randrange(1965, 2000)}{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}" \
        f"{rng.randrange(0, 1000):03d}"
    values = {
        "applicant_name": p.applicant_name, "applicant_credit_code": p.applicant_credit_code or "",
        "unit_nature": rng.choice(["enterprise", "enterprise", "state_owned", "public_institution"]),
        "industry_code": p.industry_code or "", "business_area": area,
        "total_assets": f"{rng.randrange(100, 50_000) * 10_000}.00", "employee_count": str(p.insured_count + rng.randrange(0, 40)),
        "unit_address": area + rng.choice(_STREETS), "legal_rep_name": rng.choice(_PEOPLE),
        "contact_name": p.contact_name or "", "contact_id_no": body + ric.calc_check_digit(body + "0"),
        "contact_phone": p.contact_phone or "", "business_source": p.business_source,
        "intermediary_code": p.intermediary_code or "", "commission_ratio": _ratio(p.commission_ratio),
        "agent_code": p.agent_code or "", "insured_count": str(p.insured_count), "term_months": str(p.term_months),
        "premium_total": _money(p.premium_total), "payer_bank_account": p.payer_bank_account or "",
        "proposal_date": p.proposal_date.isoformat() if p.proposal_date else "",
        "effective_date": p.effective_date.isoformat() if p.effective_date else "",
        "health_declaration": "N", "price_inquiry_no": f"XJ{p.proposal_no[-6:]}" if rng.random() < 0.4 else "",
        "special_agreements": p.special_agreements or "无",
        "applicant_id_no": p.applicant_id_no or "",
    }
    for line in lines:
        n = line.line_no  # the form has three product rows; a row beyond them is not on the paper
        # The form asks the sum insured per person (the benefit level's); the case row keeps the line's total.
        each = line.sum_insured / p.insured_count if p.insured_count else line.sum_insured
        values |= {f"product_{n}_code": line.product_code, f"product_{n}_level": line.benefit_level,
                   f"product_{n}_sum_insured": _money(each), f"product_{n}_premium": _money(line.premium)}
    form = form_for(p.business_type)
    return {k: v for k, v in values.items() if k in form.keys}


def scanned_form_pages(form: FormDef, values: Mapping[str, str], *, case_no: str = "", proposal_no: str = "",
                       seed: int = 0, dpi: int = 200, sealed: bool = True, quality: int = 80) -> list[bytes]:
    """JPEG files (with their resolution) of the form's pages filled in with `values`, as a scanner
    returns them: seal stamped over 投保单位（公章） when `sealed`, a lean under 1.5°, a shift, blur
    and noise. Ready for `scanning.service.process_file` and `store_batch`."""
    rng = random.Random(f"scan:{proposal_no}:{seed}")
    out = []
    for page in range(1, form.pages + 1):
        img = formimage.render_form_page(form, values, page=page, dpi=dpi, proposal_no=proposal_no,
                                         case_no=case_no, seed=seed)
        if sealed and page == form.pages and values.get("applicant_name"):
            img = formimage.stamp_seal(img, formimage.seal_centre_mm(form), values["applicant_name"], dpi=dpi,
                                       seed=seed)
        scan = formimage.simulate_scan(img, angle_deg=rng.uniform(-1.5, 1.5), shift_px=(rng.uniform(-12, 12),
                                       rng.uniform(-12, 12)), blur=0.6, noise=5.0, seed=seed + page)
        out.append(formimage.encode_jpeg(scan, dpi=dpi, quality=quality))
    return out


def store_case_form(session: Session, files_to: service.PageFiles, *, actor: Actor, proposal_id: str,
                    values: Mapping[str, str] | None = None, seed: int = 0) -> list[service.PageOutcome]:
    """Scan the case's proposal form into its pages (in the caller's transaction), with `values`
    or else the paper of `case_form_values`; the pages are indexed by the form's barcode."""
    p = session.get(Proposal, proposal_id)
    if p is None:
        raise KeyError(proposal_id)
    form = form_for(p.business_type)
    if values is None:
        values = case_form_values(session, proposal_id, seed=seed)
    files = [service.process_file(f"{p.proposal_no}-{i}.jpg", data)
             for i, data in enumerate(scanned_form_pages(form, values, proposal_no=p.proposal_no, seed=seed,
                                                         sealed=p.business_type == "GROUP"), start=1)]
    return service.store_batch(session, files_to, actor=actor, files=files, case=p.case_no,
                               label=f"演示投保单 {p.proposal_no}")


def store_demo_forms(session: Session, files_to: service.PageFiles, *, actor: Actor,
                     proposal_ids: Sequence[str], seed: int = 0) -> int:
    """`store_case_form` for each case; returns the number of pages stored."""
    return sum(len(store_case_form(session, files_to, actor=actor, proposal_id=pid, seed=seed))
               for pid in proposal_ids)
