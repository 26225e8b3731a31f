"""The counter's pages: intake of a walk-in (`/can-bo/tiep-nhan/`), its receipt, and handing a
result over (`/can-bo/ho-so/<key>/tra-ket-qua/`).

The intake page is one form that works without JavaScript and is built for the keyboard: the
ID card scanner types the QR text and Enter into the scan field, and a post whose scan field
holds text fills the applicant from it (and from a returning citizen's earlier dossier) instead
of receiving; any other Enter receives. Scans are stored on the post that brings them and kept
by id, so an error loses neither what was typed nor what was scanned.
"""

from datetime import date
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from motcua.accounts.id_card import read_id_card
from motcua.accounts.identity import IdentityDocument
from motcua.backoffice.decorators import officer_required
from motcua.backoffice.intake.forms import (
    IntakeForm,
    component_forms,
    form_fields_form,
)
from motcua.catalog.choices import FormFieldType
from motcua.catalog.fees import Channel, fees_for, total
from motcua.catalog.selectors import procedure_listing, version_in_force
from motcua.core.errors import DomainError, NotFound
from motcua.core.money import vnd
from motcua.documents.models import StoredFile
from motcua.documents.services import store_upload
from motcua.dossiers import counter, services
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import dossier_by_code_or_reference

SEARCH_LIMIT = 10
# Where a service's field errors go on the page.
APPLICANT_FIELDS = {
    "applicant_name": "name",
    "applicant_phone": "phone",
    "id_number": "id_number",
    "id_type": "id_type",
    "tax_code": "id_number",
    "delivery_address": "delivery_address",
}


@officer_required
def counter_intake(request: HttpRequest) -> HttpResponse:
    desks = counter.desks_of(request.user)
    if not desks:
        raise PermissionDenied(_("Trang này dành cho cán bộ Bộ phận Một cửa."))
    code = (request.POST.get("thu_tuc") or request.GET.get("thu_tuc") or "").strip()
    if not code:
        return _search(request)
    try:
        version = version_in_force(code)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    chosen = request.POST.get("desk") or ""
    desk = next((agency for agency in desks if str(agency.pk) == chosen), desks[0])
    competent = counter.competent_choices(version.procedure, desk=desk)
    fee = total(fees_for(version, channel=Channel.COUNTER))
    page = {"version": version, "desks": desks, "competent": competent, "fee": fee}
    if request.method != "POST":
        form = IntakeForm(
            initial={"desk": desk.pk, "competent": competent[0].pk},
            desks=desks,
            competent=competent,
        )
        return _intake_page(
            request, page, form, form_fields_form(version), component_forms(version), focus="qr"
        )

    data = request.POST.copy()
    request.scan_errors = {}
    _store_scans(request, component_forms(version, data, request.FILES), data)
    if data.get("qr", "").strip():
        return _scanned(request, page, data)
    if request.POST.get("action") == "recall":
        return _recalled(request, page, data)
    return _receive(request, page, data)


def _search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    hits = procedure_listing(query=query).page(offset=0, limit=SEARCH_LIMIT) if query else []
    return render(request, "backoffice/intake/search.html", {"query": query, "hits": hits})


def _intake_page(
    request, page, form, form_fields, lines, *, status: int = 200, focus: str = ""
) -> HttpResponse:
    kept_ids = {line.prefix: _kept(line.data.get(f"{line.prefix}-kept", "")) for line in lines}
    wanted = [pk for ids in kept_ids.values() for pk in ids]
    mine = StoredFile.objects.filter(pk__in=wanted, uploaded_by=request.user)
    names = dict(mine.values_list("pk", "original_name"))
    scan_errors = getattr(request, "scan_errors", {})
    for line in lines:
        line.kept_files = [names[pk] or str(pk) for pk in kept_ids[line.prefix] if pk in names]
        line.scan_error = scan_errors.get(line.prefix, "")
    context = {
        **page,
        "form": form,
        "candidate": counter.confirmed_account(
            account_id=form.data.get("account"), id_number=form.data.get("id_number", "")
        )
        if form.is_bound
        else None,
        "form_fields": form_fields,
        "lines": lines,
        "focus": focus,
        "lines_have_errors": any(
            line.scan_error or (line.is_bound and line.errors) for line in lines
        ),
    }
    return render(request, "backoffice/intake/intake.html", context, status=status)


