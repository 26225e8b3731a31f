"""Registers (sổ hộ tịch, sổ chứng thực): approval enters the result in the competent agency's book
for the year, numbered 1, 2, … without gaps; other fields keep no register."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, transaction

from motcua.catalog.importer import import_catalogue
from motcua.catalog.models import Procedure
from motcua.catalog.selectors import procedure_by_code
from motcua.core import clock
from motcua.dossiers import registers
from motcua.dossiers.models import Dossier, Register, RegisterEntry
from motcua.workflow.importer import import_process
from tests.dossiers.helpers import act, at, online, walk_in
from tests.dossiers.world import SETUP, World, build_world
from tests.workflow.builders import sample

NOW = at(3, 2, 9)


@pytest.fixture(autouse=True)
def _now():
    with clock.frozen(NOW):
        yield


def another_procedure(code: str, name: str, field: str) -> Procedure:
    """A one-day commune procedure of `field`, with the sample birth process."""
    with clock.frozen(SETUP):
        report = import_catalogue(
            {
                "procedures": [
                    {
                        "MaTTHC": code,
                        "TenTTHC": name,
                        "LinhVuc": {"Ma": f"F-{code}", "Ten": field},
                        "CapThucHien": ["commune"],
                        "CoQuanThucHien": "Ủy ban nhân dân cấp xã",
                        "HinhThucDVC": "partial",
                        "ThoiHanGiaiQuyet": {"SoLuong": 1, "DonVi": "day"},
                        "KetQua": {"Ten": name, "DienTu": True},
                        "DaXacMinh": False,
                        "NguonTin": "Kiểm thử",
                    }
                ]
            }
        )
        assert report.ok, [str(rejection) for rejection in report.rejected]
        process = sample() | {"procedure": code}
        imported = import_process(process)
        assert imported.ok, imported.rejected
    return procedure_by_code(code)


def approved(world: World, **changes) -> Dossier:
    """A walk-in at commune A taken to the leader's approval."""
    dossier = act("forward", walk_in(world, **changes), user=world.counter_a)
    dossier = act("attach_result", dossier, user=world.specialist_a, note="Kết quả")
    dossier = act("forward", dossier, user=world.specialist_a)
    return act("approve", dossier, user=world.leader_a)


def number_of(dossier: Dossier) -> tuple[int, int, int, str, int]:
    entry = RegisterEntry.objects.select_related("register").get(dossier=dossier)
    book = entry.register
    return book.agency_id, book.year, book.book, book.kind, entry.number


def test_birth_registrations_are_numbered_in_the_communes_civil_status_book(world):
    first = approved(world)
    second = approved(world)
    commune = world.tree.commune_a.pk
    assert number_of(first) == (commune, 2026, 1, "civil_status", 1)
    assert number_of(second) == (commune, 2026, 1, "civil_status", 2)
    assert Register.objects.get().last_number == 2
    assert first.events.latest("pk").data["register_number"] == 1


def test_re_approval_keeps_the_number(world):
    dossier = approved(world)
    dossier = act("return_back", dossier, user=world.leader_a, reason="Sửa tên cha")
    dossier = act("forward", dossier, user=world.specialist_a)
    dossier = act("approve", dossier, user=world.leader_a)
    assert number_of(dossier)[-1] == 1
    assert RegisterEntry.objects.count() == 1
    assert dossier.events.latest("pk").data["register_number"] == 1


def test_the_book_is_the_competent_agencys(world):
    with_b = approved(world)
    at_b = act(
        "forward",
        walk_in(
            world,
            user=world.counter_b,
            receiving_agency=world.tree.commune_b,
            competent_agency=world.tree.commune_b,
        ),
        user=world.counter_b,
    )
    assert number_of(with_b)[0] == world.tree.commune_a.pk
    assert not RegisterEntry.objects.filter(dossier=at_b).exists()
    # Commune B's first entry is its own number 1, beside commune A's.
    dossier = Dossier.objects.get(pk=at_b.pk)
    with transaction.atomic():
        entry = registers.enter(dossier=dossier, user=world.leader_b, at=NOW)
    assert (entry.register.agency, entry.number) == (world.tree.commune_b, 1)


def test_a_new_year_opens_a_new_book_from_one(world):
    approved(world)
    with clock.frozen(at(1, 5, 9, year=2027)):
        dossier = Dossier.objects.get(pk=online(world).pk)
        entry = registers.enter(dossier=dossier, user=world.leader_a, at=clock.now())
    assert (entry.register.year, entry.register.book, entry.number) == (2027, 1, 1)


def test_certifications_go_in_their_own_book(world):
    certification = another_procedure("2.000815", "Chứng thực bản sao từ bản chính", "Chứng thực")
    dossier = approved(world, procedure=certification)
    assert number_of(dossier)[3:] == ("certification", 1)
    birth = approved(world)
    assert number_of(birth)[3:] == ("civil_status", 1)


def test_a_procedure_of_another_field_gets_no_entry(world):
    other = another_procedure("1.004492", "Cấp giấy phép kinh doanh", "Thành lập và hoạt động")
    dossier = approved(world, procedure=other)
    assert dossier.approved_at == NOW
    assert not RegisterEntry.objects.filter(dossier=dossier).exists()
    assert not Register.objects.exists()
    assert dossier.events.latest("pk").data["register_number"] is None


ENTRIES = 20


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_entries_get_numbers_one_to_twenty():
    world = build_world()
    dossiers = [online(world) for _ in range(ENTRIES)]

    def enter(dossier: Dossier) -> int:
        try:
            with transaction.atomic():
                entry = registers.enter(dossier=dossier, user=world.leader_a, at=NOW)
            return entry.number
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=ENTRIES) as pool:
        numbers = list(pool.map(enter, dossiers))
    assert sorted(numbers) == list(range(1, ENTRIES + 1))
    book = Register.objects.get()
    assert (book.agency, book.book, book.last_number) == (world.tree.commune_a, 1, ENTRIES)
    stored = RegisterEntry.objects.values_list("number", flat=True)
    assert sorted(stored) == list(range(1, ENTRIES + 1))
