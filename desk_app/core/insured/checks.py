"""The checks of an insured list: every row on its own (name, ID number and what it says of birth
date and gender, occupation, product and benefit level, amounts), the list as a whole (the same
person twice, head count and premium total against the proposal form).

Errors refuse the list; warnings are shown and stored with it. Each names the Excel row the person
sees and the column by its heading, in one Chinese sentence.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.core.identifiers import parse_resident_id, valid_mobile
from desk_app.core.insured.mapping import LABELS, column_names
from desk_app.core.insured.reading import Header, Table, column_letter
from desk_app.store.models import BenefitLevel, OccupationClass, Product, ProposalProduct

FEN = Decimal("0.01")
MAX_AMOUNT = Decimal("100000000000")  # a person's sum insured above 1,000 亿 is a typo
EXCEL_EPOCH = dt.date(1899, 12, 30)
FOOTER_WORDS = ("合计", "总计", "小计", "共计")

ID_TYPES = {
    "身份证": "resident_id", "居民身份证": "resident_id", "身份证号": "resident_id", "二代身份证": "resident_id",
    "护照": "passport", "港澳居民来往内地通行证": "hk_macao", "回乡证": "hk_macao", "港澳通行证": "hk_macao",
    "台湾居民来往大陆通行证": "taiwan", "台胞证": "taiwan", "外国人永久居留身份证": "foreign_pr",
    "军官证": "military", "士兵证": "military", "出生证": "birth_cert", "出生医学证明": "birth_cert",
    "户口本": "household", "户口簿": "household", "其他": "other",
}
RELATIONS = {
    "员工": "employee", "本人": "employee", "职工": "employee", "在职": "employee", "主被保险人": "employee",
    "主险人": "employee", "雇员": "employee", "自己": "employee",
    "配偶": "spouse", "妻子": "spouse", "丈夫": "spouse", "夫妻": "spouse", "妻": "spouse", "夫": "spouse",
    "子女": "child", "儿子": "child", "女儿": "child", "子": "child", "女": "child", "孩子": "child",
    "父母": "parent", "父亲": "parent", "母亲": "parent", "父": "parent", "母": "parent",
}
RELATION_LABELS = {"employee": "员工本人", "spouse": "配偶", "child": "子女", "parent": "父母"}
GENDERS = {"男": "M", "女": "F", "m": "M", "f": "F", "male": "M", "female": "F", "1": "M", "2": "F",
           "男性": "M", "女性": "F"}
CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SCIENTIFIC = re.compile(r"^\d+(\.\d+)?e\+?\d+$", re.IGNORECASE)
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(:\d{2})?)?$")
_CLASS = re.compile(r"^第?([1-9一二三四五六七八九])类?$")


@dataclass(frozen=True)
class Issue:
    """One finding: `row` is the Excel row (0 for the whole list), `column` the heading."""

    row: int
    column: str
    letter: str
    message: str
    severity: str = "error"  # "error" refuses the list, "warning" does not

    def as_json(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "letter": self.letter, "message": self.message,
                "severity": self.severity}


@dataclass(frozen=True)
class RefTables:
    occupations: dict[str, int]  # industry code -> occupation class (团险职业分类表)
    products: frozenset[str]
    levels: dict[tuple[str, str], tuple[Decimal, Decimal]]  # (product, level) -> (sum insured, premium each)
    proposal_products: tuple[str, ...]  # the proposal's product codes, in line order


def load_refs(session: Session, proposal_id: str) -> RefTables:
    occupations = dict(session.execute(select(OccupationClass.industry_code, OccupationClass.occupation_class)
                                       .where(OccupationClass.deleted.is_(False))).all())
    products = frozenset(session.scalars(select(Product.code).where(Product.deleted.is_(False))))
    levels = {(p, lv): (s, prem) for p, lv, s, prem in session.execute(
        select(BenefitLevel.product_code, BenefitLevel.level, BenefitLevel.sum_insured,
               BenefitLevel.premium_per_person).where(BenefitLevel.deleted.is_(False)))}
    lines = tuple(session.scalars(select(ProposalProduct.product_code).where(
        ProposalProduct.proposal_id == proposal_id, ProposalProduct.deleted.is_(False))
        .order_by(ProposalProduct.line_no)))
    return RefTables(occupations, products, levels, tuple(dict.fromkeys(lines)))


@dataclass
class Checked:
    """The list as checked: the persons' column values (for InsuredPerson), findings and totals."""

    persons: list[dict[str, Any]] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    sum_insured_total: Decimal = Decimal("0")
    premium_total: Decimal = Decimal("0")
    without_premium: int = 0  # persons whose premium is neither in the list nor from their level

    @property
    def head_count(self) -> int:
        return len(self.persons)