def _forms(page, data):
    version = page["version"]
    form = IntakeForm(data, desks=page["desks"], competent=page["competent"])
    return form, form_fields_form(version, data), component_forms(version, data)


def _kept(text: str) -> list[UUID]:
    found = []
    for part in (text or "").split(","):
        try:
            found.append(UUID(part.strip()))
        except ValueError:
            continue
    return found


def _store_scans(request: HttpRequest, lines, data) -> None:
    """Store each scan sent with this post at once and remember it by id in the page (an upload
    is not sent again after an error); a refused file's message goes on its field."""
    for line in lines:
        upload = request.FILES.get(f"{line.prefix}-file")
        if upload is None:
            continue
        try:
            stored = store_upload(uploaded_file=upload, user=request.user)
        except DomainError as exc:
            request.scan_errors[line.prefix] = exc.message
            continue
        kept = _kept(data.get(f"{line.prefix}-kept", ""))
        data[f"{line.prefix}-kept"] = ",".join(str(pk) for pk in [*kept, stored.pk])
        data[f"{line.prefix}-take"] = "on"


def _fill(data, values: dict) -> None:
    """Put `values` into the posted data where the officer left the field empty."""
    for name, value in values.items():
        if value and not data.get(name, "").strip():
            data[name] = value


def _scanned(request: HttpRequest, page, data) -> HttpResponse:
    try:
        card = read_id_card(data["qr"])
    except DomainError as exc:
        form, form_fields, lines = _forms(page, data)
        form.is_valid()
        form.add_error("qr", exc.message)
        return _intake_page(request, page, form, form_fields, lines, status=400)
    filled = {
        "qr": "",
        "id_type": IdentityDocument.PERSONAL_NUMBER,
        "id_number": card.personal_number,
        "name": card.full_name,
        "date_of_birth": card.date_of_birth.strftime("%d/%m/%Y"),
        "sex": card.sex,
        "address": card.address,
        "issued_on": card.issued_on.strftime("%d/%m/%Y"),
    }
    for name, value in filled.items():
        data[name] = value
    message = _("Đã điền thông tin từ thẻ căn cước của %(name)s.") % {"name": card.full_name}
    recalled = counter.recall(request.user, id_number=card.personal_number)
    _candidate(data, recalled, confirmed=True)  # the card itself was read: the person is here
    if recalled is not None:
        _fill(data, {"phone": recalled.phone, "email": recalled.email})
        message += " " + _recall_message(recalled)
    messages.success(request, message)
    form, form_fields, lines = _forms(page, data)
    return _intake_page(
        request, page, form, form_fields, lines, focus=_next_empty(form_fields, data)
    )


def _next_empty(form_fields, data) -> str:
    """Where the officer goes on after a scan: the phone, else the form's first empty field."""
    if not data.get("phone", "").strip():
        return "phone"
    for field in form_fields:
        if not data.get(field.html_name, "").strip():
            return field.html_name
    return ""


def _candidate(data, recalled: counter.Recalled | None, *, confirmed: bool) -> None:
    """Offer the account found for the number; it owns the dossier only once confirmed."""
    account = recalled.account if recalled else None
    data["account"] = str(account.pk) if account else ""
    if confirmed and account is not None:
        data["account_confirmed"] = "on"
    else:
        data.pop("account_confirmed", None)


