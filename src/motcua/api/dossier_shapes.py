"""What the dossier API answers: the dossier, its timeline, the actions the caller may take.
What it asks for is in `api/dossier_requests.py`; the views are in `api/dossiers.py`.
"""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiParameter,
)
from rest_framework import serializers

from motcua.accounts.models import User
from motcua.api.dossier_requests import ACTION_FIELDS, ACTION_REQUESTS
from motcua.core.clock import VN_TZ
from motcua.documents.models import StoredFile
from motcua.dossiers import selectors
from motcua.dossiers.lifecycle import awaiting_paper
from motcua.dossiers.models import (
    DEFAULT_NATIONAL_CODES,
    Dossier,
    NationalStatusMapping,
    RegisterEntry,
)
from motcua.workflow.actions import Action


class VNDateTimeField(serializers.DateTimeField):
    """ISO 8601 in Vietnam's time, `+07:00`, whatever the server's zone."""

    def to_representation(self, value):
        if value is None:
            return None
        return value.astimezone(VN_TZ).isoformat()


def _when(**kwargs) -> VNDateTimeField:
    return VNDateTimeField(allow_null=True, **kwargs)


# ---------------------------------------------------------------- shapes shared by the answers


class UnitSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class PersonSerializer(serializers.Serializer):
    username = serializers.CharField()
    name = serializers.CharField(source="full_name")
    title = serializers.CharField()


class StepSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()


class TimelineSerializer(serializers.Serializer):
    step = serializers.CharField(source="step_name")
    unit = serializers.CharField(source="unit_name")
    given_by = serializers.CharField(source="given_by_name")
    handler_name = serializers.CharField()
    handler_title = serializers.CharField()
    given_at = _when()
    received_at = _when()
    due_at = _when()
    ended_at = _when()
    end_action = serializers.CharField()
    note = serializers.CharField()
    judgement = serializers.CharField(
        allow_null=True, help_text=_("early, on_time, late; null khi chưa kết thúc bước.")
    )


class ShipmentStepSerializer(serializers.Serializer):
    status = serializers.CharField(
        help_text=_("created, picked_up, in_transit, delivered hoặc returned.")
    )
    label = serializers.CharField()
    at = _when()


class ShipmentSerializer(serializers.Serializer):
    tracking_number = serializers.CharField(
        help_text=_("Số hiệu bưu gửi; rỗng tới khi bưu điện cấp.")
    )
    status = serializers.CharField()
    status_label = serializers.CharField()
    journey = ShipmentStepSerializer(
        many=True, help_text=_("Các trạng thái bưu gửi đã qua, theo thứ tự, kèm thời điểm.")
    )


class TrackingSerializer(serializers.Serializer):
    code = serializers.CharField(allow_null=True, help_text=_("Mã hồ sơ; null trước tiếp nhận."))
    reference = serializers.CharField(help_text=_("Mã tạm TMP-…"))
    procedure = serializers.CharField(help_text=_("Tên thủ tục."))
    status = serializers.CharField()
    status_label = serializers.CharField()
    national_status = serializers.IntegerField(help_text=_("Mã trạng thái theo Cổng quốc gia."))
    received_at = _when()
    appointment_at = _when(help_text=_("Ngày hẹn trả."))
    new_appointment_at = _when(help_text=_("Ngày hẹn lại sau khi xin lỗi, nếu có."))
    judgement = serializers.CharField(allow_null=True)
    timeline = TimelineSerializer(many=True)
    shipments = ShipmentSerializer(
        many=True, help_text=_("Bưu gửi trả kết quả qua bưu chính công ích, mới nhất trước.")
    )


class EventSerializer(serializers.Serializer):
    action = serializers.CharField()
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    actor = serializers.CharField(allow_null=True, help_text=_("Họ tên người thực hiện."))
    acting_for = serializers.CharField(
        allow_null=True, help_text=_("Người vắng mặt mà người thực hiện làm thay, nếu có.")
    )
    unit = serializers.CharField(allow_null=True)
    at = _when()
    note = serializers.CharField()


class ActionFieldSerializer(serializers.Serializer):
    name = serializers.CharField()
    type = serializers.CharField(help_text=_("string, datetime, integer, decimal, list"))
    required = serializers.BooleanField()


class AvailableActionSerializer(serializers.Serializer):
    action = serializers.CharField()
    label = serializers.CharField()
    fields = ActionFieldSerializer(many=True)


