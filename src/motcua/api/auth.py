"""`POST /api/v1/auth/token`: a token for `Authorization: Token <token>` from a login and password.

Citizens log in with their identity number, officers with their user name and, as on their
sign-in page, the code of their authenticator app (`otp`). A wrong password, an
unknown user and a locked (inactive) account get the same answer, so the endpoint cannot be used
to learn who has an account; attempts are throttled per client address.
"""

from django.contrib.auth import authenticate
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from motcua.accounts import two_factor
from motcua.api.errors import error_response
from motcua.core.errors import ValidationFailed


class CredentialsSerializer(serializers.Serializer):
    username = serializers.CharField(
        max_length=150,
        trim_whitespace=True,
        help_text=_("Tên đăng nhập; công dân dùng số định danh cá nhân (CCCD)."),
        error_messages={
            key: _("Nhập tên đăng nhập (công dân nhập số định danh cá nhân).")
            for key in ("required", "blank", "null", "invalid")
        }
        | {"max_length": _("Tên đăng nhập không dài quá 150 ký tự.")},
    )
    password = serializers.CharField(
        max_length=128,
        trim_whitespace=False,
        style={"input_type": "password"},
        error_messages={
            key: _("Nhập mật khẩu.") for key in ("required", "blank", "null", "invalid")
        }
        | {"max_length": _("Mật khẩu không dài quá 128 ký tự.")},
    )
    otp = serializers.CharField(
        max_length=20,
        required=False,
        default="",
        help_text=_(
            "Cán bộ: mã 6 chữ số trên ứng dụng xác thực (hoặc một mã khôi phục), như khi đăng "
            "nhập trang cán bộ. Công dân, tổ chức để trống."
        ),
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(
        help_text=_("Gửi kèm mọi yêu cầu sau trong tiêu đề `Authorization: Token <token>`.")
    )


class TokenView(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auth_token"

    @extend_schema(
        operation_id="auth_token",
        tags=["auth"],
        summary=_("Lấy mã truy cập (token)"),
        description=_(
            "Đăng nhập bằng tên đăng nhập và mật khẩu, nhận mã truy cập để gửi trong tiêu đề "
            "`Authorization: Token <token>`. Gọi lại trả về cùng mã. Mỗi địa chỉ chỉ được thử "
            "một số lần mỗi phút."
        ),
        request=CredentialsSerializer,
        responses={
            200: OpenApiResponse(TokenSerializer, description=_("Mã truy cập.")),
            400: error_response(
                _(
                    "Thiếu tên đăng nhập hoặc mật khẩu (`invalid`), thông tin đăng nhập không "
                    "đúng (`invalid_credentials`), cán bộ thiếu mã xác thực (`otp_required`) hoặc "
                    "mã sai (`wrong_code`)."
                )
            ),
            429: error_response(_("Thử quá nhiều lần (`throttled`); xem tiêu đề Retry-After.")),
        },
    )
    def post(self, request: Request) -> Response:
        credentials = CredentialsSerializer(data=request.data)
        credentials.is_valid(raise_exception=True)
        # Django's backend refuses inactive accounts too, with the same None as a wrong password.
        data = credentials.validated_data
        user = authenticate(request, username=data["username"], password=data["password"])
        if user is None:
            raise ValidationFailed(
                gettext(
                    "Tên đăng nhập hoặc mật khẩu không đúng. Công dân đăng nhập bằng số định danh "
                    "cá nhân; quên mật khẩu thì liên hệ Bộ phận Một cửa."
                ),
                code="invalid_credentials",
            )
        if two_factor.needs_second_factor(user):
            if not data["otp"]:
                message = gettext("Cán bộ nhập thêm mã 6 chữ số trên ứng dụng xác thực (otp).")
                raise ValidationFailed(message, code="otp_required", fields={"otp": [message]})
            try:
                two_factor.verify(user=user, token=data["otp"])
            except ValidationFailed as exc:
                raise ValidationFailed(
                    exc.message, code=exc.code, fields={"otp": [exc.message]}
                ) from exc
        token, _created = Token.objects.get_or_create(user=user)
        return Response(TokenSerializer({"token": token.key}).data)
