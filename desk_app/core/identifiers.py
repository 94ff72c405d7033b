"""Check digits of Chinese identifiers, through python-stdnum (never hand-rolled).

stdnum is imported by the checks that use it, not with this module: the case model imports this,
and a command that checks no identifier (a scan import) need not load it.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass


def valid_credit_code(code: str) -> bool:
    """Unified social credit code of a unit (GB 32100-2015)."""
    from stdnum.cn import uscc
    from stdnum.exceptions import ValidationError

    try:
        uscc.validate(code)
    except (ValidationError, KeyError):
        return False
    return True


def valid_resident_id(number: str) -> bool:
    """Resident identity card number (GB 11643-1999). stdnum raises KeyError for unknown counties."""
    from stdnum.cn import ric

    try:
        return bool(ric.is_valid(number))
    except KeyError:
        return False


# A person's bank card is 12–19 digits with a Luhn check digit; a unit's corporate account (对公账户)
# follows no check digit and its length varies by bank (up to about 25 digits, some banks 30).
ACCOUNT_DIGITS = (8, 30)


def bank_account_problem(number: str) -> str | None:
    """Why a payer account cannot be an account number at all (the one refusal), or None."""
    lo, hi = ACCOUNT_DIGITS
    if not number.isdigit() or not lo <= len(number) <= hi:
        return f"银行账号应为 {lo}–{hi} 位数字，请核对。"
    return None


def valid_bank_card(number: str) -> bool:
    """A personal bank card number (12–19 digits, Luhn). Failing it is a warning only: a
    corporate account is not a card."""
    from stdnum import luhn

    return number.isdigit() and 12 <= len(number) <= 19 and luhn.is_valid(number)


def bank_account_warning(number: str) -> str | None:
    """The non-blocking note for an account that is not a valid card number, or None."""
    if bank_account_problem(number) or valid_bank_card(number):
        return None
    return "银行账号未通过银行卡校验位检查；如为单位对公账户（无校验位）属正常，请核对账号。"


def valid_mobile(number: str) -> bool:
    return len(number) == 11 and number.isdigit() and number[0] == "1" and number[1] in "3456789"


@dataclass(frozen=True)
class ResidentId:
    """What a resident ID number (GB 11643-1999) says of its holder."""

    number: str
    birth_date: dt.date
    gender: str  # "M" / "F": the 17th digit, odd for men
    region_known: bool  # the county code was in use in the birth year (stdnum's table)


def parse_resident_id(number: str, *, today: dt.date | None = None) -> ResidentId:
    """The parts of an 18-character resident ID, or ValueError with the Chinese reason it is wrong.

    Length, digits, birth date and the ISO 7064 MOD 11-2 check digit refuse; the county code does
    not: stdnum's table lacks new counties and counties renamed before the holder's birth, and a
    real person must not be refused for that (`region_known` is False, for a warning)."""
    n = number.strip().upper()
    if len(n) == 15 and n.isdigit():
        raise ValueError("是15位的旧身份证号码，已停止使用，请填写18位号码")
    if len(n) != 18:
        raise ValueError(f"应为18位，实为{len(n)}位")
    if not n[:17].isdigit() or not (n[17].isdigit() or n[17] == "X"):
        raise ValueError("前17位须为数字，最后一位为数字或X")
    try:
        born = dt.date(int(n[6:10]), int(n[10:12]), int(n[12:14]))
    except ValueError:
        raise ValueError(f"其中的出生日期 {n[6:10]}-{n[10:12]}-{n[12:14]} 不存在") from None
    if born.year < 1900 or (today is not None and born > today):
        raise ValueError(f"其中的出生日期 {born.isoformat()} 不合理")
    from stdnum.iso7064 import mod_11_2

    if mod_11_2.calc_check_digit(n[:17]) != n[17]:
        raise ValueError("校验位不正确（请逐位核对）")
    return ResidentId(n, born, "M" if int(n[16]) % 2 else "F", _region_known(n[:6], born.year))


@functools.lru_cache(maxsize=4096)
def _region_known(region: str, year: int) -> bool:
    # get_birth_place needs the whole number; only the region and the birth year matter to it.
    from stdnum.cn import ric
    from stdnum.exceptions import ValidationError

    probe = f"{region}{year:04d}0101000"
    probe += ric.calc_check_digit(probe + "0")
    try:
        ric.get_birth_place(probe)
    except (ValidationError, KeyError, ValueError):
        return False
    return True
