"""Rating a dossier (TT 01/2018): by its owner, once, after the result, on the per-dossier
criteria; the rating names the agencies it is about."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from motcua.audit.models import AuditEntry
from motcua.core import clock
from motcua.core.errors import Conflict, DomainError, Forbidden, NotFound, ValidationFailed
from motcua.events.models import OutboxMessage
from motcua.feedback import selectors, services
from motcua.feedback.models import Rating, RatingCriterion
from tests.dossiers.helpers import act, at, online
from tests.dossiers.world import build_world
from tests.feedback.helpers import finished

# TT 01/2018: the criteria asked about each dossier.
PER_DOSSIER = [1, 2, 3, 4, 6, 7]
GOOD = {1: 2, 2: 2, 3: 1, 4: 2, 6: 2, 7: 2}


def test_the_seeded_criteria_follow_the_circular(db):
    services.ensure_criteria()  # a no-op after the migration; earlier tests may have flushed
    assert list(RatingCriterion.objects.values_list("number", flat=True)) == list(range(1, 10))
    assert [c.number for c in selectors.dossier_criteria()] == PER_DOSSIER
    online_only = RatingCriterion.objects.filter(online_only=True)
    assert sorted(online_only.values_list("number", flat=True)) == [2, 6, 8, 9]


def test_the_owner_rates_a_finished_dossier_once(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = finished(world)
        assert selectors.may_rate_now(world.citizen, dossier)
        rating = services.rate(
            user=world.citizen, dossier=dossier, scores=GOOD, comment="  Cán bộ nhiệt tình.  "
        )
    assert (rating.total, rating.maximum) == (11, 12)
    assert rating.comment == "Cán bộ nhiệt tình."
    assert rating.receiving_agency == world.tree.commune_a
    assert rating.competent_agency == world.tree.commune_a
    assert {s.criterion.number: s.score for s in selectors.rating_of(dossier).scores.all()} == GOOD
    assert not selectors.may_rate_now(world.citizen, dossier)
    assert OutboxMessage.objects.filter(topic="rating.given", key=dossier.key).exists()
    assert AuditEntry.objects.filter(action="rating.give", object_id=str(rating.pk)).exists()
    with pytest.raises(Conflict) as again:
        services.rate(user=world.citizen, dossier=dossier, scores=GOOD)
    assert "đã được Ông/Bà đánh giá" in again.value.message
    assert Rating.objects.count() == 1


def test_not_before_the_result(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = online(world)
        act("receive", dossier, user=world.counter_a)
        with pytest.raises(Conflict) as refused:
            services.rate(user=world.citizen, dossier=dossier, scores=GOOD)
    assert refused.value.message == "Ông/Bà chỉ đánh giá được khi hồ sơ đã có kết quả giải quyết."
    assert not selectors.may_rate_now(world.citizen, dossier)


def test_every_criterion_needs_an_answer(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = finished(world)
        with pytest.raises(ValidationFailed) as refused:
            services.rate(user=world.citizen, dossier=dossier, scores={1: 2, 2: 5})
    assert set(refused.value.fields) == {f"criterion_{n}" for n in [2, 3, 4, 6, 7]}


def test_a_switched_off_criterion_is_not_asked(world):
    RatingCriterion.objects.filter(number=2).update(active=False)
    with clock.frozen(at(3, 2, 9)):
        rating = services.rate(
            user=world.citizen, dossier=finished(world), scores={1: 2, 3: 2, 4: 2, 6: 2, 7: 2}
        )
    assert (rating.total, rating.maximum) == (10, 10)


def test_only_the_owner_rates(world):
    with clock.frozen(at(3, 2, 9)):
        dossier = finished(world)
        with pytest.raises(NotFound):
            services.rate(user=world.other_citizen, dossier=dossier, scores=GOOD)
        with pytest.raises(Forbidden):
            services.rate(user=world.leader_a, dossier=dossier, scores=GOOD)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_ratings_at_once_one_wins():
    world = build_world()
    with clock.frozen(at(3, 2, 9)):
        dossier = finished(world)

        def rate(_n: int) -> str:
            try:
                services.rate(user=world.citizen, dossier=dossier, scores=GOOD)
                return "rated"
            except DomainError as error:
                return error.code
            finally:
                connection.close()

        with ThreadPoolExecutor(max_workers=4) as pool:
            outcomes = sorted(pool.map(rate, range(4)))
    assert outcomes == ["rated", "rated_already", "rated_already", "rated_already"]
    assert Rating.objects.filter(dossier=dossier).count() == 1


def test_a_database_emptied_of_criteria_gets_the_circulars_back_when_rating(world):
    RatingCriterion.objects.all().delete()
    with clock.frozen(at(3, 2, 9)):
        rating = services.rate(user=world.citizen, dossier=finished(world), scores=GOOD)
    assert (rating.total, rating.maximum) == (11, 12)
    assert RatingCriterion.objects.count() == 9


def test_with_every_criterion_switched_off_nothing_is_rated(world):
    RatingCriterion.objects.update(active=False)
    with clock.frozen(at(3, 2, 9)), pytest.raises(Conflict) as refused:
        services.rate(user=world.citizen, dossier=finished(world), scores=GOOD)
    assert refused.value.code == "no_criteria"
