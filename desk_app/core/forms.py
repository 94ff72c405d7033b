"""Form definitions (resources/forms/*.json): what the entry operators key, field by field.

A definition is data: each field's key, label, type, reference table or choices, mask, whether
the form marks it `*` (required), and where it sits on the standard form page (a rectangle in
millimetres from the page's top-left corner), so the entry workstation can show that part of the
scanned image. Adding a field is an edit to the JSON file, not to the screen code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

from desk_app.paths import resources_dir


class FieldType(StrEnum):
    TEXT = "text"
    CODE = "code"  # a code from a reference table or the form's own choices
    DATE = "date"  # YYYY-MM-DD
    MONEY = "money"  # yuan, two decimals
    RATIO = "ratio"  # a percentage, e.g. 15 or 12.5
    INTEGER = "integer"
    ID_NUMBER = "id_number"  # resident ID (GB 11643)
    PHONE = "phone"
    CREDIT_CODE = "credit_code"  # unified social credit code (GB 32100)
    BANK_ACCOUNT = "bank_account"


@dataclass(frozen=True)
class FieldDef:
    key: str
    label: str
    type: FieldType
    required: bool  # marked `*` on the form: must be filled (`无` is a value)
    page: int  # 1-based, among the case's proposal-form pages
    region: tuple[float, float, float, float]  # x, y, width, height in mm
    ref: str | None = None  # reference table or choice list of a code field
    mask: str | None = None  # Qt input mask, where one helps the operator
    max_length: int | None = None


@dataclass(frozen=True)
class FormDef:
    code: str
    title: str
    business_type: str
    version: int
    page_size_mm: tuple[float, float]
    pages: int
    fields: tuple[FieldDef, ...]
    # Code lists the form itself defines (unit natures, yes/no...): ref -> {code: label}.
    choices: dict[str, dict[str, str]]
    # Registration marks: squares of `size` mm at these top-left corners; the cover barcode's box.
    mark_size_mm: float
    mark_corners_mm: tuple[tuple[float, float], ...]
    barcode_mm: tuple[float, float, float, float]

    def field(self, key: str) -> FieldDef:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.fields)


def forms_dir() -> Path:
    return resources_dir() / "forms"


def _parse(doc: dict) -> FormDef:
    fields = tuple(
        FieldDef(key=f["key"], label=f["label"], type=FieldType(f["type"]), required=bool(f.get("required", True)),
                 page=int(f.get("page", 1)), region=tuple(float(v) for v in f["region"]),  # type: ignore[arg-type]
                 ref=f.get("ref"), mask=f.get("mask"), max_length=f.get("max_length"))
        for f in doc["fields"]
    )
    keys = [f.key for f in fields]
    if len(set(keys)) != len(keys):
        raise ValueError(f"form {doc['code']}: a field key appears twice")
    marks = doc.get("marks_mm", {})
    return FormDef(
        code=doc["code"], title=doc["title"], business_type=doc["business_type"], version=int(doc["version"]),
        page_size_mm=tuple(doc.get("page_size_mm", (210, 297))),  # type: ignore[arg-type]
        pages=int(doc.get("pages", 1)), fields=fields, choices=dict(doc.get("choices", {})),
        mark_size_mm=float(marks.get("size", 0)),
        mark_corners_mm=tuple(tuple(c) for c in marks.get("corners", ())),  # type: ignore[misc]
        barcode_mm=tuple(doc.get("barcode_mm", (0, 0, 0, 0))),  # type: ignore[arg-type]
    )


@cache
def all_forms() -> dict[str, FormDef]:
    """Every form definition shipped in resources/forms, by code."""
    out: dict[str, FormDef] = {}
    for path in sorted(forms_dir().glob("*.json")):
        form = _parse(json.loads(path.read_text("utf-8")))
        out[form.code] = form
    return out


def form(code: str) -> FormDef:
    return all_forms()[code]


def form_for(business_type: str) -> FormDef:
    """The proposal form of a business type (GROUP / INDIVIDUAL)."""
    for f in all_forms().values():
        if f.business_type == business_type:
            return f
    raise KeyError(business_type)
