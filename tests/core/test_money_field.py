"""Amounts of money typed as people write them in Vietnam: a dot or a space groups thousands."""

import pytest
from django import forms

from motcua.core.forms import MoneyField


class Form(forms.Form):
    amount = MoneyField(min_value=1)


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("16000", 16000),
        ("16.000", 16000),
        ("8.000", 8000),
        ("1.250.000", 1250000),
        ("16 000", 16000),
        ("16,000", 16000),
        (" 16.000 đ ", 16000),
        ("16.000 đồng", 16000),
    ],
)
def test_thousands_separators_are_read_as_such(typed, read):
    form = Form({"amount": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == read


@pytest.mark.parametrize("typed", ["8.5", "8.00", "16.0000", "1,5", "mười nghìn", "-5", "1.2.3"])
def test_anything_else_is_refused_in_vietnamese(typed):
    form = Form({"amount": typed})
    assert not form.is_valid()
    assert form.errors["amount"] == ["Nhập số tiền bằng đồng, ví dụ 16.000 hoặc 16000."]


def test_the_input_is_text_so_the_browser_does_not_read_a_decimal():
    html = str(Form()["amount"])
    assert 'type="text"' in html
    assert 'inputmode="numeric"' in html
    assert Form({"amount": "0"}).errors["amount"]  # min_value still applies
