"""Errors a service raises when it refuses: each has a machine code and a Vietnamese message.

The API turns them into `{"code", "message", "fields"}` (conventions.md) with the status below;
pages show the message. Services never raise HTTP exceptions.
"""

from typing import Any


class DomainError(Exception):
    """A request the system understood and refuses; the message says why, in Vietnamese."""

    status = 400
    code = "invalid"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        fields: dict[str, list[str]] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.fields: dict[str, Any] = fields or {}


class ValidationFailed(DomainError):
    status = 400
    code = "invalid"


class NotFound(DomainError):
    """Also raised for what the caller may not see, so codes cannot be probed."""

    status = 404
    code = "not_found"


class Forbidden(DomainError):
    """The object is visible but this action is not the caller's."""

    status = 403
    code = "forbidden"


class Conflict(DomainError):
    """The action is not allowed now (status, step, or someone acted first)."""

    status = 409
    code = "conflict"
