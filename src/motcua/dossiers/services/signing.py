"""The result as a signed document (vn-rules.md "Signing an issued result"), in three moves:

- `draft_result`: the competent unit drafts it — generated from the result template or an
  uploaded PDF — which is also what `attach_result` does (the approval, if any, is cleared);
- `start_signature`: the leader who approved it signs it with their own credential; server-held
  keys sign at once, a remote provider or the plug-in on the leader's computer finish later,
  and `_signed` then records the signature (the `sign` event) in the session's transaction;
- `issue_result`: the records clerk of the competent agency gives it its number and date and
  applies the organisation's signature, the seal over the left third of the personal one
  (the `issue` event). The issued file becomes the dossier's result; `finish` waits for it.
"""

import uuid
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.core import clock
from motcua.core.errors import Conflict, ValidationFailed
from motcua.documents.models import ContentType
from motcua.documents.selectors import upload_of
from motcua.documents.services import store_generated
from motcua.dossiers import paperwork
from motcua.dossiers.models import Dossier, ResultDocument
from motcua.dossiers.rules import issuing_agency
from motcua.dossiers.services import _core
from motcua.signatures import registry, stamps
from motcua.signatures import selectors as credentials
from motcua.signatures import services as signing
from motcua.workflow.actions import Action

SIGN_PURPOSE = "dossier.sign:"
CAPACITIES = ("", "KT.", "TL.", "TUQ.", "Q.", "TM.")
# Where a personal signature goes on an uploaded draft with no `chu-ky` box: the last page's
# lower right, 70 × 35 mm, above a 20 mm margin (A4 in points).
DEFAULT_BOX = [310.0, 160.0, 508.0, 260.0]


def draft_result(
    *,
    user: User,
    dossier: Dossier,
    expected_version: int,
    title: str,
    body: str = "",
    upload: uuid.UUID | str | None = None,
) -> Dossier:
    """`attach_result` with a document to sign: the result template filled with `title` and
    `body`, or the PDF `user` uploaded (`upload`)."""
    title = _core.required_text(title, field="title", message=_("Nhập trích yếu văn bản kết quả."))
    if not upload and not body.strip():
        message = _("Nhập nội dung văn bản, hoặc tải lên bản dự thảo (PDF).")
        raise ValidationFailed(message, fields={"body": [message]})
    with transaction.atomic():
        dossier = _core.begin(
            user=user,
            dossier=dossier,
            action=Action.ATTACH_RESULT,
            expected_version=expected_version,
        )
        forget_unissued(dossier)
        document = ResultDocument(dossier=dossier, title=title)
        if upload:
            draft = upload_of(user=user, file_id=upload)
            if draft.content_type != ContentType.PDF:
                message = _("Văn bản kết quả để ký số phải là tệp PDF.")
                raise ValidationFailed(message, code="not_a_pdf", fields={"upload": [message]})
            document.draft, document.signature_box = draft, DEFAULT_BOX
        else:
            document.body = body.strip()
            _render_draft(document, user=user)
        document.save()
        _core.record_result(
            dossier,
            user=user,
            note=title,
            stored=document.draft,
            data={"file": str(document.draft_id), "document": True},
        )
    return dossier


def _render_draft(document: ResultDocument, *, user: User) -> None:
    """Draw a generated draft from its title and body (with the register number, once the
    approval entered one), and note where the personal signature goes."""
    dossier = document.dossier
    # The signer's block is the personal signature's stamp (capacity, title, name).
    context = paperwork.result_context(
        dossier=dossier, title=document.title, body=document.body, token=document.token
    )
    pdf, anchors = paperwork.render_result(context)
    page, box = anchors.get("chu-ky", (-1, tuple(DEFAULT_BOX)))
    document.draft = store_generated(
        content=pdf,
        name=f"du-thao-ket-qua-{dossier.key}.pdf",
        user=user,
        path=f"ket-qua/{clock.now():%Y/%m}/{document.token}-du-thao-{uuid.uuid4().hex[:8]}.pdf",
    )
    document.generated = True
    document.signature_page, document.signature_box = page, list(box)


def number_draft(*, dossier: Dossier, user: User) -> None:
    """For `approve`, once the result is in its register: a generated draft not yet signed is
    drawn again with the register number (the leader approved its text, which is unchanged)."""
    document = ResultDocument.objects.filter(dossier=dossier, signed__isnull=True).first()
    if document is None or not document.generated:
        return
    _render_draft(document, user=user)
    document.save(update_fields=["draft", "signature_page", "signature_box"])
    dossier.result_file = document.draft


def forget_unissued(dossier: Dossier) -> None:
    """A new result replaces a draft or a signed one, never an issued one."""
    document = ResultDocument.objects.filter(dossier=dossier).first()
    if document is None:
        return
    if document.issued_id:
        raise Conflict(
            _("Kết quả đã được phát hành số %(number)s; không thay được nữa.")
            % {"number": document.number},
            code="result_issued",
        )
    document.delete()


