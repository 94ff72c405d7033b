"""The rules never crash on odd values: random strings, dates and numbers in every field, and odd
insured rows, give findings, never an exception."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desk_app.core import forms
from desk_app.core.rules import runner
from desk_app.core.rules.facts import Insured
from tests.rules.conftest import group_values, individual_values, make_facts

EXAMPLES = 1500 if os.environ.get("BRANCHDESK_FULL_SLOW") else 200

ODD_TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", "无", " ", "0", "-1", "1e30", "NaN", "Infinity", "9" * 40, "2026-02-30", "0000-00-00",
                     "12.345", "１２３", "%", "100%", "-0.00", "\x00", "‮", "C", "Z99", "A" * 300]),
    st.integers(-10**20, 10**20).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(dt.date.isoformat),
)
KEYS = sorted({f.key for form in forms.all_forms().values() for f in form.fields})

insured_rows = st.lists(st.builds(
    Insured, row_no=st.integers(-5, 10**6), name=st.text(max_size=10), id_no=ODD_TEXT,
    gender=st.sampled_from([None, "M", "F", "X"]), birth_date=st.one_of(st.none(), st.dates()),
    relation=st.text(max_size=5), product_code=st.one_of(st.none(), st.sampled_from(["GTL01", "GAC01", "ZZZ"])),
    benefit_level=st.one_of(st.none(), st.sampled_from(["A", "B", "Q", ""])),
    premium=st.one_of(st.none(), st.decimals(allow_nan=False, allow_infinity=False, places=2).map(Decimal))),
    max_size=6)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changes=st.dictionaries(st.sampled_from(KEYS), ODD_TEXT, max_size=8), insured=insured_rows,
       individual=st.booleans(), has_list=st.booleans())
def test_any_values_give_findings_never_an_exception(refs, changes, insured, individual, has_list):
    if individual:
        facts = make_facts(refs, {**individual_values(), **changes}, business_type="INDIVIDUAL", insured=())
    else:
        facts = make_facts(refs, {**group_values(), **changes}, insured=tuple(insured), has_list=has_list)
    for finding in runner.run(facts, strict=True):
        assert finding.message and len(finding.message) < 400, finding
