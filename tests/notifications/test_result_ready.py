""" "Result ready" says how the result reaches the citizen: at the desk, by post to the address
given, or online; a text written without diacritics for SMS gateways stays without them when
the placeholders are filled (the agency's name, the address)."""

import pytest
from django.db import transaction

from motcua.core import clock
from motcua.dossiers.models import DeliveryMethod
from motcua.notifications import compose
from motcua.notifications.kinds import Channel, Kind
from motcua.notifications.models import Message, Template
from tests.dossiers.helpers import at, walk_in
from tests.dossiers.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings):
    settings.MOTCUA_NOTIFY_SMS = {"url": "https://sms.example.vn/gui"}
    settings.MOTCUA_NOTIFY_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return build_world()


def told(dossier) -> dict[str, str]:
    recipients = [
        compose.Recipient(Channel.SMS, "0912345678", "Trần Thị Bình", None),
        compose.Recipient(Channel.EMAIL, "binh@example.com", "Trần Thị Bình", None),
    ]
    with transaction.atomic():
        compose.queue(
            kind=Kind.READY,
            recipients=recipients,
            context=compose.dossier_context(dossier),
            cause=f"test:{dossier.pk}",
            dossier=dossier,
        )
    return dict(Message.objects.filter(dossier=dossier).values_list("channel", "body"))


def test_by_post_the_citizen_is_not_asked_to_come(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = walk_in(
            world, delivery_method=DeliveryMethod.POST, delivery_address="Số 5, thôn Đông, xã Mẫu A"
        )
    sent = told(dossier)
    assert sent[Channel.SMS] == (
        f"Ho so {dossier.key} da co ket qua. "
        "Ket qua duoc gui qua buu chinh toi So 5, thon Dong, xa Mau A."
    )
    assert "Kết quả được gửi qua bưu chính tới Số 5, thôn Đông, xã Mẫu A." in sent[Channel.EMAIL]
    assert "nhận tại" not in sent[Channel.EMAIL]


def test_at_the_desk_the_citizen_is_asked_to_come_without_diacritics_in_the_sms(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = walk_in(world)
    sent = told(dossier)
    agency = dossier.return_agency.name
    assert f"Mời ông/bà nhận tại {agency}." in sent[Channel.EMAIL]
    assert sent[Channel.SMS].isascii()
    assert "Moi ong/ba nhan tai " in sent[Channel.SMS]


def test_an_sms_template_written_with_diacritics_keeps_them(world):
    Template.objects.update_or_create(
        kind=Kind.READY,
        channel=Channel.SMS,
        defaults={"body": "Hồ sơ {{ ma_ho_so }}: {{ nhan_ket_qua }}"},
    )
    with clock.frozen(at(3, 2, 9)):
        dossier = walk_in(world, delivery_method=DeliveryMethod.ONLINE)
    assert told(dossier)[Channel.SMS] == (
        f"Hồ sơ {dossier.key}: Mời ông/bà tải kết quả tại mục Hồ sơ của tôi trên Cổng dịch vụ công"
    )
