"""The shipped texts as editable templates, one per kind and channel."""

from django.db import migrations

from motcua.notifications.kinds import shipped


def install(apps, schema_editor):
    Template = apps.get_model("notifications", "Template")
    for (kind, channel), text in shipped().items():
        Template.objects.get_or_create(
            kind=kind, channel=channel, defaults={"subject": text.subject, "body": text.body}
        )


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_messages_and_templates")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
