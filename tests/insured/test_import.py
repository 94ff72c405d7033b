"""Importing a case's insured list: good files of every shape, every kind of bad row, totals against
the proposal form, versions kept, the window in which a list may come, remembered mappings."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import openpyxl
import pytest
from sqlalchemy import select

from desk_app import clock
from desk_app.core.errors import InvalidInput, TransitionRefused
from desk_app.core.insured import checks
from desk_app.services import insured
from desk_app.store.models import InsuredPerson
from tests.insured.helpers import (
    HEADER,
    Case,
    case_in,
    counts,
    people,
    resident_id,
    set_figures,
    write_csv,
    write_xlsx,
)


def fitted(store, n: int, state: str = "RECEIVED", index: int = 0):
    """A demo case registered with n insured and n times its level's premium."""
    case = case_in(store, state, index)
    return set_figures(store, case, count=n, premium_total=case.premium_each * n)


def test_good_xlsx_with_title_rows_is_stored_with_persons_masked(demo_store, actors, tmp_path):
    case = fitted(demo_store, 25)
    footer = ["合计", "25人", None, None, None, None, None, None, str(case.premium_each * 25), None]
    path = write_xlsx(tmp_path / "清单.xlsx", [*people(case), footer])  # a totals line under the list
    before = counts(demo_store)
    done = insured.import_list(demo_store, actor=actors["clerk"], proposal_id=case.proposal_id, path=path)
    out = done.value
    assert out.stored and out.errors == () and out.rows == 25 and out.version == 1
    assert out.header_row == 3 and out.premium_total == case.premium_each * 25
    assert out.expected_source == "registered" and done.changes.cases
    after = counts(demo_store)
    assert after["insured_lists"] == before["insured_lists"] + 1
    assert after["insured_persons"] == before["insured_persons"] + 25
    assert after["sync_outbox"] >= before["sync_outbox"] + 26  # captured for head office
    page = insured.persons(demo_store, proposal_id=case.proposal_id, offset=0, limit=10)
    assert page.total == 25 and len(page.rows) == 10 and page.rows[0].row_no == 4
    assert "*" in page.rows[0].id_no and "*" in page.rows[0].phone
    assert page.rows[0].product_code == case.product  # the proposal's one product
    with demo_store.reading() as s:
        full = s.scalar(select(InsuredPerson.id_no).where(InsuredPerson.row_no == 4,
                                                          InsuredPerson.proposal_id == case.proposal_id))
    assert full == people(case)[0][2]


def test_gender_and_birth_date_filled_from_the_id_when_the_columns_are_absent(demo_store, actors, tmp_path):
    case = fitted(demo_store, 3)
    rng = random.Random(5)
    ids = [resident_id(rng, male=True, born=dt.date(1980, 2, 29)), resident_id(rng, male=False),
           resident_id(rng, male=True)]
    rows = [[f"员工{i}", pid, case.level] for i, pid in enumerate(ids)]
    path = write_xlsx(tmp_path / "short.xlsx", rows, header=["姓名", "身份证号", "方案"], title=False)
    out = insured.import_list(demo_store, actor=actors["entry1"], proposal_id=case.proposal_id, path=path).value
    assert out.stored, out.errors
    page = insured.persons(demo_store, proposal_id=case.proposal_id)
    first = page.rows[0]
    assert (first.gender, first.birth_date, first.relation) == ("M", dt.date(1980, 2, 29), "employee")
    assert page.rows[1].gender == "F"
    assert first.premium == case.premium_each  # from the benefit level


