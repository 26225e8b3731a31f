"""The paper hand-over pages: the receiving commune's officers see the list waiting for them
with its dossiers and accept it once they tick that the papers match (the step's clock starts
then); the giving commune sees it sent, without the accept action; anyone else gets 404 and
a citizen 403; a substitute sees the lists of the colleague they stand in for, marked so."""

import re
from datetime import timedelta
from typing import Any

import pytest

from motcua.accounts.services import delegate
from motcua.core import clock
from motcua.dossiers.models import Dossier, DossierEvent, HandoverBatch
from motcua.workflow.importer import import_process
from tests.backoffice.officers import verified_login
from tests.dossiers.helpers import act, applicant, walk_in
from tests.dossiers.world import SETUP
from tests.factories import OfficerFactory, grant
from tests.workflow.builders import sample

pytestmark = pytest.mark.django_db

LIST = "/can-bo/ban-giao/"


def on_paper() -> dict[str, Any]:
    """The sample process whose intake step hands its papers over."""
    document = sample()
    for step in document["steps"]:
        if step["key"] == "tiep_nhan":
            step["paper_handover"] = True
    return document


@pytest.fixture
def paper(world):
    with clock.frozen(SETUP):
        assert import_process(on_paper()).ok
    return world


def given(world, n: int = 1) -> list[Dossier]:
    """`n` walk-ins at commune B's desk for commune A, forwarded on paper to commune A."""
    start = HandoverBatch.objects.count() and Dossier.objects.count()
    dossiers = []
    for i in range(start, start + n):
        dossier = walk_in(
            world,
            user=world.counter_b,
            receiving_agency=world.tree.commune_b,
            competent_agency=world.tree.commune_a,
            applicant=applicant(name=f"Người nộp {i}"),
        )
        dossiers.append(act("forward", dossier, user=world.counter_b))
    return dossiers


def test_the_receiving_unit_sees_the_list_and_accepts_it(client, paper, monday):
    dossiers = given(paper, 2)
    batch = HandoverBatch.objects.get()
    verified_login(client, paper.specialist_a)
    page = client.get(LIST).content.decode()
    assert "Chờ nhận" in page
    for dossier in dossiers:
        assert dossier.key in page
    detail = client.get(f"{LIST}{batch.pk}/").content.decode()
    assert "Người nộp 0" in detail
    assert "Người nộp 1" in detail
    assert "Nhận danh sách" in detail
    assert "Người giao" in detail  # the signature blocks of the printed list

    unticked = client.post(f"{LIST}{batch.pk}/", {})
    assert unticked.status_code == 400
    assert "Đối chiếu hồ sơ giấy với danh sách" in unticked.content.decode()
    batch.refresh_from_db()
    assert batch.accepted_at is None

    accepted = client.post(f"{LIST}{batch.pk}/", {"checked": "on"}, follow=True)
    body = accepted.content.decode()
    assert "Đã nhận 2 hồ sơ giấy từ UBND phường Bình Minh" in body
    assert "Đã nhận" in body
    assert "Nhận danh sách" not in body
    batch.refresh_from_db()
    assert batch.accepted_by == paper.specialist_a
    for dossier in dossiers:
        dossier.refresh_from_db()
        assert dossier.step_started_at == monday
    # Accepted lists move to the recent ones.
    assert "Không có danh sách nào chờ đơn vị bạn nhận." in client.get(LIST).content.decode()


def test_the_giving_unit_sees_it_sent_but_may_not_accept(client, paper, monday):
    given(paper)
    batch = HandoverBatch.objects.get()
    verified_login(client, paper.counter_b)
    page = client.get(LIST).content.decode()
    assert "Không có danh sách nào chờ đơn vị bạn nhận." in page
    assert f"{LIST}{batch.pk}/" in page  # among the recent ones
    detail = client.get(f"{LIST}{batch.pk}/").content.decode()
    assert "Nhận danh sách" not in detail
    assert client.post(f"{LIST}{batch.pk}/", {"checked": "on"}).status_code == 403
    batch.refresh_from_db()
    assert batch.accepted_at is None


def test_other_officers_get_404_and_citizens_403(client, paper, monday):
    given(paper)
    batch = HandoverBatch.objects.get()
    outsider = OfficerFactory(full_name="Phan Thu Hà")
    grant(outsider, "specialist", paper.tree.department)
    verified_login(client, outsider)
    assert client.get(f"{LIST}{batch.pk}/").status_code == 404
    assert client.post(f"{LIST}{batch.pk}/", {"checked": "on"}).status_code == 404
    assert f"{LIST}{batch.pk}/" not in client.get(LIST).content.decode()
    client.logout()
    client.force_login(paper.citizen)
    assert client.get(LIST).status_code == 403
    assert client.get(f"{LIST}{batch.pk}/").status_code == 403


def test_a_substitute_sees_the_absent_colleagues_lists(client, paper, monday):
    given(paper)
    stand_in = OfficerFactory(full_name="Ngô Văn Tâm")
    grant(stand_in, "specialist", paper.tree.department)
    grant(stand_in, "counter_officer", paper.tree.commune_b_desk)
    delegate(
        actor=paper.counter_b,
        principal=paper.counter_b,
        substitute=stand_in,
        starts_at=monday - timedelta(hours=1),
        ends_at=monday + timedelta(days=1),
    )
    verified_login(client, stand_in)
    page = client.get(LIST).content.decode()
    assert "Đang thay Đặng Thị Ngọc" in page


def test_a_substitute_accepts_for_the_absent_receiver(client, paper, monday):
    given(paper)
    batch = HandoverBatch.objects.get()
    stand_in = OfficerFactory(full_name="Ngô Văn Tâm")
    for assignment in paper.specialist_a.role_assignments.all():
        grant(stand_in, "counter_officer", assignment.agency)
    delegate(
        actor=paper.specialist_a,
        principal=paper.specialist_a,
        substitute=stand_in,
        starts_at=monday - timedelta(hours=1),
        ends_at=monday + timedelta(days=1),
    )
    verified_login(client, stand_in)
    assert client.post(f"{LIST}{batch.pk}/", {"checked": "on"}).status_code == 302
    batch.refresh_from_db()
    assert batch.accepted_by == stand_in
    assert DossierEvent.objects.get(action="accept_handover").actor == stand_in


def test_the_list_page_reads_a_fixed_number_of_queries(
    client, paper, monday, django_assert_max_num_queries
):
    given(paper)
    verified_login(client, paper.specialist_a)
    with django_assert_max_num_queries(30) as few:
        client.get(LIST)
    given(paper, 6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(LIST).content.decode()
    assert len(re.findall(r"Người nộp \d", body)) == 7
