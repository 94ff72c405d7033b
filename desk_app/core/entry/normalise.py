"""What a keyed value means, per field type, so two operators who keyed the same thing compare equal.

Both passes are normalised before they are compared, and the settled value is kept normalised:
- every type: Unicode NFKC (full-width digits, letters, punctuation and the full-width space U+3000
  become their half-width forms), trimmed; inner runs of spaces become one space, and spaces
  next to a Chinese character are dropped (``广州 天河`` and ``广州天河`` are one name);
- ID numbers, credit codes and reference codes: no spaces at all, upper case (the ID check
  letter ``x`` is ``X``); a code of the form's own choice lists may also be keyed by its label
  (``直销`` → ``direct``) and in any case (``y`` → ``Y``);
- dates: ``2026/1/5``, ``2026.01.05``, ``2026年1月5日``, ``20260105`` → ``2026-01-05``;
- money: ``1,234.5``, ``￥1234.50``, ``1234.50元`` → ``1234.50`` (two decimals);
- ratio: the form asks for a percentage (手续费比例（%）), so ``15%`` and ``15`` are ``15``;
  ``0.15`` stays ``0.15`` percent — turning it into 15 would be a silent guess, so the checks warn
  about a ratio under 1 instead and the operators' values differ when one keyed 15 and one 0.15;
- phone: spaces, dashes, dots and brackets dropped, a leading ``+86``/``0086`` on a mobile dropped;
- integers: thousands separators dropped, leading zeros dropped;
- bank accounts: spaces and dashes dropped.

A value that does not parse as its type is kept in its cleaned text form: the checks mark it, and
the comparison still compares what was keyed. ``无`` (the form's "nothing here") stays ``无``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from desk_app.core.forms import FieldDef, FieldType, FormDef

NOTHING = "无"

_SPACES = re.compile(r"\s+")
_CJK = r"[\u2e80-\u9fff\uf900-\ufaff]"
_SPACE_NEAR_CJK = re.compile(rf"(?<={_CJK}) | (?={_CJK})")
_DATE_PARTS = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_MONEY_NOISE = re.compile(r"(?i)^(rmb|cny)|(rmb|cny)$|[¥￥元,\s]")
_PHONE_NOISE = re.compile(r"[\s\-().]")
CENT = Decimal("0.01")


def clean_text(value: str) -> str:
    """NFKC, trimmed, one space between words and none beside a Chinese character."""
    text = _SPACES.sub(" ", unicodedata.normalize("NFKC", value)).strip()
    return _SPACE_NEAR_CJK.sub("", text)


def _no_spaces(value: str) -> str:
    return "".join(unicodedata.normalize("NFKC", value).split())


def parse_date(value: str) -> dt.date | None:
    text = _no_spaces(value)
    if re.fullmatch(r"\d{8}", text):
        parts = (text[:4], text[4:6], text[6:])
    else:
        m = _DATE_PARTS.match(text)
        if not m:
            return None
        parts = m.groups()
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None


def parse_decimal(value: str) -> Decimal | None:
    text = _MONEY_NOISE.sub("", _no_spaces(value))
    if not re.fullmatch(r"-?\d+(\.\d+)?|-?\.\d+", text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _money(value: str) -> str:
    amount = parse_decimal(value)
    if amount is None:
        return _no_spaces(value)
    return str(amount.quantize(CENT, rounding=ROUND_HALF_UP))


def _ratio(value: str) -> str:
    text = _no_spaces(value).rstrip("%")
    amount = parse_decimal(text)
    if amount is None:
        return _no_spaces(value)
    out = format(amount.normalize(), "f")
    return out


def _integer(value: str) -> str:
    text = _no_spaces(value).replace(",", "")
    return str(int(text)) if text.isdigit() else text


def _phone(value: str) -> str:
    text = _PHONE_NOISE.sub("", _no_spaces(value))
    for prefix in ("+86", "0086"):
        if text.startswith(prefix) and len(text) == len(prefix) + 11:
            text = text[len(prefix):]
    return text


def _code(value: str, choices: dict[str, str] | None) -> str:
    text = _no_spaces(value)
    if choices:
        for code, label in choices.items():
            if text.casefold() == code.casefold() or text == label:
                return code
        return text
    return text.upper()


def normalise(fdef: FieldDef, value: str, form: FormDef | None = None) -> str:
    """The value of one field as compared and kept."""
    text = clean_text(value)
    if text == "" or text == NOTHING and fdef.type is not FieldType.CODE:
        return text
    kind = fdef.type
    if kind is FieldType.TEXT:
        return text
    if kind is FieldType.CODE:
        return _code(text, form.choices.get(fdef.ref or "") if form else None)
    if kind is FieldType.DATE:
        day = parse_date(text)
        return day.isoformat() if day else _no_spaces(text)
    if kind is FieldType.MONEY:
        return _money(text)
    if kind is FieldType.RATIO:
        return _ratio(text)
    if kind is FieldType.INTEGER:
        return _integer(text)
    if kind is FieldType.PHONE:
        return _phone(text)
    if kind is FieldType.BANK_ACCOUNT:
        return _no_spaces(text).replace("-", "")
    # ID numbers and credit codes: the check letter's case does not matter.
    return _no_spaces(text).upper()


def normalise_all(form: FormDef, values: dict[str, str]) -> dict[str, str]:
    """Every known field of `values` normalised (unknown keys are left out)."""
    out: dict[str, str] = {}
    for key, value in values.items():
        try:
            fdef = form.field(key)
        except KeyError:
            continue
        out[key] = normalise(fdef, value, form)
    return out
