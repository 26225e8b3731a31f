"""Dossiers through the API: public tracking, the dossier, its actions, the caller's list.

`GET /api/v1/tracking/<code>?phone=` is public: the applicant's phone is the key, and a wrong
phone answers exactly like a code that does not exist. The other endpoints need a signed-in
caller; a dossier they may not see answers 404, never 403 (conventions.md "HTTP").
"""

import hashlib
import json

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
)
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from motcua.accounts.models import User
from motcua.agencies.models import Agency
from motcua.agencies.selectors import agency_by_code
from motcua.api.dossier_requests import ACTION_REQUESTS, IDEMPOTENCY_PARAMETER, FileRequest
from motcua.api.dossier_shapes import (
    CODE_PARAMETER,
    DossierListSerializer,
    DossierSerializer,
    TrackingSerializer,
    dossier_body,
    judgement_of,
    national_codes,
    summary,
    timeline_of,
)
from motcua.api.errors import error_response
from motcua.api.models import IdempotencyKey
from motcua.catalog.selectors import current_version, procedure_by_code
from motcua.core import clock
from motcua.core.errors import Conflict, NotFound, ValidationFailed
from motcua.delivery.selectors import parcels
from motcua.dossiers import selectors, services
from motcua.dossiers.models import (
    Dossier,
    Status,
)
from motcua.workflow.actions import Action

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE = 10_000


# ---------------------------------------------------------------- tracking


class TrackingThrottle(SimpleRateThrottle):
    """Per client address: guessing codes and phones is slow."""

    scope = "tracking"

    def get_rate(self) -> str:
        # `DEFAULT_THROTTLE_RATES["tracking"]` overrides the default when the settings name it.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope) or "30/min"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class TrackingQuerySerializer(serializers.Serializer):
    phone = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=32,
        help_text=_("Số điện thoại người nộp: 0912345678, +84 912 345 678 hoặc 84912345678."),
    )


