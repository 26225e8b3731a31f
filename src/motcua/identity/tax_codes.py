"""The tax code's check digit (mã số thuế, MST): the tenth digit is computed from the first nine.

Weights 31, 29, 23, 19, 17, 13, 7, 5, 3 on the first nine digits; the check digit is 10 minus the
weighted sum modulo 11, and a first nine digits whose remainder is 0 have no valid code (10 is not
a digit). This is the rule the General Department of Taxation's coding scheme uses, as
implemented in python-stdnum (`stdnum.vn.mst`), whose examples 0100233488 and 0314409058-002 pass.
The format itself (10 digits, a branch adds "-" and 3 digits) is `accounts.identity.clean_tax_code`.
"""

from django.utils.translation import gettext as _

from motcua.accounts.identity import clean_tax_code
from motcua.core.errors import ValidationFailed

WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)


def check_digit(first_nine: str) -> str | None:
    """The tenth digit for `first_nine`, or None when no tenth digit makes a valid code."""
    remainder = sum(weight * int(digit) for weight, digit in zip(WEIGHTS, first_nine, strict=True))
    digit = 10 - remainder % 11
    return str(digit) if digit < 10 else None


def clean_checked_tax_code(value: str) -> str:
    """The tax code in its stored form, its format and its check digit checked."""
    code = clean_tax_code(value)
    if code[2:9] == "0000000" or code.endswith("-000") or check_digit(code[:9]) != code[9]:
        message = _(
            "Mã số thuế này không đúng (sai chữ số kiểm tra): xem lại mã số thuế trên Giấy chứng "
            "nhận đăng ký doanh nghiệp và nhập lại."
        )
        raise ValidationFailed(message, fields={"tax_code": [message]})
    return code
