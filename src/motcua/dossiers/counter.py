"""The one-stop desk's counter (tiếp nhận trực tiếp): the officer's desks, the agencies that may
decide a procedure, a returning citizen recalled by ID number (audited; their account owns the
dossier only once the officer confirms the person), and receiving a walk-in (scans described in
the citizen's data store, then `services.submit(..., receive=True)` and the cash fee noted on
the history, in one transaction)."""

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.models import Role, User, UserKind
from motcua.accounts.selectors import agencies_where
from motcua.agencies.models import Agency
from motcua.agencies.structure import INTERNAL_KINDS
from motcua.audit import services as audit
from motcua.catalog.models import Procedure
from motcua.catalog.selectors import agencies_for_procedure
from motcua.core import clock
from motcua.core.errors import ValidationFailed
from motcua.documents import services as documents
from motcua.documents.models import DocumentKind, StoredFile
from motcua.dossiers import services
from motcua.dossiers.models import DeliveryMethod, Dossier
from motcua.dossiers.selectors import visible_dossiers
from motcua.workflow.actions import Action

# The receive event's note of the fee taken in cash at the desk (đồng).
CASH_FEE = "cash_fee"


def desks_of(user: User) -> list[Agency]:
    """The agencies whose one-stop desk `user` serves (an internal desk counts for its agency)."""
    found: dict[int, Agency] = {}
    for unit in agencies_where(user, Role.COUNTER_OFFICER).select_related("parent"):
        agency = unit.parent if unit.kind in INTERNAL_KINDS and unit.parent else unit
        found.setdefault(agency.pk, agency)
    return sorted(found.values(), key=lambda agency: agency.path)


def competent_choices(procedure: Procedure, *, desk: Agency) -> list[Agency]:
    """Who may decide `procedure`: the desk's own agency first when it is one of them, then the
    agencies the catalogue assigns it to (a desk receives for others: phi địa giới)."""
    assigned = list(agencies_for_procedure(procedure).exclude(kind__in=INTERNAL_KINDS))
    own = [agency for agency in assigned if agency.pk == desk.pk]
    return own + [agency for agency in assigned if agency.pk != desk.pk] or [desk]


@dataclass(frozen=True)
class Recalled:
    """What is known of a returning citizen: from their account, else their last dossier."""

    account: User | None
    name: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    date_of_birth: date | None = None
    last_code: str = ""


def _citizens(number: str):
    return User.objects.filter(kind=UserKind.CITIZEN, id_number=number, is_active=True)


def recall(user: User, *, id_number: str) -> Recalled | None:
    """The citizen with ID number `id_number`: their account (if they have one) and the last
    dossier filed for them that `user` may see; None when neither exists. Each look-up is in
    the audit log (the number's last four digits only). The account is only a candidate: a
    dossier is the account's once the officer confirms the person (`confirmed_account`)."""
    number = "".join((id_number or "").split())
    if not number:
        return None
    account = _citizens(number).first()
    audit.record(
        action="dossier.recall_citizen",
        actor=user,
        obj=account,
        data={"id_number_last4": number[-4:]},
    )
    last = (
        visible_dossiers(user)
        .filter(applicant_id_number=number)
        .order_by("-created_at", "-pk")
        .first()
    )
    if account is None and last is None:
        return None
    return Recalled(
        account=account,
        name=(account.full_name if account else "") or (last.applicant_name if last else ""),
        phone=(account.phone if account else "") or (last.applicant_phone if last else ""),
        email=(account.email if account else "") or (last.applicant_email if last else ""),
        address=(account.address if account else "") or (last.applicant_address if last else ""),
        date_of_birth=account.date_of_birth if account else None,
        last_code=last.key if last else "",
    )


def confirmed_account(*, account_id: str | int | None, id_number: str) -> User | None:
    """The citizen account the officer confirmed (`account_id`), if it still carries the ID
    number typed: a number alone never names the account."""
    number = "".join((id_number or "").split())
    if not number or not str(account_id or "").isdigit():
        return None
    return _citizens(number).filter(pk=int(account_id)).first()


@dataclass(frozen=True)
class Scan:
    """A paper scanned at the desk for one component line, described as the rules ask."""

    file_id: UUID
    title: str
    number: str = ""
    issued_on: date | None = None
    issuer: str = ""


def receive_walk_in(
    *,
    user: User,
    procedure: Procedure,
    desk: Agency,
    competent: Agency,
    applicant: services.Applicant,
    owner: User | None,
    form_data: dict,
    lines: list[services.ComponentLine],
    scans: list[Scan],
    delivery_method: str,
    delivery_address: str,
    cash_fee: int | None,
    channel: str | None = None,
) -> Dossier:
    """File and receive a walk-in's dossier. A returning citizen's account owns it, and the
    scans go into their data store described (number, issue date, issuer) before `submit`
    adds them, so the description is kept; a result sent online needs that account. Cash taken
    for the fee is history: it is noted on the receive event (the officer, the moment) and in
    the audit log (`dossier.cash_fee`). `channel` says how the papers came: at the desk
    (the default) or by post."""
    if owner is not None and owner.id_number != "".join(applicant.id_number.split()):
        message = _("Tài khoản đã xác nhận không mang số giấy tờ này: tìm lại người nộp.")
        raise ValidationFailed(message, fields={"id_number": [message]})
    if delivery_method == DeliveryMethod.ONLINE and owner is None:
        message = _(
            "Hồ sơ chưa gắn với tài khoản trên Cổng dịch vụ công của người nộp nên không nhận "
            "kết quả trực tuyến được: tìm người nộp và xác nhận «Đúng người», hoặc chọn nhận tại "
            "Bộ phận Một cửa hay qua bưu chính."
        )
        raise ValidationFailed(message, fields={"delivery_method": [message]})
    with transaction.atomic():
        if owner is not None:
            for scan in scans:
                documents.keep(
                    owner=owner,
                    file=StoredFile.objects.get(pk=scan.file_id, uploaded_by=user),
                    title=scan.title,
                    kind=DocumentKind.DIGITISED,
                    number=scan.number,
                    issued_on=scan.issued_on,
                    issuer=scan.issuer,
                    source=_("Số hóa tại %(desk)s ngày %(day)s")
                    % {"desk": desk.name, "day": clock.today().strftime("%d/%m/%Y")},
                )
        dossier = services.submit(
            user=user,
            procedure=procedure,
            receiving_agency=desk,
            competent_agency=competent,
            return_agency=desk,
            applicant=applicant,
            owner=owner,
            form_data=form_data,
            components=lines,
            delivery_method=delivery_method,
            delivery_address=delivery_address,
            channel=channel,
            receive=True,
        )
        if cash_fee:
            _note_cash_fee(user=user, dossier=dossier, amount=cash_fee)
    return dossier


def _note_cash_fee(*, user: User, dossier: Dossier, amount: int) -> None:
    received = dossier.events.filter(action=Action.RECEIVE).latest("pk")
    received.data = {**received.data, CASH_FEE: amount}
    received.save(update_fields=["data"])
    audit.record(
        action="dossier.cash_fee",
        actor=user,
        obj=dossier,
        data={"code": dossier.code, "amount": amount, "at": received.at.isoformat()},
    )


def cash_fee_of(dossier: Dossier) -> int | None:
    """The fee taken in cash at the desk when the dossier was received, if any."""
    received = dossier.events.filter(action=Action.RECEIVE).order_by("-pk").first()
    return (received.data or {}).get(CASH_FEE) if received else None
