"""The first consumer of the dossier engine's outbox: for each status change a citizen must know
of, a notification in their portal (Thông báo). At least once, so idempotent: the message id is
noted with the notification in one transaction (`events.services.first_receipt`)."""

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import override

from motcua.core import clock
from motcua.dossiers.models import Dossier
from motcua.events import registry
from motcua.events import services as events
from motcua.portal.models import Notification


def _when(sent: dict, key: str, d: Dossier) -> str:
    """The appointment `key` the action set (ISO text in the message), as citizens read times.
    Messages published before the payload carried it fall back to the dossier's own."""
    moment = datetime.fromisoformat(sent[key]) if sent.get(key) else getattr(d, key)
    return clock.shown(moment)


def _received(d: Dossier, sent: dict) -> str:
    return _("Hồ sơ %(code)s đã được tiếp nhận; hẹn trả kết quả lúc %(when)s.") % {
        "code": d.key,
        "when": _when(sent, "appointment_at", d),
    }


def _refused(d: Dossier, sent: dict) -> str:
    return _("Hồ sơ %(code)s không được tiếp nhận. Xem lý do trong hồ sơ.") % {"code": d.key}


def _supplement(d: Dossier, sent: dict) -> str:
    return _("Hồ sơ %(code)s cần bổ sung giấy tờ: mời bạn xem và nộp bổ sung.") % {"code": d.key}


def _payment(d: Dossier, sent: dict) -> str:
    return _("Hồ sơ %(code)s cần thực hiện nghĩa vụ tài chính trước khi giải quyết tiếp.") % {
        "code": d.key
    }


def _ready(d: Dossier, sent: dict) -> str:
    return _("Hồ sơ %(code)s đã có kết quả: mời nhận tại %(agency)s.") % {
        "code": d.key,
        "agency": d.return_agency.name,
    }


def _returned(d: Dossier, sent: dict) -> str:
    return _("Đã trả kết quả hồ sơ %(code)s. Mời bạn đánh giá chất lượng phục vụ.") % {
        "code": d.key
    }


def _apology(d: Dossier, sent: dict) -> str:
    return _("Hồ sơ %(code)s bị chậm; cơ quan xin lỗi và hẹn lại lúc %(when)s.") % {
        "code": d.key,
        "when": _when(sent, "new_appointment_at", d),
    }


def _stopped(d: Dossier, sent: dict) -> str:
    return _("Hồ sơ %(code)s đã dừng giải quyết. Xem lý do trong hồ sơ.") % {"code": d.key}


def _withdrawn(d: Dossier, sent: dict) -> str:
    return _("Yêu cầu rút hồ sơ %(code)s đã được chấp nhận.") % {"code": d.key}


# The changes a citizen must know of (issue 8 adds SMS and e-mail for the same list).
TEXTS = {
    "dossier.receive": _received,
    "dossier.refuse": _refused,
    "dossier.request_supplement": _supplement,
    "dossier.request_payment": _payment,
    "dossier.finish": _ready,
    "dossier.return_result": _returned,
    "dossier.apologize": _apology,
    "dossier.stop": _stopped,
    "dossier.accept_withdrawal": _withdrawn,
}
CONSUMER = "portal.notify.{topic}"


def notify(message: registry.Message) -> None:
    name = CONSUMER.format(topic=message.topic)
    with transaction.atomic():
        if not events.first_receipt(consumer=name, message=message):
            return
        dossier = (
            Dossier.objects.select_related("return_agency", "owner")
            .filter(pk=message.payload.get("dossier"))
            .first()
        )
        if dossier is None or dossier.owner is None:
            return
        with override("vi"):
            text = TEXTS[message.topic](dossier, message.payload)
        Notification.objects.create(
            user=dossier.owner,
            dossier=dossier,
            topic=message.topic,
            text=text,
            created_at=message.created_at,
        )


def register_consumers() -> None:
    for topic in TEXTS:
        registry.register(topic, name=CONSUMER.format(topic=topic), handler=notify)
