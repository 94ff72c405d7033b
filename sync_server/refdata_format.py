"""The reference-data file format and row ids that head office and every branch agree on.

A file is `{"kind", "version", "rows"}` (resources/refdata); products carry their benefit levels
inline. Both sides give a row the same UUID5 id from its natural key, so head office and branches
agree on a row without a lookup. Imported by `desk_app.core.refdata` (loading files at a branch)
and `sync_server.refdata` (publishing them to the branches); no framework imported here.
"""

from __future__ import annotations

import uuid
from typing import Any

REFDATA_NS = uuid.UUID("6f1c2a52-8d0e-4e57-9b7a-0b5a0d7c1e11")

# table -> natural key columns
KEYS: dict[str, tuple[str, ...]] = {
    "products": ("code",),
    "benefit_levels": ("product_code", "level"),
    "occupation_classes": ("industry_code",),
    "intermediaries": ("code",),
    "agents": ("code",),
    "authority_levels": ("level",),
    "policies": ("key",),
}
# Money in yuan in the files (integer fen in the store); ratios as decimals.
MONEY_FIELDS = frozenset({"sum_insured", "premium_per_person", "max_sum_insured"})
DECIMAL_FIELDS = frozenset({"commission_cap"})


def refdata_id(kind: str, key: tuple[Any, ...]) -> str:
    """The same id at head office and at every branch for the same reference row."""
    return str(uuid.uuid5(REFDATA_NS, kind + ":" + "|".join(str(k) for k in key)))


def split_rows(kind: str, raw_rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """A file's rows by table: products' inline benefit levels become benefit_levels rows."""
    out: dict[str, list[dict[str, Any]]] = {kind: []}
    for raw in raw_rows:
        row = dict(raw)
        if kind == "products":
            levels = row.pop("levels", [])
            out.setdefault("benefit_levels", []).extend({"product_code": row["code"], **lv} for lv in levels)
        out[kind].append(row)
    return out
