"""The first system administrator, from whom every other role is granted."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from motcua.accounts.models import RoleAssignment
from motcua.accounts.selectors import is_system_admin
from motcua.accounts.services import create_first_system_admin
from motcua.core.errors import Conflict


@pytest.mark.django_db
def test_first_system_admin_gets_the_role_and_the_admin_site():
    admin = create_first_system_admin(
        username="quantri", full_name="Nguyễn Minh Quân", password="Mot-mat-khau-dai-2026"
    )
    assert is_system_admin(admin)
    assert admin.is_staff
    assert admin.is_superuser
    assert (
        authenticate(
            RequestFactory().post("/"), username="quantri", password="Mot-mat-khau-dai-2026"
        )
        == admin
    )


@pytest.mark.django_db
def test_a_second_first_admin_is_refused_and_nothing_is_created():
    create_first_system_admin(username="quantri", full_name="Nguyễn Minh Quân", password=None)
    with pytest.raises(Conflict) as refused:
        create_first_system_admin(username="khac", full_name="Người khác", password=None)
    assert refused.value.code == "system_admin_exists"
    assert "đã có quản trị hệ thống" in refused.value.message
    assert list(RoleAssignment.objects.values_list("user__username", flat=True)) == ["quantri"]


@pytest.mark.django_db
def test_command_reads_the_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("MOTCUA_ADMIN_PASSWORD", "Mot-mat-khau-dai-2026")
    out = StringIO()
    call_command("create_system_admin", "--username=quantri", "--full-name=Lê Văn A", stdout=out)
    assert "quantri" in out.getvalue()
    assert (
        authenticate(
            RequestFactory().post("/"), username="quantri", password="Mot-mat-khau-dai-2026"
        )
        is not None
    )
    with pytest.raises(CommandError, match="đã có quản trị hệ thống"):
        call_command("create_system_admin", "--username=b", "--full-name=B", stdout=out)


@pytest.mark.django_db
def test_command_refuses_a_weak_password(monkeypatch):
    monkeypatch.setenv("MOTCUA_ADMIN_PASSWORD", "123")
    with pytest.raises(CommandError):
        call_command(
            "create_system_admin", "--username=quantri", "--full-name=A", stdout=StringIO()
        )
    assert not RoleAssignment.objects.exists()
