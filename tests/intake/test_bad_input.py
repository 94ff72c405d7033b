"""Every mistake a person or a file can make at the counter: one Chinese sentence, nothing changed.

Through the real intake service and the real command line (in process: `desk_app.cli.main`), on a
copy of the demo store; after every refusal the store's rows and its file folder are as before.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desk_app.cli import main
from desk_app.core.demo import DEMO_PASSWORD
from desk_app.errors import Refusal
from desk_app.services.intake import read_description, take_in
from desk_app.services.intake_description import request_from_json
from tests.factories import effective_date
from tests.intake.helpers import NUMBER, draft, request, snapshot

CJK = re.compile(r"[\u4e00-\u9fff]")
NOT_FOR_A_PERSON = re.compile(r"Traceback|Error\(|<class|Exception|InvalidOperation|KeyError|\bNone\b")


def files(store) -> list[str]:
    return sorted(str(p.relative_to(store.path.parent)) for p in (store.path.parent / "files").rglob("*")
                  if p.is_file())


def state(store) -> tuple:
    return snapshot(store), files(store)


def assert_one_sentence(message: str) -> None:
    assert message and CJK.search(message), message
    assert not NOT_FOR_A_PERSON.search(message), message
    assert len(message) < 400, f"{len(message)} characters: {message[:100]}…"


def description(**changes) -> dict:
    d = draft()
    data = {"proposal_no": d.proposal_no, "business_type": d.business_type, "applicant_name": d.applicant_name,
            "applicant_credit_code": d.applicant_credit_code, "industry_code": d.industry_code,
            "business_source": d.business_source, "agent_code": d.agent_code, "insured_count": d.insured_count,
            "effective_date": effective_date().isoformat(),
            "products": [{"product_code": p.product_code, "benefit_level": p.benefit_level,
                          "sum_insured": str(p.sum_insured), "premium": str(p.premium)} for p in d.products],
            "checklist": "all", "outcome": "accept"}
    return data | changes


def refuse(store, actor, data) -> str:
    """The refusal of a description through the service; the store must be untouched."""
    before = state(store)
    with pytest.raises(Refusal) as info:
        take_in(store, actor=actor, request=request_from_json(data))
    assert state(store) == before
    assert_one_sentence(info.value.message)
    return info.value.message


MALFORMED = {
    "null name": ({"applicant_name": None}, "投保单位"),
    "list for a word": ({"business_type": ["GROUP"]}, "业务类型"),
    "sum of 1e30": ({"products": [{"product_code": "GTL01", "benefit_level": "A", "sum_insured": 1e30,
                                   "premium": "2400"}]}, "保额"),
    "NaN premium": ({"premium_total": "NaN"}, "保费合计"),
    "Infinity premium": ({"premium_total": "Infinity"}, "保费合计"),
    "insured count 1e30": ({"insured_count": 1e30}, "被保险人数"),
    "2.7 persons": ({"insured_count": 2.7}, "整数"),
    "year 9999": ({"effective_date": "9999-12-31"}, "生效日期"),
    "term of 100,000 months": ({"term_months": 100_000}, "保险期间"),
    "term of -12 months": ({"term_months": -12}, "保险期间"),
    "term of 0 months": ({"term_months": 0}, "保险期间"),
    "object as special agreements": ({"special_agreements": {"a": 1}}, "特别约定"),
    "missing number": ({"proposal_no": None}, "投保单号"),
    "megabyte name": ({"applicant_name": "广" * 1_000_000}, "太长"),
    "NUL in the name": ({"applicant_name": "广州\x00天河科技有限公司"}, "控制字符"),
    "ESC in the name": ({"applicant_name": "广州\x1b[31m天河"}, "控制字符"),
    "right-to-left override": ({"applicant_name": "广州\u202e司公限有"}, "控制字符"),
    "a century ahead": ({"effective_date": "2126-01-01"}, "生效日期"),
    "unknown key": ({"fax": "x" * 10_000}, "不认识"),
    "checklist as a word": ({"checklist": "most"}, "材料清单"),
    "unknown outcome": ({"outcome": "maybe"}, "受理结果"),
}


@pytest.mark.parametrize("case", list(MALFORMED), ids=list(MALFORMED))
def test_a_malformed_description_is_one_sentence_naming_the_field(demo_store, actors, case):
    change, field = MALFORMED[case]
    data = description(**change)
    if data.get("proposal_no") is None:
        del data["proposal_no"]
    message = refuse(demo_store, actors["clerk"], data)
    assert field in message, message
    assert "广广广广" not in message  # a huge value is never echoed back


def test_full_width_and_lower_case_codes_are_the_same_code(demo_store, actors):
    """The duplicate check sees the value the store keeps: full-width digits and lower case are
    the same credit code, so the second intake is held as a possible duplicate."""
    first = take_in(demo_store, actor=actors["clerk"], request=request(demo_store)).value
    code = draft().applicant_credit_code
    wide = "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in code.lower())
    again = dataclasses.replace(draft(proposal_no="T440100002", applicant_credit_code=wide))
    message = refuse(demo_store, actors["clerk"], description(proposal_no="T440100002", applicant_credit_code=wide))
    assert "疑似重复投保" in message and first.result.case_no in message
    taken = take_in(demo_store, actor=actors["clerk"],
                    request=dataclasses.replace(request(demo_store, again), confirm_duplicates=True)).value
    with demo_store.reading() as s:
        from desk_app.store.models import Proposal

        assert s.get(Proposal, taken.result.proposal_id).applicant_credit_code == code  # kept as NFKC, upper


def test_a_short_credit_code_says_its_length(demo_store, actors):
    message = refuse(demo_store, actors["clerk"], description(applicant_credit_code="91440101"))
    assert "应为 18 位" in message and "8 位" in message


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(field=st.sampled_from(sorted(description())), value=json_values)
def test_any_value_in_any_field_is_a_result_or_one_sentence(demo_store, actors, field, value):
    data = description() | {field: value}
    before = state(demo_store)
    try:  # a value that happens to be valid (an insured count of 5) is taken in: that is a result
        take_in(demo_store, actor=actors["clerk"], request=request_from_json(data))
    except Refusal as exc:  # anything but a Refusal fails the test with its traceback
        assert_one_sentence(exc.message)
        assert state(demo_store) == before


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=json_values)
def test_any_json_document_is_refused_in_one_sentence(demo_store, actors, doc):
    before = state(demo_store)
    with pytest.raises(Refusal) as info:
        take_in(demo_store, actor=actors["clerk"], request=request_from_json(doc))
    assert_one_sentence(info.value.message)
    assert state(demo_store) == before


def run_cli(demo_store, capsys, path: Path) -> tuple[int, str]:
    import io
    import sys

    data_dir = demo_store.path.parent
    stdin, sys.stdin = sys.stdin, io.StringIO(DEMO_PASSWORD + "\n")
    try:
        code = main(["--data-dir", str(data_dir), "intake", "--json", str(path), "--as", "clerk",
                     "--password-stdin"])
    finally:
        sys.stdin = stdin
    return code, capsys.readouterr().err


@pytest.mark.parametrize("kind", ["dev_zero", "folder", "deep_array", "not_json", "latin1", "too_big"])
def test_files_that_are_no_description_are_refused_by_the_command_line(demo_store, capsys, tmp_path, kind):
    path = {"dev_zero": Path("/dev/zero"), "folder": tmp_path}.get(kind, tmp_path / "case.json")
    if kind == "deep_array":
        path.write_text("[" * 200_000 + "]" * 200_000)
    elif kind == "not_json":
        path.write_text("proposal_no: T440100001", encoding="utf-8")
    elif kind == "latin1":
        path.write_bytes(json.dumps(description(applicant_name="Société Générale"), ensure_ascii=False).encode("latin-1"))
    elif kind == "too_big":
        path.write_text(json.dumps(description(special_agreements="无" * 2_000_000), ensure_ascii=False))
    if kind == "dev_zero" and not path.exists():
        pytest.skip("no /dev/zero here")
    before = state(demo_store)
    code, err = run_cli(demo_store, capsys, path)
    assert code == 2 and err.startswith("错误：") and err.count("\n") == 1, err
    assert_one_sentence(err)
    assert state(demo_store) == before


def test_a_description_with_a_byte_order_mark_is_read(demo_store, capsys, tmp_path):
    path = tmp_path / "case.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(description(), ensure_ascii=False).encode("utf-8"))
    assert read_description(path).draft.proposal_no == NUMBER
    code, err = run_cli(demo_store, capsys, path)
    assert code == 0, err


@pytest.mark.parametrize("account", ["1234567890123456789012345",  # a 25-digit corporate account
                                     "6222021234567890127"])  # 19 digits failing the card's Luhn check
def test_a_payer_account_that_is_no_card_number_is_a_note_not_a_refusal(demo_store, actors, account):
    """A unit's corporate account follows no check digit and may be 25 digits: intake takes it and
    tells the clerk to check it, without asking for a confirmation."""
    from desk_app.services.intake import preview

    d = draft(payer_bank_account=account)
    notes = preview(demo_store, d).warnings
    assert [w.code for w in notes] == ["bank_account"] and "对公账户" in notes[0].message
    taken = take_in(demo_store, actor=actors["clerk"], request=request(demo_store, d)).value
    with demo_store.reading() as s:
        from desk_app.store.models import Proposal

        assert s.get(Proposal, taken.result.proposal_id).payer_bank_account == account