def bad_rows(case) -> tuple[list[list], dict[int, tuple[str, str]]]:
    """One bad thing per row, and the (column, words of the message) each must be refused with."""
    rng = random.Random(9)
    good = people(case, 14, seed=3)
    today = clock.today()
    valid = resident_id(rng, male=True, born=dt.date(1985, 3, 7))
    rows = [list(r) for r in good]
    expect: dict[int, tuple[str, str]] = {}

    def put(i: int, col: str, value, column: str, words: str) -> None:
        rows[i][HEADER.index(col)] = value
        expect[i + 4] = (column, words)  # two title rows and the header above: data from Excel row 4

    put(0, "姓名", None, "姓名", "姓名为空")
    put(1, "证件号码", valid[:-1] + ("0" if valid[-1] != "0" else "1"), "证件号码", "校验位不正确")
    put(2, "证件号码", 1.1010519850307e17, "证件号码", "存成了数字")
    put(3, "证件号码", valid[:15] + "000", "证件号码", "末尾的 000")
    put(4, "证件号码", "1.10105E+17", "证件号码", "1.10105E+17")
    rows[5][HEADER.index("证件号码")] = valid
    rows[5][HEADER.index("出生日期")] = dt.date(1985, 3, 7)
    put(5, "性别", "女", "性别", "与身份证号码不符")
    rows[6][HEADER.index("证件号码")] = resident_id(rng, male=False, born=dt.date(1990, 1, 2))
    rows[6][HEADER.index("性别")] = "女"
    put(6, "出生日期", dt.date(1990, 2, 1), "出生日期", "不符")
    put(7, "职业代码", "Z99", "职业代码", "不在团险职业分类表中")
    put(8, "保障等级", "D", "保障等级", "不存在")
    put(9, "与员工关系", "朋友", "与员工关系", "无法识别")
    for col in ("证件号码", "性别", "出生日期"):  # row 14 is the same person as row 15...
        rows[10][HEADER.index(col)] = rows[11][HEADER.index(col)]
    expect[15] = ("证件号码", "第 14 行是同一个人")  # ...refused on the later row only
    put(12, "保费", "12.345", "保费", "不足一分")
    future = today + dt.timedelta(days=40)
    body = f"110105{future:%Y%m%d}123"
    from stdnum.iso7064 import mod_11_2

    put(13, "证件号码", body + mod_11_2.calc_check_digit(body), "证件号码", "不合理")
    return rows, expect


def test_every_kind_of_bad_row_is_listed_by_row_and_column_and_nothing_is_stored(demo_store, actors, tmp_path):
    case = fitted(demo_store, 14)
    rows, expect = bad_rows(case)
    path = write_xlsx(tmp_path / "bad.xlsx", rows)
    before = counts(demo_store)
    out = insured.import_list(demo_store, actor=actors["clerk"], proposal_id=case.proposal_id, path=path).value
    assert not out.stored and out.list_id is None
    assert counts(demo_store) == before
    got = {(e.row, e.column): e.message for e in out.errors}
    for row, (column, words) in expect.items():
        assert (row, column) in got, (row, column, sorted(got))
        assert words in got[(row, column)], got[(row, column)]
    # The rows with nothing wrong are not named; each error names its column letter too.
    assert {e.row for e in out.errors} == set(expect)
    assert all(e.letter for e in out.errors)
    assert insured.lists(demo_store, proposal_id=case.proposal_id) == []


def test_class_out_of_the_table_and_a_county_code_unknown_to_stdnum(demo_store, actors, tmp_path):
    """Occupation class 7 refuses; a county code stdnum does not know (or did not know in the birth
    year) is a warning only: a real person is never refused for it."""
    case = fitted(demo_store, 2)
    from stdnum.iso7064 import mod_11_2

    body = "99999919800101002"
    unknown_county = body + mod_11_2.calc_check_digit(body)
    header = ["姓名", "证件号码", "职业类别", "保障等级"]
    rows = [["张三", unknown_county, "2类", case.level], ["李四", resident_id(random.Random(2)), 7, case.level]]
    out = insured.import_list(demo_store, actor=actors["clerk"], proposal_id=case.proposal_id,
                              path=write_xlsx(tmp_path / "c.xlsx", rows, header=header, title=False)).value
    assert [(e.row, e.column) for e in out.errors] == [(3, "职业类别")] and "1–6" in out.errors[0].message
    rows[1][2] = 3
    out = insured.import_list(demo_store, actor=actors["clerk"], proposal_id=case.proposal_id,
                              path=write_xlsx(tmp_path / "c2.xlsx", rows, header=header, title=False)).value
    assert out.stored, out.errors
    assert any(w.row == 2 and "999999" in w.message for w in out.warnings)


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig", "utf-8"])
def test_csv_in_gbk_and_utf8_with_or_without_bom(demo_store, actors, tmp_path, encoding):
    case = fitted(demo_store, 12)
    path = write_csv(tmp_path / "list.csv", people(case), encoding=encoding)
    if encoding == "gbk":
        with pytest.raises(UnicodeDecodeError):
            path.read_bytes().decode("utf-8")
    out = insured.import_list(demo_store, actor=actors["clerk"], proposal_id=case.proposal_id, path=path).value
    assert out.stored and out.rows == 12 and out.header_row == 1, out.errors
    page = insured.persons(demo_store, proposal_id=case.proposal_id, limit=1)
    assert page.rows[0].name == "测试00001"


