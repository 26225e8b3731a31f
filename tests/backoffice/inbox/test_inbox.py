"""The inbox: each tab holds what it says, for the officer it says, with its count; filters and
search (with or without diacritics) narrow it; due moments carry colour and words; another
unit's officer sees none of it; and the page costs the same number of queries for 3 dossiers
as for 30."""

import re
from datetime import timedelta

import pytest

from motcua.accounts.models import Delegation
from motcua.core import clock
from motcua.dossiers.models import Channel, HandoverBatch
from tests.dossiers.helpers import act, applicant, at, online, walk_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("morning")]

HOME = "/can-bo/"


def counts(response) -> dict[str, int]:
    """Each tab's label and the number shown beside it."""
    found = re.findall(
        r'class="nav-link[^"]*" href="\?tab=[^"]*"[^>]*>([^<]+)<span class="badge[^"]*">(\d+)</span>',
        response.content.decode(),
    )
    return {label.strip(): int(number) for label, number in found}


def keys(response) -> list[str]:
    return [row.dossier.key for row in response.context["rows"]]


def test_each_tab_holds_the_dossiers_waiting_there_with_its_count(world, officer):
    submitted = online(world)
    received = walk_in(world)
    at_specialist = act("forward", walk_in(world), user=world.counter_a)

    desk = officer(world.counter_a).get(HOME)
    assert desk.status_code == 200
    assert counts(desk) == {
        "Chờ tôi xử lý": 1,
        "Của đơn vị": 3,
        "Quá hạn": 0,
        "Đến hạn hôm nay": 2,
        "Chờ tiếp nhận": 1,
        "Xin ý kiến": 0,
    }
    # The walk-in the desk received is its own (its handler); the specialist's step is not.
    assert keys(desk) == [received.key]
    intake = officer(world.counter_a).get(HOME, {"tab": "cho-tiep-nhan"})
    assert keys(intake) == [submitted.reference]

    # Nobody is assigned at the specialist's step: it waits for whoever holds the role there.
    specialist = officer(world.specialist_a).get(HOME)
    assert keys(specialist) == [at_specialist.key]
    assert counts(specialist)["Chờ tiếp nhận"] == 0


def test_a_colleague_stood_in_for_brings_their_work_along(world, officer):
    at_specialist = act("forward", walk_in(world), user=world.counter_a)
    Delegation.objects.create(
        principal=world.specialist_a,
        substitute=world.counter_b,
        starts_at=clock.now() - timedelta(hours=1),
        ends_at=clock.now() + timedelta(days=3),
        created_at=clock.now(),
    )
    assert keys(officer(world.counter_b).get(HOME)) == [at_specialist.key]


def test_another_units_officer_sees_nothing_of_it(world, officer):
    dossier = walk_in(world)
    online(world)
    other = officer(world.counter_b)
    page = other.get(HOME, {"tab": "don-vi"})
    assert set(counts(page).values()) == {0}
    assert other.get(f"/can-bo/ho-so/{dossier.key}/").status_code == 404


def test_search_by_name_without_diacritics_by_id_number_and_by_code(world, officer):
    binh = walk_in(world)
    hung = walk_in(world, applicant=applicant(name="Nguyễn Văn Hùng", id_number="099085004321"))
    client = officer(world.counter_a)

    def found(text):
        return keys(client.get(HOME, {"tab": "don-vi", "q": text}))

    assert found("tran thi BINH") == [binh.key]
    assert found("Nguyễn Văn Hùng") == [hung.key]
    assert found("nguyen van hung") == [hung.key]
    assert found("099085004321") == [hung.key]
    assert found(binh.code) == [binh.key]
    assert found("khong co ai") == []


