"""Standing in for an absent colleague (ủy quyền khi vắng mặt): who may be named, and what the
substitute's actions record.

Leader Bùi Văn Sơn (leader_a) is away from Monday 2 to Friday 6 March; specialist Vũ Đức Thắng
(specialist_a), of the commune's Phòng Kinh tế, approves for him.
"""

import pytest
from rest_framework.test import APIClient

from motcua.accounts import services as accounts
from motcua.accounts.models import Role
from motcua.audit.selectors import entries_for, verify_chain
from motcua.core import clock
from motcua.core.errors import Conflict, Forbidden, ValidationFailed
from motcua.dossiers.models import Dossier
from tests.dossiers.helpers import act, at, walk_in
from tests.dossiers.world import World
from tests.factories import OfficerFactory, grant

STARTS, ENDS = at(3, 2, 7), at(3, 6, 17)


@pytest.fixture(autouse=True)
def _now():
    with clock.frozen(at(3, 1, 20)):
        yield


def away(world: World, **changes):
    values = {
        "actor": world.leader_a,
        "principal": world.leader_a,
        "substitute": world.specialist_a,
        "starts_at": STARTS,
        "ends_at": ENDS,
        "reason": "Đi học lớp bồi dưỡng",
    }
    values.update(changes)
    return accounts.delegate(**values)


def at_approval(world: World, when) -> Dossier:
    """A walk-in with its result attached, at the leader's step."""
    with clock.frozen(when):
        dossier = act("forward", walk_in(world), user=world.counter_a)
        dossier = act("attach_result", dossier, user=world.specialist_a, note="Giấy khai sinh")
        return act("forward", dossier, user=world.specialist_a)


# ---------------------------------------------------------------- naming a substitute


def test_a_delegation_is_recorded(world):
    delegation = away(world)
    assert (delegation.principal, delegation.substitute) == (world.leader_a, world.specialist_a)
    assert (delegation.starts_at, delegation.ends_at) == (STARTS, ENDS)
    assert delegation.reason == "Đi học lớp bồi dưỡng"
    assert delegation.created_by == world.leader_a


def test_the_end_must_come_after_the_start(world):
    with pytest.raises(ValidationFailed) as refused:
        away(world, starts_at=ENDS, ends_at=STARTS)
    assert refused.value.fields["ends_at"] == ["Thời điểm kết thúc phải sau thời điểm bắt đầu."]


def test_no_one_stands_in_for_themselves(world):
    with pytest.raises(ValidationFailed) as refused:
        away(world, substitute=world.leader_a)
    assert "Không thể ủy quyền cho chính mình." in refused.value.fields["substitute"]


def test_the_substitute_must_work_in_the_principals_units(world):
    for outsider in (world.leader_b, world.counter_b):
        with pytest.raises(ValidationFailed) as refused:
            away(world, substitute=outsider)
        assert refused.value.fields == {
            "substitute": [
                "Người thay thế phải là cán bộ đang làm việc tại đơn vị của người vắng mặt."
            ]
        }


def test_only_officers_take_part(world):
    with pytest.raises(ValidationFailed) as refused:
        away(world, substitute=world.citizen)
    assert refused.value.fields["substitute"] == ["Chỉ cán bộ, công chức mới được ủy quyền xử lý."]


def test_two_substitutes_may_not_cover_the_same_time(world):
    away(world)
    deputy = OfficerFactory(full_name="Đỗ Minh Quân")
    grant(deputy, Role.SPECIALIST, world.tree.commune_a_division)
    with pytest.raises(Conflict) as refused:
        away(world, substitute=deputy, starts_at=at(3, 5, 8), ends_at=at(3, 10, 17))
    assert refused.value.code == "delegation_overlaps"
    assert refused.value.message == "Đã có người thay thế trong khoảng thời gian này."
    # Back to back is not an overlap.
    later = away(world, substitute=deputy, starts_at=ENDS, ends_at=at(3, 10, 17))
    assert later.substitute == deputy


def test_a_colleague_cannot_name_a_substitute_for_someone_else(world):
    with pytest.raises(Forbidden) as refused:
        away(world, actor=world.counter_a)
    assert refused.value.message == (
        "Chỉ người vắng mặt, lãnh đạo hoặc quản trị đơn vị của họ được đặt người thay thế."
    )


