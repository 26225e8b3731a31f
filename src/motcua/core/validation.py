"""Turning Django's model validation into the project's `ValidationFailed`.

Services validate a model instance with `full_clean()` (field validators, `clean()`, constraints)
so the admin's forms and the services refuse the same things; the caller gets one Vietnamese
sentence naming each field, and the messages per field for forms and the API.
"""

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import models

from motcua.core.errors import ValidationFailed


def full_clean_or_fail(instance: models.Model, *, exclude: set[str] | None = None) -> None:
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as exc:
        raise as_validation_failed(exc, model=type(instance)) from exc


def as_validation_failed(exc: ValidationError, *, model: type[models.Model]) -> ValidationFailed:
    by_field = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
    fields = {name: [str(message) for message in messages] for name, messages in by_field.items()}
    sentences = [
        f"{label}: {' '.join(messages)}"
        if (label := field_label(model, name))
        else " ".join(messages)
        for name, messages in fields.items()
    ]
    return ValidationFailed(" ".join(sentences), fields=fields)


def field_label(model: type[models.Model], name: str) -> str:
    """The field's Vietnamese name, capitalised ("Trực thuộc"); empty for errors of the whole object."""
    try:
        label = str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return ""
    return label[:1].upper() + label[1:]
