"""Which column of a list holds which of our fields: guessed from the header texts people write,
or remembered from the last list of the same template or of the same agent.

A mapping is kept as {field: header text} (or a column letter for a column without a heading), so
it still fits when a unit moves its columns around; `resolve` turns it into column indexes of one
file's header.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from desk_app.core.errors import InvalidInput
from desk_app.core.insured.reading import Header, column_letter
from desk_app.store.models import InsuredColumnMapping


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    synonyms: tuple[str, ...]


# In the order a dialog lists them. Synonyms are compared after `normalise` (no spaces, half-width,
# lower case, no "*" or "（元）").
FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("name", "姓名", ("姓名", "被保险人姓名", "被保人姓名", "员工姓名", "名字", "被保险人")),
    FieldSpec("id_type", "证件类型", ("证件类型", "证件种类")),
    FieldSpec("id_no", "证件号码", ("证件号码", "身份证号", "身份证号码", "证件号", "身份证", "公民身份号码",
                                  "居民身份证号码", "证件号码/身份证号", "身份证件号码")),
    FieldSpec("gender", "性别", ("性别",)),
    FieldSpec("birth_date", "出生日期", ("出生日期", "出生年月日", "生日", "出生年月")),
    FieldSpec("relation", "与员工关系", ("与员工关系", "人员类别", "与主被保险人关系", "与被保险人关系", "关系",
                                     "连带关系", "被保险人类别", "与职工关系")),
    FieldSpec("occupation_code", "职业代码", ("职业代码", "行业类别", "职业编码", "行业代码", "职业代码/行业类别")),
    FieldSpec("occupation_class", "职业类别", ("职业类别", "职业等级", "职业风险等级", "风险等级")),
    FieldSpec("product_code", "险种代码", ("险种代码", "产品代码", "险种", "产品编码", "险种编码")),
    FieldSpec("benefit_level", "保障等级", ("保障等级", "方案", "保障方案", "投保方案", "等级", "计划", "保障计划",
                                        "方案等级")),
    FieldSpec("sum_insured", "保额", ("保额", "保险金额", "基本保额", "保障额度")),
    FieldSpec("premium", "保费", ("保费", "保险费", "应交保费", "应缴保费", "年保费")),
    FieldSpec("phone", "电话", ("电话", "手机", "手机号", "手机号码", "联系电话", "移动电话")),
)
FIELD_KEYS = tuple(f.key for f in FIELDS)
LABELS = {f.key: f.label for f in FIELDS}
REQUIRED = ("name", "id_no")

_UNITS = re.compile(r"[（(](元|人民币元|rmb|yuan)[)）]$")


def normalise(text: str) -> str:
    """Header text as compared: half-width, no spaces or stars, lower case, no money unit."""
    t = unicodedata.normalize("NFKC", text)
    t = "".join(t.split()).replace("*", "").replace("＊", "").lower()
    return _UNITS.sub("", t)


_EXACT = {normalise(s): f.key for f in FIELDS for s in f.synonyms}
# Longer synonyms first, so "保障等级" wins over "等级" inside "被保险人保障等级".
_PARTS = sorted(((normalise(s), f.key) for f in FIELDS for s in f.synonyms if len(s) >= 2),
                key=lambda p: -len(p[0]))


def guess(texts: Sequence[str], groups: Sequence[str] = ()) -> dict[str, int]:
    """{field: column index} from header texts: exact names first, then names contained in a
    heading ("被保险人身份证号码"), then the group heading of a two-row header with its cell
    ("被保险人" over "姓名"). A field takes the first column that names it; a column one field."""
    found: dict[str, int] = {}
    taken: set[int] = set()
    norm = [normalise(t) for t in texts]
    for i, t in enumerate(norm):
        key = _EXACT.get(t)
        if key and key not in found:
            found[key], _ = i, taken.add(i)
    for i, t in enumerate(norm):
        if i in taken or not t:
            continue
        for part, key in _PARTS:
            if key not in found and part in t:
                found[key], _ = i, taken.add(i)
                break
    for i, g in enumerate(groups):
        if i in taken or not g:
            continue
        key = _EXACT.get(normalise(g) + norm[i])
        if key and key not in found:
            found[key], _ = i, taken.add(i)
    return found


def score(texts: Sequence[str], groups: Sequence[str] = (), named: dict[str, str] | None = None) -> int:
    """How much a row looks like our header: the fields it names (0 unless it names a person's name
    or ID number, the two every list has). Headings a person mapped by hand (`named`) count too."""
    found: dict[str, int] = guess(texts, groups)
    if named:
        norm = {normalise(t) for t in texts if t}
        for key, col in named.items():
            if col and normalise(col) in norm:
                found.setdefault(key, -1)
    return len(found) if ("name" in found or "id_no" in found) else 0


def column_names(header: Header) -> list[str]:
    """What each column is called in messages and mappings: its heading, or its letter."""
    return [t or column_letter(i) for i, t in enumerate(header.texts)]


def describe(mapping: dict[str, int], header: Header) -> dict[str, str]:
    """{field: heading or column letter}: the mapping as remembered and as stored with a list."""
    names = column_names(header)
    return {k: names[i] for k, i in mapping.items() if i < len(names)}


def resolve(named: dict[str, str], header: Header, *, strict: bool) -> dict[str, int]:
    """{field: column index} of a {field: heading or column letter} mapping. Strict (a person's
    own mapping): an unknown field or a column that is not there is refused; otherwise such entries
    are left out (a remembered mapping of a slightly different file)."""
    names = column_names(header)
    by_text = {normalise(n): i for i, n in reversed(list(enumerate(names)))}
    letters = {column_letter(i): i for i in range(len(names))}
    out: dict[str, int] = {}
    for key, col in named.items():
        if key not in LABELS:
            if strict:
                raise InvalidInput(f"未知字段“{key}”。可用字段：{'、'.join(f'{f.key}（{f.label}）' for f in FIELDS)}。")
            continue
        if col == "":
            continue
        i = by_text.get(normalise(col))
        if i is None and col.strip().upper() in letters:
            i = letters[col.strip().upper()]
        if i is None:
            if strict:
                raise InvalidInput(f"清单中没有“{col}”这一列（{LABELS[key]}）。")
            continue
        out[key] = i
    return out


def combine(named: dict[str, str], header: Header, base: dict[str, int]) -> dict[str, int]:
    """A person's own mapping (strict) over the remembered or guessed one: the fields they named go
    where they said ("" for a field they took off), the others stay where they were unless their
    column is now taken."""
    own = resolve(named, header, strict=True)
    taken = set(own.values())
    return own | {k: i for k, i in base.items() if k not in named and i not in taken}


def template_key_of(texts: Sequence[str]) -> str:
    """`headers:<digest>` of a header row: the same template (the same headings in the same order)."""
    norm = "\x1f".join(normalise(t) for t in texts).rstrip("\x1f")
    return "headers:" + hashlib.sha256(norm.encode("utf-8")).hexdigest()[:32]


def template_key(header: Header) -> str:
    return template_key_of(header.texts)


def agent_key(agent_code: str | None) -> str | None:
    return f"agent:{agent_code}" if agent_code else None


@dataclass(frozen=True)
class Known:
    """The templates this counter has mapped, and the agent's last mapping {field: heading}: what
    tells a header row that the synonyms alone would not recognise."""

    templates: frozenset[str]
    agent: dict[str, str]


def known(session: Session, agent_code: str | None) -> Known:
    rows = dict(session.execute(select(InsuredColumnMapping.key, InsuredColumnMapping.mapping)).all())
    agent: dict[str, str] = {}
    key = agent_key(agent_code)
    if key and key in rows:
        try:
            agent = {k: v for k, v in json.loads(rows[key]).items() if isinstance(v, str)}
        except (ValueError, AttributeError):
            agent = {}
    return Known(frozenset(k for k in rows if k.startswith("headers:")), agent)


@dataclass(frozen=True)
class Guessed:
    mapping: dict[str, int]
    source: str  # "template" (same headings as a list before) / "agent" / "headers" (guessed)


def remembered(session: Session, header: Header, agent_code: str | None) -> Guessed:
    """The mapping for this file: the template's own if a list with these very headings was
    imported before, else the agent's last one (the columns it names that are here), over the
    guess from the headings."""
    guessed = guess(header.texts, header.groups)
    keys = [template_key(header), agent_key(agent_code)]
    rows = dict(session.execute(select(InsuredColumnMapping.key, InsuredColumnMapping.mapping)
                                .where(InsuredColumnMapping.key.in_([k for k in keys if k]))).all())
    for key, source in zip(keys, ("template", "agent"), strict=True):
        if key and key in rows:
            try:
                named = json.loads(rows[key])
            except ValueError:
                continue
            found = resolve(named, header, strict=False)
            if found:
                merged = {k: i for k, i in guessed.items() if i not in found.values() and k not in found}
                return Guessed(found | merged, source)
    return Guessed(guessed, "headers")


def remember(session: Session, header: Header, agent_code: str | None, mapping: dict[str, int],
             now: dt.datetime) -> None:
    """Keep the mapping of an imported list for its template and its agent (upserts, Core)."""
    text = json.dumps(describe(mapping, header), ensure_ascii=False, sort_keys=True)
    table = InsuredColumnMapping.__table__
    for key in (template_key(header), agent_key(agent_code)):
        if key:
            stmt = sqlite_insert(table).values(key=key, mapping=text, updated_at=now)
            session.execute(stmt.on_conflict_do_update(index_elements=["key"],
                                                       set_={"mapping": text, "updated_at": now}))
