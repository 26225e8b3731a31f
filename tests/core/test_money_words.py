"""Amounts in words, as a receipt writes them under the figures."""

import pytest

from motcua.core.money import in_words


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "Không đồng"),
        (5, "Năm đồng"),
        (15, "Mười lăm đồng"),
        (21, "Hai mươi mốt đồng"),
        (25, "Hai mươi lăm đồng"),
        (105, "Một trăm linh năm đồng"),
        (8000, "Tám nghìn đồng"),
        (16000, "Mười sáu nghìn đồng"),
        (34000, "Ba mươi bốn nghìn đồng"),
        (1250000, "Một triệu hai trăm năm mươi nghìn đồng"),
        (1050000, "Một triệu không trăm năm mươi nghìn đồng"),
        (1005000, "Một triệu không trăm linh năm nghìn đồng"),
        (2000001, "Hai triệu không trăm linh một đồng"),
        (3000000000, "Ba tỷ đồng"),
        (1000000000000, "Một nghìn tỷ đồng"),
    ],
)
def test_amounts_read_as_vietnamese_write_them(amount, words):
    assert in_words(amount) == words
