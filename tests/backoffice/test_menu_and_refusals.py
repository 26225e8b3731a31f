"""The officers' menu offers the pages each may open; a page someone may not see answers 403 on
the site's own page in Vietnamese, with the reason the view gave and a way back — the officers'
page under /can-bo/, the citizens' elsewhere."""

import pytest
from django.test import Client

from tests.backoffice.officers import verified_login
from tests.dossiers.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def test_an_officer_without_the_role_is_told_why_and_led_back(world):
    desk = verified_login(Client(), world.counter_a)
    refused = desk.get("/can-bo/thong-bao/")
    assert refused.status_code == 403
    page = refused.content.decode()
    assert "Trang này không thuộc phạm vi công việc của bạn" in page
    assert 'href="/can-bo/"' in page
    assert "Forbidden" not in page


def test_a_refused_portal_page_is_the_portals_with_a_way_home(world):
    officer = verified_login(Client(), world.counter_a)
    refused = officer.get("/phan-anh-kien-nghi/gui/")  # feedback is sent by the public
    assert refused.status_code == 403
    page = refused.content.decode()
    assert "Ông/Bà không có quyền xem trang này" in page
    assert "Về trang chủ" in page


def _menu(client: Client) -> str:
    page = client.get("/can-bo/").content.decode()
    return page[page.index("<nav") : page.index("</nav>")]


def test_the_menu_offers_only_the_pages_the_officer_may_open(world):
    desk = _menu(verified_login(Client(), world.counter_a))
    assert "Tiếp nhận tại quầy" in desk
    for closed in ["Hồ sơ trễ hạn", "Quản trị đơn vị", "Thông báo đã gửi"]:
        assert closed not in desk
    leader = _menu(verified_login(Client(), world.leader_a))
    assert "Hồ sơ trễ hạn" in leader
    assert "Thông báo đã gửi" in leader
    assert "Tiếp nhận tại quầy" not in leader
    # What the menu offers, the page opens.
    assert verified_login(Client(), world.leader_a).get("/can-bo/tre-han/").status_code == 200
    assert verified_login(Client(), world.counter_a).get("/can-bo/tiep-nhan/").status_code == 200
