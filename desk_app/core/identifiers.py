"""Check digits of Chinese identifiers, through python-stdnum (never hand-rolled)."""

from __future__ import annotations

from stdnum import luhn
from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError


def valid_credit_code(code: str) -> bool:
    """Unified social credit code of a unit (GB 32100-2015)."""
    try:
        uscc.validate(code)
    except (ValidationError, KeyError):
        return False
    return True


def valid_resident_id(number: str) -> bool:
    """Resident identity card number (GB 11643-1999). stdnum raises KeyError for unknown counties."""
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
    return number.isdigit() and 12 <= len(number) <= 19 and luhn.is_valid(number)


def bank_account_warning(number: str) -> str | None:
    """The non-blocking note for an account that is not a valid card number, or None."""
    if bank_account_problem(number) or valid_bank_card(number):
        return None
    return "银行账号未通过银行卡校验位检查；如为单位对公账户（无校验位）属正常，请核对账号。"


def valid_mobile(number: str) -> bool:
    return len(number) == 11 and number.isdigit() and number[0] == "1" and number[1] in "3456789"
