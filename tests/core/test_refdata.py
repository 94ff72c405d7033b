"""Reference data files: loaded once, a newer version replaces the older set, older ones are ignored."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from sqlalchemy import select

from desk_app.core import refdata
from desk_app.core.errors import InvalidInput
from desk_app.paths import resources_dir
from desk_app.store.models import BenefitLevel, Intermediary, OccupationClass, Product


def write(path, kind, version, rows):
    path.write_text(json.dumps({"kind": kind, "version": version, "rows": rows}, ensure_ascii=False), "utf-8")
    return path


def test_demo_store_holds_the_bundled_reference_data(demo_store):
    with demo_store.reading() as s:
        assert refdata.versions(s)["products"] == 1
        classes = s.scalars(select(OccupationClass.occupation_class)).all()
        gop = s.scalar(select(Product).where(Product.code == "GOP01"))
    assert set(classes) == {1, 2, 3, 4, 5, 6}
    assert gop.category == "outpatient" and gop.name == "团体门诊医疗保险"


def test_industry_classification_holds_every_section_and_division_of_gb_t_4754_2017(demo_store):
    """20 sections (A–T) and 97 divisions (01–97), each with its occupation class: a metal-products
    company (C33) can be registered."""
    with demo_store.reading() as s:
        rows = {r.industry_code: r for r in s.scalars(select(OccupationClass).where(OccupationClass.deleted.is_(False)))}
    sections = sorted(c for c in rows if len(c) == 1)
    divisions = sorted(int(c[1:]) for c in rows if len(c) == 3)
    assert sections == [chr(c) for c in range(ord("A"), ord("T") + 1)]
    assert divisions == list(range(1, 98))
    assert all(c[0] in sections for c in rows)
    assert rows["C33"].name == "金属制品业" and 1 <= rows["C33"].occupation_class <= 6
    assert rows["B06"].occupation_class == 6 and rows["I65"].occupation_class == 1


def test_newer_version_replaces_and_tombstones_removed_rows(demo_store, tmp_path):
    rows = [{"code": "SA001", "name": "华夏银行兼业代理（更名）", "kind": "sideline", "commission_cap": "0.05"}]
    with demo_store.transaction() as s:
        res = refdata.load_file(s, write(tmp_path / "i.json", "intermediaries", 2, rows))
    assert res[0].rows == 1 and not res[0].skipped
    with demo_store.reading() as s:
        live = s.scalars(select(Intermediary).where(Intermediary.deleted.is_(False))).all()
        gone = s.scalars(select(Intermediary).where(Intermediary.deleted.is_(True))).all()
    assert [(i.code, i.commission_cap) for i in live] == [("SA001", Decimal("0.05"))]
    assert len(gone) == 6  # kept as tombstones so sync can carry the removal


def test_same_or_older_version_is_skipped(demo_store, tmp_path):
    rows = [{"industry_code": "Z99", "name": "测试", "occupation_class": 1}]
    with demo_store.transaction() as s:
        res = refdata.load_file(s, write(tmp_path / "o.json", "occupation_classes", 1, rows))
    assert res[0].skipped
    with demo_store.reading() as s:
        assert s.scalar(select(OccupationClass).where(OccupationClass.industry_code == "Z99")) is None


def test_products_bring_their_benefit_levels(demo_store, tmp_path):
    doc = json.loads((resources_dir() / "refdata" / "products.json").read_text("utf-8"))
    doc["rows"][0]["levels"].append({"level": "D", "description": "身故保额100万元", "sum_insured": "1000000",
                                     "premium_per_person": "1200"})
    with demo_store.transaction() as s:
        refdata.load_file(s, write(tmp_path / "p.json", "products", 2, doc["rows"]))
    with demo_store.reading() as s:
        d = s.scalar(select(BenefitLevel).where(BenefitLevel.product_code == doc["rows"][0]["code"],
                                                BenefitLevel.level == "D"))
        assert refdata.versions(s)["benefit_levels"] == 2
    assert d.sum_insured == Decimal("1000000.00")


def test_ids_are_the_same_everywhere(demo_store):
    with demo_store.reading() as s:
        p = s.scalar(select(Product).where(Product.code == "GTL01"))
    assert p.id == refdata.refdata_id("products", ("GTL01",))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "无法读取"),
        (json.dumps({"kind": "weather", "version": 1, "rows": []}), "类型“weather”未知"),
        (json.dumps({"kind": "agents", "version": 9, "rows": [{"name": "无代码"}]}), "缺少 code"),
        (json.dumps({"kind": "agents", "version": 9, "rows": [
            {"code": "A", "name": "甲", "agent_branch": "*"}, {"code": "A", "name": "乙", "agent_branch": "*"}]}),
         "重复"),
    ],
)
def test_bad_files_are_refused_and_change_nothing(demo_store, tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content, "utf-8")
    with demo_store.reading() as s:
        before = refdata.versions(s)
    with pytest.raises(InvalidInput, match=message), demo_store.transaction() as s:
        refdata.load_file(s, path)
    with demo_store.reading() as s:
        assert refdata.versions(s) == before