def test_the_leader_names_a_substitute_for_an_absent_specialist(world):
    delegation = away(
        world, actor=world.leader_a, principal=world.specialist_a, substitute=world.counter_a
    )
    assert delegation.created_by == world.leader_a
    assert delegation.substitute == world.counter_a


# ---------------------------------------------------------------- acting for the principal


def test_the_substitute_approves_for_the_leader_and_the_history_says_so(world):
    away(world)
    dossier = at_approval(world, at(3, 3, 9))
    with clock.frozen(at(3, 3, 10)):
        dossier = act("approve", dossier, user=world.specialist_a, note="Đồng ý")
    event = dossier.events.latest("pk")
    assert event.action == "approve"
    assert event.actor == world.specialist_a
    assert event.acting_for == world.leader_a
    assert dossier.approved_by == world.specialist_a
    entry = entries_for(dossier).filter(action="dossier.approve").get()
    assert entry.actor_name == "Vũ Đức Thắng"
    assert entry.acting_for_id == world.leader_a.pk
    assert entry.acting_for_name == "Bùi Văn Sơn"
    assert verify_chain().ok


def test_the_api_history_names_the_absent_colleague(world):
    away(world)
    dossier = at_approval(world, at(3, 3, 9))
    with clock.frozen(at(3, 3, 10)):
        dossier = act("approve", dossier, user=world.specialist_a)
        client = APIClient()
        client.force_authenticate(world.specialist_a)
        body = client.get(f"/api/v1/dossiers/{dossier.code}").json()
    history = {event["action"]: event for event in body["history"]}
    assert history["approve"]["actor"] == "Vũ Đức Thắng"
    assert history["approve"]["acting_for"] == "Bùi Văn Sơn"
    assert history["forward"]["acting_for"] is None


def test_the_substitutes_own_actions_are_not_marked_as_acting_for(world):
    away(world)
    dossier = at_approval(world, at(3, 3, 9))
    forwarded = dossier.events.filter(action="forward").order_by("pk").last()
    assert forwarded.actor == world.specialist_a
    assert forwarded.acting_for is None


@pytest.mark.parametrize("when", [at(3, 2, 6, 59), at(3, 6, 17), at(3, 9, 9)])
def test_outside_the_period_the_substitute_may_not_act_for_the_leader(world, when):
    away(world)
    dossier = at_approval(world, at(3, 2, 6, 30))
    with clock.frozen(when), pytest.raises(Forbidden):
        act("approve", dossier, user=world.specialist_a)
    stored = Dossier.objects.get(pk=dossier.pk)
    assert stored.approved_at is None
    assert not stored.events.filter(action="approve").exists()


def test_the_principal_still_acts_in_person_during_the_period(world):
    away(world)
    dossier = at_approval(world, at(3, 3, 9))
    with clock.frozen(at(3, 3, 10)):
        dossier = act("approve", dossier, user=world.leader_a)
    event = dossier.events.latest("pk")
    assert (event.actor, event.acting_for) == (world.leader_a, None)


def test_the_substitute_sees_what_the_principal_sees_only_during_the_period(world):
    deputy = OfficerFactory(full_name="Đỗ Minh Quân")
    grant(deputy, Role.COUNTER_OFFICER, world.tree.commune_b_desk)
    accounts.delegate(
        actor=world.leader_b,
        principal=world.leader_b,
        substitute=deputy,
        starts_at=STARTS,
        ends_at=ENDS,
    )
    with clock.frozen(at(3, 2, 9)):
        dossier = walk_in(
            world,
            user=world.counter_b,
            receiving_agency=world.tree.commune_b,
            competent_agency=world.tree.commune_b,
        )
        dossier = act("forward", dossier, user=world.counter_b)
    # The deputy is a counter officer: the leader's `stop` is theirs only while standing in.
    with clock.frozen(at(3, 3, 9)):
        dossier = act("stop", dossier, user=deputy, reason="Người yêu cầu đã chết")
    assert dossier.status == "stopped"
    assert dossier.events.latest("pk").acting_for == world.leader_b
    assert verify_chain().ok
