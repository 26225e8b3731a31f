"""Vietnamese phone numbers in one national form, whatever the citizen typed.

Mobile numbers have 10 digits (`09…`, `03…`, …); landlines since 2017 have 11 (`02…`).
"""

import re

_NOISE = re.compile(r"[\s.\-()]")
_NATIONAL = re.compile(r"0[1-9]\d{8}|02\d{9}")


def normalise_phone(raw: str) -> str | None:
    """'+84 912 345 678', '84912345678', '0912.345.678' → '0912345678';
    '+84 24 3825 1234' → '02438251234'; None when it is not a Vietnamese number."""
    digits = _NOISE.sub("", raw or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    return digits if _NATIONAL.fullmatch(digits) else None
