"""A service's refusal shown on the form that asked for it: each message beside the field it
names, the rest at the top (design.md: a summary at the top, the message by the field); and the
field for an amount of money as people write it."""

import re
from collections.abc import Mapping

from django import forms
from django.utils.translation import gettext_lazy

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


class MoneyField(forms.IntegerField):
    """An amount in đồng as people write it: '16.000', '16 000', '16000', '16.000 đ' → 16000.
    A dot or comma is a thousands separator, never a decimal point (there is no smaller unit):
    '8.5' or '8.00' is refused rather than read as 8, and the input is text, since a browser's
    number input reads '8.000' as eight."""

    widget = forms.TextInput(attrs={"inputmode": "numeric"})
    default_error_messages = {
        "invalid": gettext_lazy("Nhập số tiền bằng đồng, ví dụ 16.000 hoặc 16000."),
    }
    _GROUPED = re.compile(r"\d{1,3}(?:[.,\s]\d{3})+|\d+")

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = re.sub(r"\s*(?:đồng|đ|vnd)\s*$", "", str(value).strip(), flags=re.IGNORECASE)
        if not self._GROUPED.fullmatch(text):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return int(re.sub(r"\D", "", text))

    def widget_attrs(self, widget):
        # Not IntegerField's min/max attributes: the input is text.
        return {}
