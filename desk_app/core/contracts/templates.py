"""The contract's wording: a JSON template per business type and the clauses of each product, as
text files in resources/contracts/ (head office changes the wording without a release).

A clause file: `# title` starts a product's clauses, `第…条 …` an article heading, any other
line a paragraph. Loaded once per process.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from desk_app.core.errors import NotFound
from desk_app.paths import resources_dir


@dataclass(frozen=True)
class Template:
    business_type: str
    raw: dict[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.raw[key]

    def label(self, key: str) -> str:
        return self.raw["labels"][key]


@dataclass(frozen=True)
class ClauseLine:
    kind: str  # "title" / "article" / "text"
    text: str


def _dir():
    return resources_dir() / "contracts"


@cache
def template(business_type: str) -> Template:
    name = {"GROUP": "group.json", "INDIVIDUAL": "individual.json"}.get(business_type)
    if name is None:
        raise NotFound(f"没有“{business_type}”业务的合同模板。")
    return Template(business_type, json.loads((_dir() / name).read_text(encoding="utf-8")))


@cache
def clauses(product_code: str) -> tuple[ClauseLine, ...]:
    path = _dir() / "clauses" / f"{product_code}.txt"
    if not path.exists():
        return (ClauseLine("title", f"{product_code} 条款"), ClauseLine("text", "本险种条款以本公司报备的条款文本为准。"))
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            out.append(ClauseLine("title", line.lstrip("# ").strip()))
        elif line.startswith("第") and "条" in line[:6]:
            out.append(ClauseLine("article", line))
        else:
            out.append(ClauseLine("text", line))
    return tuple(out)
