"""Turning "this person must know this" into queued messages: the template of the kind on each
channel (an administrator's row, else the shipped text; an inactive row sends nothing), filled
from the dossier, one `Message` per channel and recipient.

Each message's idempotency key is derived from what caused it (the outbox message, or the
reminder's subject and day), the kind, the channel and the recipient: the same cause never
queues the same message twice, and every attempt to send it carries the same key.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.agencies.models import Agency
from motcua.core import clock
from motcua.core.phones import normalise_phone
from motcua.core.text import without_marks
from motcua.dossiers.models import DeliveryMethod, Dossier
from motcua.notifications import channels, rendering
from motcua.notifications.kinds import Channel, Text, shipped
from motcua.notifications.models import Message, Template, ZaloAccount

_KEYS = uuid.UUID("6f1c2a52-6b1e-4d35-9a57-8f0e0d6b7c11")


@dataclass(frozen=True)
class Recipient:
    channel: str
    address: str
    name: str
    user: User | None


def citizen_recipients(dossier: Dossier) -> list[Recipient]:
    """Where the applicant can be reached, SMS first: the phone and e-mail given on the dossier
    (else the account's), the Zalo account the owner linked."""
    owner = dossier.owner
    name = dossier.applicant_name
    found = []
    phone = normalise_phone(dossier.applicant_phone) or normalise_phone(
        owner.phone if owner else ""
    )
    if phone:
        found.append(Recipient(Channel.SMS, phone, name, owner))
    if owner is not None:
        zalo = ZaloAccount.objects.filter(user=owner).first()
        if zalo is not None:
            found.append(Recipient(Channel.ZALO, zalo.zalo_user_id, name, owner))
    email = dossier.applicant_email or (owner.email if owner else "")
    if email:
        found.append(Recipient(Channel.EMAIL, email, name, owner))
    return found


def officer_recipients(officer: User) -> list[Recipient]:
    if not officer.is_active or not officer.email:
        return []
    return [Recipient(Channel.EMAIL, officer.email, officer.full_name, officer)]


def dossier_context(dossier: Dossier, *, sent: dict | None = None) -> dict[str, str]:
    """The placeholders of a dossier's notifications. Appointments come from the outbox message
    where it carries them: what the citizen is told is what the action set."""
    sent = sent or {}
    return {
        "ma_ho_so": dossier.key,
        "thu_tuc": dossier.procedure_version.name,
        "co_quan_tra": dossier.return_agency.name,
        "nhan_ket_qua": _how_received(dossier),
        "tra_cuu": f"{settings.MOTCUA_PUBLIC_URL}/tra-cuu/?ma={dossier.key}",
        "hen_tra": clock.shown(_moment(sent, "appointment_at", dossier)),
        "hen_moi": clock.shown(_moment(sent, "new_appointment_at", dossier)),
        "han_buoc": clock.shown(dossier.step_due_at),
    }


def _how_received(dossier: Dossier) -> str:
    """Where the result goes, in a sentence: a citizen who asked for the post is not asked to
    come to the desk."""
    if dossier.delivery_method == DeliveryMethod.POST:
        if dossier.delivery_address:
            return _("Kết quả được gửi qua bưu chính tới %(address)s") % {
                "address": dossier.delivery_address
            }
        return _("Kết quả được gửi qua bưu chính")
    if dossier.delivery_method == DeliveryMethod.ONLINE:
        return _("Mời ông/bà tải kết quả tại mục Hồ sơ của tôi trên Cổng dịch vụ công")
    return _("Mời ông/bà nhận tại %(agency)s") % {"agency": dossier.return_agency.name}


def _moment(sent: dict, key: str, dossier: Dossier) -> datetime | None:
    return datetime.fromisoformat(sent[key]) if sent.get(key) else getattr(dossier, key)


def text_for(kind: str, channel: str) -> Text | None:
    row = Template.objects.filter(kind=kind, channel=channel).first()
    if row is not None:
        return Text(row.subject, row.body) if row.active else None
    return shipped().get((str(kind), str(channel)))


def queue(
    *,
    kind: str,
    recipients: list[Recipient],
    context: dict[str, str],
    cause: str,
    dossier: Dossier | None = None,
    agency: Agency | None = None,
    source: uuid.UUID | None = None,
) -> list[int]:
    """Queue the messages of `kind` for `recipients` on the channels the installation has;
    returns the ids of those new (a cause already queued adds nothing). Inside a transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("queue() belongs inside the transaction that records its cause")
    kind, now, ids = str(kind), clock.now(), []
    for recipient in recipients:
        text = text_for(kind, recipient.channel)
        if text is None or not channels.usable(recipient.channel):
            continue
        filled = context | {"nguoi_nhan": recipient.name}
        if recipient.channel == Channel.SMS and (text.subject + text.body).isascii():
            # A text written without diacritics (for gateways that refuse Unicode) stays so.
            filled = {name: without_marks(str(value)) for name, value in filled.items()}
        key = uuid.uuid5(_KEYS, f"{cause}|{kind}|{recipient.channel}|{recipient.address}").hex
        message, created = Message.objects.get_or_create(
            idempotency_key=key,
            defaults={
                "channel": recipient.channel,
                "kind": kind,
                "recipient": recipient.address,
                "recipient_name": recipient.name,
                "user": recipient.user,
                "subject": rendering.render(text.subject, filled)[:255],
                "body": rendering.render(text.body, filled),
                "dossier": dossier,
                "dossier_code": dossier.key if dossier else "",
                "agency": agency,
                "source": source,
                "next_attempt_at": now,
                "created_at": now,
            },
        )
        if created:
            ids.append(message.pk)
    return ids
