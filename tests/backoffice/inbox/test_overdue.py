"""The leaders' list of late work: the unit's dossiers past their appointment and the steps past
their due moment, each with who holds it and by how much; only leaders reach it; its cost in
queries does not grow with the dossiers."""

import pytest
from django.test import Client

from motcua.core import clock
from tests.backoffice.officers import verified_login
from tests.dossiers.helpers import act, applicant, at, walk_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("morning")]

LATE = "/can-bo/tre-han/"


def late_work(world, number: int = 1):
    for index in range(number):
        dossier = act(
            "forward",
            walk_in(world, applicant=applicant(name=f"Người {index}")),
            user=world.counter_a,
        )
        if index == 0:
            act("assign", dossier, user=world.leader_a, handler=world.specialist_a)


def test_the_leader_sees_each_late_step_with_its_holder_and_how_late(world):
    late_work(world)
    act("forward", walk_in(world, applicant=applicant(name="Chưa ai nhận")), user=world.counter_a)
    with clock.frozen(at(1, 7, 10)):
        page = verified_login(Client(), world.leader_a).get(LATE)
        assert page.status_code == 200
        late_steps = page.context["late_steps"]
        assert len(late_steps) == 2
        assert len(page.context["late"]) == 2  # a one-day procedure received yesterday 08:00
        html = page.content.decode()
        assert "Vũ Đức Thắng" in html  # the assigned handler
        assert "chưa phân công" in html
        assert all(row.step_due.tone == "overdue" for row in late_steps)
        assert "quá hạn" in late_steps[0].step_due.words


def test_only_leaders_reach_it_and_another_units_leader_sees_none_of_it(world):
    late_work(world)
    with clock.frozen(at(1, 7, 10)):
        assert verified_login(Client(), world.counter_a).get(LATE).status_code == 403
        other = verified_login(Client(), world.leader_b).get(LATE)
        assert other.status_code == 200
        assert other.context["late_steps"] == []
        assert other.context["late"] == []


def test_the_list_costs_the_same_queries_for_3_and_for_30_late_dossiers(
    world, django_assert_max_num_queries
):
    late_work(world, 3)
    with clock.frozen(at(1, 7, 10)):
        client = verified_login(Client(), world.leader_a)
        client.get(LATE)
        with django_assert_max_num_queries(30) as few:
            client.get(LATE)
    late_work(world, 27)
    with clock.frozen(at(1, 7, 10)), django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(LATE)
    assert len(page.context["late_steps"]) == 30
