import pytest


def test_home_names_the_province_and_links_to_what_exists(client, demo_province):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "UBND tỉnh An Hòa" in html
    assert 'href="/api/v1/docs"' in html
    assert 'href="/thu-tuc/"' in html
    assert 'href="/tra-cuu/"' in html


@pytest.mark.django_db
def test_home_works_before_any_agency_is_loaded(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Hệ thống một cửa điện tử" in response.content.decode()


def test_pages_carry_security_headers(client, db):
    response = client.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
