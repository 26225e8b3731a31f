"""Uploaded PDFs that carry signatures are validated against the trust store when the dossier
is received: the officer's dossier page says who signed each, whether it is intact and trusted,
and what it covers — and says so when a signed paper was changed afterwards."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.documents.services import store_upload
from motcua.dossiers import services
from motcua.signatures import pades, trust
from tests.dossiers.helpers import walk_in
from tests.signatures.pdfs import SIGNED_AT, decision_pdf, demo_pki, key_of
from tests.signatures.signing import use_stores

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("morning", "private_root")]


@pytest.fixture
def stores(settings, tmp_path):
    yield from use_stores(settings, tmp_path / "pki")


def _signed() -> bytes:
    return pades.sign_with(
        pdf=decision_pdf(),
        key=key_of(demo_pki().leader),
        field_name="ChuKy",
        appearance=None,
        reason="Cấp giấy phép",
        location="UBND xã Tân Phú",
        signed_at=SIGNED_AT,
    )


def _filed_with(world, **papers: bytes):
    lines = [
        services.ComponentLine(
            name=name,
            originals=1,
            uploads=(
                store_upload(
                    uploaded_file=SimpleUploadedFile(f"{name}.pdf", content), user=world.counter_a
                ).pk,
            ),
        )
        for name, content in papers.items()
    ]
    return walk_in(world, components=lines)


def test_the_dossier_page_tells_who_signed_each_paper_and_whether_to_trust_it(
    world, officer, stores
):
    signed = _signed()
    changed = bytearray(signed)
    changed[len(decision_pdf()) // 2] ^= 0x01
    dossier = _filed_with(world, **{"Giấy phép": signed, "Bản bị sửa": bytes(changed)})
    html = officer(world.counter_a).get(f"/can-bo/ho-so/{dossier.key}/").content.decode()
    assert (
        "Chữ ký của Trần Thị Bình (UBND xã Tân Phú) còn nguyên vẹn, tin cậy, "
        "áp dụng cho toàn bộ văn bản." in html
    )
    assert "Chữ ký hợp lệ" in html
    assert "không còn nguyên vẹn: nội dung đã bị thay đổi sau khi ký" in html
    assert "Chữ ký có vấn đề" in html


def test_a_signature_from_an_untrusted_authority_is_called_so(world, officer, settings, tmp_path):
    settings.MOTCUA_TRUST_STORE = tmp_path / "empty-trust"
    trust.reset()
    dossier = _filed_with(world, **{"Giấy phép": _signed()})
    html = officer(world.counter_a).get(f"/can-bo/ho-so/{dossier.key}/").content.decode()
    assert "còn nguyên vẹn nhưng chứng thư số không do tổ chức tin cậy cấp" in html
    trust.reset()