def _recall_message(recalled: counter.Recalled) -> str:
    if recalled.last_code:
        return _("Người này đã nộp hồ sơ %(code)s: đã điền số điện thoại, thư điện tử.") % {
            "code": recalled.last_code
        }
    return _(
        "Người này có tài khoản trên Cổng dịch vụ công: xác nhận «Đúng người» để hồ sơ hiện "
        "trong tài khoản."
    )


def _recalled(request: HttpRequest, page, data) -> HttpResponse:
    recalled = counter.recall(request.user, id_number=data.get("id_number", ""))
    _candidate(data, recalled, confirmed=False)
    if recalled is None:
        messages.info(request, _("Chưa có hồ sơ hay tài khoản nào với số giấy tờ này: nhập mới."))
    else:
        _fill(
            data,
            {
                "name": recalled.name,
                "phone": recalled.phone,
                "email": recalled.email,
                "address": recalled.address,
                "date_of_birth": (
                    recalled.date_of_birth.strftime("%d/%m/%Y") if recalled.date_of_birth else ""
                ),
            },
        )
        messages.success(request, _recall_message(recalled))
    form, form_fields, lines = _forms(page, data)
    return _intake_page(request, page, form, form_fields, lines)


def _receive(request: HttpRequest, page, data) -> HttpResponse:
    version = page["version"]
    form, form_fields, lines = _forms(page, data)
    valid = form.is_valid()
    for line in lines:  # every line checked, so each shows its own errors
        valid = line.is_valid() and valid
    if valid and not form.cleaned_data["name"].strip():
        form.add_error("name", _("Nhập họ tên người nộp hồ sơ, hoặc quét mã QR trên thẻ CCCD."))
        valid = False
    if valid and page["fee"] and not form.cleaned_data["fee_paid"]:
        form.add_error(
            "fee_paid",
            _("Thủ tục có lệ phí %(amount)s đồng: thu tiền mặt rồi đánh dấu ô này.")
            % {"amount": vnd(page["fee"])},
        )
        valid = False
    if getattr(request, "scan_errors", None):
        valid = False
    owner = None
    if form.cleaned_data.get("account_confirmed"):
        owner = counter.confirmed_account(
            account_id=form.cleaned_data.get("account"),
            id_number=form.cleaned_data.get("id_number", ""),
        )
        if owner is None and valid:
            form.add_error(
                "id_number",
                _(
                    "Số giấy tờ đã đổi sau khi tìm người nộp: bấm «Tìm người đã nộp trước đây» "
                    "rồi xác nhận lại."
                ),
            )
            valid = False
    if not valid:
        return _intake_page(request, page, form, form_fields, lines, status=400)
    cleaned = form.cleaned_data
    by_pk = {str(agency.pk): agency for agency in page["desks"]}
    competent = {str(agency.pk): agency for agency in page["competent"]}
    applicant = services.Applicant(
        name=cleaned["name"],
        id_type=cleaned["id_type"] if cleaned["id_number"].strip() else "",
        id_number=cleaned["id_number"],
        phone=cleaned["phone"],
        email=cleaned["email"],
        address=cleaned["address"],
    )
    try:
        dossier = counter.receive_walk_in(
            user=request.user,
            procedure=version.procedure,
            desk=by_pk[cleaned["desk"]],
            competent=competent[cleaned["competent"]],
            applicant=applicant,
            owner=owner,
            form_data=_form_data(version, form_fields, cleaned),
            lines=[_line(line) for line in lines if _taken(line)],
            scans=[scan for line in lines if _taken(line) for scan in _scans(line)],
            delivery_method=cleaned["delivery_method"],
            delivery_address=cleaned["delivery_address"],
            channel=cleaned["channel"] or None,
            cash_fee=page["fee"] if cleaned["fee_paid"] else None,
        )
    except DomainError as exc:
        if exc.status == 403:
            raise PermissionDenied(exc.message) from exc
        _place_errors(exc, form, form_fields)
        return _intake_page(request, page, form, form_fields, lines, status=exc.status)
    messages.success(request, _("Đã tiếp nhận hồ sơ %(code)s.") % {"code": dossier.code})
    return redirect("backoffice:intake-receipt", key=dossier.key)


