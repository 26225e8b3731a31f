"""The shipped "result ready" texts asked everyone to come to the desk, also those who chose the
post or online: they now say how the result reaches them ({{ nhan_ket_qua }}). A template an
administrator changed is left as it is."""

from django.db import migrations

KIND = "dossier.finish"
OLD_SMS = "Ho so {{ ma_ho_so }} da co ket qua, moi nhan tai {{ co_quan_tra }}."
NEW_SMS = "Ho so {{ ma_ho_so }} da co ket qua. {{ nhan_ket_qua }}."
OLD_FULL = (
    "Kính gửi {{ nguoi_nhan }},\n\nHồ sơ {{ ma_ho_so }} ({{ thu_tuc }}) đã có kết quả. "
    "Mời ông/bà nhận tại {{ co_quan_tra }}."
)
NEW_FULL = (
    "Kính gửi {{ nguoi_nhan }},\n\nHồ sơ {{ ma_ho_so }} ({{ thu_tuc }}) đã có kết quả. "
    "{{ nhan_ket_qua }}."
)


def forward(apps, schema_editor):
    Template = apps.get_model("notifications", "Template")
    Template.objects.filter(kind=KIND, body=OLD_SMS).update(body=NEW_SMS)
    Template.objects.filter(kind=KIND, body=OLD_FULL).update(body=NEW_FULL)


def backward(apps, schema_editor):
    Template = apps.get_model("notifications", "Template")
    Template.objects.filter(kind=KIND, body=NEW_SMS).update(body=OLD_SMS)
    Template.objects.filter(kind=KIND, body=NEW_FULL).update(body=OLD_FULL)


class Migration(migrations.Migration):
    dependencies = [("notifications", "0003_zalo_link_codes")]

    operations = [migrations.RunPython(forward, backward)]
