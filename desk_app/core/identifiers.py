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


def valid_bank_card(number: str) -> bool:
    return number.isdigit() and 12 <= len(number) <= 19 and luhn.is_valid(number)


def valid_mobile(number: str) -> bool:
    return len(number) == 11 and number.isdigit() and number[0] == "1" and number[1] in "3456789"
