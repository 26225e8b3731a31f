"""Vietnamese phone numbers in one form (`0xxxxxxxxx`), whatever the citizen typed."""

import re

_NOISE = re.compile(r"[\s.\-()]")
_NATIONAL = re.compile(r"0\d{9}")


def normalise_phone(raw: str) -> str | None:
    """'+84 912 345 678', '84912345678', '0912.345.678' → '0912345678'; None when not a number."""
    digits = _NOISE.sub("", raw or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    return digits if _NATIONAL.fullmatch(digits) else None
