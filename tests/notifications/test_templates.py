"""The notification texts in the admin: an administrator edits one and the next message uses it;
a text that does not parse, or names a placeholder its kind does not have, is refused with the
reason in Vietnamese and nothing changes."""

import pytest

from motcua.notifications import compose
from motcua.notifications.kinds import Channel, Kind, shipped
from motcua.notifications.models import Template

pytestmark = pytest.mark.django_db


@pytest.fixture
def template():
    text = shipped()[(Kind.APOLOGY.value, Channel.SMS.value)]
    row, _created = Template.objects.get_or_create(
        kind=Kind.APOLOGY, channel=Channel.SMS, defaults={"body": text.body}
    )
    return row


def _save(admin_client, template, body):
    return admin_client.post(
        f"/admin/notifications/template/{template.pk}/change/",
        {
            "kind": template.kind,
            "channel": template.channel,
            "subject": "",
            "body": body,
            "active": "on",
        },
    )


def test_an_edited_text_is_used_from_then_on(admin_client, template):
    body = "Xin loi: ho so {{ ma_ho_so }} hen tra lai {{ hen_moi }}."
    assert _save(admin_client, template, body).status_code == 302
    assert compose.text_for(Kind.APOLOGY, Channel.SMS).body == body


def test_a_text_that_does_not_parse_is_refused(admin_client, template):
    before = template.body
    answer = _save(admin_client, template, "Ho so {% if ma_ho_so %}{{ ma_ho_so }}")
    assert answer.status_code == 200
    assert "Mẫu viết sai cú pháp" in answer.content.decode()
    template.refresh_from_db()
    assert template.body == before


def test_an_unknown_placeholder_is_refused_with_the_known_ones(admin_client, template):
    answer = _save(admin_client, template, "Ho so {{ ma_ho_so }} cua {{ so_cmnd }}")
    page = answer.content.decode()
    assert answer.status_code == 200
    assert "Mẫu dùng biến không có: so_cmnd" in page
    assert "{{ hen_moi }}" in page