def start_signature(
    *,
    user: User,
    dossier: Dossier,
    capacity: str,
    title: str,
    draft: uuid.UUID | str | None = None,
    next_url: str = "",
) -> "signing.SigningSession":
    """The leader who approved the result signs it with their credential: the draft `draft`
    (the file the page showed them; refused if it changed since). Returns the signing session:
    already signed for a key the server holds, waiting for the provider's app or for the
    plug-in otherwise (the officer's signing page follows it). The signature is made outside
    any transaction (a key on an HSM, a time-stamp authority); `_signed` records it, checking
    again under lock that the dossier may still be signed."""
    capacity, title = capacity.strip(), title.strip()
    if capacity not in CAPACITIES:
        message = _("Thẩm quyền ký chỉ là một trong: KT., TL., TUQ., Q., TM. hoặc để trống.")
        raise ValidationFailed(message, fields={"capacity": [message]})
    title = _core.required_text(title, field="title", message=_("Nhập chức vụ người ký."))
    _core.visible(user=user, dossier=dossier)
    dossier = Dossier.objects.select_related("competent_agency").get(pk=dossier.pk)
    _core.allowed(user=user, dossier=dossier, action=Action.SIGN)  # an approved draft
    document = _document(dossier)
    if draft is not None and str(document.draft_id) != str(draft):
        raise Conflict(
            _("Bản dự thảo đã thay đổi từ lúc Ông/Bà mở trang; hãy xem lại bản mới rồi ký."),
            code="draft_changed",
        )
    purpose = f"{SIGN_PURPOSE}{document.pk}:{document.draft_id}:"
    if signing.waiting_for(purpose):
        raise Conflict(
            _("Văn bản này đang chờ xác nhận ký ở một phiên ký khác; hãy hoàn tất phiên đó."),
            code="signing_in_progress",
        )
    credential = credentials.personal_credential(user)
    appearance = stamps.personal(
        page=document.signature_page,
        box=tuple(document.signature_box),
        capacity=capacity,
        title=title,
        name=user.full_name,
        signed_at=clock.now(),
        image=credential.image or None,
    )
    with document.draft.file.open("rb") as opened:
        pdf = opened.read()
    return signing.start(
        user=user,
        credential=credential,
        pdf=pdf,
        field_name="ChuKyCaNhan",
        appearance=signing.appearance_data(appearance),
        reason=_("Ký duyệt: %(title)s") % {"title": document.title},
        location=dossier.competent_agency.name,
        # The capacity and title travel with the session: what is recorded is what was drawn.
        purpose=f"{purpose}{capacity}:{title}"[:200],
        next_url=next_url,
    )


def _document(dossier: Dossier) -> ResultDocument:
    return ResultDocument.objects.select_related("draft", "signed", "signer").get(dossier=dossier)


def _signed(session) -> None:
    """A signing session of `start_signature` finished: keep the signed file and record the
    `sign` event, unless the draft changed meanwhile."""
    document_pk, draft_pk, capacity, title = session.purpose.removeprefix(SIGN_PURPOSE).split(
        ":", 3
    )
    document = ResultDocument.objects.select_for_update().filter(pk=document_pk).first()
    if document is None or str(document.draft_id) != draft_pk or document.signed_id:
        raise Conflict(
            _("Văn bản kết quả đã thay đổi trong lúc ký; hãy ký lại bản mới."),
            code="draft_changed",
        )
    Dossier.objects.filter(pk=document.dossier_id).update(version=F("version") + 1)
    dossier = Dossier.objects.select_for_update().get(pk=document.dossier_id)
    user, now = session.created_by, clock.now()
    # A remote or plug-in signature comes back minutes later: the dossier may have been sent
    # back, stopped or withdrawn meanwhile, or the signer's standing changed.
    _core.allowed(user=user, dossier=dossier, action=Action.SIGN)
    document.signed = store_generated(
        content=session.signed_pdf,
        name=f"ket-qua-da-ky-{dossier.key}.pdf",
        user=user,
        path=f"ket-qua/{now:%Y/%m}/{document.token}-da-ky.pdf",
    )
    document.signer, document.signed_at = user, now
    document.capacity, document.signer_title = capacity, title
    document.save(update_fields=["signed", "signer", "signed_at", "capacity", "signer_title"])
    _core.commit(
        dossier=dossier,
        user=user,
        action=Action.SIGN,
        from_status=dossier.status,
        at=now,
        data={"capacity": document.capacity, "title": document.signer_title},
    )