def test_merged_two_row_header(demo_store, actors, tmp_path):
    """A title merged across the sheet, 序号 and 姓名 merged down two rows, 证件 merged over its
    type and number, 保障 over 方案 and 保费."""
    case = fitted(demo_store, 5)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["某某公司团体保险被保险人清单"])
    ws.merge_cells("A1:G1")
    ws.append(["序号", "姓名", "证件", None, "性别", "保障", None])
    ws.append([None, None, "证件类型", "证件号码", None, "方案", "保费"])
    for c in ("A2:A3", "B2:B3", "C2:D2", "E2:E3", "F2:G2"):
        ws.merge_cells(c)
    for i, r in enumerate(people(case, 5, seed=4), start=1):
        ws.append([i, r[1], "居民身份证", r[2], r[3], case.level, float(case.premium_each)])
    path = tmp_path / "merged.xlsx"
    wb.save(path)
    preview = insured.preview(demo_store, path=path, proposal_id=case.proposal_id)
    assert preview.header_row == 3
    assert preview.mapping == {"name": "姓名", "id_type": "证件类型", "id_no": "证件号码", "gender": "性别",
                               "benefit_level": "方案", "premium": "保费"}
    assert preview.rows[0][0] == 4 and preview.rows[0][1][1] == "测试00001"
    out = insured.import_list(demo_store, actor=actors["clerk"], proposal_id=case.proposal_id, path=path).value
    assert out.stored and out.rows == 5, out.errors


def test_ten_thousand_rows(demo_store, actors, tmp_path):
    case = fitted(demo_store, 10_000)
    path = write_xlsx(tmp_path / "big.xlsx", people(case))
    out = insured.import_list(demo_store, actor=actors["clerk"], proposal_id=case.proposal_id, path=path).value
    assert out.stored and out.rows == 10_000 and out.errors == ()
    assert insured.persons(demo_store, proposal_id=case.proposal_id, offset=9_999, limit=5).rows[0].row_no == 10_003


def test_head_count_or_premium_total_differing_from_the_proposal_refuses_naming_both(demo_store, actors, tmp_path):
    case = fitted(demo_store, 20)
    before = counts(demo_store)
    path = write_xlsx(tmp_path / "19.xlsx", people(case, 19))
    with pytest.raises(InvalidInput, match="清单共 19 人.*与受理登记的被保险人数 20 人.*不一致"):
        insured.import_list(demo_store, actor=actors["clerk"], proposal_id=case.proposal_id, path=path)
    rows = people(case)
    rows[0][HEADER.index("保费")] = str(case.premium_each + 1)
    with pytest.raises(InvalidInput) as refused:
        insured.import_list(demo_store, actor=actors["clerk"], proposal_id=case.proposal_id,
                            path=write_xlsx(tmp_path / "p.xlsx", rows))
    total = case.premium_each * 20
    assert f"{total + 1:,.2f}" in refused.value.message and f"{total:,.2f}" in refused.value.message
    assert counts(demo_store) == before


