"""A service's refusal shown on the form that asked for it: each message beside the field it
names, the rest at the top (design.md: a summary at the top, the message by the field)."""

from collections.abc import Mapping

from django import forms

from motcua.core.errors import DomainError


def add_service_errors(
    form: forms.Form, exc: DomainError, *, aliases: Mapping[str, str] | None = None
) -> None:
    """Put `exc`'s field messages beside `form`'s fields (`aliases` maps the service's field
    names to the form's); when none of them is the form's, its message goes at the top."""
    aliases = aliases or {}
    placed = False
    for name, messages in (exc.fields or {}).items():
        field = aliases.get(name, name)
        if field in form.fields:
            for message in messages:
                form.add_error(field, message)
            placed = True
    if not placed:
        form.add_error(None, exc.message)