class DossierSummarySerializer(serializers.Serializer):
    code = serializers.CharField(allow_null=True)
    reference = serializers.CharField()
    procedure = serializers.CharField()
    applicant_name = serializers.CharField()
    status = serializers.CharField()
    national_status = serializers.IntegerField()
    version = serializers.IntegerField()
    receiving_agency = UnitSerializer()
    competent_agency = UnitSerializer()
    return_agency = UnitSerializer()
    created_at = _when()
    received_at = _when()
    appointment_at = _when()
    new_appointment_at = _when()
    overdue = serializers.BooleanField()


class DossierComponentFileSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    sha256 = serializers.CharField()
    size = serializers.IntegerField(help_text=_("Kích thước, byte."))
    content_type = serializers.CharField()
    name = serializers.CharField(help_text=_("Tên tệp khi tải lên."))


class DossierComponentSerializer(serializers.Serializer):
    component = serializers.CharField(
        allow_null=True, help_text=_("Mã thành phần hồ sơ của thủ tục; null khi ghi tên tự do.")
    )
    name = serializers.CharField()
    originals = serializers.IntegerField()
    certified_copies = serializers.IntegerField()
    copies = serializers.IntegerField()
    files = DossierComponentFileSerializer(many=True)


class ConsultationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    unit = UnitSerializer()
    question = serializers.CharField()
    asked_at = _when()
    due_at = _when(help_text=_("Hạn trả lời."))
    answer = serializers.CharField()
    answered_by = serializers.CharField(allow_null=True)
    answered_at = _when()


class TransferSerializer(serializers.Serializer):
    to_agency = UnitSerializer()
    reason = serializers.CharField()
    sent_at = _when()
    due_at = _when(help_text=_("Hạn cơ quan liên thông trả về."))
    outcome = serializers.CharField()
    returned_at = _when()


class RegisterEntrySerializer(serializers.Serializer):
    kind = serializers.CharField(help_text=_("civil_status (hộ tịch), certification (chứng thực)"))
    year = serializers.IntegerField()
    book = serializers.IntegerField(help_text=_("Quyển số."))
    number = serializers.IntegerField(help_text=_("Số thứ tự trong sổ."))


class DossierSerializer(DossierSummarySerializer):
    components = DossierComponentSerializer(many=True)
    transferred_to = UnitSerializer(
        allow_null=True, help_text=_("Cơ quan liên thông đang giữ hồ sơ, nếu có.")
    )
    awaiting_handover = serializers.BooleanField(
        help_text=_("Hồ sơ giấy đang chờ đơn vị nhận xác nhận bàn giao.")
    )
    consultations = ConsultationSerializer(many=True)
    transfers = TransferSerializer(many=True)
    register = RegisterEntrySerializer(allow_null=True)
    current_step = StepSerializer(allow_null=True)
    current_unit = UnitSerializer(allow_null=True)
    current_handler = PersonSerializer(allow_null=True)
    step_due_at = _when()
    judgement = serializers.CharField(allow_null=True)
    history = EventSerializer(many=True)
    timeline = TimelineSerializer(many=True)
    actions = AvailableActionSerializer(many=True)


class DossierListSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    results = DossierSummarySerializer(many=True)


# ---------------------------------------------------------------- building the answers


def _unit(agency) -> dict | None:
    return {"code": agency.code, "name": agency.name} if agency is not None else None


def summary(dossier: Dossier, *, national: dict[str, int], overdue: bool) -> dict:
    return {
        "code": dossier.code,
        "reference": dossier.reference,
        "procedure": dossier.procedure_version.name,
        "applicant_name": dossier.applicant_name,
        "status": dossier.status,
        "national_status": national[dossier.status],
        "version": dossier.version,
        "receiving_agency": _unit(dossier.receiving_agency),
        "competent_agency": _unit(dossier.competent_agency),
        "return_agency": _unit(dossier.return_agency),
        "created_at": dossier.created_at,
        "received_at": dossier.received_at,
        "appointment_at": dossier.appointment_at,
        "new_appointment_at": dossier.new_appointment_at,
        "overdue": overdue,
    }


def national_codes() -> dict[str, int]:
    """Every status's national code in one query (the list's query count stays fixed)."""
    table = {status: int(code) for status, code in DEFAULT_NATIONAL_CODES.items()}
    table |= dict(NationalStatusMapping.objects.values_list("status", "national_code"))
    return table