def issue_result(
    *, user: User, dossier: Dossier, expected_version: int, number: str, issued_on: date
) -> Dossier:
    """`issue` (phát hành): the records clerk numbers and dates the signed result and applies
    the organisation's signature with the seal image over the left third of the personal one.
    A number is given once per issuing agency and year. The seal signs outside any transaction
    (an HSM, a time-stamp authority); the issue is then recorded under lock, if nothing moved."""
    number = _core.required_text(
        number, field="number", message=_("Nhập số, ký hiệu văn bản (ví dụ 125/QĐ-UBND).")
    )
    _core.visible(user=user, dossier=dossier)
    seen = Dossier.objects.select_related("competent_agency__parent").get(pk=dossier.pk)
    _core.allowed(user=user, dossier=seen, action=Action.ISSUE)  # signed, not yet issued
    document = _document(seen)
    _check_issue_date(issued_on, signed_at=document.signed_at)
    agency = issuing_agency(seen)
    _ensure_number_free(agency=agency, year=issued_on.year, number=number)
    seal = credentials.seal_credential(agency)
    personal = stamps.personal(
        page=document.signature_page,
        box=tuple(document.signature_box),
        capacity=document.capacity,
        title=document.signer_title,
        name=document.signer.full_name,
        signed_at=document.signed_at,
        image=None,
    )
    appearance = stamps.seal_over(
        personal=personal, seal_image=seal.image, diameter_mm=seal.seal_diameter_mm or 36
    )
    with document.signed.file.open("rb") as signed:
        pdf = signed.read()
    session = signing.start(
        user=user,
        credential=seal,
        pdf=pdf,
        field_name="ChuKyCoQuan",
        appearance=signing.appearance_data(appearance),
        reason=_("Phát hành văn bản số %(number)s ngày %(date)s")
        % {"number": number, "date": issued_on.strftime("%d/%m/%Y")},
        location=agency.name,
        purpose=f"dossier.issue:{document.pk}",
        next_url="",
    )
    if session.signed_pdf is None:
        raise Conflict(
            _("Con dấu số của %(agency)s phải là khóa lưu trên máy chủ hoặc thiết bị HSM.")
            % {"agency": agency.name},
            code="seal_not_server_held",
        )
    with transaction.atomic():
        dossier = _core.begin(
            user=user, dossier=dossier, action=Action.ISSUE, expected_version=expected_version
        )
        locked = ResultDocument.objects.select_for_update().get(pk=document.pk)
        if locked.signed_id != document.signed_id:
            raise Conflict(
                _("Văn bản kết quả vừa thay đổi; hãy tải lại trang."), code="result_changed"
            )
        now = clock.now()
        locked.issued = store_generated(
            content=session.signed_pdf,
            name=f"{number.replace('/', '-')}.pdf",
            user=user,
            path=f"ket-qua/{now:%Y/%m}/{locked.token}.pdf",
        )
        locked.number, locked.issued_on = number, issued_on
        locked.issuing_agency, locked.issued_year = agency, issued_on.year
        locked.issued_by, locked.issued_at = user, now
        try:
            with transaction.atomic():
                locked.save()
        except IntegrityError:  # the same number given meanwhile
            _ensure_number_free(agency=agency, year=issued_on.year, number=number)
            raise
        dossier.result_file = locked.issued
        _core.commit(
            dossier=dossier,
            user=user,
            action=Action.ISSUE,
            from_status=dossier.status,
            at=now,
            note=_("Số %(number)s ngày %(date)s")
            % {"number": number, "date": issued_on.strftime("%d/%m/%Y")},
            data={
                "number": number,
                "issued_on": issued_on.isoformat(),
                "sha256": locked.issued.sha256,
            },
        )
    return dossier


def _check_issue_date(issued_on: date, *, signed_at) -> None:
    today = clock.today()
    signed_on = signed_at.astimezone(clock.VN_TZ).date() if signed_at else None
    message = None
    if issued_on > today:
        message = _("Ngày ban hành không được sau hôm nay.")
    elif signed_on is not None and issued_on < signed_on:
        message = _("Ngày ban hành không được trước ngày ký (%(date)s).") % {
            "date": signed_on.strftime("%d/%m/%Y")
        }
    if message:
        raise ValidationFailed(message, fields={"issued_on": [message]})


def _ensure_number_free(*, agency, year: int, number: str) -> None:
    if ResultDocument.objects.filter(
        issuing_agency=agency, issued_year=year, number=number
    ).exists():
        message = _("Số %(number)s năm %(year)s đã được cấp cho văn bản khác của %(agency)s.") % {
            "number": number,
            "year": year,
            "agency": agency.name,
        }
        raise ValidationFailed(message, code="number_taken", fields={"number": [message]})


def ensure_issued(dossier: Dossier) -> None:
    """For `finish`: a result drafted as a document leaves only once issued."""
    document = ResultDocument.objects.filter(dossier=dossier).only("issued_id").first()
    if document is not None and not document.issued_id:
        raise Conflict(
            _("Văn bản kết quả chưa được văn thư phát hành; chưa thể hoàn thành."),
            code="result_not_issued",
        )


def verification_url(document: ResultDocument) -> str:
    return f"{settings.MOTCUA_PUBLIC_URL}/verify/{document.token}/"


def register_handlers() -> None:
    registry.on_signed(SIGN_PURPOSE, _signed)
