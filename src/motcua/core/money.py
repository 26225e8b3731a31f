"""Money as Vietnamese write it: integer đồng with dots between thousands (1.250.000)."""


def vnd(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")