def test_keyed_figures_win_over_the_registered_ones():
    keyed = checks.expected_totals(registered_count=20, registered_premium=Decimal("4800"),
                                   keyed={"insured_count": "21", "premium_total": "5,040.00"})
    assert keyed == checks.Expected(21, Decimal("5040.00"), "keyed")
    half = checks.expected_totals(registered_count=20, registered_premium=Decimal("4800"),
                                  keyed={"insured_count": "21"})
    assert half == checks.Expected(21, Decimal("4800"), "keyed")
    assert checks.expected_totals(registered_count=20, registered_premium=Decimal("4800"),
                                  keyed={}).source == "registered"


def test_a_new_import_replaces_the_list_and_keeps_the_old_one(demo_store, actors, tmp_path):
    case = fitted(demo_store, 8)
    first = write_xlsx(tmp_path / "v1.xlsx", people(case, seed=1))
    second = write_xlsx(tmp_path / "v2.xlsx", people(case, seed=2))
    insured.import_list(demo_store, actor=actors["clerk"], proposal_id=case.proposal_id, path=first)
    out = insured.import_list(demo_store, actor=actors["entry1"], proposal_id=case.proposal_id, path=second).value
    assert out.version == 2 and out.replaced_version == 1
    versions = insured.lists(demo_store, proposal_id=case.proposal_id)
    assert [(v.version, v.active, v.file_name) for v in versions] == [(2, True, "v2.xlsx"), (1, False, "v1.xlsx")]
    assert versions[1].replaced_at is not None and versions[0].imported_by == "录入员 孙丽"
    current = insured.persons(demo_store, proposal_id=case.proposal_id)
    old = insured.persons(demo_store, proposal_id=case.proposal_id, list_id=versions[1].list_id)
    assert current.version == 2 and old.version == 1 and current.total == old.total == 8
    assert current.rows[0].id_no != old.rows[0].id_no


@pytest.mark.parametrize("state", ["RECEIVED", "SCANNED", "FIRST_ENTERED", "SECOND_ENTERED", "RECONCILE"])
def test_a_list_may_come_until_the_keyed_form_is_settled(demo_store, actors, tmp_path, state):
    case = fitted(demo_store, 3, state)
    out = insured.import_list(demo_store, actor=actors["problem"], proposal_id=case.proposal_id,
                              path=write_xlsx(tmp_path / "l.xlsx", people(case))).value
    assert out.stored


def test_after_comparison_or_by_another_role_it_is_refused(demo_store, actors, tmp_path):
    case = fitted(demo_store, 3, "COMPARED")
    path = write_xlsx(tmp_path / "l.xlsx", people(case))
    with pytest.raises(TransitionRefused, match="比对"):
        insured.import_list(demo_store, actor=actors["super"], proposal_id=case.proposal_id, path=path)
    case = fitted(demo_store, 3, "RECEIVED")
    path = write_xlsx(tmp_path / "l2.xlsx", people(case))
    with pytest.raises(TransitionRefused, match="权限"):
        insured.import_list(demo_store, actor=actors["scanner"], proposal_id=case.proposal_id, path=path)
    assert insured.lists(demo_store, proposal_id=case.proposal_id) == []


def test_a_persons_own_mapping_is_remembered_for_the_template_and_the_agent(demo_store, actors, tmp_path):
    case = fitted(demo_store, 4)
    header = ["员工名", "号码", "档次"]
    rows = [[r[1], r[2], case.level] for r in people(case)]
    path = write_xlsx(tmp_path / "odd.xlsx", rows, header=header, title=False)
    with pytest.raises(InvalidInput, match="找不到表头"):
        insured.preview(demo_store, path=path, proposal_id=case.proposal_id)
    mapping = {"name": "员工名", "id_no": "B", "benefit_level": "档次"}
    out = insured.import_list(demo_store, actor=actors["clerk"], proposal_id=case.proposal_id, path=path,
                              mapping=mapping).value
    assert out.stored and out.mapping == {"name": "员工名", "id_no": "号码", "benefit_level": "档次"}
    again = insured.preview(demo_store, path=path, proposal_id=case.proposal_id)
    assert again.mapping_source == "template" and again.mapping == out.mapping
    # Another file of the same agent, columns moved and one added: found by the agent's headings.
    moved = write_xlsx(tmp_path / "moved.xlsx", [[r[1], r[0], "13900000000", r[2]] for r in rows],
                       header=["号码", "员工名", "电话", "档次"], title=False)
    seen = insured.preview(demo_store, path=moved, proposal_id=case.proposal_id)
    assert seen.mapping_source == "agent"
    assert seen.mapping == {"name": "员工名", "id_no": "号码", "benefit_level": "档次", "phone": "电话"}
    # The person's own choice wins; "" takes a field off.
    seen = insured.preview(demo_store, path=moved, proposal_id=case.proposal_id,
                           mapping_override={"phone": "", "benefit_level": "D"})
    assert seen.mapping == {"name": "员工名", "id_no": "号码", "benefit_level": "档次"}


