"""How a declaration's answers read on the officers' dossier page."""

from motcua.backoffice.inbox.presenters import answer_text


def test_answers_read_as_officers_read_them():
    assert answer_text("2026-11-05") == "05/11/2026"
    assert answer_text("Số 12-2026-11-05") == "Số 12-2026-11-05"
    assert answer_text(True) == "Có"
    assert answer_text(["Mẹ", "Cha"]) == "Mẹ, Cha"
    assert answer_text(None) == ""
    assert answer_text(2) == "2"
