"""The result as a signed document: drafted from the result template, signed by the leader who
approved it, issued by the commune's records clerk with the seal; both signatures validate with
pyHanko, `finish` waits for the issue, and a one-byte change fails validation and verification."""

from datetime import date

import pytest

from motcua.accounts.models import Role
from motcua.core import clock
from motcua.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from motcua.dossiers import services, verification
from motcua.dossiers.models import ResultDocument, Status
from motcua.signatures.validation import check_pdf
from tests.documents.files import private_root
from tests.documents.pdftools import words
from tests.dossiers.helpers import act, at, processing
from tests.dossiers.signed_results import BODY, TITLE, approved_draft, signers_of
from tests.factories import OfficerFactory, grant
from tests.signatures.signing import use_stores

__all__ = ["private_root"]

pytestmark = pytest.mark.usefixtures("private_root")


@pytest.fixture
def stores(settings, tmp_path):
    yield from use_stores(settings, tmp_path / "pki")


@pytest.fixture
def signers(world, stores):
    return signers_of(world, stores)


def _read(stored) -> bytes:
    with stored.file.open("rb") as handle:
        return handle.read()


def _sign(world, dossier, signers):
    with clock.frozen(at(3, 2, 10, 30)):
        return services.start_signature(
            user=signers.leader, dossier=dossier, capacity="KT.", title="CHỦ TỊCH"
        )


def _issue(dossier, signers, number="12/TLKS-UBND"):
    dossier.refresh_from_db()
    with clock.frozen(at(3, 2, 14)):
        return services.issue_result(
            user=signers.clerk,
            dossier=dossier,
            expected_version=dossier.version,
            number=number,
            issued_on=date(2026, 3, 2),
        )


def test_drafted_signed_issued_then_finished_with_two_valid_signatures(world, signers, tmp_path):
    dossier = approved_draft(world)
    document = ResultDocument.objects.get(dossier=dossier)
    draft = words(_read(document.draft), tmp_path)
    # Drawn again at the approval, with the number the civil-status register gave it.
    assert "Số: 1/2026" in draft
    assert "TRÍCH LỤC KHAI SINH CỦA TRẦN GIA BẢO" in draft
    assert "Trần Gia Bảo" in draft
    assert "Trạm y tế phường" in draft

    session = _sign(world, dossier, signers)
    assert session.status == "signed"
    document.refresh_from_db()
    assert document.stage == "signed"
    assert document.signer == signers.leader
    assert dossier.events.filter(action="sign").exists()
    dossier.refresh_from_db()
    with pytest.raises(Conflict) as refused:
        act("finish", dossier, user=world.leader_a)
    assert refused.value.code == "result_not_issued"

    dossier = _issue(dossier, signers)
    document.refresh_from_db()
    assert document.stage == "issued"
    assert document.number == "12/TLKS-UBND"
    assert dossier.result_file_id == document.issued_id
    issued = _read(document.issued)
    personal, organisation = check_pdf(issued)
    assert personal.signer == "Trần Thị Bình"
    assert organisation.organisation
    assert all(s.intact and s.valid and s.trusted for s in (personal, organisation))
    assert personal.coverage == "earlier_revision"
    assert organisation.coverage == "whole_file"
    shown = words(issued, tmp_path)
    assert "KT. CHỦ TỊCH" in shown

    with clock.frozen(at(3, 2, 15)):
        dossier = act("finish", dossier, user=world.leader_a)
    assert dossier.status == Status.READY


def test_a_one_byte_change_fails_validation_and_verification(world, signers):
    dossier = approved_draft(world)
    _sign(world, dossier, signers)
    _issue(dossier, signers)
    document = ResultDocument.objects.get(dossier=dossier)
    issued = _read(document.issued)
    assert verification.compare(token=document.token, content=issued).matches

    changed = bytearray(issued)
    middle = document.draft.size // 2  # inside the draft, which both signatures cover
    changed[middle] ^= 0x01
    comparison = verification.compare(token=document.token, content=bytes(changed))
    assert not comparison.matches
    assert comparison.signatures, "the changed file still carries its signatures"
    assert not any(s.intact and s.valid for s in comparison.signatures)

    shown = verification.verify(document.token)
    assert shown.number == "12/TLKS-UBND"
    assert shown.sha256 == document.issued.sha256
    assert shown.signatures[0].signer == "Trần Thị Bình"


