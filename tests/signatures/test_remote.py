"""Remote signing (ký số từ xa): the provider plugin talks to the simulator over real HTTP on
loopback (pytest-django's live server), and the key holder answers on the simulator's phone
page. Every way it can end: signed (the PDF validates), refused, expired, a signature that does
not match the certificate, a wrong client secret, an unknown user, a provider that is down."""

import uuid
from datetime import timedelta

import pytest
from django.db import transaction
from django.test import Client

from motcua.core import clock
from motcua.core.errors import Conflict, ValidationFailed
from motcua.signatures import jobs, remote, services
from motcua.signatures.models import CredentialKind, SessionStatus, SigningSession
from motcua.signatures.simulators import provider
from motcua.signatures.simulators.models import SimulatedSignRequest
from motcua.signatures.validation import check_pdf
from tests.backoffice.officers import verified_login
from tests.factories import OfficerFactory
from tests.signatures.pdfs import PASSPHRASE, decision_pdf, demo_pki
from tests.signatures.signing import NEXT, PIN, leader, personal_credential, use_stores

pytestmark = pytest.mark.django_db(transaction=True)

PROVIDER_USER = "binh.tran"
CLIENT = {"client_id": "motcua-mo-phong", "client_secret": "bi-mat-ky-so-mo-phong"}


@pytest.fixture
def stores(settings, tmp_path):
    yield from use_stores(settings, tmp_path)


@pytest.fixture
def provider_url(settings, live_server, stores):
    settings.MOTCUA_REMOTE_SIGNING_SIMULATOR = True
    settings.MOTCUA_REMOTE_SIGNING_SIMULATOR_CLIENT = CLIENT
    settings.MOTCUA_REMOTE_SIGNING = {
        "base_url": f"{live_server.url}/_sim/ky-so-tu-xa/api",
        **CLIENT,
    }
    provider.hold_key(
        user_id=PROVIDER_USER,
        full_name="Trần Thị Bình",
        pkcs12=demo_pki().leader.pkcs12(passphrase=PASSPHRASE),
        passphrase=PASSPHRASE.decode(),
        pin=PIN,
    )
    return live_server.url


@pytest.fixture
def signer(provider_url):
    user = leader()
    return user, personal_credential(user, CredentialKind.REMOTE, {"user_id": PROVIDER_USER})


def start(user, credential) -> SigningSession:
    return services.start(
        user=user,
        credential=credential,
        pdf=decision_pdf(),
        field_name="ky_ca_nhan",
        appearance=None,
        reason="Phê duyệt kết quả",
        location="UBND xã Tân Phú",
        description="Quyết định cấp giấy phép xây dựng số 12/QĐ-UBND",
        purpose="test.remote:1",
        next_url=NEXT,
    )


def phone(transaction_id, **answer):
    """The key holder answers on the simulator's phone page."""
    return Client().post(f"/_sim/ky-so-tu-xa/{transaction_id}/", answer, follow=True)


def test_the_holder_confirms_on_the_phone_and_the_signed_pdf_validates(signer):
    user, credential = signer
    session = start(user, credential)
    assert session.status == SessionStatus.WAITING_CONFIRMATION

    page = Client().get("/_sim/ky-so-tu-xa/", {"nguoi-dung": PROVIDER_USER})
    assert "Quyết định cấp giấy phép xây dựng số 12/QĐ-UBND" in page.content.decode()
    assert services.poll(session=session).status == SessionStatus.WAITING_CONFIRMATION

    wrong = phone(session.provider_reference, action="confirm", pin="000000")
    assert "Mã PIN không đúng." in wrong.content.decode()
    assert services.poll(session=session).status == SessionStatus.WAITING_CONFIRMATION

    phone(session.provider_reference, action="confirm", pin=PIN)
    session = services.poll(session=session)

    assert session.status == SessionStatus.SIGNED
    [check] = check_pdf(bytes(session.signed_pdf))
    assert check.signer == "Trần Thị Bình"
    assert check.valid
    assert check.trusted


def test_the_certificate_the_provider_holds_is_the_holders(provider_url):
    certificate, chain = remote.fetch_certificate(user_id=PROVIDER_USER)
    assert certificate == demo_pki().leader.certificate_der()
    assert chain == demo_pki().leader.chain_der()


def test_a_refusal_on_the_phone_ends_the_session(signer):
    session = start(*signer)
    phone(session.provider_reference, action="refuse")
    session = services.poll(session=session)
    assert session.status == SessionStatus.REFUSED
    assert session.error == "Người ký đã từ chối ký trên ứng dụng ký số từ xa."
    assert session.signed_pdf is None


def test_a_signature_that_does_not_match_the_certificate_is_refused(signer):
    session = start(*signer)
    phone(session.provider_reference, action="confirm", pin=PIN)
    # A provider gone wrong: one byte of the signature it returns is changed.
    request = SimulatedSignRequest.objects.get(pk=session.provider_reference)
    tampered = bytearray(request.signature)
    tampered[10] ^= 0xFF
    request.signature = bytes(tampered)
    request.save()

    session = services.poll(session=session)

    assert session.status == SessionStatus.REFUSED
    assert session.error_code == "bad_signature"
    assert session.signed_pdf is None


