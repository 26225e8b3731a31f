"""Fee lines from the procedure version, cash at the desk, and the result held back until the
fees are paid."""

import pytest

from motcua.core import clock
from motcua.core.errors import Conflict, Forbidden, ValidationFailed
from motcua.dossiers.models import Status
from motcua.events.delivery import sweep
from motcua.payments import selectors, services
from motcua.payments.models import Payment, PaymentMethod, PaymentStatus
from tests.dossiers.helpers import act, at, online, to_approval, walk_in
from tests.payments.world import paying_world


@pytest.fixture
def world(db):
    return paying_world()


@pytest.fixture
def committed_world(transactional_db):
    """For the outbox consumers, which run after the filing's transaction commits."""
    return paying_world()


def test_a_filed_dossier_gets_its_fee_lines_for_the_channel_it_came_by(committed_world):
    world = committed_world
    with clock.frozen(at(3, 2, 9)):
        filed_online = online(world)
        at_desk = walk_in(world)
    sweep()  # the outbox consumer assesses what was filed

    online_lines = {line.name: line.amount for line in selectors.lines_of(filed_online)}
    desk_lines = {line.name: line.amount for line in selectors.lines_of(at_desk)}
    assert online_lines == {"Lệ phí đăng ký khai sinh": 5000, "Phí cấp bản sao trích lục": 8000}
    assert desk_lines == {"Lệ phí đăng ký khai sinh": 10000, "Phí cấp bản sao trích lục": 8000}
    filed_online.refresh_from_db()
    assert filed_online.fees_due == 13000


def test_the_desk_assesses_copies_and_an_exemption(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = walk_in(world)
        services.assess(
            dossier=dossier, user=world.counter_a, quantities={"ban": 3}, exemptions=("ho ngheo",)
        )
    lines = {
        line.name: (line.quantity, line.amount, line.exemption)
        for line in selectors.lines_of(dossier)
    }
    assert lines["Phí cấp bản sao trích lục"] == (3, 0, "Hộ nghèo")
    dossier.refresh_from_db()
    assert dossier.fees_due == 10000


def test_only_the_receiving_desk_assesses(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = walk_in(world)
        with pytest.raises(Forbidden):
            services.assess(dossier=dossier, user=world.counter_b)


def test_the_result_is_not_returned_until_the_fees_are_paid_in_cash(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = walk_in(world, owner=world.citizen)
        services.ensure_assessed(dossier)
        dossier = to_approval(world, dossier)
        dossier = act("finish", dossier, user=world.leader_a)
        with pytest.raises(Conflict, match=r"18\.000 đồng phí, lệ phí chưa nộp"):
            act("return_result", dossier, user=world.counter_a)
        with pytest.raises(ValidationFailed, match=r"18\.000"):
            services.record_cash(user=world.counter_a, dossier=dossier, amount=5000)
        payment = services.record_cash(user=world.counter_a, dossier=dossier, amount=18000)
        returned = act("return_result", dossier, user=world.counter_a)

    assert (payment.method, payment.status, payment.received_by) == (
        PaymentMethod.CASH,
        PaymentStatus.PAID,
        world.counter_a,
    )
    assert payment.paid_at == at(3, 2, 9)
    assert returned.status == Status.RETURNED
    with pytest.raises(Conflict, match="không còn khoản nào"):
        services.record_cash(user=world.counter_a, dossier=dossier, amount=18000)


def test_cash_for_an_obligation_moves_the_waiting_dossier_on_in_the_officers_name(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = walk_in(world, owner=world.citizen)
        dossier = act(
            "request_payment", dossier, user=world.counter_a, amount=16000, reason="Hai bản sao."
        )
        assert selectors.due(dossier).obligation == 16000
        services.record_cash(user=world.counter_a, dossier=dossier, amount=16000 + 18000)
    dossier.refresh_from_db()
    assert dossier.status == Status.RECEIVED
    confirmed = dossier.events.get(action="confirm_payment")
    assert confirmed.actor == world.counter_a  # the officer who took the cash, not "Hệ thống"
    assert "34.000" in confirmed.note
    assert selectors.due(dossier).total == 0


def test_cash_noted_when_a_walk_in_is_received_becomes_a_payment_by_that_officer(
    committed_world,
):
    world = committed_world
    from motcua.dossiers import counter

    with clock.frozen(at(3, 2, 9)):
        dossier = walk_in(world)
        counter._note_cash_fee(user=world.counter_a, dossier=dossier, amount=18000)
    sweep()
    payment = Payment.objects.get(dossier=dossier)
    assert (payment.method, payment.amount, payment.received_by, payment.surplus) == (
        PaymentMethod.CASH,
        18000,
        world.counter_a,
        False,
    )
    sweep()  # delivered again: nothing more
    assert Payment.objects.filter(dossier=dossier).count() == 1


UNPRICED = [{"Loai": "phi", "Ten": "Phí thẩm định (tỉnh quy định)"}]


@pytest.fixture
def unpriced_world(db):
    return paying_world(fees=UNPRICED)


def test_a_fee_the_agency_prices_holds_the_result_until_priced_and_paid(unpriced_world):
    world = unpriced_world
    with clock.frozen(at(3, 2, 9)):
        dossier = walk_in(world, owner=world.citizen)
        services.ensure_assessed(dossier)
        dossier = act("finish", to_approval(world, dossier), user=world.leader_a)
        with pytest.raises(Conflict, match="chưa xác định mức thu"):
            act("return_result", dossier, user=world.counter_a)
        with pytest.raises(Conflict, match="tính lại"):
            services.record_cash(user=world.counter_a, dossier=dossier, amount=1)

        services.assess(dossier=dossier, user=world.counter_a, unpriced_amount=50000)
        services.record_cash(user=world.counter_a, dossier=dossier, amount=50000)
        returned = act("return_result", dossier, user=world.counter_a)
    assert returned.status == Status.RETURNED


def test_online_payment_is_refused_before_it_is_asked_for_and_after_the_end(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = online(world)
        services.ensure_assessed(dossier)
        with pytest.raises(Conflict, match="Chưa đến lúc nộp phí"):
            services.start_online(
                user=world.citizen, dossier=dossier, return_url="http://x/", client_ip="::1"
            )
        act("refuse", dossier, user=world.counter_a, reason="Không thuộc thẩm quyền.")
        dossier.refresh_from_db()
        with pytest.raises(Conflict, match="không còn khoản nào"):
            services.start_online(
                user=world.citizen, dossier=dossier, return_url="http://x/", client_ip="::1"
            )
