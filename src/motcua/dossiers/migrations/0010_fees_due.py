from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0009_issued_paper_context"),
    ]

    operations = [
        migrations.AddField(
            model_name="dossier",
            name="fees_due",
            field=models.PositiveBigIntegerField(
                default=0, verbose_name="phí, lệ phí chưa nộp (đồng)"
            ),
        ),
        migrations.AddField(
            model_name="dossier",
            name="fees_unpriced",
            field=models.BooleanField(
                default=False, verbose_name="có khoản phí chưa xác định mức thu"
            ),
        ),
    ]