def test_filters_by_status_channel_and_dates_and_sorts_by_due_moment(world, officer):
    online_one = online(world)
    first = walk_in(world)
    with clock.frozen(at(1, 6, 10)):
        second = walk_in(world)
    client = officer(world.counter_a)

    assert keys(client.get(HOME, {"tab": "don-vi", "kenh": Channel.ONLINE})) == [
        online_one.reference
    ]
    assert keys(client.get(HOME, {"tab": "don-vi", "trang_thai": "received"})) == [
        first.key,
        second.key,
    ]
    assert keys(client.get(HOME, {"tab": "don-vi", "sap_xep": "newest"}))[0] == second.key
    none_yet = client.get(HOME, {"tab": "don-vi", "tu_ngay": "2026-01-07"})
    assert keys(none_yet) == []


def test_due_moments_say_how_long_is_left_or_how_late_in_colour_and_words(world, officer):
    dossier = walk_in(world)  # the desk's step: 1 working hour, due 09:00
    client = officer(world.counter_a)
    page = client.get(HOME).content.decode()
    assert "bo-due--today" in page
    assert "còn 1 giờ làm việc" in page

    with clock.frozen(at(1, 6, 11)):
        client = officer(world.counter_a)  # the morning's session has gone idle by now
        late = client.get(HOME)
        html = late.content.decode()
        assert "bo-due--overdue" in html
        assert "quá hạn 2 giờ làm việc" in html
        assert counts(late)["Quá hạn"] == 1
        assert keys(client.get(HOME, {"tab": "qua-han"})) == [dossier.key]


def test_a_consultation_waits_in_the_asked_units_tab(world, officer, jurist):
    dossier = act("forward", walk_in(world), user=world.counter_a)
    act("consult", dossier, user=world.specialist_a)
    page = officer(jurist).get(HOME, {"tab": "xin-y-kien"})
    assert counts(page)["Xin ý kiến"] == 1
    assert keys(page) == [dossier.key]


def _file(world, number: int) -> None:
    for index in range(number):
        dossier = walk_in(world, applicant=applicant(name=f"Người nộp {index}"))
        if index % 3 == 0:
            act("forward", dossier, user=world.counter_a)
    for _index in range(number // 3):
        online(world)


@pytest.mark.parametrize("tab", ["cho-toi", "don-vi", "qua-han", "cho-tiep-nhan"])
def test_the_inbox_costs_the_same_queries_for_3_and_for_30_dossiers(
    world, officer, django_assert_max_num_queries, tab
):
    client = officer(world.counter_a)
    _file(world, 3)
    client.get(HOME)  # the session and the sites warm up
    with django_assert_max_num_queries(40) as few:
        client.get(HOME, {"tab": tab, "q": "nguoi"})
    _file(world, 30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(HOME, {"tab": tab, "q": "nguoi"})
    assert response.status_code == 200


def test_paper_batches_to_accept_are_listed_with_a_link_to_the_hand_over_page(world, officer):
    HandoverBatch.objects.create(
        from_unit=world.tree.commune_a_division,
        to_unit=world.tree.commune_a_desk,
        created_by=world.specialist_a,
        created_at=clock.now(),
    )
    page = officer(world.counter_a).get(HOME)
    assert len(page.context["batches"]) == 1
    assert 'href="/can-bo/ban-giao/">Từ Phòng Kinh tế tới Bộ phận Một cửa' in page.content.decode()
    assert officer(world.counter_b).get(HOME).context["batches"] == []
    # While commune B's desk officer stands in for commune A's, they see A's list too.
    Delegation.objects.create(
        principal=world.counter_a,
        substitute=world.counter_b,
        starts_at=clock.now() - timedelta(hours=1),
        ends_at=clock.now() + timedelta(days=1),
        created_at=clock.now(),
    )
    assert len(officer(world.counter_b).get(HOME).context["batches"]) == 1


def test_a_wrong_date_is_dropped_alone_and_said_so(world, officer):
    online_one = online(world)
    walk_in(world)
    page = officer(world.counter_a).get(
        HOME, {"tab": "don-vi", "kenh": Channel.ONLINE, "tu_ngay": "32/13/2026"}
    )
    assert keys(page) == [online_one.reference]
    assert "chưa được áp dụng" in page.content.decode()