def text_of(value: Any) -> str:
    """A cell as text: half-width, trimmed; integral numbers without '.0'."""
    if value is None:
        return ""
    if type(value) is str:  # most cells: NFKC changes nothing in ASCII, so skip it there
        return value.strip() if value.isascii() else unicodedata.normalize("NFKC", value).strip()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return unicodedata.normalize("NFKC", str(value)).strip()


def check_rows(table: Table, header: Header, mapping: dict[str, int], refs: RefTables, *,
               today: dt.date) -> Checked:
    """Every data row under the header checked on its own, then the same person twice."""
    names = column_names(header)
    out = Checked()
    seen: dict[tuple[str, str], int] = {}
    for row_no, values in table.rows[header.data_index:]:
        row = _Row(row_no, values, mapping, names, out)
        if _is_footer(values):
            continue
        person = _check_person(row, refs, today)
        key = (person["id_type"], person["id_no"])
        if person["id_no"]:
            first = seen.setdefault(key, row_no)
            if first != row_no:
                row.error("id_no", f"与第 {first} 行是同一个人（证件号码相同），同一人不能在清单中出现两次。")
        out.persons.append(person)
    if not out.persons and not out.errors:
        out.errors.append(Issue(header.row, "", "", "表头下面没有任何被保险人。"))
    if out.without_premium and out.persons:
        out.warnings.append(Issue(0, LABELS["premium"], "", f"有 {out.without_premium} 人没有保费（清单无保费，"
                                  "也无法从保障等级得出），保费合计未与投保单核对。", "warning"))
    return out


class _Row:
    __slots__ = ("row_no", "values", "mapping", "names", "out", "failed")

    def __init__(self, row_no: int, values: tuple[Any, ...], mapping: dict[str, int], names: list[str],
                 out: Checked) -> None:
        self.row_no, self.values, self.mapping, self.names, self.out = row_no, values, mapping, names, out
        self.failed = False

    def has(self, key: str) -> bool:
        return key in self.mapping

    def raw(self, key: str) -> Any:
        i = self.mapping.get(key)
        return self.values[i] if i is not None and i < len(self.values) else None

    def text(self, key: str) -> str:
        return text_of(self.raw(key))

    def _issue(self, key: str, message: str, severity: str) -> Issue:
        i = self.mapping.get(key)
        column = self.names[i] if i is not None and i < len(self.names) else LABELS.get(key, "")
        return Issue(self.row_no, column, column_letter(i) if i is not None else "", message, severity)

    def error(self, key: str, message: str) -> None:
        self.failed = True
        self.out.errors.append(self._issue(key, message, "error"))

    def warning(self, key: str, message: str) -> None:
        self.out.warnings.append(self._issue(key, message, "warning"))


def _is_footer(values: tuple[Any, ...]) -> bool:
    """A totals line under the list ("合计 120 人")."""
    first = next((text_of(v) for v in values if v is not None and text_of(v)), "")
    return first.replace(" ", "").startswith(FOOTER_WORDS)


