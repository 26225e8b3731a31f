"""Vietnamese first: pages ignore the browser's language until the visitor picks English."""

import pytest


@pytest.mark.django_db
def test_pages_are_vietnamese_even_for_an_english_browser(client):
    response = client.get("/", headers={"accept-language": "en-US,en;q=0.9"})
    assert response["Content-Language"] == "vi"
    assert '<html lang="vi">' in response.content.decode()


@pytest.mark.django_db
def test_the_visitor_switches_to_english_and_back(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()
    assert "Tiếng Việt" in response.content.decode()  # the way back

    response = client.post("/i18n/setlang/", {"language": "vi", "next": "/"}, follow=True)
    assert response["Content-Language"] == "vi"


def test_api_callers_may_ask_for_english_errors(client):
    response = client.get("/api/v1/no-such-thing", headers={"accept-language": "en"})
    assert response.status_code == 404
    assert response.json()["message"] == "Not found."

    response = client.get("/api/v1/no-such-thing")
    assert response.json()["message"] == "Không tìm thấy."