def test_an_unknown_field_or_column_in_a_persons_mapping_is_refused(demo_store, actors, tmp_path):
    case = fitted(demo_store, 4)
    path = write_xlsx(tmp_path / "l.xlsx", people(case))
    with pytest.raises(InvalidInput, match="未知字段"):
        insured.import_list(demo_store, actor=actors["clerk"], proposal_id=case.proposal_id, path=path,
                            mapping={"salary": "C"})
    with pytest.raises(InvalidInput, match="没有“工号”这一列"):
        insured.import_list(demo_store, actor=actors["clerk"], proposal_id=case.proposal_id, path=path,
                            mapping={"name": "工号"})


def test_ids_written_as_numbers_are_refused_as_excel_rounded_them(demo_store, actors, tmp_path):
    """An .xlsx keeps numbers as doubles (15-16 digits): an 18-digit ID written as a number comes
    back rounded, whether it was intact when written or already ended in 000."""
    case = fitted(demo_store, 2)
    rng = random.Random(11)
    rows = [["王五", int(resident_id(rng)[:17] + "1"), case.level], ["赵六", int(resident_id(rng)[:15] + "000"),
                                                                     case.level]]
    out = insured.import_list(demo_store, actor=actors["clerk"], proposal_id=case.proposal_id,
                              path=write_xlsx(tmp_path / "n.xlsx", rows, header=["姓名", "身份证号码", "方案"],
                                              title=False, text_ids=False)).value
    assert [(e.row, e.column) for e in out.errors] == [(2, "身份证号码"), (3, "身份证号码")]
    assert all("存成了数字" in e.message and "E+17" in e.message for e in out.errors)


def test_figures_keyed_in_entry_win_over_the_counters(demo_store, actors, tmp_path):
    """Once both passes agree on the head count and premium total (the case at RECONCILE over another
    field), the list is checked against those, not against what the counter registered."""
    helpers = pytest.importorskip("tests.entry.helpers")
    pid, _ = helpers.scanned_cases(demo_store)[0]
    values = helpers.group_values()  # 20 insured, premium total 6,000.00
    helpers.key_pass(demo_store, actors["entry1"], pid, values)
    helpers.key_pass(demo_store, actors["entry2"], pid, values | {"contact_name": "李虹"})
    assert helpers.state_of(demo_store, pid) == "RECONCILE"
    case = Case(pid, "", "GTL01", "A", 20, Decimal("300.00"), Decimal("6000.00"))
    set_figures(demo_store, case, count=99, premium_total=Decimal("1"), keyed=False)  # the counter's, now stale
    rows = [[r[1], r[2], "A", "300.00"] for r in people(case, 20)]
    path = write_xlsx(tmp_path / "k.xlsx", rows, header=["姓名", "证件号码", "保障等级", "保费"], title=False)
    out = insured.import_list(demo_store, actor=actors["problem"], proposal_id=pid, path=path).value
    assert out.stored and out.expected_source == "keyed" and out.expected_count == 20
    rows.pop()
    with pytest.raises(InvalidInput, match="投保单录入的被保险人数 20 人"):
        insured.import_list(demo_store, actor=actors["problem"], proposal_id=pid,
                            path=write_xlsx(tmp_path / "k2.xlsx", rows, header=["姓名", "证件号码", "保障等级", "保费"],
                                            title=False))