def _check_person(row: _Row, refs: RefTables, today: dt.date) -> dict[str, Any] | None:
    name = " ".join(row.text("name").split())
    id_type = _id_type(row)
    id_no, born, gender = _id_number(row, id_type, today)
    if not name:
        row.error("name", "姓名为空。")
    elif len(name) > 60:
        row.error("name", f"姓名“{name[:20]}…”超过 60 个字。")
    gender = _gender(row, gender)
    born = _birth_date(row, born, today)
    relation = _relation(row)
    occ_code, occ_class = _occupation(row, refs)
    product, level, sum_insured, premium = _cover(row, refs)
    phone = _phone(row)
    return {"row_no": row.row_no, "name": name[:60], "id_type": id_type, "id_no": id_no[:30], "gender": gender,
            "birth_date": born, "relation": relation, "occupation_code": occ_code,
            "occupation_class": occ_class, "product_code": product, "benefit_level": level,
            "sum_insured": sum_insured, "premium": premium, "phone": phone}


def _id_type(row: _Row) -> str:
    if not row.has("id_type"):
        return "resident_id"
    t = row.text("id_type").replace(" ", "")
    if not t:
        return "resident_id"
    found = ID_TYPES.get(t)
    if found is None:
        found = next((v for k, v in ID_TYPES.items() if k in t), "other")
    return found


EXCEL_NUMBER = ("证件号码被 Excel 存成了数字{shown}，末几位已经丢失。请把该列设置为“文本”格式，"
                "再按原件重新录入这些证件号码。")


def _id_number(row: _Row, id_type: str, today: dt.date) -> tuple[str, dt.date | None, str | None]:
    """The ID number as text, and for a resident ID the birth date and gender it carries."""
    raw = row.raw("id_no")
    if isinstance(raw, bool):
        raw = str(raw)
    if isinstance(raw, float) and (not raw.is_integer() or abs(raw) >= 1e15):
        # A double holds 15-16 significant digits: an 18-digit number lost its last ones.
        row.error("id_no", EXCEL_NUMBER.format(shown=f"（显示为 {raw:.5E}）"))
        return text_of(raw), None, None
    numeric = isinstance(raw, (int, float))
    text = "".join(text_of(raw).split()).upper()
    if not text:
        row.error("id_no", "证件号码为空。")
        return "", None, None
    if _SCIENTIFIC.match(text):
        row.error("id_no", EXCEL_NUMBER.format(shown=f"（显示为 {text}）"))
        return text, None, None
    if id_type != "resident_id":
        if len(text) < 5:
            row.error("id_no", f"证件号码“{text}”太短。")
        return text, None, None
    try:
        rid = parse_resident_id(text, today=today)
    except ValueError as exc:
        if text.isdigit() and len(text) == 18 and (numeric or text.endswith("000")):
            row.error("id_no", EXCEL_NUMBER.format(shown=f"（{text}，末尾的 000 是精度丢失所致）"))
        else:
            hint = "；如为护照等其他证件，请增加“证件类型”列" if not row.has("id_type") else ""
            row.error("id_no", f"身份证号码“{text}”有误：{exc}{hint}。")
        return text, None, None
    if numeric:
        row.warning("id_no", "证件号码以数字格式保存，Excel 可能丢失末几位；建议把该列设置为“文本”格式。")
    if not rid.region_known:
        row.warning("id_no", f"身份证号码“{text}”的地区码 {text[:6]} 不在行政区划代码表中（或在出生年份尚未设立），请核对。")
    return rid.number, rid.birth_date, rid.gender


def _gender(row: _Row, from_id: str | None) -> str | None:
    if not row.has("gender"):
        return from_id
    t = row.text("gender").lower()
    if not t:
        return from_id
    g = GENDERS.get(t)
    if g is None:
        row.error("gender", f"性别“{t}”无法识别（应为“男”或“女”）。")
        return from_id
    if from_id is not None and g != from_id:
        row.error("gender", f"性别“{'男' if g == 'M' else '女'}”与身份证号码不符（号码显示为"
                            f"{'男' if from_id == 'M' else '女'}性）。")
        return from_id
    return g


