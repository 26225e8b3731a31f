"""Handing a result over (`/can-bo/ho-so/<key>/tra-ket-qua/`), by the dossier's delivery method:
at the desk (who collected: the applicant, or another person with their ID number and the
authorisation), online (the result is now the citizen's to download), or by post (the shipment
record, `delivery.services.return_by_post`). Once returned, the page says how it went.
"""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from motcua.backoffice.decorators import officer_required
from motcua.backoffice.intake.forms import ReturnForm
from motcua.backoffice.intake.views import visible_dossier
from motcua.core.errors import DomainError, ValidationFailed
from motcua.core.forms import add_service_errors
from motcua.delivery import providers as postal_providers
from motcua.delivery import services as delivery
from motcua.delivery.selectors import shipments_of
from motcua.documents.models import StoredFile
from motcua.documents.services import store_upload
from motcua.dossiers import services
from motcua.dossiers.lifecycle import refusal
from motcua.dossiers.models import DeliveryMethod, Dossier, Status
from motcua.dossiers.rules import acting_as
from motcua.workflow.actions import Action

STALE = "stale_version"
# The upload check names its field `file`; on this form that is the authorisation's scan.
FIELDS = {"file": "authorisation_file"}


@officer_required
def return_result(request: HttpRequest, key: str) -> HttpResponse:
    dossier = visible_dossier(request, key)
    if dossier.status == Status.RETURNED:
        return _page(request, dossier, form=None)
    if acting_as(request.user, f"dossiers.{Action.RETURN_RESULT}", dossier) is None:
        raise PermissionDenied(_("Việc trả kết quả hồ sơ này không thuộc bộ phận của bạn."))
    refused = refusal(dossier, Action.RETURN_RESULT)
    if refused is not None:
        return _page(request, dossier, form=None, refused=refused, status=409)
    if request.method != "POST":
        form = ReturnForm(
            initial={
                "expected_version": dossier.version,
                "recipient": dossier.applicant_name,
                "phone": dossier.applicant_phone,
                "address": dossier.delivery_address or dossier.applicant_address,
                "fee": 0,
            }
        )
        return _page(request, dossier, form=form)
    data = request.POST.copy()
    refused_file = _keep_upload(request, data)
    form = ReturnForm(data)
    if not form.is_valid() or refused_file:
        if refused_file:
            form.add_error("authorisation_file", refused_file)
        return _page(request, dossier, form=form, status=400)
    try:
        _hand_over(request, dossier, form.cleaned_data)
    except DomainError as exc:
        if exc.status == 403:
            raise PermissionDenied(exc.message) from exc
        if exc.code == STALE:
            messages.warning(
                request,
                _(
                    "Hồ sơ vừa được người khác cập nhật; nội dung bạn nhập vẫn còn: "
                    "xem lại rồi gửi lại."
                ),
            )
            data["expected_version"] = str(Dossier.objects.get(pk=dossier.pk).version)
            form = ReturnForm(data)
            form.is_valid()
        else:
            add_service_errors(form, exc, aliases=FIELDS)
        fresh = Dossier.objects.get(pk=dossier.pk)
        return _page(request, fresh, form=form, status=exc.status)
    messages.success(request, _("Đã trả kết quả hồ sơ %(code)s.") % {"code": dossier.key})
    return redirect("backoffice:return-result", key=dossier.key)


def _keep_upload(request: HttpRequest, data) -> str:
    """Store the authorisation's scan sent with this post and name it by id in the form, so
    that an error or a stale version does not lose it; the message of a refused file."""
    upload = request.FILES.get("authorisation_file")
    if upload is None:
        return ""
    try:
        stored = store_upload(uploaded_file=upload, user=request.user)
    except DomainError as exc:
        return exc.message
    data["authorisation_kept"] = str(stored.pk)
    return ""


def _kept(text: str) -> UUID | None:
    try:
        return UUID((text or "").strip())
    except ValueError:
        return None


def _hand_over(request: HttpRequest, dossier: Dossier, data: dict) -> None:
    common = {
        "user": request.user,
        "dossier": dossier,
        "expected_version": data["expected_version"],
        "note": data["note"],
    }
    if dossier.delivery_method == DeliveryMethod.POST:
        delivery.return_by_post(
            **common,
            recipient=data["recipient"],
            phone=data["phone"],
            address=data["address"],
            fee=data["fee"] or 0,
            tracking_number=data["tracking_number"],
        )
        return
    if dossier.delivery_method == DeliveryMethod.DESK and data["collector"] == "other":
        if not data["collector_name"].strip():
            message = _("Nhập họ tên người nhận kết quả thay.")
            raise ValidationFailed(message, fields={"collector_name": [message]})
        services.return_result(
            **common,
            collector_name=data["collector_name"],
            collector_id_number=data["collector_id_number"],
            authorisation_number=data["authorisation_number"],
            authorisation_file=_kept(data["authorisation_kept"]),
        )
        return
    services.return_result(**common)


def _page(
    request: HttpRequest,
    dossier: Dossier,
    *,
    form: ReturnForm | None,
    refused: str = "",
    status: int = 200,
) -> HttpResponse:
    event = (
        dossier.events.filter(action=Action.RETURN_RESULT).order_by("-pk").first()
        if dossier.status == Status.RETURNED
        else None
    )
    kept = _kept(form.data.get("authorisation_kept", "")) if form and form.is_bound else None
    context = {
        "dossier": dossier,
        "form": form,
        "kept_name": (
            StoredFile.objects.filter(pk=kept, uploaded_by=request.user)
            .values_list("original_name", flat=True)
            .first()
            if kept
            else None
        ),
        "refused": refused,
        "returned": event,
        "collector": (event.data or {}).get("collector") if event else None,
        "shipments": list(shipments_of(dossier)),
        # A postal provider books the parcel itself: its tracking number and fee need no typing.
        "post_books": postal_providers.active() is not None,
    }
    return render(request, "backoffice/intake/return.html", context, status=status)
