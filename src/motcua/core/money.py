"""Money as Vietnamese write it: integer đồng with dots between thousands (1.250.000), and in
words as receipts and official papers write the amount (một triệu hai trăm năm mươi nghìn)."""

_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
_GROUPS = ["", "nghìn", "triệu", "tỷ"]


def vnd(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def _three(number: int, *, leading: bool) -> list[str]:
    """A group of three digits; a group after the first says its empty hundreds ("không
    trăm") and an empty ten before a unit ("linh")."""
    hundreds, tens, ones = number // 100, number // 10 % 10, number % 10
    words: list[str] = []
    if hundreds or not leading:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if ones and words:
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if ones == 1 and tens >= 2:
        words.append("mốt")
    elif ones == 5 and tens >= 1:
        words.append("lăm")
    elif ones:
        words.append(_DIGITS[ones])
    return words


def in_words(amount: int) -> str:
    """16000 → 'Mười sáu nghìn đồng'; 1050000 → 'Một triệu không trăm năm mươi nghìn đồng'."""
    if amount < 0:
        raise ValueError("an amount of money is not negative")
    if amount == 0:
        return "Không đồng"
    groups: list[int] = []
    rest = amount
    while rest:
        groups.append(rest % 1000)
        rest //= 1000
    words: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if not group:
            # A billion's worth of empty thousands still says "tỷ" where it must.
            if index % 3 == 0 and index and words and words[-1] != "tỷ":
                words.append("tỷ")
            continue
        words += _three(group, leading=not words)
        name = _GROUPS[index % 3] if index % 3 else ("tỷ" if index else "")
        if name:
            words.append(name)
    text = " ".join(words)
    return f"{text[0].upper()}{text[1:]} đồng"
