"""A stand-in for a user: the audit log reads people by duck typing."""

from dataclasses import dataclass


@dataclass
class Person:
    """Anyone the audit log can name: it reads `pk`, `full_name` and `get_username()` only."""

    pk: int | None
    full_name: str = ""
    username: str = ""

    def get_username(self) -> str:
        return self.username