def _taken(line) -> bool:
    return bool(line.cleaned_data.get("take") or _kept(line.cleaned_data.get("kept", "")))


def _description(line) -> str:
    data = line.cleaned_data
    parts = []
    if data.get("number"):
        parts.append(_("số %(number)s") % {"number": data["number"]})
    if data.get("issued_on"):
        parts.append(_("cấp ngày %(day)s") % {"day": data["issued_on"].strftime("%d/%m/%Y")})
    if data.get("issuer"):
        parts.append(_("do %(issuer)s cấp") % {"issuer": data["issuer"]})
    return ", ".join(parts)


def _line(line) -> services.ComponentLine:
    data = line.cleaned_data
    described = _description(line)
    return services.ComponentLine(
        component_id=line.component.pk,
        name=f"{line.component.name} ({described})" if described else "",
        originals=data["originals"],
        certified_copies=data["certified_copies"],
        copies=data["copies"],
        uploads=tuple(_kept(data.get("kept", ""))),
    )


def _scans(line) -> list[counter.Scan]:
    data = line.cleaned_data
    return [
        counter.Scan(
            file_id=pk,
            title=line.component.name,
            number=data.get("number", ""),
            issued_on=data.get("issued_on"),
            issuer=data.get("issuer", ""),
        )
        for pk in _kept(data.get("kept", ""))
    ]


def _form_data(version, form_fields, cleaned) -> dict:
    """What was typed in the procedure's form; the requester's ID number and the contact phone
    are the applicant's unless typed otherwise."""
    values = {
        name: _iso(value) if field.declared_type == FormFieldType.DATE else value
        for name, field in form_fields.fields.items()
        if (value := form_fields[name].value()) not in (None, "", False)
    }
    for name, field in form_fields.fields.items():
        if name in values:
            continue
        if field.declared_type == FormFieldType.PHONE and cleaned["phone"].strip():
            values[name] = cleaned["phone"]
        elif (
            field.declared_type == FormFieldType.PERSONAL_ID
            and "nguoi_yeu_cau" in name
            and cleaned["id_type"] == IdentityDocument.PERSONAL_NUMBER
            and cleaned["id_number"].strip()
        ):
            values[name] = cleaned["id_number"]
    return values


def _iso(typed: str) -> str:
    """A date typed dd/mm/yyyy in the form the catalogue's check reads; anything else as typed,
    for that check to explain."""
    day, _sep, rest = typed.strip().partition("/")
    month, _sep, year = rest.partition("/")
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return typed


def _place_errors(exc: DomainError, form, form_fields) -> None:
    placed = False
    for name, errors in (exc.fields or {}).items():
        if name in form_fields.fields:
            target = form_fields
        elif APPLICANT_FIELDS.get(name) in form.fields:
            target, name = form, APPLICANT_FIELDS[name]
        else:
            continue
        for error in errors:
            target.add_error(name, error)
        placed = True
    if not placed or exc.code == "invalid_form":
        form.add_error(None, exc.message)


@officer_required
def receipt(request: HttpRequest, key: str) -> HttpResponse:
    """After receipt: the code, the appointment, the papers, to print and hand over."""
    dossier = visible_dossier(request, key)
    context = {
        "dossier": dossier,
        "components": list(dossier.components.all()),
        "cash_fee": vnd(fee) if (fee := counter.cash_fee_of(dossier)) else "",
    }
    return render(request, "backoffice/intake/receipt.html", context)


def visible_dossier(request: HttpRequest, key: str) -> Dossier:
    try:
        return dossier_by_code_or_reference(key, user=request.user)
    except NotFound as exc:
        raise Http404(exc.message) from exc
