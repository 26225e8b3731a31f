"""Appending to the audit log: what an entry holds, how it links to the previous one, and what
can never be done to it."""

import hashlib
from datetime import datetime

import pytest
from django.db import transaction

from motcua.audit.models import AppendOnly, AuditEntry, ChainHead
from motcua.audit.selectors import entries_for
from motcua.audit.services import ChainHeadMissing, record
from motcua.core import clock
from tests.audit.people import Person
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

AT = datetime(2025, 3, 3, 9, 0, 0, 123456, tzinfo=clock.VN_TZ)

# The documented canonical form, written out by hand (audit/chain.py): sorted keys, no spaces,
# UTF-8 characters as themselves, the time in UTC with microseconds, 64 zeros before entry 1.
FIRST_ENTRY = (
    '{"acting_for_id":12,"acting_for_name":"Lê Văn Cường","action":"dossier.receive",'
    '"actor_id":7,"actor_name":"Trần Thị Bình",'
    '"data":{"fee":50000,"note":"Đủ hồ sơ","steps":["tiếp nhận","thụ lý"]},'
    '"object_id":"H33.01-250303-0001","object_type":"dossiers.dossier",'
    '"occurred_at":"2025-03-03T02:00:00.123456+00:00",'
    '"prev_hash":"0000000000000000000000000000000000000000000000000000000000000000","seq":1}'
)


def test_the_hash_covers_the_documented_canonical_form(officer, leader):
    with clock.frozen(AT):
        entry = record(
            action="dossier.receive",
            actor=officer,
            acting_for=leader,
            object_type="dossiers.dossier",
            object_id="H33.01-250303-0001",
            data={"steps": ("tiếp nhận", "thụ lý"), "note": "Đủ hồ sơ", "fee": 50000},
        )
    assert entry.hash == hashlib.sha256(FIRST_ENTRY.encode("utf-8")).hexdigest()
    stored = AuditEntry.objects.get(seq=1)
    assert stored.occurred_at == AT
    assert stored.data == {"steps": ["tiếp nhận", "thụ lý"], "note": "Đủ hồ sơ", "fee": 50000}
    assert stored.computed_hash() == entry.hash


def test_each_entry_points_at_the_previous_and_the_head_at_the_last(officer):
    first = record(action="agency.update", actor=officer, object_type="agencies.agency")
    second = record(action="agency.update", actor=officer, object_type="agencies.agency")
    assert (first.seq, second.seq) == (1, 2)
    assert second.prev_hash == first.hash
    assert first.hash != second.hash
    head = ChainHead.objects.get()
    assert (head.last_seq, head.last_hash) == (2, second.hash)


def test_who_acted_is_read_from_any_user_like_object():
    nameless = record(action="dossier.view", actor=Person(pk=3, username="0912345678"))
    assert (nameless.actor_id, nameless.actor_name) == (3, "0912345678")
    system = record(action="dossier.flag_overdue")
    assert (system.actor_id, system.actor_name, system.acting_for_id) == (None, "", None)
    anonymous = record(action="dossier.lookup", actor=Person(pk=None))
    assert (anonymous.actor_id, anonymous.actor_name) == (None, "")


def test_an_object_is_named_by_its_model_and_key():
    citizen = UserFactory(full_name="Phạm Thị Dung")
    entry = record(action="account.update", actor=citizen, obj=citizen, data={"field": "phone"})
    assert (entry.object_type, entry.object_id) == ("accounts.user", str(citizen.pk))
    assert entry.actor_name == "Phạm Thị Dung"
    record(action="account.update", object_type="accounts.user", object_id="999")
    later = record(action="account.login", obj=citizen)
    assert list(entries_for(citizen)) == [entry, later]


@pytest.mark.parametrize(
    ("arguments", "error"),
    [
        ({"action": "Dossier Receive"}, ValueError),
        ({"action": "receive"}, ValueError),
        ({"action": "dossier.pay", "data": {"amount": 50000.0}}, TypeError),
        ({"action": "dossier.pay", "data": {"items": [{"ratio": 0.5}]}}, TypeError),
        ({"action": "dossier.pay", "data": {1: "non-string key"}}, TypeError),
        ({"action": "dossier.pay", "data": {"at": AT}}, TypeError),
        ({"action": "dossier.pay", "obj": ChainHead(), "object_id": "1"}, TypeError),
    ],
)
def test_what_cannot_be_recorded(arguments, error):
    with pytest.raises(error):
        record(**arguments)
    assert not AuditEntry.objects.exists()


def test_an_entry_rolls_back_with_the_change_it_describes(officer):
    kept = record(action="agency.update", actor=officer)

    def update_then_fail():
        with transaction.atomic():
            record(action="agency.update", actor=officer)
            raise ConnectionError("the change failed")

    with pytest.raises(ConnectionError):
        update_then_fail()
    assert list(AuditEntry.objects.values_list("seq", flat=True)) == [1]
    assert ChainHead.objects.get().last_hash == kept.hash
    assert record(action="agency.update").seq == 2


def test_entries_are_never_changed_or_deleted(officer):
    entry = record(action="agency.update", actor=officer)
    entry.action = "agency.delete"
    with pytest.raises(AppendOnly):
        entry.save()
    with pytest.raises(AppendOnly):
        entry.delete()
    with pytest.raises(AppendOnly):
        AuditEntry.objects.filter(seq=1).update(action="agency.delete")
    with pytest.raises(AppendOnly):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get().action == "agency.update"


def test_the_migrations_create_the_head_of_the_empty_chain():
    head = ChainHead.objects.get()
    assert (head.pk, head.last_seq, head.last_hash) == (1, 0, "0" * 64)


def test_an_emptied_database_starts_a_new_chain():
    ChainHead.objects.all().delete()
    assert record(action="agency.update").seq == 1
    assert ChainHead.objects.get().last_seq == 1


def test_a_missing_head_with_entries_left_stops_appends():
    record(action="agency.update")
    ChainHead.objects.all().delete()
    with pytest.raises(ChainHeadMissing):
        record(action="agency.update")
