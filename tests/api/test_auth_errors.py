"""DRF's own refusals answer in the project's error shape and language."""

import pytest
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView


class _Private(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request):
        return Response({})


@pytest.mark.django_db
def test_unauthenticated_answer_is_vietnamese_in_the_error_shape():
    request = APIRequestFactory().get("/api/v1/private")
    response = _Private.as_view()(request)
    assert response.status_code == 401
    assert response.data == {
        "code": "not_authenticated",
        "message": "Cần đăng nhập để thực hiện thao tác này.",
        "fields": {},
    }


def test_method_not_allowed_on_a_public_endpoint(client):
    response = client.post("/api/v1/calendar/due")
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"
    assert response.json()["message"] == "Phương thức không được hỗ trợ."
