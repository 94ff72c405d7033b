"""Each normalisation, and two passes keyed in different formats comparing equal (or not)."""

from __future__ import annotations

import pytest

from desk_app.core.entry.compare import compare_values
from desk_app.core.entry.normalise import normalise
from desk_app.core.forms import form

GROUP = form("GROUP_PROPOSAL")


@pytest.mark.parametrize(("key", "keyed", "kept"), [
    ("applicant_name", "  广州市　天河  科技有限公司 ", "广州市天河科技有限公司"),  # full-width space, runs
    ("applicant_name", "ＡＢＣ　Ｃｏ．，Ｌｔｄ", "ABC Co.,Ltd"),  # full-width letters
    ("contact_id_no", "11010519491231002x", "11010519491231002X"),  # ID check letter case
    ("contact_id_no", "１１０１０５ １９４９１２３１ ００２Ｘ", "11010519491231002X"),
    ("applicant_credit_code", "91350100m000100y43", "91350100M000100Y43"),
    ("proposal_date", "2026/1/5", "2026-01-05"),
    ("proposal_date", "2026.01.05", "2026-01-05"),
    ("proposal_date", "20260105", "2026-01-05"),
    ("proposal_date", "2026年1月5日", "2026-01-05"),
    ("proposal_date", "2026-02-30", "2026-02-30"),  # not a date: kept as keyed, the checks mark it
    ("premium_total", "1,234.5", "1234.50"),
    ("premium_total", "￥1234.50", "1234.50"),
    ("premium_total", "1234.50元", "1234.50"),
    ("premium_total", "¥ 1234.5 ", "1234.50"),
    ("commission_ratio", "15%", "15"),
    ("commission_ratio", "15", "15"),
    ("commission_ratio", "15.0", "15"),
    ("commission_ratio", "0.15", "0.15"),  # a fraction is not guessed into 15 %: the check warns
    ("contact_phone", "138-0013-8000", "13800138000"),
    ("contact_phone", "+86 138 0013 8000", "13800138000"),
    ("contact_phone", "(020) 8888-1234", "02088881234"),
    ("industry_code", "i65", "I65"),
    ("agent_code", " ag 1001", "AG1001"),
    ("business_source", "直销", "direct"),  # a choice keyed by its label
    ("business_source", "DIRECT", "direct"),
    ("health_declaration", "n", "N"),
    ("employee_count", "1,200", "1200"),
    ("payer_bank_account", "6222 0212 3456 7890", "6222021234567890"),
    ("special_agreements", "无", "无"),
])
def test_normalise(key, keyed, kept):
    assert normalise(GROUP.field(key), keyed, GROUP) == kept


def test_comparison_equal_after_normalising_and_differing_otherwise():
    first = {"premium_total": "6000", "proposal_date": "2026-01-05", "commission_ratio": "15",
             "contact_name": "李红", "contact_id_no": "11010519491231002X"}
    second = {"premium_total": "6,000.00元", "proposal_date": "2026/1/5", "commission_ratio": "0.15",
              "contact_name": "李 红", "contact_id_no": "11010519491231002x"}
    out = {o.key: o for o in compare_values(GROUP, tuple(first), first, second)}
    assert {k for k, o in out.items() if o.equal} == {"premium_total", "proposal_date", "contact_name",
                                                      "contact_id_no"}
    assert (out["commission_ratio"].first, out["commission_ratio"].second) == ("15", "0.15")
    # One pass empty, the other filled: a difference, never settled silently.
    assert not compare_values(GROUP, ("contact_name",), {"contact_name": ""}, {"contact_name": "李红"})[0].equal
