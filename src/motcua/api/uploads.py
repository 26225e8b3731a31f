"""`POST /api/v1/uploads`: a file for a dossier, checked by its content and kept privately.

The answer's `id` is what a dossier's components name later; only the uploader can use it.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.api.errors import error_response
from motcua.documents.services import store_upload

_CHOOSE_FILE = _("Chọn một tệp PDF, JPEG hoặc PNG để gửi trong trường file.")


class UploadRequestSerializer(serializers.Serializer):
    # An empty file passes here so that `store_upload` words every refusal of a file's content.
    file = serializers.FileField(
        allow_empty_file=True,
        use_url=False,
        help_text=_("Tệp PDF, JPEG hoặc PNG; loại tệp được xác định theo nội dung."),
        error_messages=dict.fromkeys(
            ("required", "null", "invalid", "no_name", "empty"), _CHOOSE_FILE
        ),
    )


class UploadSerializer(serializers.Serializer):
    id = serializers.UUIDField(help_text=_("Mã tệp, dùng khi nộp hồ sơ."))
    sha256 = serializers.CharField(help_text=_("Mã băm SHA-256 của nội dung, dạng hex."))
    size = serializers.IntegerField(help_text=_("Kích thước, byte."))
    content_type = serializers.CharField(
        help_text=_("application/pdf, image/jpeg hoặc image/png, theo nội dung tệp.")
    )


class UploadView(APIView):
    parser_classes = [MultiPartParser]

    @extend_schema(
        operation_id="uploads_create",
        tags=["uploads"],
        summary=_("Tải lên một tệp"),
        description=_(
            "Gửi một tệp (multipart/form-data, trường `file`). Chỉ nhận PDF (tối đa 20 MB), JPEG "
            "và PNG (tối đa 10 MB, theo cấu hình); loại tệp được xác định theo nội dung, không "
            "theo tên hay Content-Type. Tên tệp có đuôi khác với nội dung thì bị từ chối."
        ),
        request={"multipart/form-data": UploadRequestSerializer},
        responses={
            201: OpenApiResponse(UploadSerializer, description=_("Tệp đã được lưu.")),
            400: error_response(
                _(
                    "Không có tệp (`invalid`), tệp rỗng (`empty_file`), loại tệp không được nhận "
                    "(`unsupported_file_type`), đuôi tên tệp khác nội dung (`extension_mismatch`) "
                    "hoặc tệp quá lớn (`file_too_large`); lỗi ghi trong `fields.file`."
                )
            ),
            401: error_response(_("Chưa đăng nhập.")),
        },
    )
    def post(self, request: Request) -> Response:
        upload = UploadRequestSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        stored = store_upload(uploaded_file=upload.validated_data["file"], user=request.user)
        return Response(UploadSerializer(stored).data, status=status.HTTP_201_CREATED)
