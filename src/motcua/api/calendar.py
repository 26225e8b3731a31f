"""`GET /api/v1/calendar/due`: when a processing time received at a moment falls due.

Public, so that portals and other systems show the same appointment the one-stop desk prints.
"""

import re
from datetime import datetime

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiExample,
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
from motcua.core.clock import VN_TZ
from motcua.core.errors import NotFound, ValidationFailed
from motcua.workdays.arithmetic import Unit
from motcua.workdays.selectors import calendar_for

START_HELP = _("Nhập thời điểm bắt đầu theo ISO 8601, ví dụ 2026-03-04T13:00:00+07:00.")

# An unencoded "+" in a query string arrives as a space: "…T13:00:00 07:00" means "+07:00".
_SPACE_FOR_PLUS = re.compile(
    r"^(?P<moment>.+[T ]\d{2}(?::?\d{2}){0,2}(?:[.,]\d+)?) (?=\d{2}(?::?\d{2})?$)"
)


@extend_schema_field({"type": "string", "example": "2026-03-04T13:00:00+07:00"})
class StartField(serializers.Field):
    """An ISO 8601 moment or date, read in Vietnam time unless it carries another offset."""

    default_error_messages = {"invalid": START_HELP, "required": START_HELP}

    def to_internal_value(self, data) -> datetime:
        if not isinstance(data, str):
            self.fail("invalid")
        try:
            moment = datetime.fromisoformat(_SPACE_FOR_PLUS.sub(r"\g<moment>+", data.strip()))
        except ValueError:
            self.fail("invalid")
        if moment.tzinfo is None:
            return moment.replace(tzinfo=VN_TZ)
        return moment.astimezone(VN_TZ)


@extend_schema_field({"type": "number", "minimum": 0, "exclusiveMinimum": True, "example": 0.5})
class AmountField(serializers.DecimalField):
    """A decimal read exactly (never through a float, where 0.1 hour is not 6 minutes)."""


class DueQuerySerializer(serializers.Serializer):
    start = StartField(
        help_text=_(
            "Thời điểm tiếp nhận, ISO 8601. Không ghi múi giờ thì hiểu là giờ Việt Nam (+07:00); "
            "chỉ ghi ngày thì tính từ đầu ngày đó."
        )
    )
    # These limits bound the work a public request can cause (Decimal("1e-999999999") would
    # become a billion-digit fraction); the arithmetic checks what the unit can count.
    amount = AmountField(
        max_digits=9,
        decimal_places=4,
        help_text=_("Thời hạn, lớn hơn 0."),
        error_messages={
            key: _("Nhập thời hạn là một số, ví dụ 3 hoặc 0.5.")
            for key in (
                "required",
                "invalid",
                "max_digits",
                "max_decimal_places",
                "max_whole_digits",
                "max_string_length",
            )
        },
    )
    unit = serializers.ChoiceField(
        choices=[
            (Unit.DAY.value, _("ngày làm việc: 8 giờ làm việc, lẻ được nửa ngày")),
            (Unit.HOUR.value, _("giờ làm việc, tròn đến phút")),
            (
                Unit.CALENDAR_DAY.value,
                _(
                    "ngày lịch, số nguyên: hết hạn lúc hết giờ làm việc, dời sang ngày làm việc "
                    "kế tiếp nếu rơi vào ngày nghỉ"
                ),
            ),
        ],
        help_text=_("Đơn vị của thời hạn."),
        error_messages={
            key: _(
                "Chọn đơn vị thời gian: day (ngày làm việc), hour (giờ làm việc) "
                "hoặc calendar_day (ngày lịch)."
            )
            for key in ("required", "invalid_choice")
        },
    )
    agency = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=32,
        help_text=_(
            "Mã định danh của cơ quan (mã cũ cũng được): dùng giờ làm việc của cơ quan và ngày "
            "nghỉ riêng của tỉnh. Bỏ trống: lịch chung cả nước, giờ làm việc mặc định."
        ),
        error_messages={
            "max_length": _("Nhập mã định danh dạng 000.00.00.H26 hoặc bỏ trống tham số agency.")
        },
    )

    def validate_amount(self, value):
        # Checked here too, so that every field's error comes back in one answer.
        if value <= 0:
            raise serializers.ValidationError(_("Nhập thời hạn lớn hơn 0, ví dụ 3 hoặc 0.5."))
        return value


class DueSerializer(serializers.Serializer):
    due = serializers.DateTimeField(help_text=_("Thời điểm hết hạn, ISO 8601, múi giờ +07:00."))


class DueView(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="calendar_due",
        tags=["calendar"],
        summary=_("Tính thời điểm hết hạn"),
        description=_(
            "Cộng thời hạn giải quyết vào thời điểm tiếp nhận theo lịch làm việc: bỏ qua ngày nghỉ "
            "cuối tuần, ngày lễ, Tết, ngày nghỉ bù và ngày nghỉ riêng của tỉnh; tính ngày làm bù; "
            "chỉ đếm thời gian trong giờ làm việc. Tiếp nhận ngoài giờ thì tính từ lúc bắt đầu giờ "
            "làm việc kế tiếp."
        ),
        parameters=[DueQuerySerializer],
        responses={
            200: OpenApiResponse(DueSerializer, description=_("Thời điểm hết hạn.")),
            400: error_response(
                _("Tham số chưa hợp lệ hoặc không có cơ quan với mã đã cho (`unknown_agency`).")
            ),
        },
        examples=[
            OpenApiExample(
                "Nửa ngày làm việc",
                description="start=2026-03-04T13:00:00+07:00&amount=0.5&unit=day",
                value={"due": "2026-03-04T17:00:00+07:00"},
                response_only=True,
            )
        ],
    )
    def get(self, request: Request) -> Response:
        query = DueQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        calendar = calendar_for(agency=_agency(params.get("agency")))
        due = calendar.add(params["start"], amount=params["amount"], unit=params["unit"])
        return Response(DueSerializer({"due": due}).data)


def _agency(code: str | None) -> Agency | None:
    if not code:
        return None
    try:
        return agency_by_code(code)
    except NotFound as exc:
        # A query parameter that names nothing is a bad request, not a missing resource.
        raise ValidationFailed(
            gettext(
                "Không tìm thấy cơ quan, đơn vị có mã %(code)s: kiểm tra lại mã "
                "hoặc bỏ tham số agency."
            )
            % {"code": code},
            code="unknown_agency",
            fields={"agency": [gettext("Nhập mã định danh của một cơ quan có trong hệ thống.")]},
        ) from exc