class TrackingView(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [TrackingThrottle]

    @extend_schema(
        operation_id="tracking_retrieve",
        tags=["tracking"],
        summary=_("Tra cứu tình trạng hồ sơ"),
        description=_(
            "Công khai: mã hồ sơ (hoặc mã tạm) cùng số điện thoại người nộp. Sai số điện thoại "
            "thì trả lời như không có hồ sơ (404). Tối đa 30 lượt mỗi phút."
        ),
        parameters=[
            OpenApiParameter(
                "code", str, OpenApiParameter.PATH, description=_("Mã hồ sơ hoặc mã tạm.")
            ),
            TrackingQuerySerializer,
        ],
        responses={
            200: OpenApiResponse(TrackingSerializer, description=_("Tình trạng hồ sơ.")),
            404: error_response(_("Không có hồ sơ với mã và số điện thoại đã cho.")),
            429: error_response(_("Quá nhiều lượt tra cứu.")),
        },
    )
    def get(self, request: Request, code: str) -> Response:
        query = TrackingQuerySerializer(data=request.query_params)
        phone = query.initial_data.get("phone", "") if query.is_valid() else ""
        dossier = selectors.dossier_for_tracking(code, phone)
        body = {
            "code": dossier.code,
            "reference": dossier.reference,
            "procedure": dossier.procedure_version.name,
            "status": dossier.status,
            "status_label": str(Status(dossier.status).label),
            "national_status": selectors.national_code_of(dossier.status),
            "received_at": dossier.received_at,
            "appointment_at": dossier.appointment_at,
            "new_appointment_at": dossier.new_appointment_at,
            "judgement": judgement_of(dossier),
            "timeline": timeline_of(dossier),
            "shipments": parcels(dossier),
        }
        return Response(TrackingSerializer(body).data)


# ---------------------------------------------------------------- one dossier, its actions


class DossierDetailView(APIView):
    @extend_schema(
        operation_id="dossiers_retrieve",
        tags=["dossiers"],
        summary=_("Một hồ sơ"),
        description=_(
            "Trạng thái, ba đơn vị (tiếp nhận, giải quyết, trả kết quả), ngày hẹn, bước và người "
            "đang xử lý, lịch sử, và `actions`: các thao tác người gọi được làm lúc này cùng các "
            "trường mỗi thao tác cần."
        ),
        parameters=[CODE_PARAMETER],
        responses={
            200: OpenApiResponse(DossierSerializer, description=_("Hồ sơ.")),
            401: error_response(_("Chưa đăng nhập.")),
            404: error_response(_("Không có hồ sơ, hoặc người gọi không được xem hồ sơ này.")),
        },
    )
    def get(self, request: Request, code: str) -> Response:
        dossier = selectors.dossier_by_code_or_reference(code, user=request.user)
        return Response(dossier_body(request.user, dossier))


class DossierActionView(APIView):
    @extend_schema(
        operation_id="dossiers_action",
        tags=["dossiers"],
        summary=_("Thực hiện một thao tác trên hồ sơ"),
        description=format_lazy(
            _(
                "`action` là một trong: {actions}. Thân yêu cầu gồm `expected_version` và các "
                "trường của thao tác đó (xem các "
                "lược đồ `…Request`). 409 `stale_version` khi người khác vừa cập nhật hồ sơ; 409 "
                "`action_not_allowed` khi trạng thái hoặc bước hiện tại không cho phép, kèm lý do."
            ),
            actions=", ".join(f"`{action}`" for action in ACTION_REQUESTS),
        ),
        parameters=[
            CODE_PARAMETER,
            OpenApiParameter(
                "action",
                str,
                OpenApiParameter.PATH,
                enum=list(ACTION_REQUESTS),
                description=_("Thao tác."),
            ),
        ],
        request=PolymorphicProxySerializer(
            component_name="DossierAction",
            serializers=list(dict.fromkeys(ACTION_REQUESTS.values())),
            resource_type_field_name=None,
        ),
        responses={
            200: OpenApiResponse(DossierSerializer, description=_("Hồ sơ sau thao tác.")),
            400: error_response(_("Trường thiếu hoặc sai; lỗi ghi trong `fields`.")),
            401: error_response(_("Chưa đăng nhập.")),
            403: error_response(_("Người gọi xem được hồ sơ nhưng không được làm thao tác này.")),
            404: error_response(_("Không có hồ sơ hoặc thao tác, hoặc không được xem hồ sơ.")),
            409: error_response(_("Phiên bản đã cũ hoặc thao tác không được phép lúc này.")),
        },
    )
    def post(self, request: Request, code: str, action: str) -> Response:
        request_class = ACTION_REQUESTS.get(action)
        if request_class is None:
            raise NotFound(str(_("Không có thao tác này.")), code="unknown_action")
        dossier = selectors.dossier_by_code_or_reference(code, user=request.user)
        payload = request_class(data=request.data)
        payload.is_valid(raise_exception=True)
        fields = dict(payload.validated_data)
        if action in (Action.FORWARD, Action.RETURN_BACK):
            fields["to_step"] = _step(dossier, fields.pop("to_step", ""))
        if action == Action.ASSIGN:
            fields["handler"] = _handler(fields["handler"])
        if action == Action.CONSULT:
            code = fields.pop("unit", "")
            fields["unit"] = _agency(code, field="unit") if code else None
        if action == Action.TRANSFER:
            fields["to_agency"] = _agency(fields["to_agency"], field="to_agency")
        dossier = getattr(services, action)(user=request.user, dossier=dossier, **fields)
        return Response(dossier_body(request.user, dossier))


def _step(dossier: Dossier, key: str):
    if not key:
        return None
    step = None
    if dossier.process_version_id is not None:
        step = dossier.process_version.steps.filter(key=key).first()
    if step is None:
        message = str(_("Quy trình của hồ sơ không có bước với mã đã cho."))
        raise ValidationFailed(message, fields={"to_step": [message]})
    return step


def _agency(code: str, *, field: str) -> Agency:
    return _known(agency_by_code, code, field=field)


def _handler(username: str) -> User:
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        message = str(_("Không có người dùng với tên đăng nhập đã cho."))
        raise ValidationFailed(message, fields={"handler": [message]})
    return user


# ---------------------------------------------------------------- the caller's dossiers


class DossierQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(required=False, choices=Status.choices)
    agency = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=32,
        help_text=_("Mã cơ quan: hồ sơ mà cơ quan đó tiếp nhận, giải quyết, trả hoặc đang xử lý."),
    )
    overdue = serializers.BooleanField(
        required=False, allow_null=True, default=None, help_text=_("true: chỉ hồ sơ quá hạn.")
    )
    page = serializers.IntegerField(required=False, default=1, min_value=1, max_value=MAX_PAGE)
    page_size = serializers.IntegerField(
        required=False, default=PAGE_SIZE, min_value=1, max_value=MAX_PAGE_SIZE
    )


class DossierListView(APIView):
    @extend_schema(
        operation_id="dossiers_list",
        tags=["dossiers"],
        summary=_("Các hồ sơ người gọi được xem"),
        description=_("Mới nhất trước; lọc theo trạng thái, cơ quan, quá hạn."),
        parameters=[DossierQuerySerializer],
        responses={
            200: OpenApiResponse(DossierListSerializer, description=_("Một trang hồ sơ.")),
            400: error_response(_("Tham số chưa hợp lệ.")),
            401: error_response(_("Chưa đăng nhập.")),
        },
    )
    def get(self, request: Request) -> Response:
        query = DossierQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        dossiers = selectors.visible_dossiers(request.user)
        if params.get("status"):
            dossiers = dossiers.filter(status=params["status"])
        if params.get("agency"):
            code = params["agency"]
            dossiers = dossiers.filter(
                Q(receiving_agency__code=code)
                | Q(competent_agency__code=code)
                | Q(return_agency__code=code)
                | Q(current_unit__code=code)
            )
        overdue_ids = selectors.overdue_now(dossiers=dossiers).values("pk")
        if params.get("overdue") is True:
            dossiers = dossiers.filter(pk__in=overdue_ids)
        elif params.get("overdue") is False:
            dossiers = dossiers.exclude(pk__in=overdue_ids)
        dossiers = dossiers.select_related(
            "procedure_version", "receiving_agency", "competent_agency", "return_agency"
        ).order_by("-created_at", "-pk")
        size = params["page_size"]
        start = (params["page"] - 1) * size
        count = dossiers.count()
        page = list(dossiers[start : start + size])
        late = (
            set(
                selectors.overdue_now(
                    dossiers=Dossier.objects.filter(pk__in=[d.pk for d in page])
                ).values_list("pk", flat=True)
            )
            if page
            else set()
        )
        national = national_codes()
        results = [summary(d, national=national, overdue=d.pk in late) for d in page]
        return Response(DossierListSerializer({"count": count, "results": results}).data)


