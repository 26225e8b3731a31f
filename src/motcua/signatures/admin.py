"""The admin: signing credentials (a certificate and an image uploaded as files; where the key
lives in `config`, see `Credential`), and signing sessions to read."""

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django import forms
from django.contrib import admin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.core.admin import ReadOnlyAdmin
from motcua.signatures.models import Credential, SigningSession


def _certificate(data: bytes) -> x509.Certificate:
    if b"-----BEGIN CERTIFICATE-----" in data:
        return x509.load_pem_x509_certificates(data)[0]
    return x509.load_der_x509_certificate(data)


class CredentialForm(forms.ModelForm):
    certificate_file = forms.FileField(
        label=gettext_lazy("Tệp chứng thư số (.cer, .crt, .pem)"), required=False
    )
    image_file = forms.FileField(
        label=gettext_lazy("Hình ảnh chữ ký / con dấu (PNG nền trong suốt)"), required=False
    )

    class Meta:
        model = Credential
        fields = ("user", "agency", "kind", "label", "config", "seal_diameter_mm", "active")

    def clean_certificate_file(self):
        upload = self.cleaned_data.get("certificate_file")
        if upload is None:
            if not self.instance.pk:
                raise forms.ValidationError(_("Hãy tải lên tệp chứng thư số."))
            return None
        try:
            return _certificate(upload.read())
        except ValueError as exc:
            raise forms.ValidationError(_("Tệp không phải chứng thư số.")) from exc

    def clean_image_file(self):
        upload = self.cleaned_data.get("image_file")
        if upload is None:
            return None
        data = upload.read()
        if not data.startswith(b"\x89PNG\r\n\x1a\n"):
            raise forms.ValidationError(_("Hình ảnh phải là tệp PNG."))
        return data

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("user")) == bool(cleaned.get("agency")):
            raise forms.ValidationError(
                _("Chọn hoặc người ký, hoặc cơ quan (con dấu) — đúng một trong hai.")
            )
        return cleaned

    def save(self, commit=True):
        credential = super().save(commit=False)
        certificate = self.cleaned_data.get("certificate_file")
        if certificate is not None:
            credential.certificate = certificate.public_bytes(serialization.Encoding.DER)
        if self.cleaned_data.get("image_file"):
            credential.image = self.cleaned_data["image_file"]
        if commit:
            credential.save()
        return credential


@admin.register(Credential)
class CredentialAdmin(admin.ModelAdmin):
    form = CredentialForm
    list_display = ("label", "kind", "user", "agency", "subject", "active")
    list_filter = ("kind", "active")
    search_fields = ("label", "user__username", "user__full_name", "agency__name", "agency__code")
    autocomplete_fields = ("user", "agency")
    readonly_fields = ("subject",)

    @admin.display(description=gettext_lazy("chủ thể chứng thư"))
    def subject(self, obj: Credential) -> str:
        if not obj.certificate:
            return ""
        return x509.load_der_x509_certificate(obj.certificate_der()).subject.rfc4514_string()


@admin.register(SigningSession)
class SigningSessionAdmin(ReadOnlyAdmin):
    list_display = ("purpose", "credential", "status", "created_by", "created_at", "completed_at")
    list_filter = ("status",)
    search_fields = ("purpose", "provider_reference", "created_by__username")
    list_select_related = ("credential", "created_by")
    exclude = ("pdf", "signed_pdf", "pending", "to_be_signed")