def test_who_may_sign_and_issue_and_when(world, signers):
    dossier = approved_draft(world)
    with pytest.raises(Forbidden):
        services.start_signature(
            user=world.specialist_a, dossier=dossier, capacity="", title="CHỦ TỊCH"
        )
    with pytest.raises(NotFound):  # another commune's leader does not even see it
        services.start_signature(user=world.leader_b, dossier=dossier, capacity="", title="X")
    dossier.refresh_from_db()
    with pytest.raises(Conflict) as early:
        _issue(dossier, signers)
    assert "chưa có chữ ký" in early.value.message
    _sign(world, dossier, signers)
    with pytest.raises(Conflict):
        _sign(world, dossier, signers)  # signed once
    dossier.refresh_from_db()
    with pytest.raises(Forbidden):
        services.issue_result(
            user=world.leader_a,
            dossier=dossier,
            expected_version=dossier.version,
            number="1/QĐ",
            issued_on=date(2026, 3, 2),
        )


def test_a_draft_is_signed_only_once_approved_and_a_new_result_replaces_it(world, signers):
    with clock.frozen(at(3, 2, 9)):
        dossier = processing(world)
        dossier = act("draft_result", dossier, user=world.specialist_a, title=TITLE, body=BODY)
        dossier = act("forward", dossier, user=world.specialist_a)
    with pytest.raises(Conflict) as unapproved:
        _sign(world, dossier, signers)
    assert "chưa được phê duyệt" in unapproved.value.message
    first = ResultDocument.objects.get(dossier=dossier).pk
    with clock.frozen(at(3, 2, 9, 30)):
        dossier = act("return_back", dossier, user=world.leader_a, reason="Sửa nơi sinh")
        act("draft_result", dossier, user=world.specialist_a, title=TITLE, body=BODY + " xã")
    assert ResultDocument.objects.filter(dossier=dossier).exclude(pk=first).count() == 1
    assert not ResultDocument.objects.filter(pk=first).exists()


def test_a_draft_needs_a_body_or_a_pdf(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = processing(world)
        with pytest.raises(ValidationFailed) as empty:
            act("draft_result", dossier, user=world.specialist_a, title=TITLE, body="  ")
    assert empty.value.fields == {
        "body": ["Nhập nội dung văn bản, hoặc tải lên bản dự thảo (PDF)."]
    }


def test_a_number_is_given_once_per_agency_and_year(world, signers):
    first = approved_draft(world)
    _sign(world, first, signers)
    _issue(first, signers, number="7/QĐ-UBND")
    second = approved_draft(world)
    _sign(world, second, signers)
    with pytest.raises(ValidationFailed) as taken:
        _issue(second, signers, number="7/QĐ-UBND")
    assert taken.value.code == "number_taken"
    assert taken.value.fields["number"] == [
        "Số 7/QĐ-UBND năm 2026 đã được cấp cho văn bản khác của UBND xã An Phú."
    ]
    assert ResultDocument.objects.get(dossier=second).stage == "signed"


def test_the_system_administrator_does_not_issue_in_the_clerks_place(world, signers):
    admin = OfficerFactory(full_name="Quản trị")
    grant(admin, Role.SYSTEM_ADMIN)
    dossier = approved_draft(world)
    _sign(world, dossier, signers)
    dossier.refresh_from_db()
    with pytest.raises(Forbidden):
        services.issue_result(
            user=admin,
            dossier=dossier,
            expected_version=dossier.version,
            number="9/QĐ",
            issued_on=date(2026, 3, 2),
        )


def test_the_leader_signs_the_draft_the_page_showed(world, signers):
    dossier = approved_draft(world)
    with clock.frozen(at(3, 2, 10, 30)), pytest.raises(Conflict) as changed:
        services.start_signature(
            user=signers.leader,
            dossier=dossier,
            capacity="",
            title="CHỦ TỊCH",
            draft="00000000-0000-4000-8000-000000000000",
        )
    assert changed.value.code == "draft_changed"


def test_a_result_sent_back_is_no_longer_approved_and_cannot_be_signed(world, signers):
    dossier = approved_draft(world)
    with clock.frozen(at(3, 2, 10, 15)):
        dossier = act("return_back", dossier, user=world.leader_a, reason="Sai ngày sinh")
    assert dossier.approved_at is None
    with pytest.raises(Conflict) as refused:
        _sign(world, dossier, signers)
    assert "chưa được phê duyệt" in refused.value.message
