"""`desk-app insured import` as a real subprocess on a demo store."""

from __future__ import annotations

import json

from tests.insured.helpers import HEADER, case_in, counts, people, set_figures, write_csv, write_xlsx
from tests.intake.test_cli import run


def test_import_then_refused_rows_then_json(demo_path, demo_store, tmp_path):
    d = demo_path.parent
    case = case_in(demo_store, "SCANNED")
    case = set_figures(demo_store, case, count=6, premium_total=case.premium_each * 6)
    rows = people(case)
    good = write_xlsx(tmp_path / "good.xlsx", rows)
    r = run(d, "insured", "import", case.case_no, str(good), "--as", "clerk", "--password-stdin")
    assert r.returncode == 0, r.stderr
    assert f"已导入案件 {case.case_no} 的被保险人清单第 1 版：6 人" in r.stdout

    bad = [list(x) for x in rows]
    bad[1][HEADER.index("姓名")] = None
    bad[4][HEADER.index("证件号码")] = bad[4][HEADER.index("证件号码")][:-3] + "000"
    before = counts(demo_store)
    r = run(d, "insured", "import", case.case_no,
            str(write_xlsx(tmp_path / "bad.xlsx", bad)), "--as", "clerk", "--password-stdin")
    assert r.returncode == 2
    lines = [x for x in r.stderr.splitlines() if x.startswith("第 ")]
    assert len(lines) == 2, r.stderr
    assert lines[0].startswith("第 5 行 “姓名”列（B）：姓名为空")
    assert lines[1].startswith("第 8 行 “证件号码”列（C）：") and "000" in lines[1]
    assert "未导入任何被保险人" in r.stderr
    after = counts(demo_store)  # (the log-in itself is audited: only the list's tables are compared)
    assert all(after[t] == before[t] for t in ("insured_lists", "insured_persons", "insured_column_mappings"))

    # A GBK CSV with a column named only by hand, and JSON out: a second version replacing the first.
    header = ["序号", "员工名", "证件号码", "性别", "出生日期", "与员工关系", "职业代码", "保障等级", "保费", "电话"]
    csv_path = write_csv(tmp_path / "list.csv", people(case, seed=7), header=header, encoding="gbk")
    r = run(d, "insured", "import", case.case_no, str(csv_path), "--map", "name=员工名", "--json",
            "--as", "entry1", "--password-stdin")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["stored"] and out["version"] == 2 and out["replaced_version"] == 1
    assert out["rows"] == 6 and out["totals"]["premium"] == str(case.premium_each * 6)
    assert out["mapping"]["name"] == "员工名" and out["errors"] == [] and isinstance(out["warnings"], list)

    r = run(d, "insured", "import", case.case_no, str(csv_path), "--map", "name", "--as", "clerk",
            "--password-stdin")
    assert r.returncode == 2 and "字段=列名" in r.stderr


def test_refused_rows_as_json_and_a_file_that_is_no_list(demo_path, demo_store, tmp_path):
    d = demo_path.parent
    case = case_in(demo_store, "RECEIVED")
    case = set_figures(demo_store, case, count=3, premium_total=case.premium_each * 3)
    rows = people(case)
    rows[2][HEADER.index("保障等级")] = "Z"
    r = run(d, "insured", "import", case.case_no, str(write_xlsx(tmp_path / "b.xlsx", rows)), "--json",
            "--as", "clerk", "--password-stdin")
    assert r.returncode == 2
    out = json.loads(r.stdout)
    assert not out["stored"] and [(e["row"], e["column"]) for e in out["errors"]] == [(6, "保障等级")]
    junk = tmp_path / "photo.csv"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    r = run(d, "insured", "import", case.case_no, str(junk), "--as", "clerk", "--password-stdin")
    assert r.returncode == 2 and r.stderr.strip().startswith("错误：") and "不是电子表格" in r.stderr