def test_a_request_left_unanswered_expires(signer):
    session = start(*signer)
    with clock.frozen(clock.now() + timedelta(minutes=provider.REQUEST_MINUTES + 1)):
        session = services.poll(session=session)
    assert session.status == SessionStatus.EXPIRED
    assert "hết thời gian" in session.error


def test_a_wrong_client_secret_is_refused_before_anything_starts(settings, signer):
    settings.MOTCUA_REMOTE_SIGNING = {
        **settings.MOTCUA_REMOTE_SIGNING,
        "client_secret": "sai-khoa-bi-mat",
    }
    with pytest.raises(ValidationFailed) as refused:
        start(*signer)
    assert refused.value.code == "remote_unauthorised"
    assert not SigningSession.objects.exists()
    assert not SimulatedSignRequest.objects.exists()


def test_a_user_the_provider_does_not_know_is_refused(signer):
    user, credential = signer
    credential.config = {"user_id": "khong-co-nguoi-nay"}
    credential.save()
    with pytest.raises(ValidationFailed) as refused:
        start(user, credential)
    assert refused.value.code == "remote_unknown"
    assert "không tìm thấy người ký" in refused.value.message


def test_a_provider_that_does_not_answer_is_a_conflict_said_in_vietnamese(settings, signer):
    settings.MOTCUA_REMOTE_SIGNING = {
        **settings.MOTCUA_REMOTE_SIGNING,
        "base_url": "http://127.0.0.1:9/api",
        "timeout_seconds": 1,
    }
    with pytest.raises(Conflict) as refused:
        start(*signer)
    assert refused.value.code == "remote_unavailable"
    assert refused.value.message.startswith("Chưa kết nối được dịch vụ ký số từ xa")


def test_an_encoding_the_provider_does_not_speak_is_refused_by_it(settings, signer):
    # Encodings and field names are configuration; told to send hex to the simulator, which
    # reads base64, the plugin gets the provider's refusal back as a conflict.
    settings.MOTCUA_REMOTE_SIGNING = {
        **settings.MOTCUA_REMOTE_SIGNING,
        "encodings": {"hash": "hex"},
    }
    with pytest.raises(Conflict) as refused:
        start(*signer)
    assert refused.value.code == "remote_error"


def test_the_officers_page_waits_polls_and_goes_on_once_signed(signer):
    user, credential = signer
    session = start(user, credential)
    client = verified_login(Client(), user)
    url = f"/can-bo/ky-so/{session.pk}/"

    waiting = client.get(url)
    assert "Đang chờ xác nhận trên ứng dụng ký số từ xa" in waiting.content.decode()
    assert 'hx-trigger="every 2s"' in waiting.content.decode()
    assert "Kiểm tra lại" in waiting.content.decode()

    phone(session.provider_reference, action="confirm", pin=PIN)
    polled = client.get(url, headers={"HX-Request": "true"})
    assert polled.status_code == 204
    assert polled["HX-Redirect"] == NEXT
    assert client.get(url).url == NEXT


def test_the_officers_page_says_when_the_signer_refused(signer):
    user, credential = signer
    session = start(user, credential)
    phone(session.provider_reference, action="refuse")
    client = verified_login(Client(), user)

    page = client.get(f"/can-bo/ky-so/{session.pk}/").content.decode()

    assert "Không ký được: yêu cầu ký đã bị từ chối." in page
    assert 'hx-trigger="every 2s"' not in page
    assert f'href="{NEXT}"' in page


def test_another_officer_gets_404_on_the_page(signer):
    session = start(*signer)
    client = verified_login(Client(), OfficerFactory())
    assert client.get(f"/can-bo/ky-so/{session.pk}/").status_code == 404


def test_inside_a_transaction_the_request_goes_out_once_it_commits(signer):
    user, credential = signer
    with transaction.atomic():
        session = start(user, credential)
        assert session.provider_reference == ""
        assert services.poll(session=session).status == SessionStatus.WAITING_CONFIRMATION
        assert not SimulatedSignRequest.objects.exists()

    session.refresh_from_db()
    assert SimulatedSignRequest.objects.get().pk == uuid.UUID(session.provider_reference)
    phone(session.provider_reference, action="confirm", pin=PIN)
    assert services.poll(session=session).status == SessionStatus.SIGNED


def test_a_refusal_after_the_commit_ends_the_session_with_the_providers_message(settings, signer):
    settings.MOTCUA_REMOTE_SIGNING = {
        **settings.MOTCUA_REMOTE_SIGNING,
        "client_secret": "sai-khoa-bi-mat",
    }
    with transaction.atomic():
        session = start(*signer)

    session.refresh_from_db()
    assert session.status == SessionStatus.FAILED
    assert session.error_code == "remote_unauthorised"
    assert "không chấp nhận tài khoản kết nối" in session.error


def test_a_confirmation_nobody_watches_is_recorded_by_the_periodic_job(signer):
    """The leader confirms on the phone and closes the signing page: the job finishes it."""
    user, credential = signer
    session = start(user, credential)
    phone(session.provider_reference, action="confirm", pin=PIN)
    assert jobs.poll_waiting() == 1
    session.refresh_from_db()
    assert session.status == SessionStatus.SIGNED
    assert check_pdf(bytes(session.signed_pdf))[0].valid
    assert jobs.poll_waiting() == 0  # nothing left waiting