def parse_date(value: Any) -> dt.date | None:
    """A date as Excel or a person writes it; None when it is not one."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        n = int(value)
        if 19000101 <= n <= 29991231:
            value = str(n)
        elif 1 <= n < 80000:
            return EXCEL_EPOCH + dt.timedelta(days=n)  # a date cell shown as its serial number
        else:
            return None
    t = text_of(value)
    try:
        if len(t) == 8 and t.isdigit():
            return dt.date(int(t[:4]), int(t[4:6]), int(t[6:]))
        m = _DATE.match(t)
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return None


def _birth_date(row: _Row, from_id: dt.date | None, today: dt.date) -> dt.date | None:
    if not row.has("birth_date"):
        return from_id
    raw = row.raw("birth_date")
    if raw is None or text_of(raw) == "":
        return from_id
    d = parse_date(raw)
    if d is None:
        row.error("birth_date", f"出生日期“{text_of(raw)}”不是有效日期（应如 1985-03-07）。")
        return from_id
    if from_id is not None and d != from_id:
        row.error("birth_date", f"出生日期 {d.isoformat()} 与身份证号码中的 {from_id.isoformat()} 不符。")
        return from_id
    if d > today or d.year < today.year - 120:
        row.error("birth_date", f"出生日期 {d.isoformat()} 不合理。")
    return d


def _relation(row: _Row) -> str:
    t = row.text("relation").replace(" ", "")
    if not t:
        return "employee"
    found = RELATIONS.get(t) or next((v for k, v in RELATIONS.items() if len(k) > 1 and k in t), None)
    if found is None:
        row.error("relation", f"与员工关系“{t}”无法识别（可填：本人/员工、配偶、子女、父母）。")
        return "employee"
    return found


def _occupation(row: _Row, refs: RefTables) -> tuple[str | None, int | None]:
    code = row.text("occupation_code").upper().replace(" ", "") or None
    cls_text = row.text("occupation_class").replace(" ", "")
    table_class = None
    if code is not None:
        table_class = refs.occupations.get(code)
        if table_class is None:
            row.error("occupation_code", f"职业代码“{code}”不在团险职业分类表中。")
        elif len(code) > 12:
            row.error("occupation_code", f"职业代码“{code}”太长。")
    cls = None
    if cls_text:
        m = _CLASS.match(cls_text)
        if m is None:
            row.error("occupation_class", f"职业类别“{cls_text}”无法识别（应为 1–6 类）。")
        else:
            g = m.group(1)
            cls = CN_DIGITS.get(g) or int(g)
            if not 1 <= cls <= 6:
                row.error("occupation_class", f"职业类别“{cls_text}”不在职业分类表的 1–6 类之内。")
                cls = None
            elif table_class is not None and cls != table_class:
                row.error("occupation_class", f"职业类别 {cls} 类与职业代码 {code} 在职业分类表中的 {table_class} 类不符。")
    return code, cls if cls is not None else table_class


def money(row: _Row, key: str) -> Decimal | None:
    raw = row.raw(key)
    if raw is None:
        return None
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        t = repr(raw) if isinstance(raw, float) else str(raw)
    else:
        t = text_of(raw).replace(",", "").replace("，", "").replace("元", "").replace("¥", "").replace(" ", "")
    if not t:
        return None
    label = LABELS[key]
    try:
        d = Decimal(t)
    except InvalidOperation:
        row.error(key, f"{label}“{text_of(raw)}”不是金额。")
        return None
    if not d.is_finite() or d < 0 or d > MAX_AMOUNT:
        row.error(key, f"{label}“{text_of(raw)}”不是合理的金额。")
        return None
    q = d.quantize(FEN)
    if abs(d - q) > Decimal("0.000001"):
        row.error(key, f"{label} {t} 有不足一分的尾数。")
        return None
    return q


def _cover(row: _Row, refs: RefTables) -> tuple[str | None, str | None, Decimal | None, Decimal | None]:
    product = row.text("product_code").upper().replace(" ", "") or None
    level = row.text("benefit_level").upper().replace(" ", "") or None
    if level is not None:
        level = level.removeprefix("方案").removesuffix("档").removesuffix("方案").removesuffix("等级") or level
    if product is not None and product not in refs.products:
        row.error("product_code", f"险种代码“{product}”不存在。")
        product = None
    elif product is not None and refs.proposal_products and product not in refs.proposal_products:
        row.warning("product_code", f"险种 {product} 不在投保单所列险种之内。")
    sums = None
    if level is not None:
        candidates = [product] if product else (list(refs.proposal_products) or sorted(refs.products))
        owner = next((p for p in candidates if (p, level) in refs.levels), None)
        if owner is None:
            where = f"险种 {product}" if product else f"投保单的险种（{'、'.join(candidates)}）"
            row.error("benefit_level", f"保障等级“{level}”在{where}中不存在。")
        else:
            sums = refs.levels[(owner, level)]
            if product is None and len(refs.proposal_products) == 1:
                product = owner
    sum_insured = money(row, "sum_insured") if row.has("sum_insured") else None
    premium = money(row, "premium") if row.has("premium") else None
    # A list that gives only the level: the level's own amounts (the proposal's premium is
    # computed the same way, head count times the premium per person).
    if sums is not None:
        if sum_insured is None:
            sum_insured = sums[0]
        if premium is None:
            premium = sums[1]
    out = row.out
    if sum_insured is not None:
        out.sum_insured_total += sum_insured
    if premium is not None:
        out.premium_total += premium
    else:
        out.without_premium += 1
    return product, level[:20] if level else None, sum_insured, premium


def _phone(row: _Row) -> str | None:
    t = row.text("phone")
    if not t:
        return None
    digits = re.sub(r"[\s\-()（）]", "", t).removeprefix("+86")
    if valid_mobile(digits) or (digits.isdigit() and 7 <= len(digits) <= 12):
        return digits
    row.warning("phone", f"电话“{t}”不像手机号码或固定电话。")
    return t[:20]


# -- the list against the proposal form ---------------------------------------------------------


@dataclass(frozen=True)
class Expected:
    """What the proposal form says of the list: keyed in entry when keyed, else as registered at
    the counter."""

    insured_count: int
    premium_total: Decimal
    source: str  # "keyed" / "registered"


def _count(text: str | None) -> int | None:
    t = (text or "").replace(",", "").replace("人", "").strip()
    return int(t) if t.isdigit() else None


def _amount(text: str | None) -> Decimal | None:
    t = (text or "").replace(",", "").replace("元", "").replace(" ", "")
    try:
        d = Decimal(t)
    except InvalidOperation:
        return None
    return d if d.is_finite() else None


def expected_totals(*, registered_count: int, registered_premium: Decimal, keyed: dict[str, str]) -> Expected:
    """Keyed values (the case's settled entry fields `insured_count`, `premium_total`) win over the
    counter's registration, each on its own: a field not yet settled falls back to registration."""
    count, premium = _count(keyed.get("insured_count")), _amount(keyed.get("premium_total"))
    source = "keyed" if count is not None or premium is not None else "registered"
    return Expected(registered_count if count is None else count,
                    registered_premium if premium is None else premium, source)


def totals_refusal(checked: Checked, expected: Expected) -> str | None:
    """One sentence naming both figures when the list's head count or premium total differs from the
    proposal form's; None when they agree. A premium total is compared only when every person has one."""
    where = "投保单录入的" if expected.source == "keyed" else "受理登记的"
    count_ok = checked.head_count == expected.insured_count
    premium_known = checked.without_premium == 0
    premium_ok = not premium_known or checked.premium_total == expected.premium_total
    if count_ok and premium_ok:
        return None
    if not count_ok and not premium_ok:
        return (f"清单共 {checked.head_count} 人、保费合计 {checked.premium_total:,.2f} 元，与{where}被保险人数 "
                f"{expected.insured_count} 人、保费合计 {expected.premium_total:,.2f} 元不一致，清单未导入。")
    if not count_ok:
        return (f"清单共 {checked.head_count} 人，与{where}被保险人数 {expected.insured_count} 人不一致，"
                "清单未导入。")
    return (f"清单保费合计 {checked.premium_total:,.2f} 元，与{where}保费合计 {expected.premium_total:,.2f} 元"
            "不一致，清单未导入。")
