"""The material checklist: every rule of resources/rules/checklist.json, needed and not needed."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal

import pytest

from desk_app.core import checklist
from desk_app.core.errors import InvalidInput
from desk_app.core.proposals import ProductLine
from tests.intake.helpers import draft


def line(code: str, level: str = "A") -> ProductLine:
    return ProductLine(code, level, Decimal("100000"), Decimal("100"))


GROUP = draft()
INDIVIDUAL = dataclasses.replace(draft(), business_type="INDIVIDUAL", applicant_credit_code=None,
                                 products=(line("ITL01"),))
SIDELINE = draft(business_source="sideline_agency", intermediary_code="SA001", commission_ratio=Decimal("0.05"))
PROFESSIONAL = draft(business_source="professional_agency", intermediary_code="PA001",
                     commission_ratio=Decimal("0.1"))
BROKER = draft(business_source="broker", intermediary_code="BK001", commission_ratio=Decimal("0.1"))
OUTPATIENT = draft(products=(line("GTL01"), line("GOP01")))
HOSPITAL = draft(products=(line("GSH01"),))
NON_STANDARD = draft(products=(line("GNS01"),))
CONSTRUCTION = draft(products=(line("GCN01"),))

# rule code -> (drafts that need the item, drafts that do not)
CASES = {
    "proposal_form": ([GROUP], [INDIVIDUAL]),
    "proposal_form_individual": ([INDIVIDUAL], [GROUP]),
    "insured_list": ([GROUP, SIDELINE], [INDIVIDUAL]),
    "price_inquiry_approval": ([OUTPATIENT, HOSPITAL, NON_STANDARD], [GROUP, CONSTRUCTION]),
    "price_inquiry_memo": ([OUTPATIENT, HOSPITAL, NON_STANDARD], [GROUP, CONSTRUCTION]),
    "intermediary_on_form": ([SIDELINE, PROFESSIONAL, BROKER], [GROUP]),
    "commission_approval": ([SIDELINE, PROFESSIONAL, BROKER], [GROUP, draft(business_source="cross_sell")]),
    "premium_settlement_list": ([SIDELINE], [PROFESSIONAL, BROKER, GROUP]),
    "stationery_usage_register": ([SIDELINE], [PROFESSIONAL, BROKER, GROUP]),
    "intermediary_confirmation": ([PROFESSIONAL], [SIDELINE, BROKER, GROUP]),
    "construction_contract": ([CONSTRUCTION], [GROUP, OUTPATIENT]),
    "unit_name_matches_seal": ([GROUP], [INDIVIDUAL]),
    # The form-filling checks of 1.2.2 apply to every proposal: there is no case without them.
    "black_ink": ([GROUP, INDIVIDUAL, SIDELINE], []),
    "not_folded_altered": ([GROUP, INDIVIDUAL, SIDELINE], []),
    "star_fields_filled": ([GROUP, INDIVIDUAL, SIDELINE], []),
}


def test_every_rule_of_the_file_is_tested() -> None:
    assert {r.code for r in checklist.load_rules().rules} == set(CASES)


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_needed_and_not_needed(code: str, demo_store) -> None:
    needs, does_not = CASES[code]
    with demo_store.reading() as s:
        for d in needs:
            assert code in [i.code for i in checklist.checklist_for(s, d)], d
        for d in does_not:
            assert code not in [i.code for i in checklist.checklist_for(s, d)], d


def test_labels_are_chinese_and_order_follows_the_file(demo_store) -> None:
    with demo_store.reading() as s:
        items = checklist.checklist_for(s, SIDELINE)
    codes = [r.code for r in checklist.load_rules().rules]
    assert [i.code for i in items] == sorted((i.code for i in items), key=codes.index)
    assert items[0].label.startswith("投保单")


def test_head_office_changes_the_rules_as_data(tmp_path, demo_store) -> None:
    data = json.loads(checklist.default_path().read_text(encoding="utf-8"))
    data["version"] = 2
    data["rows"].append({"code": "big_group_roster", "kind": "material", "label": "员工花名册",
                         "when": {"business_type": ["GROUP"], "business_source": ["direct"]}})
    path = tmp_path / "checklist.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    rules = checklist.load_rules(path)
    assert rules.version == 2
    with demo_store.reading() as s:
        assert "big_group_roster" in [i.code for i in checklist.checklist_for(s, GROUP, rules)]
        assert "big_group_roster" not in [i.code for i in checklist.checklist_for(s, SIDELINE, rules)]


@pytest.mark.parametrize("when", [{"colour": ["red"]}, {"business_type": "GROUP"}, {"business_type": []}])
def test_a_bad_condition_is_refused_when_loaded(when) -> None:
    data = {"kind": "checklist", "version": 1, "rows": [{"code": "x", "kind": "material", "label": "某材料",
                                                          "when": when}]}
    with pytest.raises(InvalidInput, match="条件不正确"):
        checklist.parse_rules(data)