def _is_overdue(dossier: Dossier) -> bool:
    return selectors.overdue_now(dossiers=Dossier.objects.filter(pk=dossier.pk)).exists()


def judgement_of(dossier: Dossier) -> str | None:
    verdict = selectors.judgement(dossier)
    return str(verdict) if verdict is not None else None


def timeline_of(dossier: Dossier) -> list:
    return [
        {**entry.__dict__, "judgement": str(entry.judgement) if entry.judgement else None}
        for entry in selectors.timeline(dossier)
    ]


def components_of(dossier: Dossier) -> list[dict]:
    """The papers handed in and their files, in two queries however many there are."""
    lines = dossier.components.select_related("component").prefetch_related(
        Prefetch("files", queryset=StoredFile.objects.order_by("created_at", "pk"))
    )
    return [
        {
            "component": line.component.code if line.component else None,
            "name": line.name,
            "originals": line.originals,
            "certified_copies": line.certified_copies,
            "copies": line.copies,
            "files": [
                {
                    "id": stored.id,
                    "sha256": stored.sha256,
                    "size": stored.size,
                    "content_type": stored.content_type,
                    "name": stored.original_name,
                }
                for stored in line.files.all()
            ],
        }
        for line in lines
    ]


def dossier_body(user: User, dossier: Dossier) -> dict:
    dossier = Dossier.objects.select_related(
        "procedure_version",
        "receiving_agency",
        "competent_agency",
        "return_agency",
        "current_step",
        "current_unit",
        "current_handler",
        "transferred_to",
    ).get(pk=dossier.pk)
    body = summary(
        dossier,
        national={dossier.status: selectors.national_code_of(dossier.status)},
        overdue=_is_overdue(dossier),
    )
    step = dossier.current_step
    events = dossier.events.select_related("actor", "acting_for", "unit").order_by("at", "pk")
    body |= {
        "current_step": {"key": step.key, "name": step.name} if step else None,
        "current_unit": _unit(dossier.current_unit),
        "current_handler": dossier.current_handler,
        "step_due_at": dossier.step_due_at,
        "judgement": judgement_of(dossier),
        "components": components_of(dossier),
        "history": [
            {
                "action": event.action,
                "from_status": event.from_status,
                "to_status": event.to_status,
                "actor": event.actor.full_name if event.actor else None,
                "acting_for": event.acting_for.full_name if event.acting_for else None,
                "unit": event.unit.name if event.unit else None,
                "at": event.at,
                "note": event.note,
            }
            for event in events
        ],
        "timeline": timeline_of(dossier),
        "transferred_to": _unit(dossier.transferred_to),
        "awaiting_handover": awaiting_paper(dossier),
        "consultations": [
            {
                "id": item.pk,
                "unit": _unit(item.unit),
                "question": item.question,
                "asked_at": item.asked_at,
                "due_at": item.due_at,
                "answer": item.answer,
                "answered_by": item.answered_by.full_name if item.answered_by else None,
                "answered_at": item.answered_at,
            }
            for item in dossier.consultations.select_related("unit", "answered_by")
        ],
        "transfers": [
            {
                "to_agency": _unit(item.to_agency),
                "reason": item.reason,
                "sent_at": item.sent_at,
                "due_at": item.due_at,
                "outcome": item.outcome,
                "returned_at": item.returned_at,
            }
            for item in dossier.transfers.select_related("to_agency")
        ],
        "register": _register_of(dossier),
        "actions": [
            {"action": action, "label": str(Action(action).label), "fields": ACTION_FIELDS[action]}
            for action in selectors.available_actions(user, dossier)
            if action in ACTION_REQUESTS
        ],
    }
    return DossierSerializer(body).data


def _register_of(dossier: Dossier) -> dict | None:
    entry = RegisterEntry.objects.filter(dossier=dossier).select_related("register").first()
    if entry is None:
        return None
    book = entry.register
    return {"kind": book.kind, "year": book.year, "book": book.book, "number": entry.number}


CODE_PARAMETER = OpenApiParameter(
    "code",
    str,
    OpenApiParameter.PATH,
    description=_("Mã hồ sơ, mã tạm TMP-… hoặc mã hồ sơ trên Cổng quốc gia."),
)
