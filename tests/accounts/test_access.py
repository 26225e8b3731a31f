"""`accounts.access` and the agency-administration rules, tested across agencies."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured

from motcua.accounts import access
from motcua.accounts.models import Role
from motcua.core.errors import Forbidden
from tests.factories import OfficerFactory, UserFactory, grant


@pytest.fixture
def registry(monkeypatch):
    """A private copy of the registry, so a test's rules do not outlive it."""
    monkeypatch.setattr(access, "_rules", dict(access._rules))
    return access


def _always(user, obj) -> bool:
    return True


class TestRegistry:
    def test_one_rule_per_action(self, registry):
        registry.register("tests.read", _always)
        registry.register("tests.read", _always)  # ready() may run twice: the same rule is fine
        with pytest.raises(ImproperlyConfigured):
            registry.register("tests.read", lambda user, obj: False)

    @pytest.mark.django_db
    def test_unknown_action_is_a_programming_error(self, registry):
        with pytest.raises(access.UnknownAction):
            registry.can(UserFactory(), "tests.nobody_registered_this", None)
        with pytest.raises(access.UnknownAction):
            registry.ensure(AnonymousUser(), "tests.nobody_registered_this", None)

    @pytest.mark.django_db
    def test_inactive_and_anonymous_users_may_do_nothing(self, registry):
        registry.register("tests.read", _always)
        assert registry.can(UserFactory(), "tests.read", None)
        assert not registry.can(UserFactory(is_active=False), "tests.read", None)
        assert not registry.can(AnonymousUser(), "tests.read", None)
        assert not registry.can(None, "tests.read", None)

    @pytest.mark.django_db
    def test_ensure_raises_forbidden_in_vietnamese(self, registry):
        registry.register("tests.never", lambda user, obj: False)
        with pytest.raises(Forbidden) as refused:
            registry.ensure(UserFactory(), "tests.never", object())
        assert refused.value.message == "Bạn không có quyền thực hiện thao tác này."
        assert refused.value.status == 403

    def test_the_app_registers_its_rules(self):
        assert access.can(AnonymousUser(), "agencies.manage", None) is False
        assert access.can(AnonymousUser(), "accounts.assign_role", None) is False


@pytest.fixture
def officers(tree):
    """Admins of commune A and commune B, a department leader and admin (with everything
    below), a system administrator, a citizen, and an inactive former admin of commune A."""
    people = {
        "admin_a": OfficerFactory(),
        "admin_b": OfficerFactory(),
        "department_leader": OfficerFactory(),
        "department_admin": OfficerFactory(),
        "system_admin": OfficerFactory(),
        "citizen": UserFactory(),
        "inactive": OfficerFactory(is_active=False),
    }
    grant(people["admin_a"], Role.AGENCY_ADMIN, tree.commune_a)
    grant(people["admin_b"], Role.AGENCY_ADMIN, tree.commune_b)
    grant(people["department_leader"], Role.LEADER, tree.department, below=True)
    grant(people["department_admin"], Role.AGENCY_ADMIN, tree.department, below=True)
    grant(people["system_admin"], Role.SYSTEM_ADMIN)
    grant(people["inactive"], Role.AGENCY_ADMIN, tree.commune_a)
    return people


# Who may manage which unit: this test's own table, not the code's.
MANAGE = {
    "admin_a": {"commune_a", "commune_a_desk", "commune_a_division"},
    "admin_b": {"commune_b", "commune_b_desk"},
    "department_leader": set(),
    "department_admin": {"department", "division_1", "division_2"},
    "system_admin": {
        "province",
        "department",
        "division_1",
        "division_2",
        "commune_a",
        "commune_a_desk",
        "commune_a_division",
        "commune_b",
        "commune_b_desk",
    },
    "citizen": set(),
    "inactive": set(),
}


@pytest.mark.django_db
@pytest.mark.parametrize("who", list(MANAGE))
def test_who_manages_which_unit(tree, officers, who):
    units = {name: getattr(tree, name) for name in MANAGE["system_admin"]}
    allowed = {
        name for name, unit in units.items() if access.can(officers[who], "agencies.manage", unit)
    }
    assert allowed == MANAGE[who]


@pytest.mark.django_db
def test_who_grants_roles_where(tree, officers):
    assert access.can(officers["admin_a"], "accounts.assign_role", tree.commune_a_desk)
    assert not access.can(officers["admin_a"], "accounts.assign_role", tree.commune_b)
    assert not access.can(officers["admin_a"], "accounts.assign_role", tree.province)
    assert access.can(officers["department_admin"], "accounts.assign_role", tree.division_2)
    # None stands for the system administrator's role: only a system administrator grants it.
    assert not access.can(officers["admin_a"], "accounts.assign_role", None)
    assert not access.can(officers["department_admin"], "accounts.assign_role", None)
    assert access.can(officers["system_admin"], "accounts.assign_role", None)
    assert access.can(officers["system_admin"], "accounts.assign_role", tree.commune_b)


@pytest.mark.django_db
def test_a_rule_refuses_an_object_of_the_wrong_type(officers):
    with pytest.raises(TypeError):
        access.can(officers["admin_a"], "agencies.manage", officers["citizen"])