# ---------------------------------------------------------------- filing


class DossierListCreateView(DossierListView):
    @extend_schema(
        operation_id="dossiers_create",
        tags=["dossiers"],
        summary=_("Nộp hồ sơ"),
        description=_(
            "Công dân, tổ chức nộp trực tuyến (trạng thái `submitted`); cán bộ Một cửa nộp thay "
            "người đến nộp trực tiếp, với `receive: true` thì tiếp nhận luôn (`received`)."
        ),
        parameters=[IDEMPOTENCY_PARAMETER],
        request=FileRequest,
        responses={
            201: OpenApiResponse(DossierSerializer, description=_("Hồ sơ đã tạo.")),
            200: OpenApiResponse(
                DossierSerializer, description=_("Hồ sơ đã tạo trước đó với cùng khóa.")
            ),
            400: error_response(_("Dữ liệu chưa hợp lệ; lỗi ghi trong `fields`.")),
            401: error_response(_("Chưa đăng nhập.")),
            403: error_response(_("Người gọi không được nộp hoặc tiếp nhận tại cơ quan này.")),
            409: error_response(
                _(
                    "Cùng khóa đã dùng cho một yêu cầu khác (`idempotency_key_reused`), hoặc thủ "
                    "tục chưa có hiệu lực, chưa có quy trình."
                )
            ),
        },
    )
    def post(self, request: Request) -> Response:
        payload = FileRequest(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        key = (request.headers.get("Idempotency-Key") or "").strip()[:255]
        digest = hashlib.sha256(
            json.dumps(payload.data, sort_keys=True, default=str).encode()
        ).hexdigest()
        if key:
            earlier = _earlier(request.user, key, digest)
            if earlier is not None:
                return Response(dossier_body(request.user, earlier))
        try:
            with transaction.atomic():
                dossier = _file(request.user, data)
                if key:
                    IdempotencyKey.objects.create(
                        user=request.user,
                        key=key,
                        request_hash=digest,
                        dossier=dossier,
                        created_at=clock.now(),
                    )
        except IntegrityError:
            # The same key raced in from another request, which won: answer its dossier.
            earlier = _earlier(request.user, key, digest) if key else None
            if earlier is None:
                raise
            return Response(dossier_body(request.user, earlier))
        return Response(dossier_body(request.user, dossier), status=status.HTTP_201_CREATED)


def _earlier(user: User, key: str, digest: str) -> Dossier | None:
    row = IdempotencyKey.objects.filter(user=user, key=key).select_related("dossier").first()
    if row is None:
        return None
    if row.request_hash != digest:
        raise Conflict(
            str(_("Khóa Idempotency-Key này đã dùng cho một yêu cầu nộp hồ sơ khác.")),
            code="idempotency_key_reused",
        )
    return row.dossier


def _file(user: User, data: dict) -> Dossier:
    procedure = _known(procedure_by_code, data["procedure"], field="procedure")
    agency = _known(agency_by_code, data["receiving_agency"], field="receiving_agency")
    lines = []
    version = current_version(procedure)
    codes = dict(version.components.values_list("code", "pk")) if version is not None else {}
    for index, line in enumerate(data["components"]):
        component_id = None
        if line["component"]:
            component_id = codes.get(line["component"])
            if component_id is None:
                message = str(_("Giấy tờ thứ %(n)s không thuộc thành phần hồ sơ của thủ tục.")) % {
                    "n": index + 1
                }
                raise ValidationFailed(message, fields={"components": [message]})
        lines.append(
            services.ComponentLine(
                component_id=component_id,
                name=line["name"],
                originals=line["originals"],
                certified_copies=line["certified_copies"],
                copies=line["copies"],
                uploads=tuple(line["uploads"]),
            )
        )
    return services.submit(
        user=user,
        procedure=procedure,
        receiving_agency=agency,
        applicant=services.Applicant(**data["applicant"]),
        form_data=data["form"],
        components=lines,
        delivery_method=data["delivery"]["method"],
        delivery_address=data["delivery"]["address"],
        receive=data["receive"],
    )


def _known(lookup, code: str, *, field: str):
    try:
        return lookup(code)
    except NotFound as exc:
        raise ValidationFailed(exc.message, fields={field: [exc.message]}) from exc
