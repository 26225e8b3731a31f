"""Paper hand-over (bàn giao hồ sơ giấy): a dossier filed at commune B's desk for commune A goes
to commune A on a hand-over list, and commune A's step clock starts when it accepts the list."""

from typing import Any

import pytest

from motcua.core import clock
from motcua.core.errors import Conflict, NotFound
from motcua.dossiers import selectors, services
from motcua.dossiers.models import Dossier, HandoverBatch
from tests.dossiers.helpers import act, at, online, walk_in
from tests.dossiers.world import World, build_world
from tests.workflow.builders import sample

FILED = at(3, 2, 8)  # Monday
GIVEN = at(3, 2, 9)
ACCEPTED = at(3, 2, 14)
AWAITING = "Hồ sơ giấy chưa được UBND xã An Phú xác nhận đã nhận bàn giao."


def on_paper() -> dict[str, Any]:
    """The sample process whose intake step hands its papers over."""
    document = sample()
    for step in document["steps"]:
        if step["key"] == "tiep_nhan":
            step["paper_handover"] = True
    return document


@pytest.fixture
def world(db) -> World:
    return build_world(on_paper())


def at_commune_b(world: World) -> Dossier:
    """A walk-in at commune B's desk for a birth commune A registers, received at once."""
    with clock.frozen(FILED):
        return walk_in(
            world,
            user=world.counter_b,
            receiving_agency=world.tree.commune_b,
            competent_agency=world.tree.commune_a,
        )


def given(world: World) -> Dossier:
    dossier = at_commune_b(world)
    with clock.frozen(GIVEN):
        return act("forward", dossier, user=world.counter_b)


def test_forwarding_to_another_commune_puts_the_dossier_on_a_list_without_a_clock(world):
    dossier = given(world)
    assert dossier.current_unit == world.tree.commune_a
    assert dossier.current_step.key == "xu_ly"
    assert dossier.step_started_at is None
    assert dossier.step_due_at is None
    record = dossier.step_records.get(ended_at__isnull=True)
    assert record.given_at == GIVEN
    assert record.received_at is None
    assert record.due_at is None
    batch = HandoverBatch.objects.get()
    assert (batch.from_unit, batch.to_unit) == (world.tree.commune_b, world.tree.commune_a)
    assert batch.accepted_at is None
    assert record.batch == batch


def test_step_actions_wait_for_the_receiving_unit_to_accept(world):
    dossier = given(world)
    refused = [
        ("forward", world.specialist_a, {}),
        ("attach_result", world.specialist_a, {"note": "Giấy khai sinh"}),
        ("return_back", world.specialist_a, {"reason": "Trả lại"}),
        ("assign", world.leader_a, {"handler": world.specialist_a}),
    ]
    for action, user, fields in refused:
        with clock.frozen(at(3, 2, 10)), pytest.raises(Conflict) as held:
            act(action, dossier, user=user, **fields)
        assert held.value.message == AWAITING, action
    assert selectors.available_actions(world.specialist_a, dossier) == []


def test_accepting_starts_the_clock_at_acceptance(world):
    dossier = given(world)
    version = Dossier.objects.get(pk=dossier.pk).version
    with clock.frozen(ACCEPTED):
        batch = services.accept_batch(user=world.specialist_a, batch=HandoverBatch.objects.get())
    assert batch.accepted_at == ACCEPTED
    assert batch.accepted_by == world.specialist_a
    dossier.refresh_from_db()
    assert dossier.version == version + 1
    assert dossier.step_started_at == ACCEPTED
    assert dossier.step_due_at == at(3, 3, 8, 30)  # xu_ly's 4 hours: 3 on Monday, 1 on Tuesday
    arrival = dossier.events.latest("pk")
    assert arrival.action == "accept_handover"
    assert arrival.actor == world.specialist_a
    assert arrival.at == ACCEPTED
    assert f"danh sách bàn giao số {batch.pk}" in arrival.note
    with clock.frozen(at(3, 2, 15)):
        dossier = act("forward", dossier, user=world.specialist_a)
    assert dossier.current_step.key == "phe_duyet"


def test_the_timeline_keeps_both_the_given_and_the_received_time(world):
    dossier = given(world)
    with clock.frozen(ACCEPTED):
        services.accept_batch(user=world.leader_a, batch=HandoverBatch.objects.get())
    intake, processing = selectors.timeline(dossier)
    assert (intake.unit_name, intake.ended_at) == ("UBND phường Bình Minh", GIVEN)
    assert processing.unit_name == "UBND xã An Phú"
    assert processing.given_at == GIVEN
    assert processing.received_at == ACCEPTED
    assert processing.due_at == at(3, 3, 8, 30)


def test_dossiers_given_before_acceptance_share_one_list(world):
    first, second = given(world), given(world)
    batch = HandoverBatch.objects.get()
    assert {r.dossier_id for r in batch.records.all()} == {first.pk, second.pk}
    with clock.frozen(ACCEPTED):
        services.accept_batch(user=world.specialist_a, batch=batch)
    for dossier in (first, second):
        dossier.refresh_from_db()
        assert dossier.step_started_at == ACCEPTED
    # A dossier given after the list was accepted starts a new one.
    third = given(world)
    assert HandoverBatch.objects.count() == 2
    assert third.step_records.get(ended_at__isnull=True).batch != batch


def test_a_list_is_accepted_once(world):
    given(world)
    batch = HandoverBatch.objects.get()
    with clock.frozen(ACCEPTED):
        services.accept_batch(user=world.specialist_a, batch=batch)
    with clock.frozen(at(3, 2, 15)), pytest.raises(Conflict) as twice:
        services.accept_batch(user=world.leader_a, batch=batch)
    assert twice.value.code == "already_accepted"
    assert twice.value.message == "Danh sách bàn giao này đã được nhận lúc 14:00 02/03/2026."
    batch.refresh_from_db()
    assert (batch.accepted_by, batch.accepted_at) == (world.specialist_a, ACCEPTED)


@pytest.mark.parametrize("who", ["counter_b", "leader_b", "citizen"])
def test_only_the_receiving_unit_accepts(world, who):
    dossier = given(world)
    batch = HandoverBatch.objects.get()
    with clock.frozen(ACCEPTED), pytest.raises(NotFound):
        services.accept_batch(user=getattr(world, who), batch=batch)
    batch.refresh_from_db()
    assert batch.accepted_at is None
    assert Dossier.objects.get(pk=dossier.pk).step_started_at is None


def test_an_online_filing_at_commune_b_for_commune_a_also_goes_on_paper(world):
    with clock.frozen(FILED):
        dossier = online(world, agency=world.tree.commune_b, competent_agency=world.tree.commune_a)
        dossier = act("receive", dossier, user=world.counter_b)
    with clock.frozen(GIVEN):
        dossier = act("forward", dossier, user=world.counter_b)
    assert dossier.step_started_at is None
    assert HandoverBatch.objects.get().records.get().dossier_id == dossier.pk


def test_a_forward_within_the_same_commune_needs_no_list(world):
    with clock.frozen(FILED):
        dossier = walk_in(world)
    with clock.frozen(GIVEN):
        dossier = act("forward", dossier, user=world.counter_a)
    assert not HandoverBatch.objects.exists()
    assert dossier.step_started_at == GIVEN
    assert dossier.step_due_at == at(3, 2, 14, 30)
    record = dossier.step_records.get(ended_at__isnull=True)
    assert record.received_at == GIVEN
    assert record.batch is None
