"""The JSON description of an intake (`desk-app intake --json FILE`), checked at the edge.

One pydantic model declares every field's type, length and range once; any violation becomes one
Chinese sentence naming the field (never a Python repr, never the offending value at length). The
file is read with its size limited before reading, as UTF-8 with or without a BOM; devices, pipes
and folders are refused. What the model lets through still meets the business rules in the core
(check digits, products, dates against today), which the counter screen shares.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, ValidationError, field_validator

from desk_app.core.errors import InvalidInput
from desk_app.core.intake import IntakeRequest, Tick
from desk_app.core.proposals import CaseDraft, ProductLine
from desk_app.core.text import shorten

MAX_FILE_BYTES = 1_000_000  # a description is a few kilobytes; a megabyte is a wrong file
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2199, 12, 31)  # outside: a typing slip, or an overflow

LABELS = {
    "proposal_no": "投保单号", "business_type": "业务类型", "applicant_name": "投保单位（投保人）名称",
    "business_source": "业务来源", "effective_date": "生效日期", "proposal_date": "投保日期", "products": "险种",
    "product_code": "险种代码", "benefit_level": "保障等级", "sum_insured": "保额", "premium": "保费",
    "premium_total": "保费合计", "applicant_credit_code": "统一社会信用代码", "industry_code": "行业类别",
    "intermediary_code": "中介机构代码", "commission_ratio": "手续费比例", "agent_code": "业务员代码",
    "insured_count": "被保险人数", "term_months": "保险期间（月）", "special_agreements": "特别约定",
    "applicant_id_no": "投保人身份证号码", "contact_name": "联系人", "contact_phone": "联系电话",
    "payer_bank_account": "银行账号", "checklist": "材料清单", "received": "是否收到", "note": "备注",
    "outcome": "受理结果", "return_reasons": "退件原因", "confirm_past_date": "确认生效日期已过",
    "confirm_duplicates": "确认不是重复投保",
}

Code = Annotated[str, Field(min_length=1, max_length=40)]
OptionalCode = Annotated[str | None, Field(default=None, max_length=40)]
Money = Annotated[Decimal, Field(ge=0, le=Decimal("1e12"), allow_inf_nan=False)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ProductDescription(_Strict):
    product_code: Code
    benefit_level: Annotated[str, Field(min_length=1, max_length=10)]
    sum_insured: Money
    premium: Money


class TickDescription(_Strict):
    received: StrictBool
    note: Annotated[str, Field(max_length=200)] = ""


class IntakeDescription(_Strict):
    proposal_no: Code
    business_type: Annotated[str, Field(min_length=1, max_length=20)]
    applicant_name: Annotated[str, Field(min_length=1, max_length=100)]
    business_source: Annotated[str, Field(min_length=1, max_length=30)]
    effective_date: dt.date
    proposal_date: dt.date | None = None
    products: Annotated[list[ProductDescription], Field(min_length=1, max_length=50)]
    premium_total: Money | None = None
    applicant_credit_code: OptionalCode = None
    industry_code: OptionalCode = None
    intermediary_code: OptionalCode = None
    commission_ratio: Annotated[Decimal | None, Field(default=None, ge=0, le=1, allow_inf_nan=False)] = None
    agent_code: OptionalCode = None
    insured_count: Annotated[StrictInt, Field(ge=1, le=1_000_000)] = 1
    term_months: Annotated[StrictInt, Field(ge=1, le=1200)] = 12
    special_agreements: Annotated[str, Field(max_length=2000)] = "无"
    applicant_id_no: OptionalCode = None
    contact_name: Annotated[str | None, Field(default=None, max_length=50)] = None
    contact_phone: OptionalCode = None
    payer_bank_account: OptionalCode = None
    checklist: Literal["all"] | Annotated[dict[Annotated[str, Field(max_length=40)], StrictBool | TickDescription],
                                          Field(max_length=100)] = Field(default_factory=dict)
    outcome: Literal["accept", "accept_with_deficiencies", "return"] = "accept"
    return_reasons: Annotated[list[Annotated[str, Field(max_length=200)]], Field(max_length=20)] = Field(
        default_factory=list)
    confirm_past_date: StrictBool = False
    confirm_duplicates: StrictBool = False

    @field_validator("effective_date", "proposal_date")
    @classmethod
    def _plausible_day(cls, value: dt.date | None) -> dt.date | None:
        if value is not None and not FIRST_DAY <= value <= LAST_DAY:
            raise ValueError("day out of range")
        return value

    def to_request(self) -> IntakeRequest:
        lines = tuple(ProductLine(p.product_code, p.benefit_level, p.sum_insured, p.premium) for p in self.products)
        draft = CaseDraft(
            proposal_no=self.proposal_no, business_type=self.business_type, applicant_name=self.applicant_name,
            business_source=self.business_source, effective_date=self.effective_date,
            proposal_date=self.proposal_date or self.effective_date - dt.timedelta(days=1), products=lines,
            premium_total=self.premium_total if self.premium_total is not None
            else sum((line.premium for line in lines), Decimal("0")),
            applicant_credit_code=self.applicant_credit_code, industry_code=self.industry_code,
            intermediary_code=self.intermediary_code, commission_ratio=self.commission_ratio,
            agent_code=self.agent_code, insured_count=self.insured_count, term_months=self.term_months,
            special_agreements=self.special_agreements, applicant_id_no=self.applicant_id_no,
            contact_name=self.contact_name, contact_phone=self.contact_phone,
            payer_bank_account=self.payer_bank_account)
        ticks: tuple[Tick, ...] = ()
        if isinstance(self.checklist, dict):
            ticks = tuple(Tick(code, v.received, v.note) if isinstance(v, TickDescription) else Tick(code, v, "")
                          for code, v in self.checklist.items())
        return IntakeRequest(draft, ticks, self.outcome, tuple(self.return_reasons), self.confirm_past_date,
                             self.confirm_duplicates, all_received=self.checklist == "all")


def _where(loc: tuple[Any, ...]) -> str:
    """'险种第 2 行的保额' from ('products', 1, 'sum_insured')."""
    parts: list[str] = []
    for i, item in enumerate(loc):
        if isinstance(item, int):
            if parts:
                parts[-1] += f"第 {item + 1} 行"
            continue
        text = str(item)
        if i > 0 and loc[i - 1] == "checklist" and text not in LABELS:
            parts.append(f"“{shorten(text, 20)}”")
        elif text in ("bool", "TickDescription", "literal['all']", "dict[str,union[bool,TickDescription]]"):
            continue
        else:
            parts.append(LABELS.get(text, f"“{shorten(text, 20)}”"))
    return "的".join(parts) or "受理描述"


def _number(value: Any) -> str:
    try:
        d = Decimal(str(value))
    except ArithmeticError:
        return str(value)
    return f"{int(d):,}" if d == d.to_integral_value() else f"{d.normalize():,f}"


def _sentence(error: dict[str, Any]) -> str:
    loc = tuple(error["loc"])
    where, kind, ctx = _where(loc), error["type"], error.get("ctx") or {}
    if loc and loc[0] == "checklist" and kind != "too_long":
        item = next((str(x) for x in loc[2:] if isinstance(x, str) and x not in ("bool", "TickDescription")
                     and x not in LABELS), None)
        which = f"中的“{shorten(item, 20)}”" if item else ""
        return (f"材料清单{which}写法不对：应为 \"all\"（全部收到），或逐项写明是否收到，"
                f"如 {{\"insured_list\": true}} 或 {{\"insured_list\": {{\"received\": false, \"note\": \"后补\"}}}}。")
    if kind == "missing":
        return f"受理描述缺少{where}。"
    if kind == "extra_forbidden":
        return f"受理描述中有不认识的项目{where}，请删除或改正名称。"
    if kind in ("string_too_long", "too_long"):
        return f"{where}太长：最多 {ctx.get('max_length')} {'个字' if kind == 'string_too_long' else '项'}。"
    if kind in ("string_too_short", "too_short"):
        return f"{where}不能为空。"
    if kind.startswith("date") or kind == "value_error" and "day" in str(error.get("msg")):
        return f"{where}应为 {FIRST_DAY.year}–{LAST_DAY.year} 年间的日期，格式如 2025-03-01。"
    if kind.startswith("decimal") or kind in ("greater_than_equal", "less_than_equal", "finite_number"):
        if kind == "less_than_equal":
            return f"{where}不能超过 {_number(ctx.get('le'))}。"
        if kind == "greater_than_equal":
            return f"{where}不能小于 {_number(ctx.get('ge'))}。"
        return f"{where}应为一个数目（如 2400 或 \"2400.50\"）。"
    if kind.startswith("int"):
        return f"{where}应为整数。"
    if kind in ("greater_than_equal", "less_than_equal"):  # integers
        return (f"{where}不能超过 {_number(ctx.get('le'))}。" if kind == "less_than_equal"
                else f"{where}不能小于 {_number(ctx.get('ge'))}。")
    if kind.startswith("bool"):
        return f"{where}应为 true 或 false。"
    if kind == "literal_error":
        return f"{where}只能是：{str(ctx.get('expected', '')).replace(' or ', ' 或 ').replace(', ', '、')}。"
    if kind in ("string_type", "dict_type", "list_type", "model_type", "model_attributes_type"):
        return f"{where}的类型不对（应为{ {'string_type': '文字', 'dict_type': '对象', 'list_type': '列表'}.get(kind, '对象')}）。"
    return f"{where}不正确。"


def request_from_json(data: Any) -> IntakeRequest:
    """The intake request a parsed JSON description asks for; InvalidInput (one sentence) if not."""
    if not isinstance(data, dict):
        raise InvalidInput("受理描述应为一个 JSON 对象（{…}）。")
    try:
        description = IntakeDescription.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_input=False)
        # A union reports once per member: for the first field in error, the deepest report names
        # the item (a checklist entry rather than the "all" alternative).
        first = [e for e in errors if e["loc"][:1] == errors[0]["loc"][:1]]
        raise InvalidInput(_sentence(max(first, key=lambda e: len(e["loc"])))) from None
    return description.to_request()


def read_description(path: Path) -> IntakeRequest:
    """Read and check a description file: a regular file, at most MAX_FILE_BYTES, UTF-8 (BOM allowed)."""
    path = Path(path)
    try:
        info = os.stat(path)
    except OSError as exc:
        raise InvalidInput(f"无法读取受理描述文件“{shorten(str(path), 60)}”：{exc.strerror or '无法访问'}。") from None
    if not stat.S_ISREG(info.st_mode):
        raise InvalidInput(f"“{shorten(str(path), 60)}”不是普通文件（是文件夹、设备或管道），不能作为受理描述。")
    if info.st_size > MAX_FILE_BYTES:
        raise InvalidInput(f"受理描述文件太大（{info.st_size:,} 字节，最多 {MAX_FILE_BYTES:,}）。")
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)  # a file that grew since the stat is still bounded
    except OSError as exc:
        raise InvalidInput(f"无法读取受理描述文件：{exc.strerror or '读取失败'}。") from None
    if len(raw) > MAX_FILE_BYTES:
        raise InvalidInput(f"受理描述文件太大（最多 {MAX_FILE_BYTES:,} 字节）。")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InvalidInput("受理描述文件不是 UTF-8 编码的文本。") from None
    except (ValueError, RecursionError):
        raise InvalidInput("受理描述文件不是有效的 JSON。") from None
    return request_from_json(data)
