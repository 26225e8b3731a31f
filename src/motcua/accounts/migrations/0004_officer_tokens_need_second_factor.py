"""API tokens given to officers before they needed their authenticator's code for one end: an
officer asks again with the code (`POST /api/v1/auth/token` with `otp`)."""

from django.db import migrations


def revoke_officer_tokens(apps, schema_editor):
    Token = apps.get_model("authtoken", "Token")
    Token.objects.filter(user__kind="officer").delete()
    Token.objects.filter(user__is_superuser=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_delegation"),
        ("authtoken", "0004_alter_tokenproxy_options"),
    ]

    operations = [migrations.RunPython(revoke_officer_tokens, migrations.RunPython.noop)]
