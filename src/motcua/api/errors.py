"""Every API error as `{"code", "message", "fields"}` with a Vietnamese message (conventions.md)."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, serializers
from rest_framework.response import Response

from motcua.core.errors import DomainError

# Messages for DRF's own exceptions, which otherwise answer in whatever DRF's catalogue says.
_MESSAGES = {
    exceptions.NotAuthenticated: (
        "not_authenticated",
        gettext_lazy("Cần đăng nhập để thực hiện thao tác này."),
    ),
    exceptions.AuthenticationFailed: (
        "authentication_failed",
        gettext_lazy("Thông tin đăng nhập không đúng."),
    ),
    exceptions.PermissionDenied: (
        "forbidden",
        gettext_lazy("Bạn không có quyền thực hiện thao tác này."),
    ),
    exceptions.NotFound: ("not_found", gettext_lazy("Không tìm thấy.")),
    exceptions.MethodNotAllowed: (
        "method_not_allowed",
        gettext_lazy("Phương thức không được hỗ trợ."),
    ),
    exceptions.NotAcceptable: (
        "not_acceptable",
        gettext_lazy("Định dạng yêu cầu không được hỗ trợ."),
    ),
    exceptions.UnsupportedMediaType: (
        "unsupported_media_type",
        gettext_lazy("Kiểu dữ liệu gửi lên không được hỗ trợ."),
    ),
    exceptions.Throttled: (
        "throttled",
        gettext_lazy("Bạn gửi quá nhiều yêu cầu, vui lòng thử lại sau."),
    ),
    exceptions.ParseError: ("parse_error", gettext_lazy("Dữ liệu gửi lên không đọc được.")),
}


def error_body(code: str, message: str, fields: dict | None = None) -> dict:
    return {"code": code, "message": message, "fields": fields or {}}


def _field_messages(detail) -> dict:
    if isinstance(detail, dict):
        return {
            key: [str(item) for item in value]
            if isinstance(value, list)
            else _field_messages(value)
            for key, value in detail.items()
        }
    return {"non_field_errors": [str(item) for item in detail]}


def exception_handler(exc, context):
    if isinstance(exc, DomainError):
        return Response(error_body(exc.code, exc.message, exc.fields), status=exc.status)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    if isinstance(exc, exceptions.ValidationError):
        body = error_body(
            "invalid",
            _("Dữ liệu chưa hợp lệ, vui lòng xem lỗi ở từng trường."),
            _field_messages(exc.detail),
        )
        return Response(body, status=exc.status_code)
    if isinstance(exc, exceptions.APIException):
        code, message = next(
            (pair for cls, pair in _MESSAGES.items() if isinstance(exc, cls)),
            ("error", exc.detail),
        )
        headers = {}
        # A 401 names the scheme to use (RFC 9110); DRF's view puts it on the exception.
        if getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header
        if getattr(exc, "wait", None):
            headers["Retry-After"] = str(int(exc.wait))
        return Response(error_body(code, str(message)), status=exc.status_code, headers=headers)
    return None


def json_not_found(request, exception=None):
    return JsonResponse(error_body("not_found", _("Không tìm thấy.")), status=404)


def json_server_error(request):
    return JsonResponse(
        error_body("server_error", _("Hệ thống gặp lỗi, vui lòng thử lại sau.")), status=500
    )


class ErrorSerializer(serializers.Serializer):
    """The shape of every error answer."""

    code = serializers.CharField(help_text="Mã lỗi cho máy đọc, ví dụ `invalid`, `not_found`.")
    message = serializers.CharField(help_text="Câu thông báo tiếng Việt cho người dùng.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Lỗi theo từng trường dữ liệu.",
    )


def error_response(description: str) -> OpenApiResponse:
    return OpenApiResponse(ErrorSerializer, description=description)
