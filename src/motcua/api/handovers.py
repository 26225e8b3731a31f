"""Paper hand-over lists through the API: the lists the caller's unit is to accept, and
accepting one (the steps of its dossiers start their clocks then).

A list the caller may not accept answers 404, like one that does not exist.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.api.dossier_shapes import UnitSerializer, VNDateTimeField
from motcua.api.errors import error_response
from motcua.dossiers import selectors, services
from motcua.dossiers.errors import batch_not_found
from motcua.dossiers.models import HandoverBatch


class HandedOverSerializer(serializers.Serializer):
    code = serializers.CharField(source="dossier.key")
    applicant_name = serializers.CharField(source="dossier.applicant_name")
    procedure = serializers.CharField(source="dossier.procedure_version.name")
    step = serializers.CharField(source="step.name")
    given_by = serializers.CharField(source="given_by.full_name", allow_null=True)
    given_at = VNDateTimeField()
    received_at = VNDateTimeField(allow_null=True)
    due_at = VNDateTimeField(allow_null=True)


class BatchSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    from_unit = UnitSerializer()
    to_unit = UnitSerializer()
    created_at = VNDateTimeField()
    accepted_by = serializers.CharField(source="accepted_by.full_name", allow_null=True)
    accepted_at = VNDateTimeField(allow_null=True)
    dossiers = HandedOverSerializer(many=True, source="handed_over")


def _with_records(batch: HandoverBatch) -> HandoverBatch:
    batch.handed_over = list(
        batch.records.select_related("dossier__procedure_version", "step", "given_by").order_by(
            "given_at", "pk"
        )
    )
    return batch


class HandoverListView(APIView):
    @extend_schema(
        operation_id="handovers_list",
        tags=["handovers"],
        summary=_("Danh sách bàn giao hồ sơ giấy chờ nhận"),
        description=_(
            "Các danh sách bàn giao mà đơn vị của người gọi chưa nhận, cũ nhất trước, với từng "
            "hồ sơ trên danh sách."
        ),
        responses={
            200: OpenApiResponse(BatchSerializer(many=True), description=_("Danh sách.")),
            401: error_response(_("Chưa đăng nhập.")),
        },
    )
    def get(self, request: Request) -> Response:
        batches = [_with_records(b) for b in selectors.batches_to_accept(request.user)]
        return Response(BatchSerializer(batches, many=True).data)


class HandoverAcceptView(APIView):
    @extend_schema(
        operation_id="handovers_accept",
        tags=["handovers"],
        summary=_("Xác nhận đã nhận hồ sơ giấy"),
        description=_(
            "Cán bộ của đơn vị nhận xác nhận đã nhận đủ hồ sơ giấy trên danh sách: bước xử lý "
            "của từng hồ sơ bắt đầu tính thời gian từ lúc này."
        ),
        parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH)],
        request=None,
        responses={
            200: OpenApiResponse(BatchSerializer, description=_("Danh sách đã nhận.")),
            401: error_response(_("Chưa đăng nhập.")),
            404: error_response(_("Không có danh sách, hoặc người gọi không được nhận.")),
            409: error_response(_("Danh sách đã được nhận trước đó.")),
        },
    )
    def post(self, request: Request, id: int) -> Response:
        batch = HandoverBatch.objects.select_related("to_unit").filter(pk=id).first()
        if batch is None:
            raise batch_not_found()
        batch = services.accept_batch(user=request.user, batch=batch)
        return Response(BatchSerializer(_with_records(batch)).data)
