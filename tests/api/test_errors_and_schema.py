"""The API's error shape and its documentation pages (conventions.md)."""

import pytest


def test_unknown_api_url_answers_404_in_the_error_shape(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "Không tìm thấy.", "fields": {}}


def test_schema_is_openapi_3_and_documents_the_error_shape(client):
    response = client.get("/api/v1/schema", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["components"]["schemas"]["Error"]["properties"]) == {
        "code",
        "message",
        "fields",
    }


def test_docs_page_loads_swagger_ui_from_this_server(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()


@pytest.mark.browser
@pytest.mark.django_db
def test_docs_render_in_chromium_without_leaving_the_server(live_server, page):
    """A newcomer follows the home page's link to the API docs: Swagger UI draws the calendar
    endpoint, and no request leaves the server (government intranets are often closed)."""
    origins = set()
    page.on("request", lambda request: origins.add(request.url.split("/")[2]))
    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Tài liệu API").click()
    page.get_by_text("/api/v1/calendar/due").first.wait_for(timeout=15000)

    assert origins == {live_server.url.split("/")[2]}
    assert errors == []
