"""`GET /api/v1/procedures` and `GET /api/v1/procedures/<code>`: the public procedure catalogue.

Public, like the one-stop desk's notice board: portals and other systems list, search and show the
procedures in force today. Search ranks by relevance (`catalog.search`); without a query the list
is ordered by code.
"""

from decimal import Decimal

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.agencies.models import Agency
from motcua.agencies.selectors import agency_by_code
from motcua.api.errors import error_response
from motcua.catalog.choices import AdministrativeLevel
from motcua.catalog.selectors import procedure_listing, version_in_force
from motcua.core.errors import NotFound, ValidationFailed

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE = 10_000


def _messages(message, *keys: str) -> dict:
    return dict.fromkeys(keys, message)


class ProcedureQuerySerializer(serializers.Serializer):
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text=_(
            "Tìm theo tên hoặc tên gọi thường dùng, có dấu hay không dấu, ví dụ "
            "`lam giay khai sinh`; cũng tìm theo mã thủ tục."
        ),
        error_messages=_messages(_("Nhập từ khóa tìm kiếm không quá 200 ký tự."), "max_length"),
    )
    agency = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=32,
        help_text=_(
            "Mã định danh của cơ quan: chỉ các thủ tục cơ quan đó (hoặc đơn vị thuộc nó) thực hiện."
        ),
        error_messages=_messages(_("Nhập mã định danh dạng 000.00.00.H26."), "max_length"),
    )
    field = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=255,
        help_text=_("Lĩnh vực: mã (G15-TP07) hoặc tên (Hộ tịch, dấu không bắt buộc)."),
        error_messages=_messages(_("Nhập mã hoặc tên lĩnh vực không quá 255 ký tự."), "max_length"),
    )
    level = serializers.ChoiceField(
        required=False,
        choices=AdministrativeLevel.choices,
        help_text=_("Cấp thực hiện: province (tỉnh), district (huyện) hoặc commune (xã)."),
        error_messages=_messages(
            _("Chọn cấp thực hiện: province, district hoặc commune."), "invalid_choice"
        ),
    )
    page = serializers.IntegerField(
        required=False,
        default=1,
        min_value=1,
        max_value=MAX_PAGE,
        help_text=_("Trang, từ 1."),
        error_messages=_messages(
            _("Nhập số trang là số nguyên từ 1 đến 10000."),
            "invalid",
            "min_value",
            "max_value",
            "max_string_length",
        ),
    )
    page_size = serializers.IntegerField(
        required=False,
        default=PAGE_SIZE,
        min_value=1,
        max_value=MAX_PAGE_SIZE,
        help_text=_("Số thủ tục mỗi trang: mặc định 20, tối đa 100."),
        error_messages=_messages(
            _("Nhập số thủ tục mỗi trang là số nguyên từ 1 đến 100."),
            "invalid",
            "min_value",
            "max_value",
            "max_string_length",
        ),
    )


@extend_schema_field({"type": "number", "nullable": True, "example": 0.5})
class AmountField(serializers.Field):
    """A processing time as a plain JSON number (3, 0.5), exact for the halves it allows."""

    def to_representation(self, value: Decimal) -> int | float:
        return int(value) if value == value.to_integral_value() else float(value)


class FieldSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("Mã lĩnh vực; có thể rỗng."))
    name = serializers.CharField()


class ProcessingTimeSerializer(serializers.Serializer):
    amount = AmountField(source="processing_amount", allow_null=True)
    unit = serializers.CharField(
        source="processing_unit", help_text=_("day (ngày làm việc), hour (giờ), calendar_day")
    )
    cutoff = serializers.TimeField(
        format="%H:%M", allow_null=True, help_text=_("Giờ chốt tiếp nhận.")
    )
    note = serializers.CharField(source="processing_note")


class FeeSummarySerializer(serializers.Serializer):
    kind = serializers.CharField(help_text=_("le_phi (lệ phí) hoặc phi (phí)"))
    name = serializers.CharField()
    amount = serializers.IntegerField(
        allow_null=True, help_text=_("Mức thu, đồng; null khi tỉnh tự quy định.")
    )
    online_amount = serializers.IntegerField(
        allow_null=True, help_text=_("Mức thu khi nộp trực tuyến, nếu khác.")
    )


class FeeSerializer(FeeSummarySerializer):
    basis = serializers.CharField(help_text=_("ho_so, trang, ban hoặc bo"))
    case = serializers.CharField(help_text=_("Trường hợp áp dụng; rỗng là mọi trường hợp."))
    exemptions = serializers.ListField(child=serializers.CharField())
    note = serializers.CharField()


class ComponentSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    originals = serializers.IntegerField(allow_null=True)
    certified_copies = serializers.IntegerField(allow_null=True)
    copies = serializers.IntegerField(allow_null=True)
    required = serializers.BooleanField()
    template = serializers.CharField()
    note = serializers.CharField()


class FormFieldSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    type = serializers.CharField()
    required = serializers.BooleanField()
    choices = serializers.ListField(child=serializers.CharField())
    checks = serializers.DictField(help_text=_("min, max, max_length, pattern, not_after_today"))
    help = serializers.CharField()


class ResultSerializer(serializers.Serializer):
    name = serializers.CharField(source="result_name")
    electronic = serializers.BooleanField(source="result_electronic")


class AgencySerializer(serializers.Serializer):
    code = serializers.CharField(source="agency.code")
    name = serializers.CharField(source="agency.name")


class ProcedureSummarySerializer(serializers.Serializer):
    code = serializers.CharField(source="procedure.code")
    name = serializers.CharField()
    aliases = serializers.ListField(child=serializers.CharField())
    field = FieldSerializer()
    levels = serializers.ListField(child=serializers.CharField())
    implementing_body = serializers.CharField()
    online_mode = serializers.CharField(help_text=_("full (toàn trình), partial (một phần), none"))
    processing_time = ProcessingTimeSerializer(source="*")
    fees = FeeSummarySerializer(many=True)


class ProcedureListSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    results = ProcedureSummarySerializer(many=True)


class ProcedureDetailSerializer(ProcedureSummarySerializer):
    version = serializers.IntegerField(source="number")
    valid_from = serializers.DateField()
    fees = FeeSerializer(many=True)
    components = ComponentSerializer(many=True)
    form_fields = FormFieldSerializer(many=True)
    result = ResultSerializer(source="*")
    legal_basis = serializers.ListField(child=serializers.CharField())
    published_by = serializers.CharField(help_text=_("Quyết định công bố thủ tục."))
    legal_effective_date = serializers.DateField(allow_null=True)
    verified = serializers.BooleanField()
    source = serializers.CharField()
    notes = serializers.CharField()
    agencies = AgencySerializer(source="procedure.assignments.all", many=True)


class ProcedureListView(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="procedures_list",
        tags=["procedures"],
        summary=_("Danh mục thủ tục hành chính"),
        description=_(
            "Các thủ tục đang áp dụng. Có `q` thì xếp theo mức phù hợp (tìm được khi gõ không dấu, "
            "sai chính tả nhẹ, thêm từ thừa, dùng tên gọi thường ngày); không có thì theo mã."
        ),
        parameters=[ProcedureQuerySerializer],
        responses={
            200: OpenApiResponse(ProcedureListSerializer, description=_("Một trang thủ tục.")),
            400: error_response(
                _("Tham số chưa hợp lệ hoặc không có cơ quan với mã đã cho (`unknown_agency`).")
            ),
        },
    )
    def get(self, request: Request) -> Response:
        query = ProcedureQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        listing = procedure_listing(
            query=params.get("q", ""),
            agency=_agency(params.get("agency")),
            field=params.get("field", ""),
            level=params.get("level", ""),
        )
        size = params["page_size"]
        page = listing.page(offset=(params["page"] - 1) * size, limit=size)
        return Response(ProcedureListSerializer({"count": listing.count, "results": page}).data)


class ProcedureDetailView(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="procedures_retrieve",
        tags=["procedures"],
        summary=_("Một thủ tục hành chính, đầy đủ"),
        description=_(
            "Phiên bản đang áp dụng của thủ tục: thành phần hồ sơ, trường dữ liệu tờ khai, phí và "
            "lệ phí với mọi quy tắc, kết quả, căn cứ pháp lý, các cơ quan thực hiện."
        ),
        parameters=[
            OpenApiParameter(
                "code", str, OpenApiParameter.PATH, description=_("Mã thủ tục, ví dụ 1.001193.")
            )
        ],
        responses={
            200: OpenApiResponse(ProcedureDetailSerializer, description=_("Thủ tục.")),
            404: error_response(_("Không có thủ tục đang áp dụng với mã đã cho.")),
        },
    )
    def get(self, request: Request, code: str) -> Response:
        return Response(ProcedureDetailSerializer(version_in_force(code)).data)


def _agency(code: str | None) -> Agency | None:
    if not code:
        return None
    try:
        return agency_by_code(code)
    except NotFound as exc:
        # A filter that names nothing is a bad request, not a missing resource.
        raise ValidationFailed(
            exc.message,
            code="unknown_agency",
            fields={"agency": [gettext("Nhập mã định danh của một cơ quan có trong hệ thống.")]},
        ) from exc
