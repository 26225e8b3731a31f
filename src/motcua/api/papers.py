"""`GET /api/v1/dossiers/<code>/forms/<01..07>`: a dossier's official form as PDF, for whoever may
see the dossier (`dossiers.printing`): 01–05 as issued, 06 and 07 drawn now."""

import json

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.views import APIView

from motcua.api.dossier_shapes import CODE_PARAMETER
from motcua.api.errors import error_response
from motcua.dossiers import printing


class PdfRenderer(BaseRenderer):
    """Lets a caller ask for `application/pdf`; an error still answers its JSON shape."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        if isinstance(data, bytes):
            return data
        return json.dumps(data, ensure_ascii=False).encode()


class DossierFormView(APIView):
    renderer_classes = [JSONRenderer, PdfRenderer]

    @extend_schema(
        operation_id="dossiers_form",
        tags=["dossiers"],
        summary=_("Một mẫu giấy tờ của hồ sơ (PDF)"),
        description=_(
            "Mẫu 01 (giấy tiếp nhận và hẹn trả), 02 (yêu cầu bổ sung), 03 (từ chối), 04 (xin "
            "lỗi, hẹn lại), 05 (dừng giải quyết) trả đúng bản đã cấp (bản mới nhất nếu cấp nhiều "
            "lần); 06 (phiếu kiểm soát quá trình) và 07 (dòng của hồ sơ trong sổ theo dõi) lập "
            "tại thời điểm gọi."
        ),
        parameters=[
            CODE_PARAMETER,
            OpenApiParameter(
                "form",
                str,
                OpenApiParameter.PATH,
                enum=list(printing.FORMS),
                description=_("Số mẫu, 01 đến 07."),
            ),
        ],
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="PDF"),
            401: error_response(_("Chưa đăng nhập.")),
            404: error_response(
                _(
                    "Không có hồ sơ, người gọi không được xem hồ sơ, không có mẫu này, hoặc hồ "
                    "sơ chưa được cấp mẫu này."
                )
            ),
        },
    )
    def get(self, request: Request, code: str, form: str) -> HttpResponse:
        printed = printing.form_pdf(user=request.user, code=code, form=form)
        response = HttpResponse(printed.content, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{printed.filename}"'
        return response
